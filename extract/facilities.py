"""Facilities no gazetteer lists (streets, buildings, grounds, roads), placed at the town the story is in.

"Carnegie Library", "Royal Street", "Buckland Elementary": a run of capitalised words that ends
with a facility word of the language (`facility_words` in the lexicon: "Street", "Hospital")
names a facility; so does a run before a facility noun written in lower case (`facility_nouns`:
"the Air Balloon roundabout"), and a numbered road of a country's system (`roads`: "the A417").
No offline gazetteer has the world's streets and buildings, but the story says which town they
are in: the town named right after the facility ("the Carnegie Library in Houston"), else the
town the article is about, the one with the most of the article's places at or around it. The
facility is reported as a FAC mention of that town, with a reason naming it; nothing is reported
where the article names no town (a road: no town of its country).

A name inside a facility's name is what the facility is named after, not where it is, when it is
a surname ("Carnegie Library": left out before the article's places are resolved, so that it
draws no namesake town near it) or a town or sea far from the town the story is in ("Liverpool
Academy" in a Cairo story, "Hampton Avenue" in St. Louis, "Atlantic Avenue"). A region or
country inside the name ("Colorado State University") stays the place it names.
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter

from extract.lexicon import Lexicon
from extract.names import given_names, surnames
from extract.recognize import Tokens
from extract.types import Mention
from geo.rank import haversine_km
from geo.resolve import within
from geo.types import Place

# A town named inside a facility's name this far from the story's town is only its namesake.
NAMESAKE_KM = 100.0
MAX_NAME_WORDS = 6  # capitalised words before the facility word
CONFIDENCE = 0.5
NEAR_KM = 100.0  # a place this near a town counts for it as the story's town
_LINKS = frozenset({"", "in", "at", "of", "near", "outside"})  # between a facility and its town
_LINK_CHARS = 10  # at most this far apart
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "n", "s", "e", "w", "nw", "ne", "sw", "se"})
# Dates written before a name are not part of it: "On Monday Carnegie Library reopened".
_CALENDAR = frozenset(n.casefold() for n in (*calendar.month_name, *calendar.day_name) if n)
_LIST_JOINS = frozenset({", ", " and ", ", and ", " or ", ", or "})  # between roads of one list
_IS_FACILITY = attrgetter("facility")
_NAME_JOINERS = frozenset({".", "&", "-", "’", "'"})  # "N. Bedford Drive", "Salt & Smoke"


@dataclass(frozen=True, slots=True)
class Facility:
    """A facility's name in the text: where, the word that makes it one, and the countries it can be
    in (None: any)."""

    start: int
    end: int
    word: str  # as written: "Street", "roundabout", "road" for a numbered road
    countries: frozenset[str] | None = None
    noun: bool = False  # named before a facility noun ("the Air Balloon roundabout")


def find_facilities(tokens: Tokens, body: Sequence[tuple[int, int]], lexicon: Lexicon,
                    *, stop_words: frozenset[str]) -> list[Facility]:
    """The facility names of the body, in text order (numbered roads apart: see `find_roads`).

    `stop_words`: casefolded words that begin no name ("The").
    """
    words, starts = tokens.words, tokens.starts
    heads, nouns = lexicon.facility_words, lexicon.facility_nouns
    out: list[Facility] = []
    for h in compress(range(len(words)), map(_IS_FACILITY, words)):
        w = words[h]
        if h == 0:
            continue
        noun = w.lower and w.fold in nouns
        if not noun and not (w.upper and w.fold in heads):
            continue
        nxt = words[h + 1] if h + 1 < len(words) and _gap(tokens, h) == " " else None
        same_sentence = nxt is not None and tokens.sentences[h + 1] == tokens.sentences[h]
        if not noun and w.fold == "st" and same_sentence and nxt.upper and nxt.fold not in _DIRECTIONS:
            continue  # "Mount St. Helens": St. is Saint
        i = _name_start(tokens, h, stop_words)
        if i is None:
            continue
        if noun:
            # the name is the capitalised words before the noun, not the noun
            start, end = starts[i], tokens.end(h - 1)
        else:
            directed = same_sentence and nxt.upper and nxt.fold in _DIRECTIONS  # "Eglinton Avenue West"
            start, end = starts[i], tokens.end(h + 1 if directed else h)
        if (not out or start >= out[-1].end) and _in_body(body, start, end):
            out.append(Facility(start, end, w.text, noun=noun))
    return _named_again(tokens.text, out, body)


def find_roads(text: str, body: Sequence[tuple[int, int]], lexicon: Lexicon,
               countries: set[str]) -> list[Facility]:
    """The numbered roads of the body ("the A417", "the A436, A40 and A429") of the systems of the
    given countries (the countries of the article's towns: a road is placed only at a town of its
    country). A road number is one after a cue word of the road system ("the"), or after another
    road of the same list: "an A4 sheet", "vitamin B12" are none."""
    out = []
    for road in lexicon.roads:
        if not road.countries & countries:
            continue
        for a, b in body:
            last = None
            for m in road.pattern.finditer(text, a, b):
                before = text[max(a, m.start() - 12):m.start()]
                cued = before.rsplit(None, 1)[-1].casefold() in road.after if before.strip() else False
                listed = last is not None and text[last:m.start()] in _LIST_JOINS
                if (cued and before.endswith(" ")) or listed:
                    out.append(Facility(m.start(), m.end(), "road", road.countries))
                    last = m.end()
    return out


def named_after(facilities: Sequence[Facility], start: int, end: int, text: str) -> bool:
    """Whether a one-word name at start:end is a surname inside a facility's name (`facilities` in
    text order, as `find_facilities` gives them): what the facility is named after ("Carnegie" in
    "Carnegie Library"), not a place."""
    if " " in text or not _surname(text):
        return False
    k = bisect.bisect_right(facilities, start, key=lambda f: f.start) - 1
    return k >= 0 and end <= facilities[k].end and not facilities[k].noun


def placed_at_town(m: Mention) -> bool:
    """Whether a mention is a facility `place_facilities` put at its story's town (a FAC mention
    with the town's point, not a venue's own)."""
    return m.label == "FAC" and m.place.precision != "venue"


def _in_body(body: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in body)


def _name_start(tokens: Tokens, h: int, stop_words: frozenset[str]) -> int | None:
    # The first token of the capitalised words before facility word h, or None if there are none.
    words, sentences = tokens.words, tokens.sentences
    i, named = h, 0
    k = h - 1
    while k >= 0 and sentences[k] == sentences[h] and named < MAX_NAME_WORDS:
        w = words[k]
        if _gap(tokens, k) not in ("", " "):
            break  # a line break or a run of spaces ends a name
        if w.possessive or w.text in _NAME_JOINERS:
            pass  # "Children's Hospital", "N. Bedford Drive"
        elif w.upper and w.alpha:
            folded = w.text.casefold()
            if (folded in stop_words and w.fold not in _ORDINALS) or folded in _CALENDAR:
                break  # "The", "In", "Monday", "March"
            named += 1
            i = k
        elif w.text[:1].isdigit():
            i = k
            if w.text.isdigit():
                break  # "2700 North Fourth Street": a house number opens the name ("2019" too)
            named += 1  # "Northwest 34th Street"
        else:
            break
        k -= 1
    while i < h and not (words[i].upper or words[i].text[:1].isdigit()):
        i += 1
    return i if named else None


def _gap(tokens: Tokens, k: int) -> str:
    # the text between token k and the next
    return tokens.text[tokens.end(k):tokens.starts[k + 1]] if k + 1 < len(tokens.starts) else ""


def _named_again(text: str, found: list[Facility], body: Sequence[tuple[int, int]]) -> list[Facility]:
    # A name read once before a noun ("the Air Balloon roundabout") is the same facility named
    # again without it ("from the Air Balloon to Cirencester").
    names = {text[f.start:f.end]: f.word for f in found if f.noun}
    if not names:
        return found
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    starts, ends = [f.start for f in found], [f.end for f in found]  # in text order, none overlapping
    out = list(found)
    for a, b in body:
        for m in rx.finditer(text, a, b):
            k = bisect.bisect_left(ends, m.start() + 1)  # the first facility ending after the match starts
            if k == len(starts) or starts[k] >= m.end():
                out.append(Facility(m.start(), m.end(), names[m.group()], noun=True))
    return sorted(out, key=lambda f: f.start)


def place_facilities(tokens: Tokens, mentions: list[Mention], facilities: Sequence[Facility]) -> list[Mention]:
    """The mentions with the article's facilities added, each at the town the story puts it in."""
    if not facilities:
        return mentions
    # Mentions (in text order) by start, to find those inside a facility; one that starts before
    # the facility can reach into it only as the last or (overlapping it) the one before.
    starts = [m.start for m in mentions]

    def inside(f: Facility) -> list[Mention]:
        k = max(bisect.bisect_right(starts, f.start) - 2, 0)
        return [m for m in mentions[k:bisect.bisect_left(starts, f.end)] if m.start < f.end and f.start < m.end]

    # A name before a noun that is a place of the article is that place: "the Cirencester junction".
    facilities = [f for f in facilities
                  if not (f.noun and any(m.start == f.start and m.end == f.end for m in inside(f)))]
    # The towns the story can be in: not the namesakes inside a facility's name.
    covered = {id(m) for f in facilities for m in inside(f)}
    towns = [m for m in mentions if m.place.precision == "city" and id(m) not in covered]
    if not towns:
        return mentions
    town_starts = [m.start for m in towns]
    rank: dict[str, tuple[int, int]] | None = None  # worked out when first needed
    leaders: list[Mention] = []
    dropped: set[int] = set()
    added = []
    for f in facilities:
        within_name = inside(f)
        if any(m.place.precision == "venue" for m in within_name):
            continue
        home, home_starts = (towns, town_starts) if f.countries is None else _of(towns, f.countries)
        if not home:
            continue
        town, where = _town_right_after(tokens, home, home_starts, f), "named right after it"
        if town is None:
            if rank is None:
                rank, leaders = _ranked(towns, mentions)
            town, where = _story_town(home, leaders if f.countries is None else None, rank, f.start), \
                "the town the article is about"
        if within_name and not all(_namesake(m, town) for m in within_name):
            continue
        dropped.update(id(m) for m in within_name)
        added.append(Mention(tokens.text[f.start:f.end], f.start, f.end, town.place, "FAC", CONFIDENCE,
                             f"{f.word} not in the gazetteer: in {town.place.name}, {where}"))
    if not added:
        return mentions
    out = [m for m in mentions if id(m) not in dropped] + added
    out.sort(key=lambda m: m.start)
    return out


def _namesake(m: Mention, town: Mention) -> bool:
    # A place named inside a facility's name that the facility is only named after: a town or sea far
    # from the story's town ("Liverpool Academy" in Cairo), or a surname ("Carnegie Library").
    if m.place.precision not in ("city", "water") or m.place.id == town.place.id:
        return False
    return (haversine_km(m.place.lat, m.place.lon, town.place.lat, town.place.lon) > NAMESAKE_KM
            or (" " not in m.text and _surname(m.text)))


def _surname(word: str) -> bool:
    # a surname and no given name: "Carnegie", not "Augusta"
    folded = word.casefold()
    return folded in surnames() and folded not in given_names()


def _ranked(towns: list[Mention], mentions: list[Mention]) -> tuple[dict[str, tuple[int, int]], list[Mention]]:
    """Each town's rank as the town the article is about (most of the article's places at or around
    it, then most often named), and the towns of the best rank.

    The town a story is in has its neighbours and its state named too ("Mandeville", "Louisiana"
    for New Orleans); a misread namesake ("Rue" in France, in a New Orleans story) stands alone.
    """
    around = list({m.place.id: m.place for m in mentions if m.place.precision in ("city", "region")}.values())
    named = Counter(m.place.id for m in towns)
    rank = {}
    for t in towns:
        p = t.place
        if p.id not in rank:
            rank[p.id] = (sum(1 for q in around if q.id == p.id or (
                within(p, q) if q.precision == "region" else _near(p, q))), named[p.id])
    top = max(rank.values())
    return rank, [m for m in towns if rank[m.place.id] == top]


def _near(p: Place, q: Place) -> bool:
    # within NEAR_KM: a degree of latitude is 111 km, so most pairs are told apart without trigonometry
    if abs(p.lat - q.lat) * 111.0 > NEAR_KM:
        return False
    return haversine_km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM


def _of(towns: list[Mention], countries: frozenset[str]) -> tuple[list[Mention], list[int]]:
    # the towns of some countries, and where each starts
    home = [m for m in towns if m.place.country in countries]
    return home, [m.start for m in home]


def _town_right_after(tokens: Tokens, towns: list[Mention], starts: list[int], f: Facility) -> Mention | None:
    # A town named right after the facility: "Carnegie Hall in New York", "Royal Street, New Orleans".
    k = bisect.bisect_left(starts, f.end)
    if k < len(towns) and towns[k].start - f.end <= _LINK_CHARS \
            and tokens.text[f.end:towns[k].start].strip(" ,").casefold() in _LINKS:
        return towns[k]
    return None


def _story_town(towns: list[Mention], leaders: list[Mention] | None, rank: dict[str, tuple[int, int]],
                start: int) -> Mention:
    # The town the article is about (`leaders`; worked out here from `rank` where the towns are a
    # subset), the nearest one before the facility among equals.
    if leaders is None:
        top = max(rank[m.place.id] for m in towns)
        leaders = [m for m in towns if rank[m.place.id] == top]
    k = bisect.bisect_right(leaders, start, key=lambda m: m.end)  # leaders (in text order) ending by `start`
    return leaders[k - 1] if k else leaders[0]
