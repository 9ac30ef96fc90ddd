"""`diplomap ingest` and `diplomap events` as a user runs them."""

import csv
import io
import json
import subprocess
import sys

import pytest

from tests.conftest import REPO, SAMPLES


def run(*args):
    return subprocess.run([sys.executable, "-m", "dashboard.cli", *map(str, args)], capture_output=True, text=True,
                          cwd=REPO)


@pytest.fixture(scope="module")
def db(tmp_path_factory, gazetteer):
    path = tmp_path_factory.mktemp("cli") / "events.sqlite"
    proc = run("ingest", SAMPLES, "--db", path)
    assert proc.returncode == 0, proc.stderr
    assert "5 articles added" in proc.stdout
    return path


def test_ingest_twice_adds_nothing(db):
    proc = run("ingest", SAMPLES, "--db", db)
    assert proc.returncode == 0 and "0 articles added, 5 already stored" in proc.stdout


def test_ingest_reports_bad_files_and_exits_1(db, tmp_path):
    (tmp_path / "empty.txt").write_text("")
    proc = run("ingest", tmp_path / "empty.txt", tmp_path / "missing.txt", "--db", db)
    assert proc.returncode == 1
    assert len(proc.stderr.strip().splitlines()) == 2 and "Traceback" not in proc.stderr


def test_events_as_json_lines(db):
    proc = run("events", "--db", db)
    assert proc.returncode == 0, proc.stderr
    events = [json.loads(line) for line in proc.stdout.splitlines()]
    riyadh = next(e for e in events if e["date"] == "2025-02-18" and e["kind"] == "talks")
    assert riyadh["place"]["name"] == "Riyadh" and riyadh["participants"] == ["RU", "US"]
    assert [s[:3] for s in riyadh["sources"]] == ["000", "002", "003"]
    assert {"kind", "date", "date_precision", "place", "participants", "status", "confidence", "sources",
            "reports"} <= set(riyadh)
    assert all(r["evidence"] for r in riyadh["reports"])


def test_events_as_geojson_and_csv_with_filters(db):
    proc = run("events", "--db", db, "--format", "geojson", "--country", "UA", "--since", "2025-01-01")
    fc = json.loads(proc.stdout)
    assert fc["type"] == "FeatureCollection" and fc["features"]
    for f in fc["features"]:
        assert "UA" in f["properties"]["participants"] and f["properties"]["date"] >= "2025-01-01"
        if f["geometry"]:
            lon, lat = f["geometry"]["coordinates"]
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    proc = run("events", "--db", db, "--format", "csv", "--kind", "phone_call")
    rows = list(csv.DictReader(io.StringIO(proc.stdout)))
    assert rows and {r["kind"] for r in rows} == {"phone_call"} and all(r["lat"] == "" for r in rows)


def test_events_without_a_store_is_one_line(tmp_path):
    proc = run("events", "--db", tmp_path / "nothing.sqlite")
    assert proc.returncode == 1 and proc.stderr.count("\n") == 1 and "diplomap ingest" in proc.stderr
