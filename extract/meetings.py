"""Meetings an article reports: a trigger word, its participants, its place, its date and status.

Per sentence of the body: the trigger lexicon of the language (`assets/meetings/<lang>.json`:
talks, summit, phone_call, visit, nominal forms included) finds the meeting words. Each trigger
takes the country references nearest to it (country names, demonyms, office holders, capitals
and seats of power used for their governments, organisations), the place the sentence gives
after a locative word or right after the trigger (else a neighbouring sentence's), and the
date expression nearest to it. A place named as the meeting's place, or with a locative or
topic word before it ("in Saudi Arabia", "about Ukraine"), is not a participant. A planning cue
nearer the trigger than a held cue, or a date after publication, makes the meeting `planned`.
An office holder speaking in a foreign capital ("Lavrov said in Doha") is a visit.

Within the article, a report without a date of its own joins the dated report of the same
meeting; what is still undated takes the publication date, approximately.
"""

from __future__ import annotations

import bisect
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from functools import lru_cache

from extract.dates import date_lexicon
from extract.events import participants_agree, places_agree
from extract.facilities import placed_at_town
from extract.lexicon import Person, lexicon, seat_codes
from extract.types import LANGUAGES, CountryRef, DateRef, Meeting, Mention
from extract.wordstarts import Spots, WordStarts, aligned_fold, any_of, fewest, fold_case, refold
from geo.errors import CacheError
from geo.normalize import name_key
from geo.rank import haversine_km
from geo.sources import ASSETS
from geo.types import Place

MEETINGS = ASSETS / "meetings"
PLANNED_WINDOW_BEFORE, PLANNED_WINDOW_AFTER = 60, 40
PLACE_REACH, COUNTRY_PLACE_REACH, PARTY_REACH = 120, 50, 150  # characters from the trigger
TRIGGER_ORDER = ("phone_call", "summit", "visit", "talks")
SAME_TRIGGER_GAP = 15
SPEAKER_REACH = 30
ANCHOR_TAIL = 25  # "the invasion of … Ukraine": a few words after an event's name are still the event  # two triggers of a kind this close are one meeting word ("các cuộc đàm phán")
VISIT_REACH = 60  # characters between an office holder and "in <city>" for a presence visit
_PLACE_RANK = {"venue": 0, "city": 1, "region": 2, "country": 3}
_ARABIC_PREFIX = r"(?:[وفبلك]{0,2}(?:ال)?)"
_ARABIC_SUFFIX = r"(?:ه|ها|هما|هم|ات|ان|ين)?"


@dataclass(frozen=True)
class MeetingLexicon:
    """The meeting words of one language, compiled."""

    lang: str
    triggers: re.Pattern  # one named group per kind
    trigger_cues: tuple[str, ...]  # substrings, folded (`fold_case`), one of which every trigger contains
    planned: re.Pattern | None
    held: re.Pattern | None
    locatives: frozenset[str]
    topics: frozenset[str]
    topic_rx: re.Pattern | None  # a topic word between a trigger and a place: "talks to end the war in X"
    organisations: re.Pattern | None
    org_codes: dict[str, str]  # casefolded name -> code
    seats: re.Pattern | None
    seat_codes: dict[str, str]
    hosts: re.Pattern | None  # "استضافت", "hosted": the place written before it is the meeting's
    speech: re.Pattern | None  # "said", "قال", "cho biết": the person near it speaks, and may not be at the table
    trigger_starts: WordStarts | None  # the triggers tried only where a trigger's first word is written
    # endings written right after a place that put something there: Turkish "Ankara'da" (in Ankara)
    locative_suffixes: tuple[str, ...] = ()
    # per pattern ("seats", "planned", "held", "speech", "hosts", "topics"), a plain search for the
    # folded longest word of each of its phrases (`MeetingFinder.may`)
    cue_rx: dict[str, re.Pattern] = field(default_factory=dict)
    # the longest word of each organisation's name as written: the (case-sensitive) pattern matches only where one is
    org_cues: re.Pattern | None = None


def _read(path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read meeting lexicon {path}: {e}") from e


def _cues(phrases) -> set[str]:
    """Words, folded, one of which every match of a pattern of the phrases holds.

    Of each phrase, a word that holds a cue already taken (as "met with" holds "met", "state visit"
    "visit"), else its longest word; a cue that holds another goes ("visited": where it is written,
    so is "visit"). Few and rare cues let a text be searched for them quickly and seldom found.
    """
    cues: set[str] = set()
    for words in sorted((fold_case(p).split() for p in set(phrases) if p.strip()), key=lambda ws: (len(ws), ws)):
        if not any(c in w for w in words for c in cues):
            cues.add(max(words, key=len))
    return set(fewest(cues))


def _body_rx(phrase: str, *, stems: bool) -> str:
    words = [re.escape(w) for w in phrase.split()]
    if stems:
        words = [w + r"\w*" for w in words]
    return r"\s+".join(words)


def _bodies(phrases, *, stems: bool) -> str:
    return "|".join(_body_rx(p, stems=stems) for p in sorted(set(phrases), key=lambda p: (-len(p), p)) if p.strip())


def _framed(inner: str, *, arabic: bool, cjk: bool) -> str:
    # The word boundaries and Arabic clitics are written once around the whole alternation, not
    # once per phrase: the regex engine then tries one frame per position, not one per phrase.
    if cjk:
        return f"(?:{inner})"
    if arabic:
        return rf"(?<!\w){_ARABIC_PREFIX}(?:{inner}){_ARABIC_SUFFIX}(?!\w)"
    return rf"(?<!\w)(?:{inner})(?!\w)"


def _alternation(phrases, *, stems: bool, arabic: bool, cjk: bool) -> str:
    return _framed(_bodies(phrases, stems=stems), arabic=arabic, cjk=cjk)


@lru_cache(maxsize=None)
def meeting_lexicon(lang: str) -> MeetingLexicon:
    """The meeting lexicon of a language, loaded once."""
    data = _read(MEETINGS / f"{lang}.json")
    kw = {"stems": bool(data.get("stems")), "arabic": bool(data.get("arabic_clitics")), "cjk": lang == "zh"}
    # At one position the first kind that matches wins, so the specific kinds go first:
    # "مباحثات هاتفية" is a phone call before "مباحثات" is talks, "اجتماع قمة" a summit.
    groups = [f"(?P<{kind}>{_bodies(data['triggers'].get(kind, []), stems=kw['stems'])})"
              for kind in TRIGGER_ORDER if data["triggers"].get(kind)]
    triggers = re.compile(_framed("|".join(groups), arabic=kw["arabic"], cjk=kw["cjk"]), re.IGNORECASE)

    def optional(phrases) -> re.Pattern | None:
        return re.compile(_alternation(phrases, **kw), re.IGNORECASE) if phrases else None

    orgs = data.get("organisations", {})
    org_codes = {n.casefold(): code for code, names in orgs.items() for n in names}
    seats = seat_codes()
    plain = {"stems": False, "arabic": kw["arabic"], "cjk": kw["cjk"]}
    # Organisations are matched as written ("NATO", "Nato", "ООН"), as the data lists them:
    # casefolded, the pattern met "NATO" nowhere.
    org_names = {n for names in orgs.values() for n in names}
    organisations = re.compile(_alternation(org_names, **plain)) if org_names else None
    cues = _cues(t for ts in data["triggers"].values() for t in ts)
    # An Arabic trigger may begin with a clitic before its first word: no shortcut there.
    trigger_starts = None if kw["arabic"] or kw["cjk"] else WordStarts.of(
        triggers, (t.split() for ts in data["triggers"].values() for t in ts if t.strip()))
    return MeetingLexicon(
        lang=lang, triggers=triggers, trigger_cues=tuple(sorted(cues)),
        planned=optional(data.get("planned", [])), held=optional(data.get("held", [])),
        locatives=frozenset(w.casefold() for w in data.get("locatives", [])),
        topics=frozenset(w.casefold() for w in data.get("topics", [])),
        topic_rx=optional(data.get("topics", [])),
        organisations=organisations, org_codes=org_codes,
        seats=re.compile(_alternation(seats, **plain), re.IGNORECASE), seat_codes=seats,
        hosts=optional(data.get("hosts", [])),
        speech=optional(data.get("speech", [])),
        trigger_starts=trigger_starts,
        locative_suffixes=tuple(data.get("locative_suffixes", [])),
        cue_rx={name: any_of(words) for name, words in (
            ("seats", _cues(seats)), ("planned", _cues(data.get("planned", []))),
            ("held", _cues(data.get("held", []))), ("speech", _cues(data.get("speech", []))),
            ("hosts", _cues(data.get("hosts", []))), ("topics", _cues(data.get("topics", [])))) if words},
        org_cues=any_of(max(n.split(), key=len) for n in org_names if n.strip()) if organisations else None,
    )


@dataclass(frozen=True, slots=True)
class Party:
    """A participant named in a sentence: a country or organisation, and where it is written."""

    code: str
    start: int
    end: int
    people: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class _Trigger:
    kind: str
    start: int
    end: int


_UNSPACED_LANGS = frozenset({"zh"})


def _word_before(text: str, start: int, floor: int) -> str:
    words = text[max(floor, start - 30):start].rsplit(None, 1)  # the last run of non-spaces, as r"(\S+)\s*$" finds it
    return words[-1].casefold().strip("«\"“(") if words else ""


def _is_locative(text: str, mention: Mention, floor: int, finder: MeetingFinder) -> bool:
    """Whether a place is written as where something happens: "in X", "بالرياض", "X hosted"."""
    # A place is asked about for each trigger and for the sentence after: answered once per sentence.
    key = (mention.start, mention.end, mention.text, floor)
    known = finder.locative.get(key)
    if known is None:
        known = finder.locative[key] = _locative(text, mention, floor, finder)
    return known


def _locative(text: str, mention: Mention, floor: int, finder: MeetingFinder) -> bool:
    lex = finder.lex
    word = _word_before(text, mention.start, floor)
    if word in lex.locatives:
        return True
    if lex.lang in _UNSPACED_LANGS and text.endswith(tuple(lex.locatives), floor, mention.start):
        return True  # "在利雅得" (in Riyadh): no space sets the word apart
    if lex.locative_suffixes and text.startswith(lex.locative_suffixes, mention.end):
        return True
    after = min(len(text), mention.end + 25)
    if lex.hosts is not None and finder.may("hosts", mention.end, after) and lex.hosts.search(text, mention.end, after):
        return True
    return lex.lang == "ar" and mention.text[:1] in ("ب",) and not name_key(mention.text).startswith("ب")


def _is_topic(text: str, start: int, floor: int, lex: MeetingLexicon) -> bool:
    return _word_before(text, start, floor) in lex.topics


def _people_of(ref: CountryRef, lang: str, when: date | None) -> tuple[str, ...]:
    people: tuple[Person, ...] = lexicon(lang).people.get(name_key(ref.text), ())
    on = [p for p in people if p.country == ref.country and (when is None or (
        (p.start is None or p.start <= when) and (p.end is None or when <= p.end)))]
    return tuple(sorted({p.id for p in (on or people) if p.country == ref.country}))


def _nearest(items, point: int):
    return min(items, key=lambda x: (abs((x.start + x.end) // 2 - point), x.start), default=None)


def _status(text: str, trigger: _Trigger, s0: int, s1: int, finder: MeetingFinder,
            when: date | None, published: date | None) -> str:
    if when is not None and published is not None and when > published:
        return "planned"
    lo, hi = max(s0, trigger.start - PLANNED_WINDOW_BEFORE), min(s1, trigger.end + PLANNED_WINDOW_AFTER)

    def distance(name: str, pattern: re.Pattern | None) -> int | None:
        if pattern is None or not finder.may(name, lo, hi):
            return None
        spots = [m for m in pattern.finditer(text, lo, hi)]
        # the trigger itself may be a planned form ("سيجتمعون"): distance 0
        return min((0 if m.start() < trigger.end and m.end() > trigger.start
                    else min(abs(m.start() - trigger.end), abs(trigger.start - m.end())) for m in spots), default=None)

    planned, held = distance("planned", finder.lex.planned), distance("held", finder.lex.held)
    if planned is None:
        return "held"
    if held is None:
        return "planned"
    return "planned" if planned < held else "held"


class MeetingFinder:
    """Finds the meetings of one article, in its language; `span`, if given, is the part of its text its sentences take.

    A sentence holds no word its article lacks: the trigger cues and the names of well-known
    events the article holds are found once, and each sentence is checked for those few only.
    """

    def __init__(self, lang: str, text: str, span: tuple[int, int] | None = None) -> None:
        self.lang = lang
        self.lex = meeting_lexicon(lang)
        low = text.casefold()  # slow on a whole article: done once, and sentences take slices of it
        # the article folded (`fold_case`) where offsets carry over, else None (each sentence folds its own)
        self.folded = aligned_fold(text, low)
        folded = self.folded if self.folded is not None else refold(low)
        # Where the cues are (in `span`, the part of the article its sentences take): a sentence is
        # checked by bisection, not searched (None: not aligned).
        self.cue_spots = Spots.of(self.folded, self.lex.trigger_cues, *(span or (0, len(text)))) \
            if self.folded is not None else None
        self.cues = (self.cue_spots.words if self.cue_spots is not None
                     else tuple(c for c in self.lex.trigger_cues if c in folded))  # those the article holds
        anchors = date_lexicon(lang).anchors if lang in LANGUAGES else ()
        self.anchor_days = {a.day for a in anchors}
        self.anchor_names = tuple(name for a in anchors for name in a.names if name in low)
        self.locative: dict[tuple[int, int, str, int], bool] = {}  # `_is_locative`'s answers in this article
        self.people: dict[tuple[str, str, date | None], tuple[str, ...]] = {}  # `people_of`'s

    def parties(self, text: str, s0: int, s1: int, countries: Sequence[CountryRef], places: Sequence[Mention],
                meeting_places: set[int], published: date | None) -> list[Party]:
        """The participants a sentence names, with where they are written."""
        out: list[Party] = []
        place_spans = {(m.start, m.end): m for m in places}
        place_ends = {m.end: m for m in places}
        for ref in countries:
            if not s0 <= ref.start < s1:
                continue
            mention = place_spans.get((ref.start, ref.end))
            if mention is not None and (mention.start in meeting_places or _is_locative(text, mention, s0, self)):
                continue  # "tại Ả rập Xê út": where, not who
            if mention is not None and _container_of_meeting_place(text, mention, place_ends, meeting_places):
                continue  # "talks in Istanbul, Turkey": where again
            if ref.via in ("country", "capital") and _is_topic(text, ref.start, s0, self.lex):
                continue
            people = self.people_of(ref, published) if ref.via == "person" and not self.speaks(
                text, ref, s0, s1) else ()
            out.append(Party(ref.country, ref.start, ref.end, people))
        # the meeting's own city, however often named ("tại Riyadh, thủ đô của Ả Rập Xê Út")
        where = {m.place.id for m in places if m.start in meeting_places}
        for m in places:
            # Capitals for their governments: "giữa Moskva và Washington", "اتفاق واشنطن وموسكو".
            if (s0 <= m.start < s1 and m.place.feature == "capital" and m.place.country
                    and m.start not in meeting_places and m.place.id not in where
                    and not _is_locative(text, m, s0, self)
                    and not any(p.start == m.start for p in out)):
                out.append(Party(m.place.country, m.start, m.end))
        # Seats and organisations are rarely named: their patterns are tried only where their words are.
        seats = self.lex.seats is not None and self.may("seats", s0, s1)
        orgs = self.lex.org_cues is not None and self.lex.org_cues.search(text, s0, s1) is not None
        for pattern, codes, named in ((self.lex.seats, self.lex.seat_codes, seats),
                                      (self.lex.organisations, self.lex.org_codes, orgs)):
            if not named:
                continue
            for hit in pattern.finditer(text, s0, s1):
                word = hit.group(0).casefold()
                code = codes.get(word) or next((c for n, c in codes.items() if word.endswith(n)), None)
                if code and not any(p.start <= hit.start() < p.end for p in out):
                    out.append(Party(code, hit.start(), hit.end()))
        return sorted(out, key=lambda p: p.start)

    def people_of(self, ref: CountryRef, published: date | None) -> tuple[str, ...]:
        """`_people_of`, once per name and country in the article (its sentences are read more than once)."""
        key = (ref.text, ref.country, published)
        if key not in self.people:
            self.people[key] = _people_of(ref, self.lang, published)
        return self.people[key]

    def may(self, name: str, lo: int, hi: int) -> bool:
        """Whether the lexicon's pattern `name` may match in text[lo:hi]: no, where none of its cue words is written."""
        return self.folded is None or self.lex.cue_rx[name].search(self.folded, lo, hi) is not None

    def speaks(self, text: str, ref: CountryRef, s0: int, s1: int) -> bool:
        """Whether a person is quoted as a speaker ("Peskov said", "قال … بيسكوف") rather than named as a party."""
        if self.lex.speech is None:
            return False
        before, after = max(s0, ref.start - SPEAKER_REACH), min(s1, ref.end + SPEAKER_REACH)
        return bool(self.may("speech", before, ref.start) and self.lex.speech.search(text, before, ref.start)
                    or self.may("speech", ref.end, after) and self.lex.speech.search(text, ref.end, after))

    def triggers(self, text: str, s0: int, s1: int) -> list[_Trigger]:
        """The meeting words of a sentence, one per kind and position."""
        # Most sentences name no meeting: the big pattern is tried only where a cue is written.
        if self.cue_spots is not None:
            if not self.cue_spots.within(s0, s1):
                return []
            aligned = self.folded[s0:s1]
        else:
            chunk = text[s0:s1]
            casefolded = chunk.casefold()
            if not any(c in refold(casefolded) for c in self.cues):
                return []
            aligned = aligned_fold(chunk, casefolded)
        starts = self.lex.trigger_starts
        found = (starts.finditer(text, aligned, s0, s1) if starts is not None
                 else self.lex.triggers.finditer(text, s0, s1))
        return [_Trigger(m.lastgroup, m.start(), m.end()) for m in found if m.lastgroup]

    def place_for(self, text: str, trigger: _Trigger, s0: int, places: Sequence[Mention]) -> Mention | None:
        """The place of a meeting among its places: after a locative, or a city right after the trigger."""
        mid = (trigger.start + trigger.end) // 2
        cands = []
        for m in places:
            if m.place.precision not in _PLACE_RANK or m.text.casefold() in self.lex.org_codes:
                continue  # "talks in the EU": the union is a party, not where they meet
            distance = abs((m.start + m.end) // 2 - mid)
            if distance > (COUNTRY_PLACE_REACH if m.place.precision == "country" else PLACE_REACH):
                continue
            # "مباحثات الرياض", "the Riyadh talks": a city named with the trigger is its place.
            right_after = 0 <= m.start - trigger.end <= 3 and m.place.precision in ("venue", "city")
            gap = (trigger.end, m.start) if m.start >= trigger.end else (m.end, trigger.start)
            if self.lex.topic_rx is not None and self.may("topics", *gap) and self.lex.topic_rx.search(text, *gap):
                continue  # "talks to resolve the conflict in Ukraine": Ukraine is the topic
            if right_after or _is_locative(text, m, s0, self):
                cands.append((distance, m))
        if not cands:
            return None
        best = min(cands, key=lambda c: (c[0], _PLACE_RANK[c[1].place.precision]))[1]
        # A venue in the chosen city is more precise: "في مقر القنصل العام … في إسطنبول".
        for _, m in sorted(cands, key=lambda c: c[0]):
            if _PLACE_RANK[m.place.precision] < _PLACE_RANK[best.place.precision] and _inside(m.place, best.place):
                best = m
        return best


def _inside(inner: Place, outer: Place) -> bool:
    if outer.precision == "country":
        return inner.country == outer.country
    if inner.city and name_key(inner.city) == name_key(outer.name):
        return True
    return haversine_km(inner.lat, inner.lon, outer.lat, outer.lon) <= max(outer.radius_km, 25.0)


def find_meetings(text: str, *, lang: str, published: date | None, sentences: Sequence[tuple[int, int]],
                  places: Sequence[Mention], countries: Sequence[CountryRef],
                  dates: Sequence[DateRef]) -> tuple[Meeting, ...]:
    """The meetings an article reports, one per meeting (reports of the same one joined)."""
    try:
        finder = MeetingFinder(lang, text, (min(a for a, _ in sentences), max(b for _, b in sentences))
                               if sentences else (0, 0))
    except (CacheError, FileNotFoundError):
        return ()
    if not finder.cues:
        return ()  # no sentence can hold a trigger
    found: list[Meeting] = []
    # A facility placed at the story's town says nothing of where a meeting is that the town
    # itself does not: only places with their own point or name count.
    places = [m for m in places if not placed_at_town(m)]
    article_places, article_countries, article_dates = _ByStart(places), _ByStart(countries), _ByStart(dates)
    for n, (s0, s1) in enumerate(sentences):
        triggers = _distinct(finder.triggers(text, s0, s1))
        if not triggers:
            continue
        # Only this sentence and its neighbours matter: no need to walk the article's every mention.
        lo, hi = sentences[max(0, n - 1)][0], sentences[min(len(sentences) - 1, n + 1)][1]
        near_places = article_places.between(lo, hi)
        near_countries = article_countries.between(lo, hi)
        sent_places = [m for m in near_places if s0 <= m.start < s1]
        # A well-known event's date ("since the invasion on 24.2") is that event's, not the meeting's.
        sent_dates = [d for d in article_dates.between(s0, s1)
                      if d.precision != "year" and d.value not in finder.anchor_days]
        chosen = {t.start: None if t.kind == "phone_call" else
                  finder.place_for(text, t, s0, _zone(t, triggers, sent_places)) for t in triggers}
        meeting_places = {m.start for m in chosen.values() if m is not None}
        anchored = _anchor_spans(text, s0, s1, finder.anchor_names)
        parties = [p for p in finder.parties(text, s0, s1, near_countries, near_places, meeting_places, published)
                   if not any(a0 <= p.start < a1 for a0, a1 in anchored)]
        for t in triggers:
            place, borrowed = chosen[t.start], False
            if place is None and t.kind != "phone_call":
                place = _neighbour_place(text, n, sentences, near_places, finder)
                borrowed = place is not None
            mid = (t.start + t.end) // 2
            mine = [p for p in _zone(t, triggers, parties) if abs(p.start - mid) <= PARTY_REACH]
            if len({p.code for p in mine}) < 2 and t.kind != "visit":
                # "…the second meeting, after one held on the 18th in Saudi Arabia": the sentence's sides.
                mine = [p for p in parties if abs(p.start - mid) <= PARTY_REACH] or mine
            if len({p.code for p in mine}) < 2 and t.kind != "visit" and n > 0:
                # "The talks began." after "Russian and US delegations arrived…": the sentence before.
                prev = _parties_in(n - 1, sentences, text, near_countries, near_places, finder, published)
                if len({p.code for p in mine} | {p.code for p in prev}) >= 2 and _same_paragraph(text, sentences, n):
                    mine = mine + prev
            meeting = _meeting(text, t, s0, s1, place, mine, _zone(t, triggers, sent_dates), finder, published)
            if meeting is not None and borrowed and meeting.status == "planned":
                # "They arrived in Riyadh … preparing a summit": a planned meeting's place is its own.
                meeting = replace(meeting, place=None)
            if meeting is not None:
                found.append(meeting)
        found += _presence_visits(text, s0, s1, near_countries, sent_places, meeting_places, sent_dates, finder, published)
    return _join_in_article(found, published)


def _zone(t: _Trigger, triggers: list[_Trigger], items: list):
    """The items of a sentence that belong to this trigger: those after it and before the next
    trigger ("talks between X and Y in Z"), plus, for the first trigger, those before it."""
    if len(triggers) == 1:
        return items
    ordered = sorted(triggers, key=lambda x: x.start)
    i = ordered.index(t)
    lo = -1 if i == 0 else t.start
    hi = ordered[i + 1].start if i + 1 < len(ordered) else float("inf")
    return [x for x in items if lo <= x.start < hi]


class _ByStart:
    """An article's places, country references or dates, to take those that start in a range.

    They come in text order, so a range is two bisections, not a walk over the article; in
    any other order, the walk.
    """

    def __init__(self, items: Sequence) -> None:
        self.items = items
        self.starts = [x.start for x in items]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))

    def between(self, lo: int, hi: int) -> list:
        """The items that start at or after lo and before hi, in their order."""
        if not self.ordered:
            return [x for x in self.items if lo <= x.start < hi]
        return list(self.items[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)])


def _anchor_spans(text: str, s0: int, s1: int, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where a sentence names a well-known past event ("الغزو الروسي لأوكرانيا"): its countries are not parties.

    `names`: the casefolded event names the article holds.
    """
    if not names:
        return []
    low = text[s0:s1].casefold()
    out = []
    for name in names:
        i = low.find(name)
        while i >= 0:
            out.append((s0 + i, s0 + i + len(name) + ANCHOR_TAIL))
            i = low.find(name, i + 1)
    return out


def _same_paragraph(text: str, sentences, n: int) -> bool:
    return "\n" not in text[sentences[n - 1][1]:sentences[n][0]]


def _distinct(triggers: list[_Trigger]) -> list[_Trigger]:
    # "cuộc đàm phán ... các cuộc đàm phán" in one sentence is one meeting per kind unless the
    # triggers are far apart (two meetings compared in one sentence).
    out: list[_Trigger] = []
    for t in triggers:
        if any(o.kind == t.kind and t.start - o.end < SAME_TRIGGER_GAP for o in out):
            continue
        out.append(t)
    return out


def _parties_in(n: int, sentences, text, countries, places, finder: MeetingFinder, published) -> list[Party]:
    if n < 0:
        return []
    s0, s1 = sentences[n]
    return finder.parties(text, s0, s1, countries, places, set(), published)


def _neighbour_place(text: str, n: int, sentences, places: Sequence[Mention], finder: MeetingFinder) -> Mention | None:
    # The sentence before, then the one after: "They arrived in Riyadh. The talks began…"
    for k in (n - 1, n + 1):
        if 0 <= k < len(sentences):
            s0, s1 = sentences[k]
            if text[sentences[min(n, k)][1]:sentences[max(n, k)][0]].count("\n") > 1:
                continue  # not across a paragraph break
            cands = [m for m in places if s0 <= m.start < s1 and m.place.precision in ("venue", "city")
                     and _is_locative(text, m, s0, finder)]
            if cands:
                return min(cands, key=lambda m: (_PLACE_RANK[m.place.precision], m.start))
    return None


def _container_of_meeting_place(text: str, country: Mention, place_ends: Mapping[int, Mention],
                                meeting_places: set[int]) -> bool:
    """Whether a country is named right after the meeting's place, as the country it is in: "in
    Istanbul, Turkey", "tại Istanbul, Thổ Nhĩ Kỳ"."""
    k = country.start
    while k > 0 and text[k - 1] in " \u00a0":
        k -= 1
    if k == 0 or text[k - 1] not in ",،":
        return False
    before = place_ends.get(k - 1)
    return (before is not None and before.start in meeting_places
            and before.place.country == country.place.country and before.place.precision != "country")


def _ahead(when: DateRef, published: date | None) -> DateRef:
    """A planned meeting's day written without its year is the next one ahead: "will meet
    on August 15", published in March 2025, is 15 August 2025 (not the nearest, 2024's)."""
    if (published is None or when.value >= published or when.precision != "day"
            or not any(c.isdigit() for c in when.text) or _YEAR_WRITTEN.search(when.text)):
        # (a weekday, "on Tuesday", is read nearest the publication by the dates; a year written is kept)
        return when
    for years in (1, 2):
        try:
            ahead = when.value.replace(year=when.value.year + years)
        except ValueError:  # 29 February
            continue
        if ahead >= published:
            return replace(when, value=ahead)
    return when


_YEAR_WRITTEN = re.compile(r"\d{4}|'\d{2}\b")


def _meeting(text: str, t: _Trigger, s0: int, s1: int, place: Mention | None, parties: list[Party],
             dates: list[DateRef], finder: MeetingFinder, published: date | None) -> Meeting | None:
    codes = sorted({p.code for p in parties})
    if t.kind == "visit" and place is not None and place.place.country:
        codes = sorted(set(codes) | {place.place.country})
    if len(codes) < 2:
        return None  # a meeting has two sides; one country alone is news, not a meeting
    when = _nearest(dates, (t.start + t.end) // 2)
    status = _status(text, t, s0, s1, finder, when.value if when else None, published)
    if status == "planned" and when is not None:
        when = _ahead(when, published)
    confidence = 0.55 + 0.15 * (when is not None) + 0.15 * (place is not None or t.kind == "phone_call") \
        + 0.1 * (len(parties) >= 2)
    highlights = [(t.start - s0, t.end - s0, "trigger")]
    if place is not None and s0 <= place.start < s1:
        highlights.append((place.start - s0, place.end - s0, "place"))
    if when is not None:
        highlights.append((when.start - s0, when.end - s0, "date"))
    highlights += [(p.start - s0, p.end - s0, "participant") for p in parties if s0 <= p.start < s1]
    return Meeting(
        kind=t.kind, date=when.value if when else None, date_precision=when.precision if when else None,
        place=place.place if place is not None and t.kind != "phone_call" else None,
        participants=tuple(codes), status=status, evidence=text[s0:s1], confidence=min(confidence, 0.95),
        evidence_start=s0, highlights=tuple(sorted(set(highlights))), date_text=when.text if when else None,
        people=tuple(sorted({i for p in parties for i in p.people})),
        place_reason=place.reason if place is not None and t.kind != "phone_call" else None)


def _presence_visits(text: str, s0: int, s1: int, countries: Sequence[CountryRef], places: Sequence[Mention],
                     meeting_places: set[int], dates: list[DateRef], finder: MeetingFinder,
                     published: date | None) -> list[Meeting]:
    """An office holder speaking "in <a foreign city>": the visit the sentence implies (not where
    the sentence's meeting already is: "talks at Diriyah Palace in Riyadh" are the talks)."""
    out = []
    held_at = [m.place for m in places if m.start in meeting_places]
    for ref in countries:
        if ref.via != "person" or not s0 <= ref.start < s1:
            continue
        for m in places:
            if (m.start in meeting_places or not ref.end <= m.start <= ref.end + VISIT_REACH
                    or m.place.precision != "city" or not m.place.country or m.place.country == ref.country
                    or not _is_locative(text, m, s0, finder)
                    or any(places_agree(m.place, h) for h in held_at if h.precision != "country")):
                continue
            when = _nearest(dates, (m.start + m.end) // 2)
            highlights = {(ref.start - s0, ref.end - s0, "participant"), (m.start - s0, m.end - s0, "place")}
            if when is not None:
                highlights.add((when.start - s0, when.end - s0, "date"))
            out.append(Meeting(
                kind="visit", date=when.value if when else None, date_precision=when.precision if when else None,
                place=m.place, participants=tuple(sorted({ref.country, m.place.country})),
                status="planned" if when and published and when.value > published else "held",
                evidence=text[s0:s1], confidence=0.45 + 0.15 * (when is not None), evidence_start=s0,
                highlights=tuple(sorted(highlights)), date_text=when.text if when else None,
                people=finder.people_of(ref, published), place_reason=m.reason))
            break
    return out


def _compatible(a: Meeting, b: Meeting) -> bool:
    same_class = (a.kind == "phone_call") == (b.kind == "phone_call")
    people_ok = not a.people or not b.people or bool(set(a.people) & set(b.people))
    return same_class and people_ok and places_agree(a.place, b.place) and participants_agree(
        a.participants, b.participants) and len(set(a.participants) & set(b.participants)) >= min(
        2, len(a.participants), len(b.participants))


def _better_place(a: Place | None, b: Place | None) -> Place | None:
    if a is None:
        return b
    if b is None:
        return a
    rank = {"venue": 0, "city": 1, "region": 2, "water": 3, "country": 4}
    return b if rank[b.precision] < rank[a.precision] else a


def _join_in_article(found: list[Meeting], published: date | None) -> tuple[Meeting, ...]:
    """One report per meeting of the article; undated reports join the dated one they tell of."""
    dated = [m for m in found if m.date is not None]
    kept: list[Meeting] = []
    for m in dated:
        twin = next((i for i, k in enumerate(kept) if k.date == m.date and k.kind == m.kind and _compatible(k, m)),
                    None)
        if twin is None:
            kept.append(m)
        else:
            kept[twin] = _absorb(kept[twin], m, published)
    loose: list[Meeting] = []
    for m in (m for m in found if m.date is None):
        target = min((i for i, k in enumerate(kept) if _compatible(k, m)),
                     key=lambda i: abs(kept[i].evidence_start - m.evidence_start), default=None)
        if target is not None:
            kept[target] = _absorb(kept[target], m, published)
            continue
        twin = next((i for i, k in enumerate(loose) if k.kind == m.kind and k.status == m.status
                     and _compatible(k, m)), None)
        if twin is None:
            loose.append(m)
        else:
            loose[twin] = _absorb(loose[twin], m, published)
    for m in loose:
        if m.kind != "phone_call" and m.place is None and m.status == "held":
            continue  # "peace negotiations", with no date and no place, is a process, not a meeting
        # Still undated: the meeting is no later than the article, and probably not long before.
        kept.append(replace(m, date=published, date_precision="approx" if published else None,
                            confidence=max(0.0, m.confidence - 0.1)))
    return tuple(sorted(kept, key=lambda m: (m.evidence_start, m.kind)))


def _absorb(keep: Meeting, other: Meeting, published: date | None) -> Meeting:
    """A report enriched by another report of the same meeting in the same article.

    A dated report keeps its parties (an undated mention may be of a wider process); an undated
    one takes the union. Either takes the more precise place.
    """
    place = keep.place if keep.kind == "phone_call" else _better_place(keep.place, other.place)
    after_publication = keep.date is not None and published is not None and keep.date > published
    status = "held" if "held" in (keep.status, other.status) and not after_publication else keep.status
    participants, people = keep.participants, keep.people
    if keep.date is None:
        participants = tuple(sorted(set(keep.participants) | set(other.participants)))
        people = tuple(sorted(set(keep.people) | set(other.people)))
    confidence = min(0.95, max(keep.confidence, other.confidence) + 0.05)
    if place is keep.place and (status, participants, people, confidence) == (
            keep.status, keep.participants, keep.people, keep.confidence):
        return keep  # nothing to add (often so, once confidence is at its ceiling): no copy to make
    return replace(keep, place=place, status=status, participants=participants, people=people, confidence=confidence)
