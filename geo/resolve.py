"""Choose the place each name in an article refers to, with evidence, and say why.

Pure: the caller gives every toponym of an article with its gazetteer candidates and the
countries the article refers to; this module weighs, for each candidate, its prior (what it is,
how many live there, how the name matched), the countries of the article, nearness to the
article's other places (in the same sentence above all), containment in a region or water body
named nearby, and picks one. One sense per discourse: a name read twice in an article means
the same place both times.
"""

from __future__ import annotations

import itertools
import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy

from geo.rank import EARTH_RADIUS_KM, haversine_km  # noqa: F401  (haversine_km is used by callers)
from geo.types import Candidate, Place

COUNTRY_WEIGHT, CAPITAL_WEIGHT = 4.0, 3.0  # the countries an article names draw its ambiguous names (Paris, Texas in a Texas story)
SAME_SENTENCE_WEIGHT, ARTICLE_WEIGHT, NEAR_SCALE_KM = 6.0, 3.0, 50.0
CONTAINMENT_BONUS, DIVISION_FACTOR = 2.0, 2.0
WITHIN_BONUS = 8.0  # "Paris, Tenn.": as strong as a country given by the user
# A local story (one country, several of its towns or counties named unambiguously) draws its
# ambiguous names home: "Paris" among Lamar County and Reno, Texas, is Paris, Texas.
LOCAL_MIN_PLACES, LOCAL_DOMINANCE, LOCAL_WEIGHT = 1, 3, 7.0
ANCHOR_MARGIN = 2.5
# A candidate is near another name's close rival as well as its current choice (see _context).
RIVAL_MARGIN = 3.0
MAX_CANDIDATES = 30  # every county of a name: there are 24 Franklin Counties


@dataclass(frozen=True, slots=True)
class Toponym:
    """A name found in an article, with its gazetteer candidates (best first, no context)."""

    key: str  # normalised name: equal keys are one place per article
    sentence: int
    candidates: tuple[Candidate, ...]
    within: Place | None = None  # the region or country named right after it ("Paris, Tenn.")
    around: Place | None = None  # the place named right before it, inside it ("Atlanta, Georgia")


@dataclass(frozen=True, slots=True)
class Resolution:
    """The place chosen for a toponym, how sure, and why."""

    place: Place
    confidence: float
    reason: str


class _Geometry:
    """Context bonuses of the candidates of ambiguous names against the places the article's names
    may stand for.

    Candidates of ambiguous names are rows; every candidate of every name is an entry (candidate r
    of name n is entry `starts[n] + r`). A row's bonus against an entry depends on nothing else, so
    all are computed once, in one vectorised step; a change of choices only picks other entries.
    """

    def __init__(self, groups: Sequence[int], cands: Sequence[Sequence[Candidate]],
                 sentences: Sequence[set[int]], every: Sequence[Sequence[Candidate]]) -> None:
        # groups: the column (name) of each group of rows; cands: the candidates of each group;
        # every: the candidates of every name, in name order.
        self.rows = [c for cs in cands for c in cs]
        sizes = [len(cs) for cs in cands]
        self.offsets = [0, *itertools.accumulate(sizes)]
        row_col = numpy.repeat(numpy.asarray(groups, dtype=int), sizes)
        ids: dict[str, int] = {}
        row_id = numpy.array([ids.setdefault(c.place.id, len(ids)) for c in self.rows])
        rlat = numpy.radians([c.place.lat for c in self.rows])[:, None]
        rlon = numpy.radians([c.place.lon for c in self.rows])[:, None]
        rcity = numpy.array([c.place.precision in ("city", "venue") for c in self.rows])[:, None]
        rradius = numpy.array([c.place.radius_km or 0.0 if c.place.precision == "region" else 0.0
                               for c in self.rows])[:, None]
        self.divisions: dict[str, int] = {}
        radmin1 = numpy.array([self._division(c.place.admin1) for c in self.rows])[:, None]
        # the division a candidate row is (a US state), or -1
        ris_division = numpy.array([self._division(c.place.admin1) if is_division(c.place) else -1
                                    for c in self.rows])[:, None]
        all_sentences = sorted(set().union(*sentences))
        index = {s: i for i, s in enumerate(all_sentences)}
        incidence = numpy.zeros((len(sentences), len(all_sentences)), dtype=numpy.int32)
        for n, ss in enumerate(sentences):
            incidence[n, [index[x] for x in ss]] = 1
        # rows x names: the name is named in a sentence of the row's own name
        self.same = (incidence[row_col] @ incidence.T) > 0
        self.starts = [0, *itertools.accumulate(len(cs) for cs in every)]
        self.places = places = [c.place for cs in every for c in cs]
        # the name of each entry
        cols = numpy.repeat(numpy.arange(len(every)), [len(cs) for cs in every])
        lat = numpy.radians([p.lat for p in places])[None, :]
        lon = numpy.radians([p.lon for p in places])[None, :]
        a = numpy.sin((lat - rlat) / 2) ** 2 + numpy.cos(rlat) * numpy.cos(lat) * numpy.sin((lon - rlon) / 2) ** 2
        d = 2 * EARTH_RADIUS_KM * numpy.arcsin(numpy.minimum(1.0, numpy.sqrt(a)))
        radius = numpy.array([p.radius_km or 0.0 for p in places])[None, :]
        same = self.same[:, cols]
        bonus = numpy.where(same, SAME_SENTENCE_WEIGHT, ARTICLE_WEIGHT) * numpy.exp(-d / NEAR_SCALE_KM)
        # A town, or a smaller region (a county in a state), inside a region the article names:
        # by its first-level division where both are known, else by the region's reach.
        smaller = rcity | ((rradius > 0) & (rradius < radius))
        division = numpy.array([self._division(p.admin1) if is_division(p) else -1 for p in places])[None, :]
        by_code = division >= 0
        inside = smaller & numpy.where(by_code, radmin1 == division, (radius > 0) & (d <= radius))
        city = numpy.array([p.precision in ("city", "venue") for p in places])[None, :]
        inside |= (rradius > 0) & (d <= rradius) & city  # a region around a city the article names
        # a state around a town or county the article names ("Barrow County" -> Georgia, the state)
        small = numpy.array([p.precision in ("city", "venue") or p.feature == "county" for p in places])[None, :]
        admin = numpy.array([self._division(p.admin1) for p in places])[None, :]
        inside |= (ris_division >= 0) & (ris_division == admin) & small
        if inside.any():
            # Inside a state the article names is stronger evidence than inside a region's reach.
            in_division = inside & by_code & smaller
            strength = numpy.where(in_division, DIVISION_FACTOR, 1.0) * numpy.where(same, CONTAINMENT_BONUS * 1.5, CONTAINMENT_BONUS)
            bonus = numpy.where(inside, numpy.maximum(bonus, strength), bonus)
        entry_id = numpy.array([ids.get(p.id, -1) for p in places])[None, :]
        country = numpy.array([p.precision == "country" for p in places])[None, :]
        # no bonus from the row's own name, from a country, or from the row's own place
        bonus[(row_col[:, None] == cols[None, :]) | country | (entry_id == row_id[:, None])] = -1.0
        self.all_bonus, self.all_dist, self.all_inside, self.entry_col = bonus, d, inside, cols
        self.arg: list[int] = []
        self.best: list[float] = []

    def _division(self, code: str | None) -> int:
        return -1 if code is None else self.divisions.setdefault(code, len(self.divisions))

    def update(self, entries: Sequence[int]) -> None:
        """Each candidate's best context bonus against the places the article's names may stand
        for now: `entries` (see the class), a name's current choice or a close rival."""
        at = numpy.asarray(entries, dtype=int)
        bonus = self.all_bonus[:, at]
        self.arg = at[bonus.argmax(axis=1)].tolist()
        self.best = bonus.max(axis=1).tolist()

    def bonus(self, row: int) -> tuple[float, str]:
        """The context bonus of a candidate row and the note that explains it (none under 0.3)."""
        best = self.best[row]
        if best < 0.3:
            return 0.0, ""
        entry = self.arg[row]
        ctx = self.places[entry]
        where = "same sentence" if self.same[row, self.entry_col[entry]] else "article"
        if self.all_inside[row, entry]:
            place = self.rows[row].place
            if place.precision == "region" and (place.radius_km or 0.0) > (ctx.radius_km or 0.0):
                return best, f"contains {ctx.name} named in {where}"
            return best, f"inside {ctx.name} named in {where}"
        return best, f"{self.all_dist[row, entry]:.0f} km from {ctx.name} named in {where}"


def is_division(place: Place) -> bool:
    """Whether a place is a first-level division with a known code (a US state), not a place in one."""
    return place.feature == "region" and place.admin1 is not None


def within(place: Place, region: Place) -> bool:
    """Whether a place lies in a country, in a first-level division, or in a region's extent."""
    if region.precision == "country":
        return place.country == region.country and place.precision != "country"
    if is_division(region) and place.admin1 is not None:
        return place.admin1 == region.admin1 and place.id != region.id
    return bool(region.radius_km) and haversine_km(place.lat, place.lon, region.lat, region.lon) <= region.radius_km


def _score(c: Candidate, row: int, countries: Mapping[str, int] | _Counts, geometry: _Geometry,
           container: Place | None = None, content: Place | None = None,
           own_countries: frozenset[str] = frozenset(), local: str | None = None,
           named: frozenset[str] | set[str] = frozenset()) -> tuple[float, list[str]]:
    notes = []
    s = c.score
    if container is not None and c.place.id != container.id and within(c.place, container):
        s += WITHIN_BONUS
        notes.append(f"in {container.name} named after it")
    if content is not None and c.place.id != content.id and within(content, c.place):
        s += WITHIN_BONUS
        notes.append(f"contains {content.name} named before it")
    cc = c.place.country
    # A country named in the article draws its places, but not away from the country itself
    # when the name is the country's ("Mexico" is Mexico, not Mexico City).
    if cc and c.place.precision != "country" and cc == local and cc not in own_countries:
        s += LOCAL_WEIGHT
        notes.append(f"in {cc}, the country of this local story")
    elif cc and c.place.precision != "country" and countries.get(cc) and cc not in own_countries:
        s += COUNTRY_WEIGHT * min(countries[cc], 3) / 3
        notes.append(f"in {cc}, named in article")
    if c.place.feature == "capital" and cc in named and cc not in own_countries:
        s += CAPITAL_WEIGHT  # "in France ... Paris": its capital, even in a Kentucky story
        notes.append(f"capital of {cc}, named in article")
    bonus, why = geometry.bonus(row)
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


def _free_country(c: Candidate, key: str, anchored: set[str]) -> str | None:
    # The country a non-anchor name currently places the article in (none for a country itself).
    if key in anchored or c.place.precision == "country":
        return None
    return c.place.country


class _Counts:
    """Countries named in the article plus those of its other names' current places (read-only)."""

    __slots__ = ("base", "free", "own")

    def __init__(self, base: Counter, free: Counter, own: str | None) -> None:
        self.base, self.free, self.own = base, free, own

    def get(self, cc: str, default: int = 0) -> int:
        n = self.base.get(cc, 0) + self.free.get(cc, 0) - (cc == self.own)
        return n if n else default

    def __getitem__(self, cc: str) -> int:
        return self.get(cc)


def _local_country(local_places: Mapping[str, int], named: set[str] | frozenset[str] = frozenset()) -> str | None:
    """The country of a local story: the one whose towns, counties or regions the article names
    by names found in no other country, at least `LOCAL_MIN_PLACES` of them and
    `LOCAL_DOMINANCE` times as many as of all other countries together, each other country the
    article names as such counting as one ("Kansas City" among Japan and Canada is no local story)."""
    ranked = sorted(((n, cc) for cc, n in local_places.items() if n and cc), reverse=True)
    if not ranked:
        return None
    n, cc = ranked[0]
    others = sum(m for m, _ in ranked[1:]) + len(named - {cc})
    return cc if n >= LOCAL_MIN_PLACES and n >= LOCAL_DOMINANCE * others else None


def _context(keys: Sequence[str], chosen: Mapping[str, Candidate], cands: Sequence[Sequence[Candidate]],
             totals: Mapping[int, Sequence[float]], starts: Sequence[int]) -> list[int]:
    """The places the article's names may stand for, as entries `starts[n] + r` (candidate r of
    name n): every name's current choice, and for an ambiguous name its close rivals too (scored
    within `RIVAL_MARGIN` of the choice), so that two ambiguous names can find each other: "Paris
    and Henry County" are the Tennessee pair, 4 km apart, though each alone would have chosen
    elsewhere first."""
    entries = []
    for n, key in enumerate(keys):
        cs, first, choice = cands[n], starts[n], chosen[key]
        mine = [r for r, c in enumerate(cs) if c is choice]
        entries.append(first + mine[0])
        scores = totals.get(n)
        if scores is None:
            continue
        best = max(scores[r] for r in mine)
        rivals = sorted(((t, r) for r, t in enumerate(scores) if t >= best - RIVAL_MARGIN and cs[r] is not choice),
                        reverse=True)
        entries.extend(first + r for _, r in rivals)
    return entries


def resolve(toponyms: Sequence[Toponym], *, countries: Mapping[str, int] | None = None) -> list[Resolution]:
    """One resolution per toponym, in order; a toponym without candidates is a caller's error."""
    counts: Counter = Counter(countries or {})
    by_key: dict[str, list[int]] = {}
    for i, t in enumerate(toponyms):
        by_key.setdefault(t.key, []).append(i)
    # Anchors: names that are unambiguous on their own give the article its geography.
    chosen: dict[str, Candidate] = {}
    anchored: set[str] = set()
    local_places: Counter = Counter()
    for key, idx in by_key.items():
        cands = toponyms[idx[0]].candidates
        chosen[key] = cands[0]
        if len(cands) == 1 or cands[0].score - cands[1].score >= ANCHOR_MARGIN:
            counts[cands[0].place.country] += 2 if cands[0].place.precision == "country" else 1
            anchored.add(key)
        # A name whose every candidate is a town, county or region of one country places the
        # article there, however many namesakes it has (the 24 Franklin Counties are all American).
        home = {c.place.country for c in cands}
        if len(home) == 1 and all(c.place.precision in ("city", "region") and c.place.feature != "capital"
                                  for c in cands):
            local_places[home.pop()] += 1
    # the countries the article names as such: by name, demonym or office holder
    # (a name that is also a town's, "Palestine" or "Jordan", does not tell a local story apart)
    named = {cc for cc, n in (countries or {}).items() if n} | {
        chosen[k].place.country for k in anchored if chosen[k].place.precision == "country"
        and all(c.place.precision == "country" for c in toponyms[by_key[k][0]].candidates)}
    local = _local_country(local_places, named)
    keys = list(by_key)
    cands = [toponyms[by_key[k][0]].candidates[:MAX_CANDIDATES] for k in keys]
    results: dict[str, Resolution] = {}
    for n, key in enumerate(keys):
        if len(cands[n]) == 1:
            results[key] = Resolution(cands[n][0].place, _confidence(cands[n], 0.0, cands[n][0]), "only candidate")
    ambiguous = [n for n, key in enumerate(keys) if key not in results]
    if not ambiguous:
        return [results[t.key] for t in toponyms]
    own = [frozenset(c.place.country for c in cs if c.place.precision == "country" and c.place.country) for cs in cands]
    containers = [next((toponyms[i].within for i in by_key[k] if toponyms[i].within is not None), None) for k in keys]
    contents = [next((toponyms[i].around for i in by_key[k] if toponyms[i].around is not None), None) for k in keys]
    geometry = _Geometry(ambiguous, [cands[n] for n in ambiguous],
                         [{toponyms[i].sentence for i in by_key[k]} for k in keys], cands)
    # A sea or ocean (not a river: "Zambezi" is also a Zambian town) called by this very name is what
    # the article means, whatever country it is about: "the Atlantic" in an American storm story is
    # the ocean, not Atlantic, Iowa.
    seas = {n for n in ambiguous if any(c.place.feature == "water" and c.langs for c in cands[n])}
    homes = {n: None if n in seas else local for n in ambiguous}
    # Each ambiguous name's running scores, by candidate: the prior and the local story to begin with.
    totals = {n: [c.score + (LOCAL_WEIGHT if c.place.country == homes[n] and c.place.precision != "country" else 0.0)
                  for c in cands[n]] for n in ambiguous}

    def refresh() -> None:
        geometry.update(_context(keys, chosen, cands, totals, geometry.starts))

    refresh()
    free = Counter(c for c in (_free_country(chosen[k], k, anchored) for k in keys) if c is not None)
    for _ in range(2):
        for g, n in enumerate(ambiguous):
            key = keys[n]
            first = geometry.offsets[g]
            # The countries of the places the article's other ambiguous names stand for now count too:
            # "Dublin" among Columbus, Grove City and Madison is in the US.
            mine = _free_country(chosen[key], key, anchored)
            # A name never counts as evidence for itself: an anchor's own country is taken off too
            # ("Dublin" alone does not name Ireland).
            counted = _Counts(Counter() if n in seas else counts, Counter() if n in seas else free,
                              mine if key not in anchored else cands[n][0].place.country)
            scored = []
            for r, c in enumerate(cands[n]):
                s, notes = _score(c, first + r, counted, geometry, containers[n], contents[n], own[n], homes[n], named)
                scored.append((s, notes, c))
            totals[n] = [t[0] for t in scored]
            scored.sort(key=lambda t: -t[0])
            s0, notes, winner = scored[0]
            margin = s0 - scored[1][0]
            if winner is not chosen[key]:
                if mine is not None:
                    free[mine] -= 1
                chosen[key] = winner
                mine = _free_country(winner, key, anchored)
                if mine is not None:
                    free[mine] += 1
                refresh()
            if winner is cands[n][0] or not notes:
                reason = winner.reason
            else:
                reason = "; ".join(notes)
            results[key] = Resolution(winner.place, _confidence(cands[n], margin, winner), reason)
    return [results[t.key] for t in toponyms]
