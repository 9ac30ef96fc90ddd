"""Small gazetteer inputs, so cache behaviour is tested in a second, not in half a minute."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from geo.build import Inputs

CITIES = {
    "108410": {"geonameid": 108410, "name": "Riyadh", "latitude": 24.68773, "longitude": 46.72185,
               "countrycode": "SA", "population": 4205961, "timezone": "Asia/Riyadh", "admin1code": "10",
               "alternatenames": ["Riyadh", "Riad", "RUH", "الرياض"]},
    "751868": {"geonameid": 751868, "name": "Arnavutköy", "latitude": 41.18355, "longitude": 28.7402,
               "countrycode": "TR", "population": 198165, "timezone": "Europe/Istanbul", "admin1code": "34",
               "alternatenames": ["Arnavutkoy"]},
    "751869": {"geonameid": 751869, "name": "Arnavutköy", "latitude": 41.06826, "longitude": 29.04335,
               "countrycode": "TR", "population": 3574, "timezone": "Europe/Istanbul", "admin1code": "34",
               "alternatenames": ["Arnaut Kioi"]},
    "745044": {"geonameid": 745044, "name": "Istanbul", "latitude": 41.01384, "longitude": 28.94966,
               "countrycode": "TR", "population": 15701602, "timezone": "Europe/Istanbul", "admin1code": "34",
               "alternatenames": ["İstanbul", "اسطنبول"]},
    "323786": {"geonameid": 323786, "name": "Ankara", "latitude": 39.91987, "longitude": 32.85427,
               "countrycode": "TR", "population": 3517182, "timezone": "Europe/Istanbul", "admin1code": "68",
               "alternatenames": ["Ankara"]},
}
COUNTRIES = {
    "SA": {"geonameid": 102358, "name": "Saudi Arabia", "iso": "SA", "iso3": "SAU", "capital": "Riyadh",
           "population": 34218169},
    "TR": {"geonameid": 298795, "name": "Turkey", "iso": "TR", "iso3": "TUR", "capital": "Ankara",
           "population": 82319724},
}
REGIONS = (
    "id,kind,name,country,lat,lon,radius_km,geonameid,names,source\n"
    "bosphorus,water,Bosphorus,TR,41.1,29.05,15,,en:Bosphorus|ar:مضيق البوسفور|vi:eo biển Bosphorus|ru:Босфор,test\n"
)


@pytest.fixture
def small_inputs(tmp_path: Path) -> Inputs:
    """GeoNames-shaped inputs with five cities, two countries and one strait."""
    src = tmp_path / "src"
    (src / "assets").mkdir(parents=True)
    (src / "cities.json").write_text(json.dumps(CITIES), encoding="utf-8")
    (src / "countries.json").write_text(json.dumps(COUNTRIES), encoding="utf-8")
    (src / "assets" / "regions.csv").write_text(REGIONS, encoding="utf-8")
    return Inputs(cities=src / "cities.json", countries=src / "countries.json", assets=src / "assets")
