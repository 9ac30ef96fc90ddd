"""Map features, filters and the timeline as pure functions: what a map of the events will show."""

from __future__ import annotations

import json
from datetime import date

import pytest

from dashboard import features, filters, timeline
from dashboard.geodata import BASEMAP, basemap
from extract.types import Event, Meeting, Report
from geo.types import Place

MOSCOW = Place(id="gn:524901", name="Moscow", lat=55.75222, lon=37.61556, country="RU", precision="city",
               feature="capital")
WASHINGTON = Place(id="gn:4140963", name="Washington", lat=38.89511, lon=-77.03637, country="US", precision="city",
                   feature="capital")
KYIV = Place(id="gn:703448", name="Kyiv", lat=50.45466, lon=30.5238, country="UA", precision="city", feature="capital")
SUVA = Place(id="gn:2198148", name="Suva", lat=-18.13683, lon=178.42531, country="FJ", precision="city",
             feature="capital")
RIYADH = Place(id="gn:108410", name="Riyadh", lat=24.68773, lon=46.72185, country="SA", precision="city",
               feature="capital")
RESIDENCE = Place(id="venue:us-consul-residence-istanbul", name="US Consul General's Residence, Istanbul",
                  lat=41.0685, lon=29.041, country="TR", precision="venue", feature="venue", city="Istanbul")
SAUDI = Place(id="gn:102358", name="Saudi Arabia", lat=25.0, lon=45.0, country="SA", precision="country",
              feature="country")
CAPITALS = {"RU": MOSCOW, "US": WASHINGTON, "UA": KYIV, "FJ": SUVA, "SA": RIYADH}


def event(eid: str, day: str, place: Place | None, participants=("RU", "US"), kind="talks", status="held",
          langs=("ar",), evidence="المحادثات في الرياض") -> Event:
    d = date.fromisoformat(day)
    m = Meeting(kind=kind, date=d, date_precision="day", place=place, participants=tuple(participants),
                status=status, evidence=evidence, confidence=0.9, highlights=((14, 20, "place"),))
    reports = tuple(Report(article_id=f"{eid}-{lang}", meeting=m, lang=lang, published=d) for lang in langs)
    return Event(id=eid, kind=kind, date=d, date_precision="day", place=place, participants=tuple(participants),
                 status=status, confidence=0.9, reports=reports)


EVENTS = [
    event("riyadh-1", "2025-02-18", RIYADH, langs=("ar", "vi")),
    event("riyadh-2", "2025-03-11", RIYADH, participants=("UA", "US")),
    event("riyadh-3", "2025-03-24", RIYADH, participants=("RU", "US"), status="planned"),
    event("istanbul", "2025-02-27", RESIDENCE, langs=("ar",)),
    event("call", "2025-02-12", None, kind="phone_call", langs=("vi",)),
    event("jeddah", "2025-03-23", SAUDI, participants=("UA", "US")),
]


def test_several_meetings_at_one_place_are_one_marker_with_every_date():
    fc = features.markers(EVENTS)
    riyadh = [f for f in fc["features"] if f["properties"]["place"] == "Riyadh"]
    assert len(riyadh) == 1
    assert riyadh[0]["properties"]["dates"] == ["2025-02-18", "2025-03-11", "2025-03-24"]
    assert riyadh[0]["properties"]["lines"] == ["2025-02-18", "2025-03-11", "2025-03-24"]
    assert riyadh[0]["properties"]["events"] == ["riyadh-1", "riyadh-2", "riyadh-3"]
    assert riyadh[0]["properties"]["count"] == 3


def test_a_crowded_map_labels_only_its_busiest_places():
    many = [event(f"e{i}", "2025-01-01", Place(id=f"p{i}", name=f"P{i}", lat=i % 80, lon=i, country="RU",
                                                precision="city", feature="city")) for i in range(60)]
    many += [event("again", "2025-01-02", many[59].place)]
    props = [f["properties"] for f in features.markers(many, compact_over=25, labelled=10)["features"]]
    assert all(p["compact"] for p in props) and sum(p["label"] for p in props) == 10
    assert props[0]["place"] == "P59" and props[0]["label"]  # the busiest first
    assert all(f["properties"]["label"] and not f["properties"]["compact"] for f in features.markers(EVENTS)["features"])


def test_more_dates_than_fit_are_summed_up():
    assert features.date_label(["a", "b", "c", "d", "e"], max_dates=3) == ["a", "b", "+3 more"]


def test_a_venue_marker_sits_on_the_venue_and_names_its_city():
    [venue] = [f for f in features.markers(EVENTS)["features"] if f["properties"]["precision"] == "venue"]
    assert venue["geometry"]["coordinates"] == [29.041, 41.0685]
    assert venue["properties"]["place"] == "US Consul General's Residence, Istanbul"


def test_a_country_only_place_is_never_a_point_but_the_country_outline():
    assert all(f["properties"]["precision"] != "country" for f in features.markers(EVENTS)["features"])
    areas = features.country_areas(EVENTS, basemap())
    [sa] = areas["features"]
    assert sa["properties"]["country"] == "SA" and sa["properties"]["events"] == ["jeddah"]
    assert sa["geometry"]["type"] in ("Polygon", "MultiPolygon")


def test_flows_run_from_each_visiting_capital_to_the_place_with_a_head():
    fc = features.flows([EVENTS[0]], CAPITALS, names={"RU": "Russia", "US": "United States"})
    by = {f["properties"]["participant"]: f for f in fc["features"]}
    assert set(by) == {"RU", "US"}
    ru = by["RU"]
    curve, head = ru["geometry"]["coordinates"]
    assert curve[0] == [round(MOSCOW.lon, 2), round(MOSCOW.lat, 2)]
    assert curve[-1] == [round(RIYADH.lon, 2), round(RIYADH.lat, 2)]
    assert head[1] == curve[-1]  # the head's tip is at the place
    assert ru["properties"]["color"] == features.country_colour("RU")
    assert ru["properties"]["tip"] == "Russia delegation: Moscow → Riyadh, 2025-02-18"


def test_the_host_draws_no_arc_and_calls_are_dashed_between_capitals():
    at_home = event("moscow", "2025-01-01", MOSCOW, participants=("RU", "UA"))
    fc = features.flows([at_home, EVENTS[4]], CAPITALS)
    delegations = [f for f in fc["features"] if not f["properties"]["dashed"]]
    calls = [f for f in fc["features"] if f["properties"]["dashed"]]
    assert [f["properties"]["participant"] for f in delegations] == ["UA"]
    assert len(calls) == 1 and calls[0]["geometry"]["type"] == "LineString"
    line = calls[0]["geometry"]["coordinates"]
    assert {tuple(line[0]), tuple(line[-1])} == {(round(MOSCOW.lon, 2), round(MOSCOW.lat, 2)),
                                                 (round(WASHINGTON.lon, 2), round(WASHINGTON.lat, 2))}


def test_arcs_of_one_delegation_to_one_place_fold_into_one_and_the_busiest_are_kept():
    fc = features.flows(EVENTS[:2], CAPITALS, limit=2)
    us = [f for f in fc["features"] if f["properties"]["participant"] == "US"]
    assert len(us) == 1 and us[0]["properties"]["count"] == 2
    assert us[0]["properties"]["first"] == "2025-02-18" and us[0]["properties"]["last"] == "2025-03-11"
    assert fc["total"] == 3 and len(fc["features"]) == 2


def test_a_flow_index_gives_the_same_flows_for_every_subset():
    index = features.FlowIndex(CAPITALS)
    for subset in (EVENTS, EVENTS[:2], EVENTS[3:], EVENTS):
        assert index.flows(subset, limit=2) == features.flows(subset, CAPITALS, limit=2)


def test_a_curve_across_the_antimeridian_takes_the_short_way():
    line = features.curve((SUVA.lon, SUVA.lat), (-149.57, -17.53))  # Suva → Papeete
    steps = [abs(b[0] - a[0]) for a, b in zip(line, line[1:])]
    assert max(steps) < 20
    assert line[-1][0] == pytest.approx(-149.57 + 360, abs=0.01)


def test_opposite_flows_bow_to_opposite_sides():
    there = features.curve((0, 0), (10, 0))
    back = features.curve((10, 0), (0, 0))
    assert there[len(there) // 2][1] * back[len(back) // 2][1] < 0


def test_evidence_segments_mark_the_place_and_join_back_to_the_text():
    text = "انعقدت في اسطنبول محادثات"
    segs = features.evidence_segments(text, [(10, 17, "place"), (12, 14, "date"), (40, 50, "date")])
    assert "".join(t for t, _ in segs) == text
    assert ("اسطنبول", "place") in segs


def test_only_http_links_are_links_and_arabic_reads_right_to_left():
    assert features.safe_url("javascript:alert(1)") is None
    assert features.safe_url(" https://example.org/a ") == "https://example.org/a"
    assert features.text_direction("ar") == "rtl" and features.text_direction("vi") == "ltr"


def test_colours_are_stable_and_kinds_have_distinct_shapes():
    assert features.country_colour("ZZ") == features.country_colour("ZZ")
    assert len({s["shape"] for s in features.KIND_STYLES.values()}) == len(features.KIND_STYLES)


def test_filters_keep_what_was_asked_and_hide_planned_by_default():
    f = filters.Filters(since=date(2025, 3, 1))
    assert [e.id for e in filters.apply(EVENTS, f)] == ["riyadh-2", "jeddah"]
    assert "riyadh-3" in [e.id for e in filters.apply(EVENTS, f.with_(planned=True))]
    assert [e.id for e in filters.apply(EVENTS, filters.Filters(langs=("vi",)))] == ["riyadh-1", "call"]
    assert [e.id for e in filters.apply(EVENTS, filters.Filters(precisions=("venue",)))] == ["istanbul"]
    assert [e.id for e in filters.apply(EVENTS, filters.Filters(precisions=("none",)))] == ["call"]
    assert [e.id for e in filters.apply(EVENTS, filters.Filters(countries=("UA",), kinds=("talks",)))] == [
        "riyadh-2", "jeddah"]


def test_filters_round_trip_through_the_url_and_bad_values_are_ignored():
    f = filters.Filters(since=date(2025, 2, 1), until=date(2025, 3, 31), countries=("RU", "US"), kinds=("talks",),
                        langs=("ar",), precisions=("city", "venue"), planned=True, event="ev-1")
    assert filters.from_query(filters.to_query(f)) == f
    assert filters.from_query("?from=2025-13-01&k=talks,dance&c=ru,<x>&prec=city") == filters.Filters(
        kinds=("talks",), countries=("RU",), precisions=("city",))
    assert filters.to_query(filters.Filters()) == ""


def test_timeline_lanes_are_country_groups_and_quiet_ones_share_a_lane():
    doha = event("doha", "2025-02-26", RIYADH, participants=("QA", "RU"), kind="visit")
    names, of = timeline.lanes([*EVENTS, doha], max_lanes=2)
    assert names == ["RU–US", timeline.OTHER]
    assert of["jeddah"] == of["doha"] == timeline.OTHER and of["call"] == "RU–US"
    fig = timeline.figure(EVENTS)
    assert {t["name"] for t in fig["data"]} == {"Talks", "Talks (planned)", "Phone call"}
    talks = next(t for t in fig["data"] if t["name"] == "Talks")
    assert "riyadh-1" in talks["customdata"] and "hovertext" in talks
    planned = next(t for t in fig["data"] if t["name"] == "Talks (planned)")
    assert planned["customdata"] == ["riyadh-3"] and planned["marker"]["symbol"] == "circle-open"
    assert fig["layout"]["yaxis"]["ticktext"] == ["RU–US", "UA–US"]


def test_many_events_are_one_mark_per_lane_week_and_kind_that_gives_its_events_back():
    many = [event(f"e{i}", f"2025-01-{1 + i % 14:02d}", RIYADH) for i in range(timeline.BIN_FROM)]
    [trace] = timeline.figure(many)["data"]
    assert trace["x"] == ["2024-12-30", "2025-01-06", "2025-01-13"]  # Mondays
    assert sum(len(timeline.events_in(many, key)) for key in trace["customdata"]) == timeline.BIN_FROM
    assert timeline.events_in(many, "e7") == [many[7]]


def test_the_basemap_is_clipped_at_the_antimeridian_and_has_iso_codes():
    fc = json.loads(BASEMAP.read_text(encoding="utf-8"))
    by = {f["properties"]["cc"]: f for f in fc["features"]}
    assert {"RU", "FJ", "US", "SA", "QA", "BY", "UA", "XK"} <= set(by)
    for cc in ("RU", "FJ"):
        geom = by[cc]["geometry"]
        assert geom["type"] == "MultiPolygon"
        for polygon in geom["coordinates"]:
            for ring in polygon:
                assert all(-180 <= x <= 180 for x, _ in ring)
                assert max(abs(b[0] - a[0]) for a, b in zip(ring, ring[1:])) < 180  # no band across the map
    assert BASEMAP.stat().st_size < 400_000
