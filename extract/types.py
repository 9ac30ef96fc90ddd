"""Types owned by extract: an article, the places and countries it mentions, its extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from geo.errors import InvalidInput
from geo.types import Place

LANGUAGES = ("ar", "vi", "en", "ru", "uk", "fr", "de", "es", "tr", "zh")
LABELS = ("GPE", "LOC", "FAC")
KINDS = ("talks", "summit", "phone_call", "visit")
DATE_PRECISIONS = ("day", "month", "year", "approx")
STATUSES = ("held", "planned")
ORGANISATIONS = ("EU", "UN", "NATO")
_ISO_OR_ORG = re.compile(rf"^([A-Z]{{2}}|{'|'.join(ORGANISATIONS)})$")
_CODES: set[str] = set()  # codes found good; bounded: fewer than 1,400 strings match the pattern


def _is_code(code: str) -> bool:
    # Every mention of a country makes a reference: the pattern is run once per distinct code.
    if code in _CODES:
        return True
    if _ISO_OR_ORG.match(code):
        _CODES.add(code)
        return True
    return False


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read: its text and what is known about it."""

    id: str
    text: str
    lang: str | None = None
    published: date | None = None
    url: str | None = None
    title: str | None = None
    source: str | None = None

    def __post_init__(self) -> None:
        if not self.id:
            raise InvalidInput("an article needs an id")
        if not self.text or not self.text.strip():
            raise InvalidInput(f"article {self.id}: no text")
        if self.lang is not None and self.lang not in LANGUAGES:
            raise InvalidInput(f"article {self.id}: unsupported language {self.lang!r} "
                               f"(supported: {', '.join(LANGUAGES)})")


@dataclass(frozen=True, slots=True)
class Mention:
    """A place named in an article, resolved: where it is written and where it is."""

    text: str
    start: int
    end: int
    place: Place
    label: str
    confidence: float
    reason: str

    def __post_init__(self) -> None:
        if not 0 <= self.start < self.end:
            raise InvalidInput(f"bad span {self.start}:{self.end}")
        if self.label not in LABELS:
            raise InvalidInput(f"unknown entity label {self.label!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidInput(f"confidence out of range: {self.confidence}")

    def to_dict(self) -> dict:
        """The place object of the `diplomap extract` contract."""
        p = self.place
        return {
            "text": self.text, "start": self.start, "end": self.end, "name": p.name,
            "geonameid": p.geonameid, "id": p.id, "lat": p.lat, "lon": p.lon, "country": p.country,
            "precision": p.precision, "label": self.label, "confidence": round(self.confidence, 3),
            "reason": self.reason,
        }


@dataclass(frozen=True, slots=True)
class CountryRef:
    """A reference to a country that is not a place: a demonym, an office holder, a capital as government."""

    text: str
    start: int
    end: int
    country: str
    via: str  # demonym | person | country | capital

    def __post_init__(self) -> None:
        if not _is_code(self.country):
            raise InvalidInput(f"not a country or organisation code: {self.country!r}")


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date expression of an article, resolved against its publication date."""

    text: str
    start: int
    end: int
    value: date
    precision: str  # day | month | year | approx

    def __post_init__(self) -> None:
        if self.precision not in DATE_PRECISIONS:
            raise InvalidInput(f"unknown date precision {self.precision!r}")


def place_dict(place: Place | None) -> dict | None:
    """The `place` object of a meeting or event in the contract (venue name apart from its city)."""
    if place is None:
        return None
    venue = place.precision == "venue"
    return {"name": (place.city or place.name) if venue else place.name, "lat": place.lat, "lon": place.lon,
            "country": place.country, "precision": place.precision, "venue": place.name if venue else None,
            "id": place.id}


@dataclass(frozen=True, slots=True)
class Meeting:
    """A meeting one article reports: kind, date, place, participants, and the sentence that says so."""

    kind: str
    date: date | None
    date_precision: str | None
    place: Place | None
    participants: tuple[str, ...]
    status: str
    evidence: str
    confidence: float
    evidence_start: int = 0  # offset of the evidence in the article text
    highlights: tuple[tuple[int, int, str], ...] = ()  # (start, end, "place"|"date"|"participant") in the evidence
    date_text: str | None = None  # None when the date is the publication date, for want of one in the text
    people: tuple[str, ...] = ()  # ids of the office holders named (assets/people.csv)
    place_reason: str | None = None  # why its place resolved as it did (the place mention's reason)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"unknown meeting kind {self.kind!r}")
        if self.status not in STATUSES:
            raise InvalidInput(f"unknown meeting status {self.status!r}")
        if self.date_precision is not None and self.date_precision not in DATE_PRECISIONS:
            raise InvalidInput(f"unknown date precision {self.date_precision!r}")
        if list(self.participants) != sorted(set(self.participants)):
            raise InvalidInput(f"participants must be sorted and unique: {self.participants}")
        for code in self.participants:
            if not _is_code(code):
                raise InvalidInput(f"not a country or organisation code: {code!r}")
        if not 0.0 <= self.confidence <= 1.0:
            raise InvalidInput(f"confidence out of range: {self.confidence}")

    def to_dict(self) -> dict:
        """The meeting object of the `diplomap extract` contract."""
        return {
            "kind": self.kind, "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision, "date_text": self.date_text,
            "place": place_dict(self.place), "participants": list(self.participants), "status": self.status,
            "evidence": self.evidence, "evidence_start": self.evidence_start,
            "highlights": [list(h) for h in self.highlights], "people": list(self.people),
            "confidence": round(self.confidence, 3),
        }


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of an event: where it was read and the sentence that says so."""

    article_id: str
    meeting: Meeting
    lang: str | None = None
    published: date | None = None
    title: str | None = None
    url: str | None = None

    def to_dict(self) -> dict:
        """A source of an event, with its evidence, as `diplomap events` prints it."""
        m = self.meeting
        return {"article": self.article_id, "lang": self.lang,
                "published": self.published.isoformat() if self.published else None,
                "title": self.title, "url": self.url, "evidence": m.evidence,
                "highlights": [list(h) for h in m.highlights], "date_text": m.date_text,
                "date": m.date.isoformat() if m.date else None, "confidence": round(m.confidence, 3)}


@dataclass(frozen=True, slots=True)
class Event:
    """One meeting in the world, merged from the reports of every article that tells of it."""

    id: str
    kind: str
    date: date | None
    date_precision: str | None
    place: Place | None
    participants: tuple[str, ...]
    status: str
    confidence: float
    reports: tuple[Report, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise InvalidInput(f"unknown meeting kind {self.kind!r}")
        if not self.reports:
            raise InvalidInput(f"event {self.id}: no reports")

    @property
    def sources(self) -> tuple[str, ...]:
        """The ids of the articles that report the event, sorted."""
        return tuple(sorted({r.article_id for r in self.reports}))

    def to_dict(self) -> dict:
        """One event as `diplomap events` prints it: the meeting fields, `sources`, and each report."""
        return {
            "id": self.id, "kind": self.kind, "date": self.date.isoformat() if self.date else None,
            "date_precision": self.date_precision, "place": place_dict(self.place),
            "participants": list(self.participants), "status": self.status,
            "confidence": round(self.confidence, 3), "sources": list(self.sources),
            "reports": [r.to_dict() for r in self.reports],
        }


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields: its places, country references, dates, sentences and meetings."""

    article: Article
    places: tuple[Mention, ...] = ()
    countries: tuple[CountryRef, ...] = ()
    meetings: tuple[Meeting, ...] = ()
    sentences: tuple[tuple[int, int], ...] = ()  # character spans of the body's sentences
    dates: tuple[DateRef, ...] = ()

    def to_dict(self) -> dict:
        """One line of `diplomap extract` output (the contract of DESIGN.md)."""
        a = self.article
        return {
            "article": {"id": a.id, "lang": a.lang, "published": a.published.isoformat() if a.published else None,
                        "title": a.title, "url": a.url},
            "places": [m.to_dict() for m in self.places],
            "meetings": [m.to_dict() for m in self.meetings],
        }
