"""Places where diplomacy happens that are no towns (an island, disputed archipelagos, the DMZ,
a summit resort), and misleading GeoNames alternate names: the curated data that finds them."""

from datetime import date

import pytest

from extract.types import Article


def parse(geoparser, text, lang):
    return geoparser.parse(Article(id="t", text=text, lang=lang, published=date(2025, 3, 1)))


def meetings(geoparser, text, lang):
    """Each meeting as (kind, participants, place name or None)."""
    return [(m.kind, m.participants, m.place.name if m.place else None) for m in parse(geoparser, text, lang).meetings]


@pytest.mark.parametrize("lang, text, name", [
    ("en", "The G20 summit in Bali opened on Tuesday.", "Bali"),
    ("vi", "Ông Biden tới Bali dự hội nghị G20.", "Bali"),
    ("vi", "Trung Quốc xây dựng trái phép trên quần đảo Trường Sa của Việt Nam.", "Spratly Islands"),
    ("vi", "Tàu cá bị xua đuổi gần Hoàng Sa.", "Paracel Islands"),
    ("en", "Chinese coast guard ships blocked the Scarborough Shoal again.", "Scarborough Shoal"),
    ("en", "G7 leaders gathered in Kananaskis, Alberta.", "Kananaskis"),
    ("en", "The delegations first met in Diriyah on the outskirts of the capital.", "Ad Dir‘īyah"),
])
def test_places_of_diplomacy_that_are_no_towns(geoparser, lang, text, name):
    assert name in {m.place.name for m in parse(geoparser, text, lang).places}


def test_bali_is_not_paris_though_geonames_lists_it_among_paris_names(geoparser):
    places = parse(geoparser, "Leaders met in Bali, Indonesia, after Paris.", "en").places
    assert [(m.text, m.place.country) for m in places] == [("Bali", "ID"), ("Indonesia", "ID"), ("Paris", "FR")]


def test_truong_sa_in_vietnamese_news_is_the_spratlys_not_changsha(geoparser):
    places = parse(geoparser, "Hải quân tuần tra ở Trường Sa.", "vi").places
    assert [m.place.name for m in places] == ["Spratly Islands"] and places[0].place.country is None


@pytest.mark.parametrize("lang, text", [
    ("vi", "Triều Tiên và Hàn Quốc đã đàm phán tại Bàn Môn Điếm hôm 27/4."),
    ("ru", "Переговоры Северной Кореи и Южной Кореи прошли в Пханмунджоме."),
    ("zh", "朝鲜和韩国在板门店举行会谈。"),
])
def test_inter_korean_talks_at_panmunjom(geoparser, lang, text):
    assert meetings(geoparser, text, lang) == [("talks", ("KP", "KR"), "Panmunjom")]


@pytest.mark.parametrize("text, names", [
    ("Turkey fired on Qamishli and other towns along the border.", {"Al Qāmishlī"}),
    ("Fighting went on near Raqqa and in Fallujah.", {"Ar Raqqah", "Al Fallūjah"}),
])
def test_arab_towns_named_without_their_article(geoparser, text, names):
    assert names <= {m.place.name for m in parse(geoparser, text, "en").places}


@pytest.mark.parametrize("name, without", [
    ("Al Qāmishlī", "Qāmishlī"), ("Ar Raqqah", "Raqqah"), ("Ad-Damazin", "Damazin"),
    ("El Paso", ""),  # Spanish, not the Arabic article
    ("As Salţ", ""),  # "Salt" is an English word
    ("Al Bāb", ""),  # too short to stand alone
    ("Alexandria", ""),
])
def test_the_arabic_article_is_taken_off_only_where_the_rest_is_a_name(name, without):
    from geo.sources import _without_arabic_article

    assert _without_arabic_article(name) == without


@pytest.mark.parametrize("lang, text, expected", [
    ("ar", "أجرى الرئيس المصري اتصالا هاتفيا مع العاهل الأردني أمس.", ("phone_call", ("EG", "JO"), None)),
    ("ar", "استقبل العاهل المغربي الرئيس الفرنسي في الرباط.", ("visit", ("FR", "MA"), "Rabat")),
    ("ar", "استقبل ولي العهد السعودي الرئيس الفرنسي في جدة.", ("visit", ("FR", "SA"), "Jeddah")),
    ("vi", "Chủ tịch nước đón tiếp Tổng thống Pháp tại Hà Nội hôm qua.", ("visit", ("FR", "VN"), "Hanoi")),
])
def test_a_monarch_named_by_title_and_a_guest_received(geoparser, lang, text, expected):
    assert meetings(geoparser, text, lang) == [expected]


def test_talks_at_a_venue_in_a_city_are_no_visit_to_the_city_too(geoparser):
    assert meetings(geoparser, "Rubio and Lavrov held talks at Diriyah Palace in Riyadh on Tuesday.", "en") == [
        ("talks", ("RU", "US"), "Diriyah Palace")]
    # an office holder speaking in a foreign city is still a visit
    assert meetings(geoparser, "Lavrov, speaking in Doha on Wednesday, said the talks went well.", "en") == [
        ("visit", ("QA", "RU"), "Doha")]


@pytest.mark.parametrize("lang, text, status, when", [
    ("en", "Trump and Putin will meet in Alaska on August 15, the White House said.", "planned", date(2025, 8, 15)),
    ("vi", "Ông Trump và ông Putin sẽ gặp nhau tại Alaska ngày 15/8.", "planned", date(2025, 8, 15)),
    ("en", "Trump and Putin will meet in Alaska on August 15, 2024, the White House said.", "planned",
     date(2024, 8, 15)),  # the year written is kept
    ("en", "Trump and Putin met in Alaska on August 15.", "held", date(2024, 8, 15)),  # the nearest, before
])
def test_a_planned_meeting_without_a_year_is_ahead(geoparser, lang, text, status, when):
    (meeting,) = parse(geoparser, text, lang).meetings  # published 2025-03-01
    assert (meeting.place.name, meeting.status, meeting.date) == ("Alaska", status, when)


@pytest.mark.parametrize("lang, text", [
    ("en", "Russian and Ukrainian delegations held talks in Istanbul, Turkey, on Friday."),
    ("vi", "Đoàn đại biểu Ukraine và Nga đàm phán tại Istanbul, Thổ Nhĩ Kỳ."),
    ("ar", "عقد وفدا روسيا وأوكرانيا محادثات في إسطنبول، تركيا."),
])
def test_the_country_of_the_meeting_place_is_no_participant(geoparser, lang, text):
    assert meetings(geoparser, text, lang) == [("talks", ("RU", "UA"), "Istanbul")]
