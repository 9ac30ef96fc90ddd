"""The `Place` type owned by geo: one resolved or candidate location."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from geo.errors import InvalidInput

PRECISIONS = ("venue", "city", "region", "country", "water")
_COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True, slots=True)
class Place:
    """A place of the gazetteer: what a name can refer to."""

    id: str
    name: str
    lat: float
    lon: float
    country: str | None
    precision: str
    feature: str
    population: int = 0
    geonameid: int | None = None
    city: str | None = None
    radius_km: float = 0.0
    admin1: str | None = None  # "US-KY": the first-level division it lies in, or is (where known)

    def __post_init__(self) -> None:
        if not -90.0 <= self.lat <= 90.0:
            raise InvalidInput(f"latitude out of range: {self.lat}")
        if not -180.0 <= self.lon <= 180.0:
            raise InvalidInput(f"longitude out of range: {self.lon}")
        if self.precision not in PRECISIONS:
            raise InvalidInput(f"unknown precision {self.precision!r}")
        if self.country is not None and not _COUNTRY_RE.match(self.country):
            raise InvalidInput(f"not an ISO 3166 alpha-2 code: {self.country!r}")
        if not self.name:
            raise InvalidInput("a place needs a name")


@dataclass(frozen=True, slots=True)
class Candidate:
    """A place proposed for a name, with its score and the reason for it."""

    place: Place
    score: float
    matched: str
    reason: str
    evidence: tuple[str, ...] = field(default=())
    # The languages the matched name is recorded for; empty for GeoNames' untagged alternate
    # names ("Wilkinson" for Putnam, Connecticut), which are often historical or obscure.
    langs: frozenset[str] = frozenset()

    def to_dict(self) -> dict:
        """Plain JSON-ready form, as `diplomap geocode --json` prints it."""
        p = self.place
        return {
            "id": p.id,
            "geonameid": p.geonameid,
            "name": p.name,
            "lat": p.lat,
            "lon": p.lon,
            "country": p.country,
            "feature": p.feature,
            "population": p.population,
            "precision": p.precision,
            "city": p.city,
            "matched": self.matched,
            "score": round(self.score, 3),
            "reason": self.reason,
        }
