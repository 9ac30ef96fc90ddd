"""Sentences of an article body, as character spans, in any script.

A sentence ends at a line break or at sentence-final punctuation (`. ! ? ؟ 。 ！ ？ …`, closing
quotes included) followed by a space and something that can start a sentence. A full stop
between digits (`28.2`, `1.5`) or after a single letter (`V. Putin`) ends nothing.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

# A mark, but no full stop after a lone letter or a digit: the look-behinds come after the mark
# (and only a full stop can fail them), so that the pattern begins with one set of characters,
# which the regex engine skips to by itself.
_END = re.compile(r"""[.!?؟…。！？](?<![\s.][^\W\d_][.])(?<!\d[.])[”"»)\]']*(?=\s+\S)""")
_CJK_END = re.compile(r"[。！？]")


def split_sentences(text: str, spans: Sequence[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Character spans of the sentences in text (within spans, default all), stripped of spaces."""
    ends = [m.span() for m in _END.finditer(text)]
    cjk = "。" in text or "！" in text or "？" in text  # (a plain search, quicker than _CJK_END's)
    out: list[tuple[int, int]] = []
    for s0, s1 in spans or [(0, len(text))]:
        pos = s0
        for line in text[s0:s1].splitlines(keepends=True):
            l0, l1 = pos, pos + len(line.rstrip("\r\n"))
            pos += len(line)
            start = l0
            i = bisect.bisect_left(ends, (l0,))
            while i < len(ends) and ends[i][0] < l1:
                end = ends[i][1]
                i += 1
                # Searched within the line alone, the mark ends a sentence only if something
                # other than spaces follows it on the line.
                if end < l1 and not text[end:l1].isspace():
                    _add(text, start, end, out)
                    start = end
            if cjk:
                for m in _CJK_END.finditer(text, start, l1):
                    _add(text, start, m.end(), out)
                    start = m.end()
            _add(text, start, l1, out)
    return out


def _add(text: str, start: int, end: int, out: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append((start, end))
