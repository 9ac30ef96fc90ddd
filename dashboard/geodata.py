"""The reference data maps draw on: capitals (where delegations come from), country names, outlines.

The I/O edge of the map features: `dashboard.features` takes what these functions return.
Capitals come from the gazetteer (`Gazetteer.capital`), organisations' seats from
assets/dashboard/seats.csv, outlines from assets/world/countries.geojson (see scripts/basemap.py).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

from babel import Locale

from geo import Gazetteer
from geo.errors import NotFound
from geo.types import Place

ASSETS = Path(__file__).resolve().parent.parent / "assets"
BASEMAP = ASSETS / "world" / "countries.geojson"
SEATS = ASSETS / "dashboard" / "seats.csv"
POINTS = ASSETS / "country_points.csv"


@lru_cache(maxsize=1)
def _seats() -> dict[str, Place]:
    with open(SEATS, encoding="utf-8") as f:
        return {r["code"]: Place(id=f"seat:{r['code']}", name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]),
                                 country=None, precision="city", feature="capital")
                for r in csv.DictReader(f)}


@lru_cache(maxsize=1)
def _points() -> dict[str, tuple[float, float]]:
    with open(POINTS, encoding="utf-8") as f:
        return {r["country"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def capitals(codes: Iterable[str], gazetteer: Gazetteer) -> dict[str, Place]:
    """The capital of each country code (an organisation's seat for UN, EU, NATO).

    A country the gazetteer knows no capital for gets its label point (precision `country`);
    a code known nowhere is left out, and draws no arc.
    """
    out = {}
    for code in sorted(set(codes)):
        if code in _seats():
            out[code] = _seats()[code]
            continue
        try:
            out[code] = gazetteer.capital(code)
        except NotFound:
            if code in _points():
                lat, lon = _points()[code]
                out[code] = Place(id=f"country:{code}", name=country_names().get(code, code), lat=lat, lon=lon,
                                  country=code, precision="country", feature="country")
    return out


@lru_cache(maxsize=8)
def country_names(lang: str = "en") -> dict[str, str]:
    """Country (and organisation) names in a language, from CLDR."""
    names = {code: name for code, name in Locale.parse(lang).territories.items() if code.isalpha()}
    names.update({"UN": "United Nations", "EU": "European Union", "NATO": "NATO"})
    return names


@lru_cache(maxsize=1)
def basemap() -> dict:
    """The offline country outlines: a FeatureCollection, `cc` (ISO alpha-2) and `name` per country."""
    return json.loads(BASEMAP.read_text(encoding="utf-8"))
