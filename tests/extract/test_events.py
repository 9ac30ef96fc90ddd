"""Merging reports of one meeting into one event, and keeping different meetings apart."""

from datetime import date

from extract.events import merge, same_meeting
from extract.types import Meeting, Report
from geo.types import Place

RIYADH = Place("gn:108410", "Riyadh", 24.68773, 46.72185, "SA", "city", "capital", 4_205_961, 108410)
DIRIYAH = Place("venue:diriyah", "Diriyah Palace", 24.7370, 46.5750, "SA", "venue", "venue", city="Riyadh")
SAUDI = Place("country:SA", "Saudi Arabia", 24.0, 45.0, "SA", "country", "country")
ISTANBUL = Place("gn:745044", "Istanbul", 41.01384, 28.94966, "TR", "city", "city", 14_804_116, 745044)


def meeting(kind="talks", day=date(2025, 2, 18), precision="day", place=RIYADH, parties=("RU", "US"),
            people=(), text="…", status="held", confidence=0.8):
    return Meeting(kind=kind, date=day, date_precision=precision, place=place, participants=tuple(parties),
                   status=status, evidence=text, confidence=confidence, date_text=None if precision == "approx"
                   and text == "undated" else "x", people=tuple(people))


def report(article, m):
    return Report(article_id=article, meeting=m, lang="ar")


def test_reports_of_one_meeting_become_one_event_with_the_most_precise_date_and_place():
    events = merge([
        report("a", meeting(place=SAUDI)),
        report("b", meeting(day=date(2025, 2, 19), precision="approx", place=RIYADH)),
        report("c", meeting(place=DIRIYAH, parties=("RU", "UN", "US"))),
    ])
    assert len(events) == 1
    e = events[0]
    assert (e.date, e.date_precision, e.place, e.sources) == (date(2025, 2, 18), "day", DIRIYAH, ("a", "b", "c"))
    assert e.participants == ("RU", "US")  # UN is named by one report of three


def test_different_places_dates_kinds_and_sides_stay_apart():
    base = meeting()
    assert not same_meeting(base, meeting(place=ISTANBUL))
    assert not same_meeting(base, meeting(day=date(2025, 2, 21)))
    assert not same_meeting(base, meeting(kind="phone_call", place=None))
    assert not same_meeting(meeting(parties=("UA", "US")), meeting(parties=("RU", "US")))
    assert same_meeting(base, meeting(day=date(2025, 2, 19)))  # a day's slack
    assert same_meeting(base, meeting(kind="visit"))  # the visit the talks were held on
    assert not same_meeting(base, meeting(kind="summit", status="planned"))


def test_two_calls_between_the_same_countries_by_different_people_are_two_events():
    putin_trump = meeting(kind="phone_call", place=None, day=date(2025, 2, 12), people=("putin", "trump-2"))
    lavrov_rubio = meeting(kind="phone_call", place=None, day=date(2025, 2, 16), precision="approx",
                           people=("lavrov", "rubio-sos"), text="undated")
    later_mention = meeting(kind="phone_call", place=None, day=date(2025, 2, 27), precision="approx",
                            people=("putin",), text="undated")
    events = merge([report("a", putin_trump), report("b", lavrov_rubio), report("c", later_mention)])
    assert len(events) == 2
    call = next(e for e in events if e.date == date(2025, 2, 12))
    assert call.sources == ("a", "c")


def test_a_vague_report_does_not_chain_two_meetings():
    first = meeting(day=date(2025, 2, 18))
    second = meeting(day=date(2025, 2, 20))
    vague = meeting(day=date(2025, 2, 19), precision="approx")
    assert len(merge([report("a", first), report("b", second), report("c", vague)])) == 2


def test_merging_is_deterministic_and_ids_are_stable():
    reports = [report(a, meeting(place=p)) for a, p in (("a", RIYADH), ("b", SAUDI), ("c", DIRIYAH))]
    one, two = merge(reports), merge(list(reversed(reports)))
    assert [e.to_dict() for e in one] == [e.to_dict() for e in two]


def test_held_wins_over_planned():
    events = merge([report("a", meeting(status="planned")), report("b", meeting())])
    assert events[0].status == "held"


def test_ten_thousand_reports_merge_by_day_and_place():
    reports = [report(f"a{i}", meeting(day=date(2020, 1, 1).fromordinal(date(2020, 1, 1).toordinal() + i // 3),
                                       place=RIYADH if i % 2 else ISTANBUL)) for i in range(10_000)]
    events = merge(reports)
    assert 3000 < len(events) < 7000
    assert sum(len(e.reports) for e in events) == 10_000
