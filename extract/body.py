"""Where the article is in a page's text: the title and body, without navigation and footers.

News pages saved as text carry menus, "related articles" lists with old dates, comment prompts
and licence banners. Places named there are not the article's places. The body is the run of
prose lines; it ends at a line the language's lexicon marks as page furniture ("Tin cùng
chuyên mục", "التعليقات"…); list items and banner lines inside it are dropped.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from extract.wordstarts import fewest

PROSE_MIN_CHARS = 60
JUNK_MAX_CHARS = 300
PROSE_MIN_WORDS = 8
_BULLET = re.compile(r"^\s*([-–—•*·▪►]|\d+[.)])\s")
_TIMESTAMP_MAX_CHARS = 40
_TIMESTAMP_TAIL = re.compile(r"\d{1,2}[./]\d{1,2}[./]\d{2,4}\s*(\|\s*)?\d{1,2}:\d{2}(\s*[AP]M)?\s*$")


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        out.append((pos, pos + len(line), line))
        pos += len(raw)
    return out


@dataclass(frozen=True)
class _Markers:
    """Markers casefolded, once per marker list."""

    prefixes: tuple[str, ...]  # every marker, for startswith
    longest: int  # the length of the longest
    # When no marker holds a line break (`single`), a line holds a marker if and only if it holds
    # one of these, the markers that hold no other.
    needles: tuple[str, ...]
    single: bool


@lru_cache(maxsize=64)
def _markers(markers: tuple[str, ...]) -> _Markers:
    folded = {m.casefold() for m in markers if m}
    return _Markers(tuple(sorted(folded)), max(map(len, folded), default=0),
                    fewest(folded),
                    all(len(m.splitlines()) == 1 for m in folded))


def _starts_with(line: str, markers: Sequence[str]) -> bool:
    folded = _markers(tuple(markers))
    # Only the line's first characters can start with a marker: a long line is not casefolded whole
    # (a character folds to one or more, so the longest marker's length of them is enough).
    return line.strip()[:folded.longest].casefold().startswith(folded.prefixes)


def _lines_containing(text: str, lines: list[tuple[int, int, str]], indices: Sequence[int],
                      markers: Sequence[str]) -> set[int]:
    """Those of the lines at `indices` that contain a marker (case-insensitive)."""
    if not _markers(tuple(markers)).single:  # a marker across lines, where it starts
        return _lines_holding(text, lines, markers) & set(indices)
    # The lines casefolded one by one and joined by line breaks, which no marker holds, are
    # searched once for each marker.
    folded = [lines[i][2].casefold() for i in indices]
    joined = "\n".join(folded)
    starts, at = [], 0
    for f in folded:
        starts.append(at)
        at += len(f) + 1
    out = set()
    for m in _markers(tuple(markers)).needles:
        k = joined.find(m)
        while k >= 0:
            out.add(indices[bisect.bisect_right(starts, k) - 1])
            k = joined.find(m, k + 1)
    return out


def _lines_holding(text: str, lines: list[tuple[int, int, str]], markers: Sequence[str]) -> set[int]:
    """Indices of the lines where a marker starts, markers across lines included."""
    folded = text.casefold()
    prefixes = _markers(tuple(markers)).prefixes
    if len(folded) != len(text):  # casefolding moved offsets ("ß" → "ss"): line by line
        return {i for i, (_, _, s) in enumerate(lines) if any(m in s.casefold() for m in prefixes)}
    starts = [a for a, _, _ in lines]
    out = set()
    for m in prefixes:
        i = folded.find(m)
        while i >= 0:
            out.add(bisect.bisect_right(starts, i) - 1)
            i = folded.find(m, i + 1)
    return out


def _timestamped(line: str) -> bool:
    # Only the end of a line can hold the timestamp; searching the whole line is slow on prose.
    if ":" not in line:
        return False  # (a timestamp has its colon; most lines have none, and a plain search is quick)
    s = line.rstrip()
    return _TIMESTAMP_TAIL.search(s, max(0, len(s) - _TIMESTAMP_MAX_CHARS)) is not None


def _is_prose(line: str) -> bool:
    s = line.strip()
    # (split no further than the words needed: a paragraph is not cut into all its words)
    return len(s) >= PROSE_MIN_CHARS and len(s.split(None, PROSE_MIN_WORDS - 1)) >= PROSE_MIN_WORDS \
        and not _BULLET.match(line)


def body_spans(text: str, *, end_markers: Sequence[str] = (), junk_markers: Sequence[str] = ()) -> list[tuple[int, int]]:
    """Character ranges of the title and body of an article's text, in order."""
    lines = _lines(text)
    # A banner line holds a marker ("All rights reserved"); a paragraph that mentions one is prose,
    # unless it starts with one. (A line that starts with a marker holds it.)
    short = [i for i, (_, _, s) in enumerate(lines) if len(s) <= JUNK_MAX_CHARS]
    junk = _lines_containing(text, lines, short, junk_markers) | {
        i for i, (_, _, s) in enumerate(lines) if len(s) > JUNK_MAX_CHARS and _starts_with(s, junk_markers)}
    usable = [i not in junk and not _timestamped(s) for i, (_, _, s) in enumerate(lines)]
    prose = [i for i, (_, _, s) in enumerate(lines) if usable[i] and _is_prose(s)]
    if not prose:
        return [(0, len(text))]
    first = prose[0]
    last = first
    is_prose = set(prose)
    prose_after = sum(len(lines[i][2]) for i in prose)
    prose_before = 0
    for i in range(first + 1, len(lines)):
        if i - 1 in is_prose:
            prose_before += len(lines[i - 1][2])
            prose_after -= len(lines[i - 1][2])
        # Page furniture ends the article, unless more of the article follows than came before
        # ("Source: UNHCR" under the headline of a press release).
        if prose_before >= prose_after and _starts_with(lines[i][2], end_markers):
            break
        if i in is_prose:
            last = i
    keep: list[int] = []
    title = _title_line(lines, usable, first, end_markers)
    if title is not None:
        keep.append(title)
    keep += [i for i in range(first, last + 1)
             if usable[i] and lines[i][2].strip() and not _BULLET.match(lines[i][2])]
    return [(lines[i][0], lines[i][1]) for i in keep]


def _title_line(lines: list[tuple[int, int, str]], usable: list[bool], first: int,
                end_markers: Sequence[str]) -> int | None:
    # The headline is the line just above the first paragraph, if it looks like one:
    # not a list item, not indented like a menu entry, not page furniture.
    for i in range(first - 1, -1, -1):
        s = lines[i][2]
        if not s.strip():
            continue
        if (usable[i] and not _BULLET.match(s) and not s.startswith((" ", "\t")) and len(s.split()) >= 3
                and not _starts_with(s, end_markers)):
            return i
        return None
    return None


def in_spans(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    """Whether a character range lies inside one of the spans."""
    return any(a <= start and end <= b for a, b in spans)
