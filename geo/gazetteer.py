"""Look place names up in the built gazetteer: ranked candidates, offline, fast."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path

import marisa_trie

from geo import rank
from geo.build import KIND_EXACT, KIND_SKELETON, Inputs, build
from geo.cache import cache_state, gazetteer_path
from geo.errors import CacheError, NotFound
from geo.normalize import arabic_proclitic_variants, clean, has_arabic, is_latin, keys
from geo.online import OnlineGeocoder
from geo.rank import Match
from geo.translit import skeleton
from geo.types import Candidate, Place

MAX_CANDIDATES = 200

_PLACE_COLUMNS = "p.rid, p.id, p.geonameid, p.name, p.lat, p.lon, p.country, p.precision, p.feature, p.population, p.city, p.radius_km, p.admin1"


class Gazetteer:
    """A read-only handle on the built gazetteer."""

    def __init__(self, conn: sqlite3.Connection, *, path: Path | None = None) -> None:
        self._conn = conn
        self.path = path
        self._places: dict[int, Place] = {}
        self._matches = lru_cache(maxsize=200_000)(self._find)
        self._ranked = lru_cache(maxsize=200_000)(self._rank)
        self._trie: marisa_trie.Trie | None = None
        self._capitals: dict[str, Place] = {}

    @classmethod
    def open(cls, path: Path | None = None, *, inputs: Inputs | None = None, build_if_needed: bool = True,
             progress: bool = False) -> Gazetteer:
        """Open the gazetteer, building (or rebuilding a corrupt or stale) one first if allowed."""
        path = path or gazetteer_path()
        inputs = inputs or Inputs.default()
        state = cache_state(path, inputs.stamp())
        if state != "ok":
            if not build_if_needed:
                raise CacheError(f"the gazetteer at {path} is {state}; run `diplomap gazetteer build`")
            build(path, inputs=inputs, force=state != "missing", progress=progress)
        try:
            conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            conn.execute("PRAGMA query_only=1")
        except sqlite3.Error as e:
            raise CacheError(f"cannot open the gazetteer at {path}: {e}") from e
        return cls(conn, path=path)

    def close(self) -> None:
        """Release the database handle."""
        self._conn.close()

    def __enter__(self) -> Gazetteer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def lookup(
        self,
        name: str,
        *,
        lang: str | None = None,
        country: str | None = None,
        near: Sequence[tuple[float, float]] = (),
        limit: int = 10,
        online: OnlineGeocoder | None = None,
    ) -> list[Candidate]:
        """Ranked candidates for a place name in any script; empty when nothing matches.

        With `online`, a name the gazetteer does not know is asked of that geocoder.
        """
        text = clean(name)
        country = country.upper() if country else None
        if lang is None and country is None and not near:
            found = list(self._ranked(text))  # without context, a name ranks the same every time
        else:
            found = rank.rank(self._matches(text), lang=lang, country=country, near=near)
        if not found and online is not None:
            found = online.lookup(text, lang=lang, country=country)
        return found[:limit]

    def _rank(self, text: str) -> tuple[Candidate, ...]:
        return tuple(rank.rank(self._matches(text)))

    def best(self, name: str, **context: object) -> Candidate:
        """The top candidate for a name; `NotFound` when there is none."""
        found = self.lookup(name, limit=1, **context)  # type: ignore[arg-type]
        if not found:
            raise NotFound(f"no place called {name!r} in the gazetteer")
        return found[0]

    def place(self, place_id: str) -> Place:
        """The place with a gazetteer id such as `gn:108410` or `venue:diriyah-palace`."""
        row = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.id = ?", (place_id,)).fetchone()
        if row is None:
            raise NotFound(f"no place with id {place_id!r}")
        return self._place(row)

    def name_trie(self) -> marisa_trie.Trie:
        """Every lookup key (exact and folded) of the gazetteer, for scanning text."""
        if self._trie is None:
            row = self._query("SELECT data FROM blobs WHERE name = 'name_trie'", ()).fetchone()
            if row is None:
                raise CacheError(f"the gazetteer at {self.path} has no name index; rebuild it")
            self._trie = marisa_trie.Trie().frombytes(row[0])
        return self._trie

    def has_skeleton(self, text: str) -> bool:
        """Whether some place's Latin name has the consonant skeleton of this spelling."""
        sk = skeleton(text)
        return bool(sk) and self._query("SELECT 1 FROM names WHERE key = ? AND kind = ? LIMIT 1",
                                        (sk, KIND_SKELETON)).fetchone() is not None

    def capital(self, country: str) -> Place:
        """The capital city of a country (ISO alpha-2)."""
        code = country.upper()
        if code not in self._capitals:
            row = self._query(f"SELECT {_PLACE_COLUMNS} FROM places p WHERE p.feature = 'capital' AND p.country = ? "
                              "ORDER BY p.population DESC LIMIT 1", (code,)).fetchone()
            if row is None:
                raise NotFound(f"no capital known for {country!r}")
            self._capitals[code] = self._place(row)
        return self._capitals[code]

    def stats(self) -> dict[str, str]:
        """The build's metadata: stamp, counts, build time."""
        return dict(self._query("SELECT key, value FROM meta", ()).fetchall())

    def _query(self, sql: str, params: tuple) -> sqlite3.Cursor:
        try:
            return self._conn.execute(sql, params)
        except sqlite3.Error as e:
            raise CacheError(f"gazetteer query failed ({self.path}): {e}") from e

    def _place(self, row: tuple) -> Place:
        rid = row[0]
        place = self._places.get(rid)
        if place is None:
            place = Place(id=row[1], geonameid=row[2], name=row[3], lat=row[4], lon=row[5], country=row[6],
                          precision=row[7], feature=row[8], population=row[9], city=row[10], radius_km=row[11],
                          admin1=row[12])
            self._places[rid] = place
        return place

    def _rows(self, keys_: Sequence[str], kinds: str) -> list[tuple]:
        marks = ",".join("?" * len(keys_))
        sql = (f"SELECT n.key, n.kind, n.langs, {_PLACE_COLUMNS} FROM names n JOIN places p ON p.rid = n.rid "
               f"WHERE n.key IN ({marks}) AND n.kind {kinds} ORDER BY p.prior DESC LIMIT {MAX_CANDIDATES}")
        return self._query(sql, tuple(keys_)).fetchall()

    def _find(self, text: str) -> tuple[Match, ...]:
        readings = arabic_proclitic_variants(text) if has_arabic(text) else [(text, 0)]
        matches: list[Match] = []
        for reading, clitics in readings:
            exact, fold = keys(reading)
            if not exact:
                continue
            for key, kind, langs, *place_row in self._rows((exact, fold), f"< {KIND_SKELETON}"):
                how = "exact" if kind == KIND_EXACT and key == exact else "folded"
                matches.append(Match(self._place(place_row), reading, how, clitics, frozenset(langs.split(","))))
        if matches or is_latin(text):
            # Transliteration is for names written in another script than the place's own.
            return tuple(matches)
        for reading, clitics in readings:
            sk = skeleton(reading)
            if sk:
                for _key, _kind, _langs, *place_row in self._rows((sk,), f"= {KIND_SKELETON}"):
                    matches.append(Match(self._place(place_row), reading, "transliterated", clitics))
        return tuple(matches)
