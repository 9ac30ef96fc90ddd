"""`diplomap extract` as a user runs it: JSON Lines on stdout, one error line per bad file."""

import json
import subprocess
import sys

from tests.conftest import REPO, SAMPLES


def run(*args):
    return subprocess.run([sys.executable, "-m", "dashboard.cli", "extract", *map(str, args)],
                          capture_output=True, text=True, cwd=REPO)


def test_the_sample_folder_prints_the_contract(gazetteer):
    proc = run(SAMPLES)
    assert proc.returncode == 0, proc.stderr
    lines = [json.loads(l) for l in proc.stdout.splitlines()]
    assert [l["article"]["id"][:3] for l in lines] == ["000", "001", "002", "003", "004"]
    first = lines[0]
    assert first["article"] == {"id": "000_21d5eff86862f4d5", "lang": "vi", "published": "2025-02-18",
                                "title": None, "url": None}
    riyadh = next(p for p in first["places"] if p["name"] == "Riyadh")
    assert set(riyadh) >= {"text", "start", "end", "name", "geonameid", "lat", "lon", "country", "precision",
                           "confidence", "reason"}
    assert (riyadh["geonameid"], riyadh["country"], riyadh["precision"]) == (108410, "SA", "city")
    call = next(m for m in first["meetings"] if m["kind"] == "phone_call")
    assert set(call) >= {"kind", "date", "date_precision", "place", "participants", "status", "evidence",
                         "confidence"}
    assert (call["date"], call["date_precision"], call["participants"], call["place"]) == (
        "2025-02-12", "day", ["RU", "US"], None)
    assert "12/2" in call["evidence"]


def test_bad_files_are_reported_and_the_rest_processed(gazetteer, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01" * 1000)
    (tmp_path / "polish.txt").write_text("Rozmowy w Rijadzie odbyły się we wtorek. Delegacje rozmawiały przez "
                                         "cztery godziny o przyszłości stosunków dwustronnych i wojnie.")
    (tmp_path / "good.txt").write_text("Russian and American diplomats held talks in Riyadh on Tuesday.")
    proc = run(tmp_path / "empty.txt", tmp_path / "binary.txt", tmp_path / "polish.txt", tmp_path / "good.txt")
    assert proc.returncode == 1
    errors = proc.stderr.strip().splitlines()
    assert len(errors) == 3 and all(e.startswith("error: ") for e in errors)
    assert "Traceback" not in proc.stderr
    assert "not supported" in errors[2]
    (line,) = proc.stdout.splitlines()
    assert json.loads(line)["article"]["lang"] == "en"
    assert "Riyadh" in {p["name"] for p in json.loads(line)["places"]}


def test_script_in_an_article_is_only_text(gazetteer, tmp_path):
    f = tmp_path / "x.jsonl"
    f.write_text(json.dumps({"id": "x", "lang": "en", "text": "Talks in Doha. </script><script>alert(1)</script> "
                             "<img src=x onerror=alert(1)>"}))
    proc = run(f)
    assert proc.returncode == 0
    assert json.loads(proc.stdout)["places"][0]["name"] == "Doha"
