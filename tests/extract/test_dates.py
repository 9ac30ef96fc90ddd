"""Dates as articles write them, resolved against the publication date."""

from datetime import date

import pytest

from extract.dates import find_dates, nearest_year


def one(text, lang, published):
    found = find_dates(text, lang=lang, published=published)
    assert len(found) == 1, found
    d = found[0]
    assert text[d.start:d.end] == d.text
    return d.value, d.precision


@pytest.mark.parametrize("text,lang,published,expected", [
    ("Ngày 12/2, hai nhà lãnh đạo điện đàm.", "vi", date(2025, 2, 18), (date(2025, 2, 12), "day")),
    ("Đàm phán sẽ bắt đầu vào sáng 24/3.", "vi", date(2025, 3, 23), (date(2025, 3, 24), "day")),
    ("Hai phái đoàn gặp nhau hôm 24.2.", "vi", date(2025, 2, 27), (date(2025, 2, 24), "day")),
    ("Chiến sự nổ ra ngày 24 tháng 2 năm 2022.", "vi", date(2025, 3, 1), (date(2022, 2, 24), "day")),
    ("Văn bản ký ngày 28.2.2022 tại Minsk.", "vi", date(2025, 3, 1), (date(2022, 2, 28), "day")),
    ("Hôm qua, ông nói.", "vi", date(2025, 2, 18), (date(2025, 2, 17), "day")),
    ("Tuần trước, ông nói.", "vi", date(2025, 3, 23), (date(2025, 3, 16), "approx")),
    ("اجتماع جرى في 18 الجاري في السعودية", "ar", date(2025, 2, 27), (date(2025, 2, 18), "day")),
    ("استضافت الرياض الوفدين في 18 فبراير لبحث القضايا", "ar", date(2025, 2, 27), (date(2025, 2, 18), "day")),
    ("المكالمة التي جرت في 12 فبراير/شباط بين الرئيسين", "ar", date(2025, 2, 16), (date(2025, 2, 12), "day")),
    ("وصل الوفد في 3 آذار إلى دمشق", "ar", date(2025, 3, 10), (date(2025, 3, 3), "day")),
    ("اجتمعا في 5 كانون الثاني 2024", "ar", date(2025, 3, 10), (date(2024, 1, 5), "day")),
    ("صرح المتحدث اليوم الخميس بأن", "ar", date(2025, 2, 27), (date(2025, 2, 27), "day")),
    ("وأعلن الوزير أمس الأربعاء أن", "ar", date(2025, 2, 27), (date(2025, 2, 26), "day")),
    ("Переговоры прошли вчера в Стамбуле.", "ru", date(2025, 2, 27), (date(2025, 2, 26), "day")),
    ("Разговор состоялся 12 февраля 2025 года.", "ru", date(2025, 3, 1), (date(2025, 2, 12), "day")),
    ("The leaders spoke on February 12, 2025, for an hour.", "en", date(2025, 3, 1), (date(2025, 2, 12), "day")),
    ("The talks were held on Tuesday in Riyadh.", "en", date(2025, 2, 20), (date(2025, 2, 18), "day")),
    ("The ministers met in February 2022.", "en", date(2025, 3, 1), (date(2022, 2, 1), "month")),
    ("双方于2025年2月12日通电话。", "zh", date(2025, 3, 1), (date(2025, 2, 12), "day")),
    ("Les ministres se sont rencontrés le 18 février à Riyad.", "fr", date(2025, 2, 27), (date(2025, 2, 18), "day")),
])
def test_dates_in_every_form(text, lang, published, expected):
    assert one(text, lang, published) == expected


def test_n_days_ago_goes_through_dateparser():
    assert one("The delegations met three days ago.", "en", date(2025, 2, 20)) == (date(2025, 2, 17), "approx")


@pytest.mark.parametrize("text,lang", [
    ("cuộc điện đàm kéo dài gần 1,5 giờ", "vi"),
    ("ngừng tấn công trong 30 ngày", "vi"),
    ("بدأ الاجتماع حوالي الساعة 10:00 بتوقيت موسكو", "ar"),
    ("Hôm nay đánh dấu cuộc họp thứ hai giữa các phái đoàn", "vi"),
])
def test_durations_times_and_ordinals_are_not_dates(text, lang):
    found = find_dates(text, lang=lang, published=date(2025, 3, 23))
    assert [d.text for d in found if d.text.casefold() != "hôm nay"] == []


def test_footer_timestamps_are_not_dates():
    text = "- 10 năm sau thảm họa kép tại Nhật Bản 11.03.2021 | 09:43 AM"
    assert find_dates(text, lang="vi", published=date(2025, 2, 18)) == []


def test_a_partial_date_takes_the_year_nearest_publication_with_the_future_weighed_down():
    assert nearest_year(28, 12, date(2025, 1, 5)) == date(2024, 12, 28)
    assert nearest_year(24, 3, date(2025, 3, 23)) == date(2025, 3, 24)
    assert nearest_year(20, 4, date(2025, 3, 23)) == date(2025, 4, 20)
    assert nearest_year(1, 9, date(2025, 3, 23)) == date(2024, 9, 1)


def test_a_paragraph_anchored_to_a_dated_event_takes_its_year(seeds):
    x = seeds["001"]
    text = x.article.text
    gomel = [d for d in x.dates if d.text.endswith("28.2")]
    assert gomel and {d.value for d in gomel} == {date(2022, 2, 28)}
    assert [d.value for d in x.dates if d.text == "hôm 24.2"] == [date(2022, 2, 24)]
    # The rest of the article stays in 2025.
    assert {d.value for d in x.dates if d.text.endswith("23/3")} == {date(2025, 3, 23)}
    assert all(text[d.start:d.end] == d.text for d in x.dates)


def test_seed_dates_keep_their_text_and_offsets(seeds):
    x = seeds["003"]
    got = {d.text: (d.value, d.precision) for d in x.dates}
    assert got["اليوم الخميس"] == (date(2025, 2, 27), "day")
    assert got["أمس الأربعاء"] == (date(2025, 2, 26), "day")
    assert got["18 فبراير"] == (date(2025, 2, 18), "day")
    assert seeds["004"].dates[0].text == "12 فبراير/شباط"


@pytest.mark.parametrize("lang, text, expected", [
    ("tr", "YARIN görüşecekler.", date(2025, 3, 2)),
    ("tr", "Liderler 5 EKİM 2024 tarihinde görüştü.", date(2024, 10, 5)),
    ("fr", "AUJOURD'HUİ les ministres se sont rencontrés.", date(2025, 3, 1)),
    ("es", "Se reunirán LA PRÓXİMA SEMANA.", date(2025, 3, 8)),
    ("vi", "TỐİ NAY hai bên gặp nhau.", date(2025, 3, 1)),
])
def test_dotted_and_dotless_capital_i_read_like_i(lang, text, expected):
    # casefold() makes "İ" "i̇" (i and a combining dot) where the patterns see an "i": the words were
    # matched, then not found in their table (a KeyError for relative words, a dropped month)
    dates = find_dates(text, lang=lang, published=date(2025, 3, 1), spans=[(0, len(text))])
    assert [d.value for d in dates] == [expected]
