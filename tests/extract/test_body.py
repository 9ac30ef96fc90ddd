"""Where the article is: page furniture ends it, unless the article goes on after it."""

from extract.body import body_spans
from extract.lexicon import lexicon

EN = lexicon("en")
PARA = "The minister said the talks would resume next week in the capital after a short pause. "


def body_text(text):
    return "".join(text[a:b] for a, b in body_spans(text, end_markers=EN.body_end, junk_markers=EN.junk_lines))


def test_a_footer_marker_ends_the_article():
    text = f"Talks resume\n{PARA * 3}\nRelated articles\n{PARA}Tokyo and Seoul agreed on a new trade pact for the region.\n"
    assert "Tokyo" not in body_text(text)


def test_a_source_line_under_the_headline_does_not_end_a_press_release():
    text = (f"Refugee arrivals grow\n{PARA}\nSource: UN High Commissioner for Refugees Country: Brazil\n"
            f"{PARA * 4}More than 52,000 Venezuelans have arrived in Brazil since the beginning of 2017.\n")
    assert "arrived in Brazil" in body_text(text)


def test_a_paragraph_that_mentions_copyright_is_prose_a_banner_is_not():
    long_line = PARA * 3 + "The court ruled on the copyright case and the verdict was read out in Seoul. " + PARA * 2
    text = f"Verdict\n{PARA * 2}\n{long_line}\nCopyright 2018 All rights reserved Tokyo Media\n"
    body = body_text(text)
    assert "read out in Seoul" in body and "Tokyo Media" not in body
