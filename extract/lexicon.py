"""Per-language knowledge loaded from `assets/`: demonyms, titles, people, capital phrases, page furniture.

Language knowledge is data: `assets/lexicons/<lang>.json` (one file per language) and
`assets/people.csv` (office holders, in every language). Loaded once per language.
"""

from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from geo.errors import CacheError
from geo.normalize import fold_key, name_key
from geo.sources import ASSETS, tagged_names

LEXICONS = ASSETS / "lexicons"
PEOPLE = ASSETS / "people.csv"


@dataclass(frozen=True, slots=True)
class Person:
    """An office holder: who they speak for, and when."""

    id: str
    country: str
    role: str
    start: date | None
    end: date | None


@dataclass(frozen=True, slots=True)
class Roads:
    """A country's numbered roads: the pattern of a road number ("A417"), the countries whose
    towns they can be placed at, and the casefolded words a road number follows ("the")."""

    pattern: re.Pattern
    countries: frozenset[str]
    after: frozenset[str]


@dataclass(frozen=True)
class Lexicon:
    """What diplomap knows of one language beyond the gazetteer."""

    lang: str
    demonyms: dict[str, str]  # name key -> country code
    titles: frozenset[str]  # name keys of words that precede a person's name
    people: dict[str, tuple[Person, ...]]  # name key -> people of that name
    capital_patterns: tuple[re.Pattern, ...]  # groups: country | demonym
    body_end: tuple[str, ...]
    junk_lines: tuple[str, ...]
    common_words: frozenset[str]  # casefolded
    place_words: frozenset[str]  # name keys of words that introduce a place name ("منطقة", "in")
    max_phrase_tokens: int
    first_keys: frozenset[str]  # name keys of the first word of every phrase: most tokens start none
    key_prefixes: frozenset[str]  # every leading part of every phrase's key: a scan stops when it leaves them
    phrase_words: dict[str, int]  # key -> most space-separated words of a phrase with that key
    capital_cues: tuple[str, ...]  # a literal word of each capital pattern, casefolded, to skip regexes
    # person id -> the first words of the person's names, casefolded ("yvette" for Yvette Cooper)
    given: dict[str, frozenset[str]] = field(default_factory=dict)
    speech_verbs: frozenset[str] = frozenset()  # casefolded: "said", "told"; a name before one speaks
    # casefolded words before a seat of power that make it the place ("at", "in"); where the
    # language lists none, a seat is always a place
    seat_locatives: frozenset[str] = frozenset()
    seats: frozenset[str] = frozenset()  # casefolded names of seats of power ("white house", "kremlin")
    # folded words that end a facility's name ("street", "hospital"): see extract.facilities
    facility_words: frozenset[str] = frozenset()
    # folded common nouns written after a facility's name ("roundabout"): see extract.facilities
    facility_nouns: frozenset[str] = frozenset()
    roads: tuple[Roads, ...] = ()  # numbered road systems: see extract.facilities.find_roads

    def phrase(self, key: str) -> tuple[str, object] | None:
        """What a normalised phrase is, if the lexicon knows it: ('person', ...) ('demonym', CC) ('title', key)."""
        if key in self.people:
            return "person", self.people[key]
        if key in self.demonyms:
            return "demonym", self.demonyms[key]
        if key in self.titles:
            return "title", key
        return None


def _folded_keys(words: list[str]) -> frozenset[str]:
    # the folded name keys of words ("Street" -> "street")
    return frozenset(fold_key(k) for k in (name_key(w) for w in words) if k)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read lexicon {path}: {e}") from e


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


@lru_cache(maxsize=1)
def _people_rows() -> tuple[tuple[Person, list[tuple[str, str]]], ...]:
    if not PEOPLE.exists():
        return ()
    try:
        with PEOPLE.open(encoding="utf-8", newline="") as f:
            rows = list(csv.DictReader(f))
    except (OSError, csv.Error) as e:
        raise CacheError(f"cannot read {PEOPLE}: {e}") from e
    out = []
    for row in rows:
        person = Person(row["id"], row["country"], row["role"], _date(row.get("start", "")), _date(row.get("end", "")))
        out.append((person, tagged_names(row["names"])))
    return tuple(out)


def _capital_regex(pattern: str) -> re.Pattern:
    # `{country}` and `{demonym}` slots capture the words that follow, up to four tokens;
    # the caller decides which of them is really a country.
    parts = re.split(r"(\{country\}|\{demonym\})", pattern)
    rx = ""
    for part in parts:
        if part == "{country}":
            rx += r"(?P<country>\w[\w'’\-]*(?:\s+\w[\w'’\-]*){0,3})"
        elif part == "{demonym}":
            rx += r"(?P<demonym>\w[\w'’\-]*(?:\s+\w[\w'’\-]*){0,1})"
        elif part.strip():
            if part.startswith(" "):
                rx += r"\s+"
            rx += r"\s+".join(re.escape(w) for w in part.split())
            if part.endswith(" "):
                rx += r"\s+"
        elif part:
            rx += r"\s+"
    return re.compile(rx, re.IGNORECASE)


@lru_cache(maxsize=None)
def lexicon(lang: str) -> Lexicon:
    """The lexicon of a language (empty parts where no file exists)."""
    path = LEXICONS / f"{lang}.json"
    data = _read_json(path) if path.exists() else {}
    words: dict[str, int] = {}  # key -> most words a phrase of that key has

    def note(key: str, text: str) -> None:
        words[key] = max(words.get(key, 0), len(text.split()))

    demonyms = {}
    for code, forms in data.get("demonyms", {}).items():
        for form in forms:
            key = name_key(form)
            if key:
                demonyms.setdefault(key, code)
                note(key, form)
    titles_ = []
    for t in data.get("person_titles", []):
        key = name_key(t)
        if key:
            titles_.append(key)
            note(key, t)
    titles = frozenset(titles_)
    people: dict[str, list[Person]] = {}
    for person, names in _people_rows():
        for name, _ in names:
            # Names in Latin script are read in every Latin-script language, and so on.
            key = name_key(name)
            if key:
                note(key, name)
                if person not in people.setdefault(key, []):
                    people[key].append(person)
    phrases = [*data.get("person_titles", []), *(f for fs in data.get("demonyms", {}).values() for f in fs),
               *(n for _, names in _people_rows() for n, _ in names)]
    return Lexicon(
        lang=lang,
        demonyms=demonyms,
        titles=titles,
        people={k: tuple(v) for k, v in people.items()},
        capital_patterns=tuple(_capital_regex(p) for p in data.get("capital_patterns", [])),
        body_end=tuple(data.get("body_end_markers", [])),
        junk_lines=tuple(data.get("junk_line_markers", [])),
        common_words=frozenset(w.casefold() for w in data.get("common_words", [])),
        place_words=frozenset(k for k in (name_key(w) for w in data.get("place_words", [])) if k),
        # A word can be several tokens ("Al-Sisi": "Al", "-", "Sisi").
        max_phrase_tokens=3 * max((len(p.split()) for p in phrases), default=1) + 1,
        first_keys=frozenset(k for k in (name_key(p.split()[0]) for p in phrases if p.split()) if k),
        key_prefixes=frozenset(k[:n] for k in (*demonyms, *titles, *people) for n in range(1, len(k) + 1)),
        phrase_words=words,
        capital_cues=tuple(_cue(p) for p in data.get("capital_patterns", [])),
        speech_verbs=frozenset(w.casefold() for w in data.get("speech_verbs", [])),
        seat_locatives=frozenset(w.casefold() for w in data.get("seat_locatives", [])),
        seats=frozenset(seat_codes()),
        facility_words=_folded_keys(data.get("facility_words", [])),
        facility_nouns=_folded_keys(data.get("facility_nouns", [])),
        roads=tuple(Roads(re.compile(r["pattern"]), frozenset(r["countries"]),
                          frozenset(w.casefold() for w in r.get("after", []))) for r in data.get("roads", [])),
        given=_given_names(),
    )


@lru_cache(maxsize=1)
def _given_names() -> dict[str, frozenset[str]]:
    # person id -> the first words of the person's names in every language ("yvette", "sergei", "sergey")
    return {person.id: frozenset(n.split()[0].casefold() for n, _ in names if len(n.split()) > 1)
            for person, names in _people_rows()}


@lru_cache(maxsize=1)
def seat_codes() -> dict[str, str]:
    """The seats of power of assets/meetings/seats.json ("Kremlin", "Nhà Trắng"), casefolded, with
    the country each stands for: the meetings read them as governments, the places as no place
    unless the sentence puts something there."""
    seats = _read_json(ASSETS / "meetings" / "seats.json")["seats"]
    return {n.casefold(): code for code, names in seats.items() for n in names}


def _cue(pattern: str) -> str:
    words = [w for w in re.split(r"\{country\}|\{demonym\}|\s+", pattern) if w]
    return max(words, key=len).casefold() if words else ""
