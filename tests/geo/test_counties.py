"""The committed US counties are what scripts/us_counties.py makes of the npm us-atlas outlines."""

import csv
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
COUNTIES = REPO / "assets" / "us_counties.csv"
TOPOJSON = REPO / "node_modules" / "us-atlas" / "counties-10m.json"


def rows(path: Path) -> dict[str, dict]:
    with path.open(encoding="utf-8") as f:
        return {r["id"]: r for r in csv.DictReader(f)}


def test_counties_have_names_points_and_reach():
    counties = rows(COUNTIES)
    assert len(counties) > 3000
    laurel = counties["us-21125"]
    assert laurel["name"] == "Laurel County" and laurel["names"] == "en:Laurel Co."
    assert abs(float(laurel["lat"]) - 37.11) < 0.1 and abs(float(laurel["lon"]) + 84.12) < 0.1
    assert 15 <= float(laurel["radius_km"]) <= 40
    assert counties["us-22079"]["name"] == "Rapides Parish"
    assert counties["us-72127"]["country"] == "PR"  # San Juan: GeoNames files Puerto Rico as a country
    assert not any(r["name"].endswith(" city") for r in counties.values())  # Virginia's are GeoNames cities


@pytest.mark.skipif(not TOPOJSON.exists(), reason="node_modules/us-atlas missing: run `npm ci` (make install)")
def test_the_committed_file_is_regenerated_identically(tmp_path):
    out = tmp_path / "counties.csv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "us_counties.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == COUNTIES.read_bytes()


def test_uk_and_irish_counties_stand_at_their_county_towns(tmp_path):
    counties = {r["name"]: r for r in rows(REPO / "assets" / "uk_ie_counties.csv").values()}
    assert counties["Lancashire"]["country"] == "GB" and abs(float(counties["Lancashire"]["lat"]) - 53.76) < 0.1
    assert "en:Co. Cavan" in counties["County Cavan"]["names"].split("|")
    assert "en:Kerry" not in counties["County Kerry"]["names"].split("|")  # John Kerry is a person first
    out = tmp_path / "uk.csv"
    subprocess.run([sys.executable, str(REPO / "scripts" / "uk_ie_counties.py"), "--out", str(out)], check=True,
                   capture_output=True)
    assert out.read_bytes() == (REPO / "assets" / "uk_ie_counties.csv").read_bytes()
