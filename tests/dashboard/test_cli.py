"""The `diplomap` command line as a user meets it."""

import json
import sqlite3
import subprocess
import sys

import pytest
from click.testing import CliRunner

from dashboard.cli import main


@pytest.fixture
def run(gazetteer):
    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input)
    return invoke


def test_geocode_prints_the_best_match_per_name(run):
    result = run("geocode", "بالرياض", "Mát-xcơ-va")
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert lines[0].startswith("بالرياض → Riyadh, SA (24.68773, 46.72185) city [gn:108410]")
    assert lines[1].startswith("Mát-xcơ-va → Moscow, RU")


def test_geocode_json_prints_ranked_candidates(run):
    result = run("geocode", "--json", "Doha")
    assert result.exit_code == 0
    record = json.loads(result.output)
    assert record["query"] == "Doha"
    first = record["candidates"][0]
    assert (first["name"], first["country"], first["precision"], first["geonameid"]) == ("Doha", "QA", "city", 290030)
    assert len(record["candidates"]) > 1
    scores = [c["score"] for c in record["candidates"]]
    assert scores == sorted(scores, reverse=True)


def test_country_option_reranks(run):
    result = run("geocode", "--json", "--country", "US", "Moscow")
    assert json.loads(result.output)["candidates"][0]["country"] == "US"


def test_not_found_is_said_and_sets_the_exit_status(run):
    result = run("geocode", "Riyadh", "Qzxwv Nowhere")
    assert result.exit_code == 1
    assert "Qzxwv Nowhere → not found" in result.output
    assert "Riyadh → Riyadh" in result.output


def test_names_can_come_from_stdin(run):
    result = run("geocode", "-", input="Gomel\nKyiv\n")
    assert result.exit_code == 0
    assert "Gomel → Homyel', BY" in result.output and "Kyiv → Kyiv, UA" in result.output


@pytest.mark.parametrize("bad", ["", "   ", "x" * 10_000, "\x07\x1b"])
def test_bad_names_get_one_line_and_no_traceback(gazetteer, bad):
    proc = subprocess.run([sys.executable, "-m", "dashboard.cli", "geocode", bad, "Doha"],
                          capture_output=True, text=True)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert len(proc.stderr.strip().splitlines()) == 1 and proc.stderr.startswith("error: ")
    assert "Doha → Doha, QA" in proc.stdout


def test_online_fallback_through_the_cli(run, stub_geocoder, gazetteer):
    stub_geocoder.answers["Zzyzx Consulate Garden"] = [{
        "osm_type": "node", "osm_id": 7, "lat": "41.05", "lon": "29.03", "class": "amenity",
        "type": "embassy", "name": "Zzyzx Consulate Garden", "display_name": "Zzyzx Consulate Garden, Istanbul",
        "address": {"country_code": "tr"}}]
    args = ["geocode", "--online", "--geocoder-domain", stub_geocoder.domain, "--geocoder-scheme", "http",
            "--min-delay", "0", "Zzyzx Consulate Garden"]
    result = run(*args)
    assert result.exit_code == 0, result.output
    assert "Zzyzx Consulate Garden, TR (41.05000, 29.03000) venue" in result.output
    assert "Riyadh" not in " ".join(stub_geocoder.requests)
    run(*args)
    assert len(stub_geocoder.requests) == 1  # the second answer came from the cache
    conn = sqlite3.connect(gazetteer.path)  # leave the user's answer cache as it was
    with conn:
        conn.execute("DELETE FROM online WHERE provider = ?", (f"nominatim@{stub_geocoder.domain}",))
    conn.close()


def test_gazetteer_info_reports_a_current_cache(run):
    result = run("gazetteer", "info")
    assert result.exit_code == 0
    assert "state  ok" in result.output and "places" in result.output
