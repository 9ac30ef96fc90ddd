"""Matches of a case-insensitive word pattern, tried only where one of its first words is written.

Python's regex engine cannot skip ahead to where a pattern that opens with a lookbehind ("not
after a letter") and a case-insensitive alternation may match: it tries every position, and at
each word every alternative. Every match of such a pattern begins with the first word of one of
its phrases, and a character the pattern matches case-insensitively with a letter folds like it
(`fold_case`), so in a line that folds character for character those words are found by a plain
search of the folded line, and the pattern is tried there only, and only for a first word whose
phrases' other words the line holds. The matches are `finditer`'s, in the same order.

Also here: `Spots`, where some words are written in a text, found once for many ranges of it;
`finditer_where`, the same shortcut for a pattern whose matches begin with, say, a digit.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass


def fold_case(text: str) -> str:
    """Text casefolded so that whatever a case-insensitive pattern takes for the same letter folds alike.

    casefold() alone parts Turkish "İ" ("i̇") and "ı" from the "i" the regex engine matches them
    with ("ZİRVE" is "zirve" to a pattern, "zi̇rve" to casefold); with those two made "i", no two
    characters it matches case-insensitively fold differently (checked over all of Unicode).
    """
    return refold(text.casefold())


def refold(low: str) -> str:
    """`fold_case` of a text whose casefold() is `low` (a text casefolded once, folded for patterns)."""
    return low.replace("ı", "i").replace("\u0307", "")


def aligned_fold(text: str, low: str | None = None) -> str | None:
    """`fold_case(text)` when it folds each character to one (so offsets carry over), else None.

    `low`, when given, is `text.casefold()`.
    """
    if low is None:
        low = text.casefold()
    if len(low) != len(text) or "\u0307" in low:
        return None
    return low.replace("ı", "i")


def fewest(words: Iterable[str]) -> tuple[str, ...]:
    """Those of the words that hold none of the others: a text holds one of `words` if and only if it
    holds one of these."""
    words = set(words)
    return tuple(sorted(w for w in words if not any(o != w and o in w for o in words)))


def finditer_where(pattern: re.Pattern, starts: re.Pattern, text: str, pos: int = 0,
                   endpos: int | None = None) -> Iterator[re.Match]:
    """`pattern.finditer(text, pos, endpos)` for a pattern whose every match, never empty, begins where
    `starts` matches (a digit, say): the pattern is tried there only."""
    end = len(text) if endpos is None else endpos
    match, search, at = pattern.match, starts.search, pos
    while True:
        hit = search(text, at, end)
        if hit is None:
            return
        m = match(text, hit.start(), end)
        if m is None:
            at = hit.start() + 1
        else:
            yield m
            at = m.end()


def can_be_empty(pattern: re.Pattern) -> bool:
    """Whether the pattern may match the empty string somewhere."""
    return re._parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0


def any_of(words: Iterable[str]) -> re.Pattern:
    """A plain (case-sensitive) search for any of the words, the longest first where one begins another."""
    return re.compile("|".join(re.escape(w) for w in sorted(set(words), key=lambda w: (-len(w), w))))


@dataclass(frozen=True, slots=True)
class Spots:
    """Where some words are written in a text, to ask of many ranges (lines, sentences) what they hold.

    Found once per text by plain searches, the words are then looked up by bisection in each
    range rather than searched for in it.
    """

    words: tuple[str, ...]  # those written at least once
    starts: list[int]  # of every occurrence of those, overlapping ones included, sorted
    ends: list[int]  # of the same occurrences

    @classmethod
    def of(cls, text: str, words: Iterable[str], lo: int = 0, hi: int | None = None) -> Spots:
        """Every occurrence of the (non-empty) words in text[lo:hi]."""
        hi = len(text) if hi is None else hi
        found, written = [], []
        for w in words:
            i = text.find(w, lo, hi) if w else -1
            if i >= 0:
                written.append(w)
            while i >= 0:
                found.append((i, i + len(w)))
                i = text.find(w, i + 1, hi)
        found.sort()
        return cls(tuple(written), [a for a, _ in found], [b for _, b in found])

    def within(self, lo: int, hi: int) -> bool:
        """Whether one of the words is written wholly inside text[lo:hi]."""
        starts, ends = self.starts, self.ends
        i = bisect.bisect_left(starts, lo)
        while i < len(starts) and starts[i] < hi:
            if ends[i] <= hi:
                return True
            i += 1
        return False


@dataclass(frozen=True, slots=True)
class WordStarts:
    """A pattern of phrases, with the first word of each, folded, and what else a match needs."""

    pattern: re.Pattern
    needles: re.Pattern  # any first word
    # The first words, each with the longest other word of each phrase it begins: in a text that
    # holds none of those, no match begins with it ("the" in English dates: only "the day before
    # yesterday" begins with it); none when one of its phrases is that word alone. A first word
    # that begins another stands for both ("jan" for "january" too): the other is written only
    # where it is.
    firsts: dict[str, tuple[str, ...]]

    @classmethod
    def of(cls, pattern: re.Pattern, phrases: Iterable[Sequence[str]]) -> WordStarts | None:
        """The pattern with the phrases (each as its words) its every match begins with, or None when
        a phrase begins with an empty word."""
        split = [[fold_case(w) for w in ws] for ws in phrases]
        if not split or any(not ws or not ws[0] for ws in split) or can_be_empty(pattern):
            return None  # (a pattern that may match nothing would need finditer's rules for empty matches)
        firsts = {ws[0] for ws in split}
        roots = {w: min((o for o in firsts if w.startswith(o)), key=len) for w in firsts}
        needs: dict[str, set[str]] = {}
        for ws in split:
            needs.setdefault(roots[ws[0]], set()).add(max(ws[1:] or ws, key=len))
        return cls(pattern, any_of(needs), {w: () if w in n else fewest(n) for w, n in sorted(needs.items())})

    def finditer(self, text: str, folded: str | None, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """`pattern.finditer(text, pos, endpos)`; `folded` is `aligned_fold(text[pos:endpos])` (None: no shortcut)."""
        end = len(text) if endpos is None else endpos
        if folded is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        match, search, firsts = self.pattern.match, self.needles.search, self.firsts
        live: dict[str, bool] = {}  # first word -> whether the text holds what its phrases need
        at = 0  # in `folded`: position - pos
        while True:
            hit = search(folded, at)
            if hit is None:
                return
            word = hit.group()
            if firsts[word]:
                if word not in live:
                    live[word] = any(n in folded for n in firsts[word])
                if not live[word]:
                    at = hit.start() + 1
                    continue
            m = match(text, pos + hit.start(), end)
            if m is None:
                at = hit.start() + 1
            else:
                yield m
                at = m.end() - pos
