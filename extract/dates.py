"""Dates in article text, resolved against the publication date, with their precision.

Month and weekday names come from CLDR (Babel) for each language's locales, plus the names
CLDR lacks (Levantine `شباط` sits in ar_SY; inflected weekdays such as Russian `среду`) from
`assets/dates/<lang>.json`, which also holds the language's relative words (`أمس`, `hôm qua`,
`вчера`), the cue words that make a bare `12/2` a date (`ngày`, `hôm`, `sáng`) and the unit
words that make a number a duration. "N days ago" phrases go to dateparser, which is right about
them. A partial date (no year) takes the year that puts it nearest the publication date, days
after publication counting four times as far (news tells of the past more than it announces);
a paragraph that names a well-known dated event (`assets/dates/anchors.json`) with the event's
day and month reads its partial dates in that event's year.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

from extract.types import DateRef
from extract.wordstarts import WordStarts, aligned_fold, can_be_empty, fewest, finditer_where, fold_case, refold
from geo.errors import CacheError
from geo.sources import ASSETS

DATES = ASSETS / "dates"
FUTURE_WEIGHT = 4  # a day after publication is as unlikely as four days before it
HEADING_MAX_CHARS = 80
GATE_WORDS_SHORT = 20  # a list of gate words no longer than this is not narrowed to those a text holds (`_Gates`)
_SENTENCE_END = re.compile(r"[.!?؟。…:”\"»)]\s*$")
_TIMESTAMP_AFTER = re.compile(r"\s*\|?\s*\d{1,2}:\d{2}")
_RELATIVE_DAYS = {"today": 0, "yesterday": -1, "day_before_yesterday": -2, "tomorrow": 1}
_RELATIVE_APPROX = {"last_week": -7, "this_week": 0, "next_week": 7}
_RELATIVE_MONTH = {"last_month": -1, "next_month": 1}
_WORD_KINDS = frozenset({"relative", "weekday"})  # the patterns that need no digit
_DIGIT = re.compile(r"\d")
# What every match of a pattern contains, whatever the language's words: a line without one of
# them is not searched with that pattern (iso: the month between its hyphens and the day's first
# digit; numeric: the year after its separator; partial: day and month; year, my: the year). Each
# begins with a plain character, which the regex engine finds quickly (a lookbehind after it).
_YEAR = (re.compile(r"19\d\d"), re.compile(r"20\d\d"))
_HINTS = {"iso": (re.compile(r"-\d\d?-\d"),),
          "numeric": (re.compile(r"19\d\d(?<=[./-]19\d\d)"), re.compile(r"20\d\d(?<=[./-]20\d\d)")),
          "partial": (re.compile(r"\.(?<=\d\.)\d"), re.compile(r"/(?<=\d/)\d")), "year": _YEAR, "my": _YEAR}
# The patterns whose every match begins with a digit (the day, the year or the month): tried only
# at digits, which the regex engine, held back at every position by their leading lookbehind, does
# not skip to by itself.
_DIGIT_FIRST = frozenset({"iso", "numeric", "cjk", "dmy", "this_month"})


@dataclass(frozen=True, slots=True)
class Anchor:
    """A well-known dated event and its names in one language."""

    id: str
    day: date
    names: tuple[str, ...]  # casefolded


@dataclass(frozen=True)
class DateLexicon:
    """What one language needs to read dates: compiled patterns and their data."""

    lang: str
    months: dict[str, int]  # casefolded name -> month
    weekdays: dict[str, int]  # casefolded name -> weekday (Monday 0)
    day_first: bool
    relative: dict[str, str]  # casefolded phrase -> relative kind
    patterns: tuple[tuple[str, re.Pattern], ...]
    ago: tuple[re.Pattern, ...]
    not_after: frozenset[str]
    anchors: tuple[Anchor, ...]
    capitalised: bool  # month and weekday names are written with a capital
    cue_words: tuple[str, ...]  # casefolded words one of which a line needs for a date without digits
    needs: dict[str, tuple[str, ...]]  # pattern kind -> words one of which a line needs for it to be tried
    # relative, weekday, ago -> words (`fold_case`) one of which every match of those patterns holds
    word_needs: dict[str, tuple[str, ...]]
    starts: dict[str, WordStarts]  # pattern kind -> the same pattern, tried only where its first words are
    steps: tuple[_Step, ...]  # the patterns with what each needs, in the order a line is searched with them
    word_steps: tuple[_Step, ...]  # those that need no digit


@dataclass(frozen=True, slots=True)
class _Step:
    """A pattern of a lexicon, with what a line needs for it, looked up once rather than for each line."""

    kind: str
    pattern: re.Pattern
    word_kind: bool  # needs one of the cue words, not a digit
    word_needs: tuple[str, ...] | None
    hints: tuple[re.Pattern, ...] | None
    starts: WordStarts | None
    digit_first: bool  # tried only at digits (`_DIGIT_FIRST`, when it cannot match nothing)


def gate_words(phrases: Iterable[str]) -> tuple[str, ...]:
    """Words (`fold_case`) one of which a case-insensitive match of any of the phrases holds: the
    longest word of each, but none that holds another (where it is written, so is the other)."""
    return fewest(fold_case(max(p.split(), key=len)) for p in phrases if p.split())


def _alternation(words: Iterable[str]) -> str:
    # Longest first, so "tháng 12" wins over "tháng 1"; spaces match any run of spaces.
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(set(words), key=lambda w: (-len(w), w)) if w)


def _read(path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise CacheError(f"cannot read date data {path}: {e}") from e


def _cldr_names(locales: Sequence[str]) -> tuple[dict[str, int], dict[str, int]]:
    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for loc in locales:
        for width in ("wide", "abbreviated"):
            for m, name in get_month_names(width, "format", locale=loc).items():
                months.setdefault(name.casefold().rstrip("."), m)
            for d, name in get_day_names(width, "format", locale=loc).items():
                if len(name) > 3:  # "ب" or "T2" abbreviations are letters of words, not days
                    weekdays.setdefault(name.casefold(), d)
        if loc in ("ru", "uk"):  # nominative month names stand alone ("февраль 2022")
            for m, name in get_month_names("wide", "stand-alone", locale=loc).items():
                months.setdefault(name.casefold(), m)
    return months, weekdays


@lru_cache(maxsize=None)
def date_lexicon(lang: str) -> DateLexicon:
    """The date-reading knowledge of a language, loaded once."""
    data = _read(DATES / f"{lang}.json")
    months, weekdays = _cldr_names(data.get("locales", [lang]))
    months.update({k.casefold(): v for k, v in data.get("months", {}).items()})
    months = {k: v for k, v in months.items() if len(k) >= 3 and not k.isdigit()}
    weekdays.update({k.casefold(): v for k, v in data.get("weekdays", {}).items()})
    relative = {p.casefold(): kind for kind, phrases in data.get("relative", {}).items() for p in phrases}
    cues, this_month = data.get("numeric_cues", []), data.get("this_month", [])
    connectors = data.get("connectors", [])
    month, wd = _alternation(months), _alternation(weekdays)
    conn = rf"(?:\s*(?:{_alternation(connectors)})\s*|\s+)" if connectors else r"\s*"
    day, year = r"(?P<d>[0-3]?\d)(?:er|st|nd|rd|th|\.)?", r"(?P<y>(?:19|20)\d{2})"
    before, after = r"(?<![\w\d])", r"(?![\w\d])"
    pats: list[tuple[str, str]] = [
        ("iso", rf"{before}(?P<y>(?:19|20)\d{{2}})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d){after}"),
        ("numeric", rf"(?<![\d.,/])(?P<a>[0-3]?\d)[./-](?P<b>[01]?\d)[./-](?P<y>(?:19|20)\d{{2}})(?![\d])"),
        ("cjk", r"(?:(?P<y>(?:19|20)\d{2})\s*年\s*)?(?P<m>[01]?\d)\s*月(?:\s*(?P<d>[0-3]?\d)\s*[日号])?"),
    ]
    if month:
        pats += [
            ("dmy", rf"{before}{day}\s*(?:de\s+)?(?P<m>{month})(?:\s*/\s*(?P<m2>{month}))?(?:{conn}{year})?{after}"),
            ("my", rf"{before}(?P<m>{month})(?:\s*/\s*(?P<m2>{month}))?{conn}{year}{after}"),
        ]
        if not data.get("day_first", True):
            pats.append(("mdy", rf"{before}(?P<m>{month})\s+(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?:,?\s*{year})?{after}"))
    if this_month:
        pats.append(("this_month", rf"{before}(?P<d>[0-3]?\d)\s+(?:{_alternation(this_month)}){after}"))
    # the words each match of a pattern begins with (those that begin with a day have none)
    first = {"my": months, "mdy": months, "partial": cues, "relative": relative, "year": data.get("year_words", [])}
    if cues:
        pats.append(("partial", rf"{before}(?:{_alternation(cues)})\s+(?:ngày\s+)?(?P<a>[0-3]?\d)[./](?P<b>[01]?\d)"
                                rf"(?![\d]|[./]\d)"))
    if relative:
        rel = _alternation(relative)
        weekday_tail = rf"(?:\s*(?:،|,)?\s*(?P<wd>{wd}))?" if wd else ""
        pats.append(("relative", rf"{before}(?P<rel>{rel}){weekday_tail}{after}"))
    if wd:
        # Where weekday names are also ordinals ("cuộc họp thứ hai", the second meeting), a
        # weekday counts only after a date cue ("vào thứ Hai").
        needs_cue = cues and data.get("weekday_needs_cue", False)
        pats.append(("weekday", rf"{before}(?:{_alternation(cues)})\s+(?P<wd>{wd}){after}" if needs_cue
                     else rf"{before}(?P<wd>{wd}){after}"))
        first["weekday"] = cues if needs_cue else weekdays
    if data.get("year_words"):
        pats.append(("year", rf"{before}(?:{_alternation(data['year_words'])})\s+{year}{after}"))
    patterns = tuple((kind, re.compile(p, re.IGNORECASE)) for kind, p in pats)
    starts = {kind: s for kind, pattern in patterns if kind in first
              for s in [WordStarts.of(pattern, (w.split(" ") for w in first[kind] if w))] if s is not None}
    # (`fewest`: a line holds one of the words if and only if it holds one of those that hold no other)
    month_words = fewest(max(m.split(), key=len) for m in months if len(max(m.split(), key=len)) >= 3)
    needs = {"dmy": month_words, "my": month_words, "mdy": month_words, "cjk": ("月",),
             "this_month": fewest(w.casefold() for w in this_month), "partial": fewest(c.casefold() for c in cues),
             "year": fewest(w.casefold() for w in data.get("year_words", []))}
    anchors = tuple(Anchor(a["id"], date.fromisoformat(a["date"]),
                           tuple(n.casefold() for n in a["names"].get(lang, [])))
                    for a in _read(DATES / "anchors.json")["anchors"] if a["names"].get(lang))
    # each "N days ago" pattern holds its language's cue word ("ago", "منذ", "trước")
    word_needs = {kind: words for kind, words in (
        ("relative", gate_words(relative)), ("weekday", gate_words(weekdays)),
        ("ago", gate_words(data.get("ago_cue", [])))) if words}
    digit_first = frozenset(kind for kind, pattern in patterns if kind in _DIGIT_FIRST and not can_be_empty(pattern))
    steps = tuple(_Step(kind, pattern, kind in _WORD_KINDS, word_needs.get(kind), _HINTS.get(kind),
                        starts.get(kind), kind in digit_first) for kind, pattern in patterns)
    # Looked up by what the patterns matched, folded as they fold it ("YARIN", "AUJOURD'HUİ": see fold_case);
    # added after the patterns are built, which the same words in either form would only lengthen.
    for table in (months, weekdays, relative):
        table.update({fold_case(k): v for k, v in list(table.items()) if fold_case(k) not in table})
    return DateLexicon(lang=lang, months=months, weekdays=weekdays, day_first=data.get("day_first", True),
                       relative=relative, patterns=patterns,
                       ago=tuple(re.compile(p, re.IGNORECASE) for p in data.get("ago", [])),
                       not_after=frozenset(w.casefold() for w in data.get("not_after", [])), anchors=anchors,
                       capitalised=bool(data.get("capitalised_names")),
                       cue_words=_cue_words(relative, weekdays, data.get("ago_cue", [])), needs=needs,
                       word_needs=word_needs, starts=starts,
                       steps=steps, word_steps=tuple(s for s in steps if s.word_kind))


def _cue_words(relative: dict[str, str], weekdays: dict[str, int], ago_cues: list[str]) -> tuple[str, ...]:
    # The longest word of each phrase: "the day before yesterday" needs "yesterday".
    words = {max(p.split(), key=len) for p in relative} | {max(w.split(), key=len) for w in weekdays}
    return fewest({w for w in words if len(w) >= 3} | {c.casefold() for c in ago_cues})


def nearest_year(day: int, month: int, reference: date) -> date:
    """The date with this day and month nearest the reference, later days weighing four times."""
    best: tuple[int, date] | None = None
    for y in (reference.year - 1, reference.year, reference.year + 1):
        try:
            d = date(y, month, day)
        except ValueError:
            continue
        delta = (d - reference).days
        cost = delta * FUTURE_WEIGHT if delta > 0 else -delta
        if best is None or cost < best[0]:
            best = (cost, d)
    if best is None:
        raise ValueError(f"no date {day}/{month}")
    return best[1]


def _weekday_on_or_before(weekday: int, reference: date) -> date:
    return reference - timedelta(days=(reference.weekday() - weekday) % 7)


def _month_shift(d: date, months: int) -> date:
    m = d.month - 1 + months
    return date(d.year + m // 12, m % 12 + 1, 1)


@dataclass(slots=True)
class _Match:
    kind: str
    start: int
    end: int
    groups: dict[str, str | None]


def _value(m: _Match, lex: DateLexicon, published: date) -> tuple[date, str, bool] | None:
    """(value, precision, partial) of a match, or None when it is not a real date."""
    g = m.groups
    month_of = lex.months.get
    if lex.capitalised and any((g.get(k) or "A")[0].islower() for k in ("m", "wd")):
        return None  # English month and day names are capitalised: "may", "march" are verbs
    try:
        if m.kind == "iso":
            return date(int(g["y"]), int(g["m"]), int(g["d"])), "day", False
        if m.kind == "numeric":
            a, b = int(g["a"]), int(g["b"])
            d, mo = (a, b) if lex.day_first else (b, a)
            return date(int(g["y"]), mo, d), "day", False
        if m.kind == "cjk":
            mo = int(g["m"])
            if g["d"] is None:
                if g["y"] is None:
                    return None
                return date(int(g["y"]), mo, 1), "month", False
            if g["y"]:
                return date(int(g["y"]), mo, int(g["d"])), "day", False
            return nearest_year(int(g["d"]), mo, published), "day", True
        if m.kind in ("dmy", "mdy"):
            mo = month_of(re.sub(r"\s+", " ", fold_case(g["m"])).rstrip("."))
            if mo is None:
                return None
            if g.get("y"):
                return date(int(g["y"]), mo, int(g["d"])), "day", False
            return nearest_year(int(g["d"]), mo, published), "day", True
        if m.kind == "my":
            mo = month_of(re.sub(r"\s+", " ", fold_case(g["m"])).rstrip("."))
            return (date(int(g["y"]), mo, 1), "month", False) if mo else None
        if m.kind == "this_month":
            return published.replace(day=int(g["d"])), "day", False
        if m.kind == "partial":
            a, b = int(g["a"]), int(g["b"])
            d, mo = (a, b) if lex.day_first else (b, a)
            return nearest_year(d, mo, published), "day", True
        if m.kind == "year":
            return date(int(g["y"]), 1, 1), "year", False
        if m.kind == "relative":
            kind = lex.relative.get(re.sub(r"\s+", " ", fold_case(g["rel"])))
            if kind in _RELATIVE_DAYS:
                value = published + timedelta(days=_RELATIVE_DAYS[kind])
                wd = g.get("wd")
                if wd and lex.weekdays.get(fold_case(wd)) is not None and kind in ("yesterday", "today"):
                    # "أمس الأربعاء": the weekday wins when the article was dated a day late
                    value = _weekday_on_or_before(lex.weekdays[fold_case(wd)], value)
                return value, "day", False
            if kind in _RELATIVE_APPROX:
                return published + timedelta(days=_RELATIVE_APPROX[kind]), "approx", False
            if kind in _RELATIVE_MONTH:
                return _month_shift(published, _RELATIVE_MONTH[kind]), "month", False
            return None
        if m.kind == "weekday":
            wd = lex.weekdays.get(re.sub(r"\s+", " ", fold_case(g["wd"])))
            return (_weekday_on_or_before(wd, published), "day", False) if wd is not None else None
    except (ValueError, TypeError):
        return None
    return None


def _followed_by_unit(text: str, end: int, lex: DateLexicon) -> bool:
    nxt = re.match(r"\s*(\S+)", text[end:end + 30])
    return bool(nxt) and nxt.group(1).casefold().strip(".,،") in lex.not_after


def _lines(text: str, spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    out = []
    for s0, s1 in spans:
        pos = s0
        for line in text[s0:s1].splitlines(keepends=True):
            out.append((pos, pos + len(line.rstrip("\r\n"))))
            pos += len(line)
    return out


def _is_heading(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= HEADING_MAX_CHARS and not _SENTENCE_END.search(s)


@dataclass(frozen=True, slots=True)
class _Gates:
    """The gate words of a lexicon that one text holds.

    A line holds no word its text lacks, so its gates are checked against these few rather
    than against every month name of the language. A short list is left whole: searching the
    whole text for each of its words, most of them absent, takes longer than searching each line
    until one is found, which is soon where a line holds one.
    """

    cue_words: tuple[str, ...]
    needs: dict[str, tuple[str, ...]]
    word_needs: dict[str, tuple[str, ...]]  # held by the text's `fold_case`


def _gates(low: str, lex: DateLexicon) -> _Gates:
    """The gate words a casefolded text holds (all of a short list)."""
    held: dict[tuple[str, ...], tuple[str, ...]] = {}
    for words in (lex.cue_words, *lex.needs.values()):
        if words not in held:
            held[words] = tuple(w for w in words if w in low) if len(words) > GATE_WORDS_SHORT else words
    return _Gates(held[lex.cue_words], {kind: held[words] for kind, words in lex.needs.items()}, lex.word_needs)


def _matches(text: str, s0: int, s1: int, lex: DateLexicon, gates: _Gates, low: str | None = None) -> list[_Match]:
    found: list[_Match] = []
    chunk = text[s0:s1]
    # Most lines hold no date: every pattern but the word-only ones needs a digit, and those
    # need one of their words, so a line without either is not searched at all.
    digits = _DIGIT.search(chunk) is not None
    if low is None:
        low = chunk.casefold()
    words = any(w in low for w in gates.cue_words)
    if not digits and not words:
        return []
    folded = refold(low)
    aligned = aligned_fold(chunk, low)
    held: dict[tuple, bool] = {}  # gate -> whether the line holds it (months gate three patterns, the year two)
    for step in lex.steps if digits else lex.word_steps:
        if step.word_kind and not words:
            continue
        needs = gates.needs.get(step.kind)
        if needs is not None:
            if needs not in held:
                held[needs] = any(w in low for w in needs)
            if not held[needs]:
                continue
        if step.word_needs is not None and not any(w in folded for w in step.word_needs):
            continue
        if step.hints is not None:
            if step.hints not in held:
                held[step.hints] = any(hint.search(chunk) for hint in step.hints)
            if not held[step.hints]:
                continue
        if step.starts is not None:
            found_here = step.starts.finditer(chunk, aligned)
        elif step.digit_first:
            found_here = finditer_where(step.pattern, _DIGIT, chunk)
        else:
            found_here = step.pattern.finditer(chunk)
        for m in found_here:
            if m.end() > m.start():
                found.append(_Match(step.kind, s0 + m.start(), s0 + m.end(), m.groupdict()))
    ago = gates.word_needs.get("ago")
    for pattern in lex.ago if ago is None or any(w in folded for w in ago) else ():
        for m in pattern.finditer(chunk):
            found.append(_Match("ago", s0 + m.start(), s0 + m.end(), {"text": m.group(0)}))
    # Longest first; a match inside a longer one is part of it.
    found.sort(key=lambda x: (-(x.end - x.start), x.start))
    kept: list[_Match] = []
    for f in found:
        if all(f.end <= k.start or f.start >= k.end for k in kept):
            kept.append(f)
    return sorted(kept, key=lambda x: x.start)


def _ago(text: str, lang: str, published: date) -> date | None:
    import dateparser  # slow to import; most articles have no "N days ago"

    parsed = dateparser.parse(text, languages=[lang], settings={
        "RELATIVE_BASE": datetime(published.year, published.month, published.day), "PREFER_DATES_FROM": "past"})
    return parsed.date() if parsed else None


def find_dates(text: str, *, lang: str, published: date | None,
               spans: Sequence[tuple[int, int]] | None = None) -> list[DateRef]:
    """Every date expression of the text (within spans, default all), resolved against publication."""
    try:
        lex = date_lexicon(lang)
    except CacheError:
        return []
    published = published or date.today()
    low = text.casefold()
    # casefold() maps each character on its own, so where it changed no length a line's is a slice of it
    aligned = len(low) == len(text)
    lines = _lines(text, spans or [(0, len(text))])
    # The gate words are looked for in the lines searched only, not in a page's menus and footers.
    gates = _gates("\n".join(low[l0:l1] if aligned else text[l0:l1].casefold() for l0, l1 in lines), lex)
    refs: list[tuple[DateRef, bool, int]] = []  # (ref, partial, line index)
    for n, (l0, l1) in enumerate(lines):
        for m in _matches(text, l0, l1, lex, gates, low[l0:l1] if aligned else None):
            if m.kind == "ago":
                value = _ago(m.groups["text"], lang, published)
                if value is not None:
                    refs.append((DateRef(text[m.start:m.end], m.start, m.end, value, "approx"), False, n))
                continue
            if m.kind in ("numeric", "partial", "year") and (_followed_by_unit(text, m.end, lex)
                                                             or _TIMESTAMP_AFTER.match(text, m.end)):
                continue  # "30 ngày" is a duration, "20.07.2022 | 11:00" a page timestamp
            v = _value(m, lex, published)
            if v is not None:
                refs.append((DateRef(text[m.start:m.end], m.start, m.end, v[0], v[1]), v[2], n))
    return _anchor(refs, text, low, lines, lex)


def _anchor(refs: list[tuple[DateRef, bool, int]], text: str, low: str, lines: list[tuple[int, int]],
            lex: DateLexicon) -> list[DateRef]:
    """Re-read partial dates in the year of a well-known event their paragraph (and section) names."""
    if not any(partial for _, partial, _ in refs):
        return [r for r, _, _ in refs]
    anchors = [a for a in lex.anchors if any(name in low for name in a.names)]  # `low`: the casefolded text
    if not anchors:
        return [r for r, _, _ in refs]
    section, sections = 0, []
    for l0, l1 in lines:
        if _is_heading(text[l0:l1]):
            section += 1
        sections.append(section)
    anchored: dict[tuple[int, int, int], date] = {}  # (section, day, month) -> reference date
    for n, (l0, l1) in enumerate(lines):
        para = text[l0:l1].casefold()
        for anchor in anchors:
            if not any(name in para for name in anchor.names):
                continue
            partials = [r for r, partial, i in refs if partial and i == n]
            if any((r.value.day, r.value.month) == (anchor.day.day, anchor.day.month) for r in partials):
                for r in partials:
                    anchored[(sections[n], r.value.day, r.value.month)] = anchor.day
                anchored[(-1 - n, 0, 0)] = anchor.day  # the paragraph itself
    if not anchored:
        return [r for r, _, _ in refs]
    out = []
    for r, partial, n in refs:
        reference = anchored.get((-1 - n, 0, 0)) or anchored.get((sections[n], r.value.day, r.value.month))
        if partial and reference is not None:
            r = DateRef(r.text, r.start, r.end, nearest_year(r.value.day, r.value.month, reference), r.precision)
        out.append(r)
    return out
