import re

import pytest

from extract.dates import date_lexicon
from extract.wordstarts import WordStarts, aligned_fold

MONTHS = ["march", "may", "mai", "zirve toplantısı", "straße"]
PATTERN = re.compile(r"(?<![\w\d])(?P<m>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in MONTHS)
                     + r")(?:\s+(?P<y>\d{4}))?(?![\w\d])", re.IGNORECASE)
TEXTS = ["In March 2022 and MAY 2023", "summary: mayday, Mai 2020", "ZİRVE TOPLANTISI yarın",
         "Zirve  toplantısı", "STRASSE und Straße 1999", "", "march", "xmarch march"]


def _spans(matches):
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


@pytest.mark.parametrize("text", TEXTS)
def test_matches_are_finditers(text):
    starts = WordStarts.of(PATTERN, (w.split(" ")[0] for w in MONTHS))
    assert _spans(starts.finditer(text, aligned_fold(text))) == _spans(PATTERN.finditer(text))


def test_a_window_of_a_longer_text_is_searched_like_finditer():
    text = "xx March 2022, in May. May 2020"
    starts = WordStarts.of(PATTERN, (w.split(" ")[0] for w in MONTHS))
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1):
            got = starts.finditer(text, aligned_fold(text[lo:hi]), lo, hi)
            assert _spans(got) == _spans(PATTERN.finditer(text, lo, hi))


def test_no_shortcut_for_a_pattern_that_may_match_nothing():
    assert WordStarts.of(re.compile(r"(?:may)?", re.IGNORECASE), ["may"]) is None


def test_the_english_date_patterns_use_it():
    assert {"my", "mdy", "relative", "weekday"} <= set(date_lexicon("en").starts)
