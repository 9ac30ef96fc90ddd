"""Types owned by extract: an article, the places and countries it mentions, its extraction."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from geo.errors import InvalidInput
from geo.types import Place

LANGUAGES = ("ar", "vi", "en", "ru", "uk", "fr", "de", "es", "tr", "zh")
LABELS = ("GPE", "LOC", "FAC")
_ISO_OR_ORG = re.compile(r"^([A-Z]{2}|EU|UN|NATO)$")


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
        if not _ISO_OR_ORG.match(self.country):
            raise InvalidInput(f"not a country or organisation code: {self.country!r}")


@dataclass(frozen=True, slots=True)
class Extraction:
    """What one article yields: its places, its country references, and (later) meetings."""

    article: Article
    places: tuple[Mention, ...] = ()
    countries: tuple[CountryRef, ...] = ()
    meetings: tuple = field(default=())

    def to_dict(self) -> dict:
        """One line of `diplomap extract` output (the contract of DESIGN.md)."""
        a = self.article
        return {
            "article": {"id": a.id, "lang": a.lang, "published": a.published.isoformat() if a.published else None,
                        "title": a.title, "url": a.url},
            "places": [m.to_dict() for m in self.places],
            "meetings": [m.to_dict() for m in self.meetings],
        }
