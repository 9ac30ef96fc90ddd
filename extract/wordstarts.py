"""Matches of a case-insensitive word pattern, tried only where one of its first words is written.

Python's regex engine cannot skip ahead to where a pattern that opens with a lookbehind ("not
after a letter") and a case-insensitive alternation may match: it tries every position, and at
each word every alternative. Every match of such a pattern begins with one of a few words (the
first word of each phrase), and a character the pattern matches case-insensitively with a letter
folds like it (`fold_case`), so in a line that folds character for character those words are
found by a plain search of the folded line, and the pattern is tried there only. The matches are
`finditer`'s, in the same order.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass


def fold_case(text: str) -> str:
    """Text casefolded so that whatever a case-insensitive pattern takes for the same letter folds alike.

    casefold() alone parts Turkish "İ" ("i̇") and "ı" from the "i" the regex engine matches them
    with ("ZİRVE" is "zirve" to a pattern, "zi̇rve" to casefold); with those two made "i", no two
    characters it matches case-insensitively fold differently (checked over all of Unicode).
    """
    return text.casefold().replace("ı", "i").replace("\u0307", "")


def aligned_fold(text: str, low: str | None = None) -> str | None:
    """`fold_case(text)` when it folds each character to one (so offsets carry over), else None.

    `low`, when given, is `text.casefold()`.
    """
    if low is None:
        low = text.casefold()
    if len(low) != len(text) or "\u0307" in low:
        return None
    return low.replace("ı", "i")


@dataclass(frozen=True, slots=True)
class WordStarts:
    """A pattern whose every match begins with one of `words`, and a search for those words folded."""

    pattern: re.Pattern
    needles: re.Pattern

    @classmethod
    def of(cls, pattern: re.Pattern, words: Iterable[str]) -> WordStarts | None:
        """The pattern with the words its every match begins with, or None when one is empty."""
        folded = {fold_case(w) for w in words}
        if not folded or "" in folded or re._parser.parse(pattern.pattern, pattern.flags).getwidth()[0] == 0:
            return None  # (a pattern that may match nothing would need finditer's rules for empty matches)
        alternation = "|".join(re.escape(w) for w in sorted(folded, key=lambda w: (-len(w), w)))
        return cls(pattern, re.compile(alternation))

    def finditer(self, text: str, folded: str | None, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match]:
        """`pattern.finditer(text, pos, endpos)`; `folded` is `aligned_fold(text[pos:endpos])` (None: no shortcut)."""
        end = len(text) if endpos is None else endpos
        if folded is None:
            yield from self.pattern.finditer(text, pos, end)
            return
        match, search = self.pattern.match, self.needles.search
        at = 0  # in `folded`: position - pos
        while True:
            hit = search(folded, at)
            if hit is None:
                return
            m = match(text, pos + hit.start(), end)
            if m is None:
                at = hit.start() + 1
            else:
                yield m
                at = m.end() - pos
