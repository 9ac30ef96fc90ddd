"""The seeds, ingested with their manifest, give the meetings a reader finds in them (issue 4)."""

from datetime import date

import pytest

from extract.ingest import ingest
from extract.types import Article
from extract.store import EventStore
from tests.conftest import SAMPLES


@pytest.fixture(scope="module")
def events(geoparser, tmp_path_factory):
    store = EventStore.open(tmp_path_factory.mktemp("store") / "events.sqlite")
    summary = ingest([SAMPLES], store, geoparser)
    assert summary.errors == [] and summary.added == 5
    yield store.events()
    store.close()


def find(events, kind, day, parties, *, place=None):
    hits = [e for e in events if e.kind == kind and e.date == day and set(parties) <= set(e.participants)
            and (place is None or (e.place is not None and place in (e.place.name, e.place.city)))]
    assert len(hits) == 1, [(e.kind, e.date, e.participants, e.place and e.place.name) for e in events]
    return hits[0]


def sources(event):
    return {s[:3] for s in event.sources}


def test_riyadh_talks_of_18_february_from_three_articles(events):
    e = find(events, "talks", date(2025, 2, 18), ["RU", "US"], place="Riyadh")
    assert (e.participants, e.status, e.place.precision, sources(e)) == (("RU", "US"), "held", "city",
                                                                         {"000", "002", "003"})
    by_article = {r.article_id[:3]: r.meeting for r in e.reports}
    assert "18 فبراير" in by_article["003"].evidence and "الرياض" in by_article["003"].evidence


def test_istanbul_talks_at_the_consul_generals_residence(events):
    e = find(events, "talks", date(2025, 2, 27), ["RU", "US"], place="Istanbul")
    assert e.place.precision == "venue" and "Consul" in e.place.name
    assert abs(e.place.lat - 41.07) < 0.01 and abs(e.place.lon - 29.04) < 0.01  # Arnavutköy, not the centre
    assert sources(e) == {"002", "003"} and e.status == "held"


def test_lavrov_in_doha_is_a_visit(events):
    e = find(events, "visit", date(2025, 2, 26), ["RU"], place="Doha")
    assert sources(e) == {"003"} and "lavrov" in e.reports[0].meeting.people


def test_putin_trump_call_of_12_february(events):
    e = find(events, "phone_call", date(2025, 2, 12), ["RU", "US"])
    assert e.place is None and e.date_precision == "day" and e.participants == ("RU", "US")
    assert {"000", "004"} <= sources(e)


def test_lavrov_rubio_call_is_its_own_approximate_event(events):
    calls = [e for e in events if e.kind == "phone_call" and e.date_precision == "approx"]
    assert len(calls) == 1
    e = calls[0]
    assert e.date <= date(2025, 2, 16) and sources(e) == {"004"}
    assert {"lavrov", "rubio-sos"} <= set(e.reports[0].meeting.people)


@pytest.mark.parametrize("day", [date(2025, 3, 11), date(2025, 3, 23)])
def test_ukraine_us_talks_in_saudi_arabia_at_country_precision(events, day):
    e = find(events, "talks", day, ["UA", "US"])
    assert e.participants == ("UA", "US") and e.place.precision == "country" and e.place.country == "SA"
    assert sources(e) == {"001"}


def test_russia_us_talks_in_riyadh_on_24_march(events):
    e = find(events, "talks", date(2025, 3, 24), ["RU", "US"], place="Riyadh")
    assert e.participants == ("RU", "US") and sources(e) == {"001"}
    assert e.status == "planned"  # announced on the 23rd for the next morning


def test_gomel_talks_are_in_2022(events):
    e = find(events, "talks", date(2022, 2, 28), ["RU", "UA"])
    assert e.place.name == "Gomel Region" and e.place.country == "BY" and sources(e) == {"001"}


def test_the_russia_us_summit_is_only_planned(events):
    summits = [e for e in events if e.kind == "summit"]
    assert len(summits) == 1 and summits[0].status == "planned" and summits[0].participants == ("RU", "US")
    assert summits[0].place is None  # not Riyadh, where the talks that prepare it are held
    riyadh = next(e for e in events if e.kind == "talks" and e.date == date(2025, 2, 18))
    assert all(r.meeting.kind != "summit" for r in riyadh.reports)


def test_nothing_comes_from_footers_or_navigation(events):
    for e in events:
        assert e.date is not None and e.date.year in (2022, 2025)
        for r in e.reports:
            assert "Tin cùng chuyên mục" not in r.meeting.evidence
            assert "التعليقات" not in r.meeting.evidence
    placed = {e.place.country for e in events if e.place is not None}
    assert placed <= {"SA", "TR", "QA", "BY"}


def test_evidence_is_a_sentence_of_its_article(events, geoparser):
    from extract.read import read_paths

    texts = {a.id: a.text for a in read_paths([SAMPLES])}
    for e in events:
        for r in e.reports:
            m = r.meeting
            assert texts[r.article_id][m.evidence_start:m.evidence_start + len(m.evidence)] == m.evidence
            for start, end, what in m.highlights:
                assert 0 <= start < end <= len(m.evidence) and what in ("trigger", "place", "date", "participant")


@pytest.mark.parametrize("lang, text, parties", [
    ("en", "NATO and Russia held talks in Brussels on 12 February 2025, the alliance said.", ("NATO", "RU")),
    ("en", "The United Nations and the European Union met in Geneva on 3 March 2025.", ("EU", "UN")),
    ("ru", "НАТО и Россия провели переговоры в Брюсселе 12 февраля 2025 года.", ("NATO", "RU")),
    ("vi", "Liên Hợp Quốc và Nga đã hội đàm tại Geneva ngày 12/2/2025.", ("RU", "UN")),
])
def test_organisations_are_parties_as_written(geoparser, lang, text, parties):
    from extract.types import Article

    meetings = geoparser.parse(Article(id="org", text=text, lang=lang, published=date(2025, 3, 5))).meetings
    assert [m.participants for m in meetings] == [parties]


def test_a_trigger_in_turkish_capitals_is_found(geoparser):
    from extract.types import Article

    text = "RUSYA VE ABD LİDERLERİ 12 ŞUBAT 2025 TARİHİNDE CENEVRE'DE ZİRVE DÜZENLEDİ."  # ZİRVE: summit, with İ
    meetings = geoparser.parse(Article(id="tr", text=text, lang="tr", published=date(2025, 2, 14))).meetings
    assert [(m.kind, m.participants, m.date) for m in meetings] == [("summit", ("RU", "US"), date(2025, 2, 12))]


def test_vietnamese_talks_with_a_counterpart_in_a_city_and_its_capital_phrase(geoparser):
    # "với" (with) introduces the counterpart, not a topic; the capital phrase after the city is the
    # same place, not Saudi Arabia taking part
    text = ("Ngoại trưởng Nga Lavrov đã hội đàm với Ngoại trưởng Mỹ Rubio tại Riyadh, thủ đô của Ả Rập Xê Út, "
            "hôm 18/2.")
    (meeting,) = geoparser.parse(Article(id="t", text=text, lang="vi", published=date(2025, 2, 20))).meetings
    assert (meeting.kind, meeting.place.name, meeting.participants, meeting.date) == (
        "talks", "Riyadh", ("RU", "US"), date(2025, 2, 18))
