"""Names as Russian, Ukrainian and Turkish write them in a sentence: declined, or with a case suffix."""

from datetime import date

import pytest

from extract.morph import nominatives
from extract.types import Article

PUBLISHED = date(2025, 2, 20)


def parse(geoparser, text, lang):
    return geoparser.parse(Article(id="t", text=text, lang=lang, published=PUBLISHED))


def places(geoparser, text, lang):
    return {m.text: m.place.name for m in parse(geoparser, text, lang).places}


@pytest.mark.parametrize("lang, text, expected", [
    ("ru", "Переговоры прошли в Стамбуле, а потом в Москве.", {"Стамбуле": "Istanbul", "Москве": "Moscow"}),
    ("ru", "Делегации вылетели из Москвы в Киев.", {"Москвы": "Moscow", "Киев": "Kyiv"}),
    ("ru", "Встреча прошла в Саудовской Аравии и в Нью-Йорке.",
     {"Саудовской Аравии": "Saudi Arabia", "Нью-Йорке": "New York City"}),
    ("ru", "Первые переговоры прошли в Гомельской области, корабли стоят в Чёрном море.",
     {"Гомельской области": "Gomel Region", "Чёрном море": "Black Sea"}),
    ("uk", "Делегації зустрілися у Києві, а потім у Джидді.", {"Києві": "Kyiv", "Джидді": "Jeddah"}),
    ("tr", "Fidan, Ankara'da görüştü ve ardından Moskova’ya gitti.", {"Ankara": "Ankara", "Moskova": "Moscow"}),
    ("de", "Die Außenminister Russlands und Frankreichs trafen sich in Paris.",
     {"Russlands": "Russia", "Frankreichs": "France", "Paris": "Paris"}),
])
def test_declined_and_suffixed_names_are_found_where_they_are_written(geoparser, lang, text, expected):
    found = parse(geoparser, text, lang).places
    assert {m.text: m.place.name for m in found} == expected
    assert all(text[m.start:m.end] == m.text for m in found)  # offsets index the text as written


def test_a_russian_meeting_in_a_declined_city(geoparser):
    text = "Переговоры России и Украины прошли в Стамбуле во вторник."
    (meeting,) = parse(geoparser, text, "ru").meetings
    assert (meeting.kind, meeting.place.name, meeting.participants) == ("talks", "Istanbul", ("RU", "UA"))
    assert meeting.date == date(2025, 2, 18)


def test_a_turkish_meeting_in_the_city_its_locative_suffix_names(geoparser):
    (meeting,) = parse(geoparser, "Fidan ile Lavrov Ankara'da bir araya geldi.", "tr").meetings
    assert (meeting.kind, meeting.place.name, meeting.participants) == ("talks", "Ankara", ("RU", "TR"))


def test_nominatives_keep_the_capitals_and_leave_other_words_alone():
    assert nominatives("Стамбуле", "ru") == ("Стамбул",)
    assert nominatives("Нью-Йорке", "ru") == ("Нью-Йорк",)
    assert nominatives("Москва", "ru") == ()  # already a nominative
    assert nominatives("Paris", "fr") == () and nominatives("Москве", "en") == ()


def test_a_chinese_meeting_at_the_city_after_its_locative_character(geoparser):
    # "在利雅得" (in Riyadh): no space between the locative and the name
    text = "俄罗斯外长拉夫罗夫与美国国务卿鲁比奥在利雅得举行会谈。"
    (meeting,) = parse(geoparser, text, "zh").meetings
    assert (meeting.kind, meeting.place.name, meeting.participants) == ("talks", "Riyadh", ("RU", "US"))


@pytest.mark.parametrize("lang, text", [
    ("fr", "Les délégations russe et américaine se sont rencontrées mardi à Riyad."),
    ("de", "Die Außenminister Russlands und der USA trafen sich am Dienstag in Riad."),
])
def test_french_and_german_talks_between_two_delegations(geoparser, lang, text):
    (meeting,) = parse(geoparser, text, lang).meetings
    assert (meeting.kind, meeting.place.name, meeting.participants, meeting.date) == (
        "talks", "Riyadh", ("RU", "US"), date(2025, 2, 18))


def test_vietnamese_cities_written_in_syllables_are_the_cities(geoparser):
    # "Hà Nội" runs together as Hanoi: a big city's name, not words run together like "A US"
    assert places(geoparser, "Hội nghị diễn ra ở Hà Nội, Đà Nẵng và Sài Gòn.", "vi") == {
        "Hà Nội": "Hanoi", "Đà Nẵng": "Da Nang", "Sài Gòn": "Ho Chi Minh City"}


def test_a_country_syllable_inside_a_vietnamese_personal_name_is_no_country(geoparser):
    # "Mỹ Linh" is a singer; "Tổng thống Mỹ Donald Trump" is the US president
    assert places(geoparser, "Ca sĩ Mỹ Linh biểu diễn ở Hà Nội.", "vi") == {"Hà Nội": "Hanoi"}
    ex = parse(geoparser, "Tổng thống Mỹ Donald Trump điện đàm với Tổng thống Nga Vladimir Putin hôm 12/2.", "vi")
    assert [m.participants for m in ex.meetings] == [("RU", "US")]


def test_a_vietnamese_country_before_a_verb_is_the_country(geoparser):
    # "Mỹ ký" (the US signs) read without its tones is "My Ky", a name of Miki in Japan: not a
    # name in Vietnamese, so the shorter name inside it is the one meant
    assert places(geoparser, "Liên Xô và Mỹ ký hiệp ước.", "vi") == {"Liên Xô": "Russia", "Mỹ": "United States"}


@pytest.mark.parametrize("text, expected", [
    ("Đức, Ý và Tây Ban Nha họp tại Brussels.", {"Đức": "Germany", "Ý": "Italy", "Tây Ban Nha": "Spain",
                                                  "Brussels": "Brussels"}),
    ("Chúng tôi đồng ý với Ý.", {"Ý": "Italy"}),  # "ý" (agree) is a word, "Ý" inside a sentence Italy
    ("Ý kiến của ông rất hay.", {}),  # "Ý kiến" (opinion) opening a sentence
    ("Giáo hoàng tiếp đoàn tại Tòa Thánh.", {"Tòa Thánh": "Vatican"}),
])
def test_vietnamese_short_country_names(geoparser, text, expected):
    assert places(geoparser, text, "vi") == expected


def test_a_letter_is_no_country_through_another_languages_spelling(geoparser):
    assert places(geoparser, "Wanda Y. Martin, 39, was convicted in federal court.", "en") == {}
