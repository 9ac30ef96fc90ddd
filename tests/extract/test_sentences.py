"""Sentences as character spans: where a sentence ends and where it does not."""

from extract.sentences import split_sentences


def sentences(text, spans=None):
    return [text[a:b] for a, b in split_sentences(text, spans)]


def test_a_sentence_ends_at_final_punctuation_followed_by_more_text():
    assert sentences("Talks began. They ended! Why? «Done.» Next") == [
        "Talks began.", "They ended!", "Why?", "«Done.»", "Next"]
    assert sentences("لقاء الدوحة؟ نعم.  ") == ["لقاء الدوحة؟", "نعم."]


def test_a_line_ends_a_sentence_and_spaces_are_trimmed():
    assert sentences("  Riyadh talks\r\n\nIstanbul talks.   \nEnd") == ["Riyadh talks", "Istanbul talks.", "End"]


def test_dates_numbers_and_initials_end_nothing():
    assert sentences("Ngày 28.2 tại Gomel. V. Putin và D. Trump điện đàm, 1.5 giờ.") == [
        "Ngày 28.2 tại Gomel.", "V. Putin và D. Trump điện đàm, 1.5 giờ."]


def test_chinese_sentences_need_no_space():
    assert sentences("双方举行会谈。会谈在利雅得举行！Next") == ["双方举行会谈。", "会谈在利雅得举行！", "Next"]


def test_only_the_given_spans_are_split():
    text = "Menu. Home\nTalks in Doha. Lavrov spoke.\nFooter. Links"
    body = [(text.index("Talks"), text.index("\nFooter"))]
    assert sentences(text, body) == ["Talks in Doha.", "Lavrov spoke."]
