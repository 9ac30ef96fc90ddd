"""What the dashboard's callbacks compute, called directly: views, controls ↔ filters, the event panel."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from dash import html

from dashboard.app import views
from dashboard.app.data import StaticSource
from dashboard.app.panel import event_panel
from dashboard.filters import Filters
from extract.types import KINDS
from tests.dashboard.test_features import CAPITALS, EVENTS, event


def _snap():
    return StaticSource(EVENTS, CAPITALS).snapshot()


def _texts(component) -> list[str]:
    """Every string in a component tree (what React renders as text)."""
    out = []
    children = getattr(component, "children", component)
    for child in children if isinstance(children, (list, tuple)) else [children]:
        if isinstance(child, str):
            out.append(child)
        elif child is not None and not isinstance(child, (int, float)):
            out += _texts(child)
    return out


def test_default_controls_mean_no_filter_and_round_trip():
    snap = _snap()
    f = Filters(since=date(2025, 3, 1), countries=("UA",), kinds=("talks",), langs=("ar",), planned=True)
    assert views.filters_of(snap, *views.controls_of(snap, f)) == f
    assert views.filters_of(snap, *views.controls_of(snap, Filters())) == Filters()


def test_unticking_every_kind_shows_nothing():
    snap = _snap()
    countries, _, langs, precisions, planned, window = views.controls_of(snap, Filters())
    f = views.filters_of(snap, countries, [], langs, precisions, planned, window)
    assert views.visible(snap, f) == []
    assert set(views.controls_of(snap, Filters())[1]) == set(KINDS)


def test_a_view_gives_layers_rows_and_summary():
    snap = _snap()
    events = views.visible(snap, Filters())
    layers = views.map_layers(snap, events)
    assert {f["properties"]["place"] for f in layers.markers["features"]} == {
        "Riyadh", "US Consul General's Residence, Istanbul"}
    assert [f["properties"]["country"] for f in layers.areas["features"]] == ["SA"]
    assert layers.note == ""
    rows = views.table_rows(snap, events)
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows)
    assert rows[0]["sources"] == 1
    assert views.summary(snap, events) == "5 of 6 meetings · 6 sources · 2 languages"


def test_the_table_serves_blocks_sorted_and_filtered_and_exports_csv():
    snap = _snap()
    rows = views.table_rows(snap, views.visible(snap, Filters(planned=True)))
    block = views.grid_block(rows, {"startRow": 0, "endRow": 2, "sortModel": [{"colId": "date", "sort": "desc"}],
                                    "filterModel": {}})
    assert block["rowCount"] == 6 and [r["date"] for r in block["rowData"]] == ["2025-03-24", "2025-03-23"]
    only = views.grid_block(rows, {"startRow": 0, "endRow": 100, "sortModel": [],
                                   "filterModel": {"place": {"filterType": "text", "type": "contains",
                                                             "filter": "riyadh"},
                                                   "sources": {"filterType": "number", "type": "greaterThan",
                                                               "filter": 1}}})
    assert [r["id"] for r in only["rowData"]] == ["riyadh-1"]
    text = views.rows_csv(rows)
    assert text.splitlines()[0].startswith("date,kind,place") and len(text.splitlines()) == 7


def test_a_marker_click_finds_the_events_at_its_place():
    snap = _snap()
    layers = views.map_layers(snap, snap.events)
    riyadh = next(f for f in layers.markers["features"] if f["properties"]["place"] == "Riyadh")
    assert "events" not in riyadh["properties"]  # the page gets no id lists: a click asks the server
    assert [e.id for e in views.events_at(snap.events, riyadh["id"])] == ["riyadh-1", "riyadh-2", "riyadh-3"]
    assert [e.id for e in views.events_at(snap.events, "country:SA")] == ["jeddah"]


def test_the_page_starts_with_the_view_its_url_asks_for():
    from dashboard.app.layout import build_layout

    snap = _snap()
    page = build_layout(snap, Filters(kinds=("talks",), planned=True, event="istanbul"))

    def find(c, id_):
        if getattr(c, "id", None) == id_:
            return c
        children = getattr(c, "children", None)
        for child in children if isinstance(children, (list, tuple)) else [children]:
            if child is not None and not isinstance(child, (str, int, float)):
                found = find(child, id_)
                if found is not None:
                    return found
        return None

    assert find(page, "dm-kinds").value == ["talks"]
    assert find(page, "dm-planned").value == ["planned"]
    assert find(page, "dm-selected").data == {"event": "istanbul"}
    places = {f["properties"]["place"] for f in find(page, "dm-markers").data["features"]}
    assert places == {"Riyadh", "US Consul General's Residence, Istanbul"}
    assert find(page, "dm-summary").children.startswith("5 of 6 meetings")


def test_play_moves_the_window_a_week_and_stops_at_the_end():
    assert views.play_step((10, 40), (0, 100)) == ((17, 47), False)
    assert views.play_step((60, 95), (0, 100)) == ((65, 100), True)
    assert views.play_step((65, 100), (0, 100)) == ((0, 35), False)


def test_slider_marks_fall_on_month_starts():
    marks = views.slider_marks(date(2025, 2, 12), date(2025, 5, 3))
    assert [views.day_of(d).isoformat() for d in marks] == ["2025-03-01", "2025-04-01", "2025-05-01"]
    assert list(marks.values())[0] == "Mar 2025"


def test_selecting_an_event_flies_to_its_place_or_its_capitals():
    assert views.flyto(EVENTS[3], CAPITALS)["zoom"] == 10  # a venue
    call = views.flyto(EVENTS[4], CAPITALS)
    assert call["transition"] == "flyToBounds"


def test_the_panel_shows_markup_in_articles_as_text():
    hostile = event("x", "2025-01-01", None, kind="phone_call",
                    evidence='<script>alert(1)</script> <img src=x onerror=alert(1)>')
    report = replace(hostile.reports[0], title="</script><script>alert(2)</script>", url="javascript:alert(3)")
    hostile = replace(hostile, reports=(report,))
    panel = event_panel(hostile, {})
    texts = _texts(panel)
    source = panel.children[-1].children[0]
    assert "".join(_texts(source.children[-1])) == "<script>alert(1)</script> <img src=x onerror=alert(1)>"
    assert "</script><script>alert(2)</script>" in texts

    def links(c):
        found = [c] if isinstance(c, html.A) else []
        for child in getattr(c, "children", None) or []:
            if not isinstance(child, str):
                found += links(child)
        return found

    assert links(panel) == []  # a javascript: URL is no link


def test_the_panel_lists_each_source_article_once_with_rtl_arabic():
    panel = event_panel(EVENTS[0], {"RU": "Russia", "US": "United States"})
    sources = panel.children[-1].children
    assert len(sources) == 2
    evidence = sources[0].children[-1]
    assert evidence.dir == "rtl" and evidence.lang == "ar"
    assert any(isinstance(c, html.Mark) and c.className.endswith("place") for c in evidence.children)
