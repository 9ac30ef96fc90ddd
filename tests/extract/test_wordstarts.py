import re

import pytest

from extract.dates import date_lexicon
from extract.wordstarts import Spots, WordStarts, aligned_fold, fewest

MONTHS = ["march", "may", "mai", "zirve toplantısı", "straße"]
PATTERN = re.compile(r"(?<![\w\d])(?P<m>" + "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in MONTHS)
                     + r")(?:\s+(?P<y>\d{4}))?(?![\w\d])", re.IGNORECASE)
TEXTS = ["In March 2022 and MAY 2023", "summary: mayday, Mai 2020", "ZİRVE TOPLANTISI yarın",
         "Zirve  toplantısı", "STRASSE und Straße 1999", "", "march", "xmarch march"]


def _spans(matches):
    return [(m.start(), m.end(), m.groupdict()) for m in matches]


def _starts():
    return WordStarts.of(PATTERN, (w.split(" ") for w in MONTHS))


@pytest.mark.parametrize("text", TEXTS)
def test_matches_are_finditers(text):
    assert _spans(_starts().finditer(text, aligned_fold(text))) == _spans(PATTERN.finditer(text))


def test_a_window_of_a_longer_text_is_searched_like_finditer():
    text = "xx March 2022, in May. May 2020"
    starts = _starts()
    for lo in range(len(text)):
        for hi in range(lo, len(text) + 1):
            got = starts.finditer(text, aligned_fold(text[lo:hi]), lo, hi)
            assert _spans(got) == _spans(PATTERN.finditer(text, lo, hi))


def test_a_first_word_is_tried_only_where_its_phrases_other_words_are_written():
    pattern = re.compile(r"(?<!\w)(?:the\s+day\s+before\s+yesterday|this\s+week|today)(?!\w)", re.IGNORECASE)
    starts = WordStarts.of(pattern, (p.split(" ") for p in ["the day before yesterday", "this week", "today"]))
    assert starts.firsts == {"the": ("yesterday",), "this": ("week",), "today": ()}
    for text in ["The minister said this today, in the week of the summit.", "the day before yesterday", "THIS  WEEK"]:
        assert _spans(starts.finditer(text, aligned_fold(text))) == _spans(pattern.finditer(text))


def test_no_shortcut_for_a_pattern_that_may_match_nothing():
    assert WordStarts.of(re.compile(r"(?:may)?", re.IGNORECASE), [["may"]]) is None


def test_the_english_date_patterns_use_it():
    assert {"my", "mdy", "relative", "weekday"} <= set(date_lexicon("en").starts)


def test_spots_answer_what_a_range_holds_as_a_search_would():
    text = "talks, meetings and a meeting: summitry"
    words = ["meet", "meeting", "summit", "talks", "absent"]
    spots = Spots.of(text, words)
    assert spots.words == ("meet", "meeting", "summit", "talks")
    for lo in range(len(text) + 1):
        for hi in range(lo, len(text) + 1):
            assert spots.within(lo, hi) == any(w in text[lo:hi] for w in words)


def test_fewest_keeps_the_words_that_hold_no_other():
    assert fewest(["january", "jan", "visit", "visited", "met"]) == ("jan", "met", "visit")
