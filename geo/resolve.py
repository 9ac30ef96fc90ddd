"""Choose the place each name in an article refers to, with evidence, and say why.

Pure: the caller gives every toponym of an article with its gazetteer candidates and the
countries the article refers to; this module weighs, for each candidate, its prior (what it is,
how many live there, how the name matched), the countries of the article, nearness to the
article's other places (in the same sentence above all), containment in a region or water body
named nearby, and picks one. One sense per discourse: a name read twice in an article means
the same place both times.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from geo.rank import haversine_km
from geo.types import Candidate, Place

COUNTRY_WEIGHT = 2.5
SAME_SENTENCE_WEIGHT, ARTICLE_WEIGHT, NEAR_SCALE_KM = 6.0, 3.0, 50.0
CONTAINMENT_BONUS = 2.0
ANCHOR_MARGIN = 2.5
MAX_CANDIDATES = 12


@dataclass(frozen=True, slots=True)
class Toponym:
    """A name found in an article, with its gazetteer candidates (best first, no context)."""

    key: str  # normalised name: equal keys are one place per article
    sentence: int
    candidates: tuple[Candidate, ...]


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place chosen for a toponym, how sure, and why."""

    place: Place
    confidence: float
    reason: str


def _context_bonus(place: Place, sentence: int, context: Sequence[tuple[int, str, Place]]) -> tuple[float, str]:
    best, why = 0.0, ""
    for ctx_sentence, ctx_key, ctx in context:
        if ctx.id == place.id or ctx.precision == "country":
            continue
        d = haversine_km(place.lat, place.lon, ctx.lat, ctx.lon)
        same = ctx_sentence == sentence
        bonus = (SAME_SENTENCE_WEIGHT if same else ARTICLE_WEIGHT) * math.exp(-d / NEAR_SCALE_KM)
        where = "same sentence" if same else "article"
        if ctx.radius_km and d <= ctx.radius_km and place.precision in ("city", "venue"):
            bonus = max(bonus, CONTAINMENT_BONUS * (1.5 if same else 1.0))
            note = f"inside {ctx.name} named in {where}"
        else:
            note = f"{d:.0f} km from {ctx.name} named in {where}"
        if bonus > best:
            best, why = bonus, note
    return best, why if best >= 0.3 else ""


def _score(c: Candidate, sentence: int, countries: Counter, context: Sequence[tuple[int, str, Place]]) -> tuple[float, list[str]]:
    notes = []
    s = c.score
    cc = c.place.country
    if cc and c.place.precision != "country" and countries.get(cc):
        s += COUNTRY_WEIGHT * min(countries[cc], 3) / 3
        notes.append(f"in {cc}, named in article")
    bonus, why = _context_bonus(c.place, sentence, context)
    if why:
        s += bonus
        notes.insert(0, why)
    return s, notes


def _confidence(candidates: Sequence[Candidate], margin: float, winner: Candidate) -> float:
    if len(candidates) == 1:
        conf = 0.95
    else:
        conf = 0.55 + 0.4 * (1 - math.exp(-max(margin, 0.0) / 2))
    if "transliterated" in winner.reason:
        conf *= 0.85
    return round(min(conf, 0.99), 3)


def resolve(toponyms: Sequence[Toponym], *, countries: Mapping[str, int] | None = None) -> list[Resolution]:
    """One resolution per toponym, in order; a toponym without candidates is a caller's error."""
    counts: Counter = Counter(countries or {})
    by_key: dict[str, list[int]] = {}
    for i, t in enumerate(toponyms):
        by_key.setdefault(t.key, []).append(i)
    # Anchors: names that are unambiguous on their own give the article its geography.
    chosen: dict[str, Candidate] = {}
    for key, idx in by_key.items():
        cands = toponyms[idx[0]].candidates
        chosen[key] = cands[0]
        if len(cands) == 1 or cands[0].score - cands[1].score >= ANCHOR_MARGIN:
            counts[cands[0].place.country] += 2 if cands[0].place.precision == "country" else 1
    results: dict[str, Resolution] = {}
    for _ in range(2):
        for key, idx in by_key.items():
            cands = toponyms[idx[0]].candidates[:MAX_CANDIDATES]
            sentences = {toponyms[i].sentence for i in idx}
            context = [(toponyms[i].sentence, k, chosen[k].place) for k, ix in by_key.items() if k != key for i in ix]
            scored = []
            for c in cands:
                best = max((_score(c, s, counts, context) for s in sentences), key=lambda t: t[0])
                scored.append((best[0], best[1], c))
            scored.sort(key=lambda t: -t[0])
            s0, notes, winner = scored[0]
            margin = s0 - scored[1][0] if len(scored) > 1 else float("inf")
            chosen[key] = winner
            if len(scored) == 1:
                reason = "only candidate"
            elif winner is cands[0] or not notes:
                reason = winner.reason
            else:
                reason = "; ".join(notes)
            results[key] = Resolution(winner.place, _confidence(cands, margin, winner), reason)
    return [results[t.key] for t in toponyms]
