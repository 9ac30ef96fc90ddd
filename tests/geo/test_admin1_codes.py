"""Each first-level division of assets/admin1.csv carries the GeoNames code its towns carry."""

import csv
import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SPEC = importlib.util.spec_from_file_location("admin1_codes", REPO / "scripts" / "admin1_codes.py")
admin1_codes = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(admin1_codes)


def row(rid, lat, lon, reach, admin1=""):
    return {"id": rid, "kind": "region", "country": "XX", "lat": str(lat), "lon": str(lon),
            "radius_km": str(reach), "admin1": admin1}


def test_a_division_takes_the_code_of_the_towns_around_its_centre():
    towns = {"XX": [(10.0, 10.0, "01"), (10.2, 10.1, "01"), (10.9, 10.0, "02"), (12.0, 12.0, "02")]}
    codes, notes = admin1_codes.assign([row("north", 12.0, 12.0, 50), row("south", 10.0, 10.0, 60)], towns)
    assert codes == {"north": "XX-02", "south": "XX-01"} and not notes


def test_a_code_two_divisions_claim_goes_to_the_stronger_claim():
    towns = {"XX": [(10.0, 10.0, "01"), (10.05, 10.0, "01"), (10.4, 10.0, "01")]}
    codes, notes = admin1_codes.assign([row("city", 10.0, 10.0, 20), row("around", 10.4, 10.0, 30)], towns)
    assert list(codes.values()) == ["XX-01"] and len(notes) == 1


def test_a_row_with_a_code_keeps_it_and_its_code_is_taken():
    towns = {"XX": [(10.0, 10.0, "01")]}
    codes, notes = admin1_codes.assign([row("given", 0, 0, 10, "XX-01"), row("other", 10.0, 10.0, 20)], towns)
    assert codes == {} and "already given" in notes[0]


def test_the_committed_divisions_have_their_known_codes():
    with (REPO / "assets" / "admin1.csv").open(encoding="utf-8") as f:
        code = {r["id"]: r["admin1"] for r in csv.DictReader(f)}
    assert code["ca-manitoba"] == "CA-03" and code["ca-ontario"] == "CA-08"
    assert code["au-new-south-wales"] == "AU-02" and code["gb-england"] == "GB-ENG"
    assert code["us-kentucky"] == "US-KY"
    given = [c for c in code.values() if c]
    assert len(given) == len(set(given)) and len(given) > 0.9 * len(code)
