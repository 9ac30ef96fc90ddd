"""How candidates for one name are ordered, and the reason given for each.

Pure functions: a prior from what a place is (countries and capitals first for bare names,
then population), adjusted by how the name matched and by context (a country, nearby places).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from geo.types import Candidate, Place

# Countries outrank any city of the same name ("Mexico", "Kuwait", "Nga"); a region or sea
# named in full outranks a village of that name.
FEATURE_PRIOR = {"country": 12.0, "venue": 8.0, "airport": 8.0, "region": 7.0, "water": 7.0, "river": 7.0,
                 "county": 6.0, "division": 5.0}
# What a place is when it is none of the populated ones: a reason names it, no population counts.
UNPOPULATED = frozenset({"region", "water", "river", "venue", "airport", "county", "division"})
CAPITAL_BONUS = 3.0
PENALTY = {"exact": 0.0, "folded": 0.5, "transliterated": 3.0}
CLITIC_PENALTY = 0.4
LANG_BONUS = 0.5
COUNTRY_BONUS = 8.0  # a stated country is a near-constraint: Moscow, Idaho when asked for US
# Nearness decays smoothly: a place 2 km from the context beats a bigger namesake 30 km away.
NEAR_WEIGHT, NEAR_SCALE_KM = 6.0, 50.0


@dataclass(frozen=True, slots=True)
class Match:
    """How a query reached a place: which spelling, how loosely, in which languages."""

    place: Place
    matched: str
    how: str  # exact | folded | transliterated
    clitics: int = 0
    langs: frozenset[str] = frozenset()


def prior(place: Place) -> float:
    """Score of a place before any context: what it is and how many live there."""
    if place.feature in FEATURE_PRIOR:
        return FEATURE_PRIOR[place.feature]
    base = math.log10(place.population + 1)
    return base + (CAPITAL_BONUS if place.feature == "capital" else 0.0)


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points in kilometres."""
    return haversine_km(a[0], a[1], b[0], b[1])


EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (fast enough to call thousands of times per article)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def score(
    match: Match,
    *,
    lang: str | None = None,
    country: str | None = None,
    near: Sequence[tuple[float, float]] = (),
) -> tuple[float, list[str]]:
    """Score of one match and the notes that explain it."""
    place = match.place
    notes: list[str] = []
    s = prior(place)
    if place.feature == "country":
        notes.append("country name")
    elif place.feature == "capital":
        notes.append(f"capital of {place.country}")
    elif place.feature in UNPOPULATED:
        notes.append(place.feature)
    s -= PENALTY[match.how] + CLITIC_PENALTY * match.clitics
    if match.how != "exact":
        notes.append(f"{match.how} spelling")
    if match.clitics:
        notes.append("proclitic removed")
    if lang and lang in match.langs:
        s += LANG_BONUS
    if country and place.country == country:
        s += COUNTRY_BONUS
        notes.append(f"in {country} (context)")
    if near:
        d = min(distance_km((place.lat, place.lon), p) for p in near)
        bonus = NEAR_WEIGHT * math.exp(-d / NEAR_SCALE_KM)
        if bonus >= 0.1:
            s += bonus
            notes.append(f"{d:.0f} km from a context place")
    return s, notes


def rank(
    matches: Sequence[Match],
    *,
    lang: str | None = None,
    country: str | None = None,
    near: Sequence[tuple[float, float]] = (),
) -> list[Candidate]:
    """Candidates for one name, best first, one per place, each with its reason."""
    best: dict[str, tuple[float, list[str], Match]] = {}
    for m in matches:
        s, notes = score(m, lang=lang, country=country, near=near)
        if m.place.id not in best or s > best[m.place.id][0]:
            best[m.place.id] = (s, notes, m)
    ordered = sorted(best.values(), key=lambda t: (-t[0], -t[2].place.population, t[2].place.id))
    out = []
    for i, (s, notes, m) in enumerate(ordered):
        if len(ordered) == 1:
            notes = ["only candidate", *notes]
        elif i == 0 and not any("context" in n or n == "country name" for n in notes):
            runner_up = ordered[1][2].place
            if m.place.population >= runner_up.population and m.place.feature not in UNPOPULATED:
                notes = [*notes, "largest population"]
        out.append(Candidate(place=m.place, score=s, matched=m.matched, reason="; ".join(notes) or "name match",
                             langs=m.langs - {""}))
    return out
