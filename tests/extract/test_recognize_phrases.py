"""Capital phrases are found around their cue word exactly as a full scan of the text finds them."""

import random

import pytest

from extract.components import _near, _occurrences
from extract.lexicon import lexicon

WORDS = ["the", "Saudi", "capital", "of", "Russia", "Russian", "Moscow's", "city", "Ukraine's", "thủ", "đô", "của",
         "Nga", "nước", "العاصمة", "السعودية", "عاصمة", "روسيا", "in", "a", "—", ",", "capital,", "CAPITAL"]


@pytest.mark.parametrize("lang", ["en", "vi", "ar"])
def test_search_near_the_cue_equals_a_full_scan(lang):
    lex = lexicon(lang)
    rng = random.Random(3)
    for _ in range(300):
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 120)))
        folded = text.casefold()
        if len(folded) != len(text):
            continue
        a = rng.randint(0, len(text) // 3)
        b = rng.randint(a, len(text))
        for rx, cue in zip(lex.capital_patterns, lex.capital_cues):
            full = [m.span() for m in rx.finditer(text, a, b)]
            near = [m.span() for m in _near(rx, text, a, b, [p for p in _occurrences(folded, cue, a, b)
                                                              if p + len(cue) <= b])]
            assert near == full, (text, a, b, rx.pattern)


def test_the_saudi_capital_in_english(geoparser):
    from extract.types import Article

    text = "Officials met in the Saudi capital on Tuesday. " * 3 + "Talks began in the capital of Russia."
    names = {m.text: m.place.name for m in geoparser.parse(Article(id="t", text=text, lang="en")).places}
    assert names.get("the Saudi capital") == "Riyadh" and names.get("the capital of Russia") == "Moscow"
