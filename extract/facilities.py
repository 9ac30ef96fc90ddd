"""Facilities no gazetteer lists (streets, buildings, grounds), placed at the town the story is in.

"Carnegie Library", "Royal Street", "Buckland Elementary", "Cloverhill District Court": a run of
capitalised words that ends with a facility word of the language (`facility_words` in the
lexicon: "Street", "Hospital", "Airport") names a facility. No offline gazetteer has the world's
streets and buildings, but the story says which town they are in: the town named right after
the facility ("the Carnegie Library in Houston"), else the town the article is about, the one
with the most of the article's places at or around it. The facility is reported as a FAC mention
of that town, with a reason naming it; nothing is reported where the article names no town.

A town's or a sea's name inside a facility's name is what the facility is named after, not where
it is, when it is far from the town the story is in ("Liverpool Academy" in a Cairo story,
"Hampton Avenue" in St. Louis, "Atlantic Avenue") or a surname ("Carnegie Library"). A region or
country inside the name ("Colorado State University") stays the place it names.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence

from extract.lexicon import Lexicon
from extract.names import given_names, surnames
from extract.recognize import Tokens
from extract.types import Mention
from geo.rank import haversine_km
from geo.resolve import within

# A town named inside a facility's name this far from the story's town is only its namesake.
NAMESAKE_KM = 100.0
MAX_NAME_WORDS = 6  # capitalised words before the facility word
CONFIDENCE = 0.5
NEAR_KM = 100.0  # a place this near a town counts for it as the story's town
_LINKS = frozenset({"", "in", "at", "of", "near", "outside"})  # between a facility and its town
_LINK_CHARS = 10  # at most this far apart
_ORDINALS = frozenset({"first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth"})
_DIRECTIONS = frozenset({"north", "south", "east", "west", "n", "s", "e", "w"})


def facility_spans(tokens: Tokens, body: Sequence[tuple[int, int]], heads: frozenset[str],
                   stop_words: frozenset[str], nouns: frozenset[str] = frozenset()) -> list[tuple[int, int, str]]:
    """(start char, end char, facility word) of each facility name in the body.

    `heads`: folded facility words that end a name ("Street"); `nouns`: folded common nouns written
    after a name, not part of it ("roundabout" in "the Air Balloon roundabout"); `stop_words`:
    casefolded words that begin no name ("The").
    """
    if not heads and not nouns:
        return []
    words, starts = tokens.words, tokens.starts
    out: list[tuple[int, int, str]] = []
    for h in [h for h, w in enumerate(words) if w.facility]:
        w = words[h]
        if h == 0:
            continue
        if w.lower and w.fold in nouns:
            # "the Air Balloon roundabout": the name is the capitalised words before the noun
            i = _name_start(tokens, h, stop_words)
            start, end = (starts[i], tokens.end(h - 1)) if i is not None else (0, 0)
            if i is not None and i < h and not (out and start < out[-1][1]) and any(a <= start and end <= b for a, b in body):
                out.append((start, end, w.fold))
            continue
        if not (w.upper and w.fold in heads):
            continue
        nxt = words[h + 1] if h + 1 < len(words) and _gap(tokens, h) == " " else None
        if w.fold == "st" and nxt is not None and nxt.upper and nxt.fold not in _DIRECTIONS:
            continue  # "Mount St. Helens": St. is Saint
        i = _name_start(tokens, h, stop_words)
        if i is None:
            continue
        j = h + 1 if nxt is not None and nxt.upper and nxt.fold in _DIRECTIONS else h  # "Eglinton Avenue West"
        start, end = starts[i], tokens.end(j)
        if out and start < out[-1][1]:
            continue
        if any(a <= start and end <= b for a, b in body):
            out.append((start, end, w.fold))
    return _named_again(tokens.text, out, body, nouns)


def _named_again(text: str, spans: list[tuple[int, int, str]], body: Sequence[tuple[int, int]],
                 nouns: frozenset[str]) -> list[tuple[int, int, str]]:
    # A name read once before a noun ("the Air Balloon roundabout") is the same facility named
    # again without it ("from the Air Balloon to Cirencester").
    names = {text[a:b]: head for a, b, head in spans if head in nouns}
    if not names:
        return spans
    rx = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)) + r")(?!\w)")
    taken = list(spans)
    for a, b in body:
        for m in rx.finditer(text, a, b):
            if not any(x < m.end() and m.start() < y for x, y, _ in taken):
                taken.append((m.start(), m.end(), names[m.group()]))
    return sorted(taken)


def _name_start(tokens: Tokens, h: int, stop_words: frozenset[str]) -> int | None:
    # The first token of the capitalised words before facility word h, or None if there are none.
    words, sentences = tokens.words, tokens.sentences
    i, named = h, 0
    k = h - 1
    while k >= 0 and sentences[k] == sentences[h] and h - k <= 3 * MAX_NAME_WORDS:
        w = words[k]
        if _gap(tokens, k) not in ("", " "):
            break  # a line break or a run of spaces ends a name
        if w.possessive or w.text in (".", "&", "-", "’", "'"):
            pass  # "Children's Hospital", "N. Bedford Drive", "Salt + Smoke"
        elif w.upper and w.alpha:
            if w.text.casefold() in stop_words and w.fold not in _ORDINALS:
                break  # "The", "In"
            named += 1
            i = k
        elif w.text[:1].isdigit():
            i = k  # "2700 North Fourth Street", "14th St."
            named += not w.text.isdigit()
        else:
            break
        k -= 1
    while i < h and not (words[i].upper or words[i].text[:1].isdigit()):
        i += 1
    return i if named else None


def _gap(tokens: Tokens, k: int) -> str:
    # the text between token k and the next
    return tokens.text[tokens.end(k):tokens.starts[k + 1]] if k + 1 < len(tokens.starts) else ""


def road_spans(text: str, body: Sequence[tuple[int, int]],
               roads: Sequence[tuple[re.Pattern, frozenset[str]]]) -> list[tuple[int, int, str, frozenset[str]]]:
    """(start char, end char, "road", countries) of each numbered road in the body ("A417", "I-95"):
    a road of a country's numbering, placed only at a town of that country."""
    out = []
    for rx, countries in roads:
        for a, b in body:
            out += [(m.start(), m.end(), "road", countries) for m in rx.finditer(text, a, b)]
    return out


def place_facilities(tokens: Tokens, mentions: list[Mention], body: Sequence[tuple[int, int]], lexicon: Lexicon,
                     stop_words: frozenset[str]) -> list[Mention]:
    """The mentions with the article's unlisted facilities and numbered roads added, each at the
    town the story puts it in."""
    cities = {m.place.country for m in mentions if m.place.precision == "city"}
    if not cities:
        return mentions  # no town to put anything in
    spans = [(a, b, head, None) for a, b, head in facility_spans(tokens, body, lexicon.facility_words, stop_words,
                                                                 lexicon.facility_nouns)]
    spans += road_spans(tokens.text, body, [(rx, cc) for rx, cc in lexicon.roads if cc & cities])
    if not spans:
        return mentions
    spans.sort()

    def overlaps(m: Mention, a: int, b: int) -> bool:
        return m.start < b and a < m.end

    # The towns the story can be in: not the namesakes inside a facility's name.
    towns = [m for m in mentions if m.place.precision == "city" and not any(overlaps(m, a, b) for a, b, *_ in spans)]
    if not towns:
        return mentions
    support = _support(towns, mentions)
    named = Counter(m.place.id for m in towns)
    # the town the article is about: best supported, then most often named (then nearest, per facility)
    rank = {pid: (support[pid], named[pid]) for pid in named}
    top = max(rank.values())
    leaders = [m for m in towns if rank[m.place.id] == top]
    dropped: set[int] = set()
    added = []
    for start, end, head, countries in spans:
        inside = [m for m in mentions if overlaps(m, start, end)]
        if any(m.place.precision == "venue" for m in inside):
            continue
        home = towns if countries is None else [m for m in towns if m.place.country in countries]
        if not home:
            continue
        town, where = _story_town(tokens, home, leaders if countries is None else None, rank, start, end)
        if inside and not all(_namesake(m, town) for m in inside):
            continue
        if inside:
            dropped.update(id(m) for m in inside)
        added.append(Mention(tokens.text[start:end], start, end, town.place, "FAC", CONFIDENCE,
                             f"{head} not in the gazetteer: in {town.place.name}, {where}"))
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


def _support(towns: list[Mention], mentions: list[Mention]) -> dict[str, int]:
    """For each town, how many distinct places of the article are it, near it or around it.

    The town a story is in has its neighbours and its state named too ("Mandeville", "Louisiana"
    for New Orleans); a misread namesake ("Rue" in France, in a New Orleans story) stands alone.
    """
    around = {m.place.id: m.place for m in mentions if m.place.precision in ("city", "region")}
    out = {}
    for t in towns:
        p = t.place
        if p.id not in out:
            out[p.id] = sum(1 for q in around.values() if q.id == p.id or (
                within(p, q) if q.precision == "region" else haversine_km(p.lat, p.lon, q.lat, q.lon) <= NEAR_KM))
    return out


def _story_town(tokens: Tokens, towns: list[Mention], leaders: list[Mention] | None,
                rank: dict[str, tuple[int, int]], start: int, end: int) -> tuple[Mention, str]:
    # A town named right after the facility ("Carnegie Hall in New York", "Royal Street, New Orleans"),
    # else the town the article is about (`leaders`, the towns of the best rank: most places of the
    # article at or around it, then most often named; worked out here from `rank` where the towns
    # are a subset), the nearest one before the facility among equals.
    k = bisect.bisect_left([m.start for m in towns], end)
    if k < len(towns) and towns[k].start - end <= _LINK_CHARS \
            and tokens.text[end:towns[k].start].strip(" ,").casefold() in _LINKS:
        return towns[k], "named right after it"
    if leaders is None:
        top = max(rank[m.place.id] for m in towns)
        leaders = [m for m in towns if rank[m.place.id] == top]
    best = max(leaders, key=lambda m: (m.end <= start, -abs(m.start - start)))
    return best, "the town the article is about"
