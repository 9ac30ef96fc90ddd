"""What the dashboard's callbacks compute, called directly: views, controls ↔ filters, the event panel."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date

from dash import html

from dashboard import features
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


def test_the_table_lists_the_view_in_date_order_and_exports_csv():
    snap = _snap()
    rows = views.table_rows(snap, views.visible(snap, Filters(planned=True)))
    assert [r["date"] for r in rows] == sorted(r["date"] for r in rows) and len(rows) == 6
    assert rows[0]["sources"] == 1 and rows[0]["participants"] == "RU · US"
    text = views.rows_csv(rows)
    assert text.splitlines()[0].startswith("date,kind,place") and len(text.splitlines()) == 7


def test_a_marker_click_finds_the_events_at_its_place():
    snap = _snap()
    riyadh = next(f for f in features.markers(snap.events)["features"] if f["properties"]["place"] == "Riyadh")
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
    figure = find(page, "dm-timeline").figure
    assert [t["name"] for t in figure["data"]] == ["Talks", "Talks (planned)", "selected"]
    assert figure["data"][-1]["x"] == ["2025-02-27"]  # the ring on the selected meeting
    data = json.loads(find(page, "dm-data").data)  # the snapshot the page draws every view from
    assert sorted(data["events"]["id"]) == sorted(e.id for e in EVENTS)


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


def test_participants_show_their_flag_or_else_their_code():
    nato = event("nato", "2025-01-01", None, participants=("NATO", "RU"), kind="phone_call")
    chips = event_panel(nato, {"RU": "Russia", "NATO": "NATO"}, flags={"RU", "US"}).children[1].children[5].children
    org, ru = chips
    assert isinstance(ru.children[0], html.Img) and ru.children[0].src == "/vendor/flags/ru.svg"
    assert ru.children[0].alt == "RU" and ru.children[-1] == "Russia"
    assert isinstance(org.children[0], html.B) and org.children[0].children == "NATO"  # no flag: the code


def test_the_panel_gives_the_place_with_its_precision_and_why_it_resolved_there():
    report = EVENTS[0].reports[0]
    why = replace(report, meeting=replace(report.meeting, place_reason="capital of SA (phrase)"))
    riyadh = replace(EVENTS[0], reports=(why, *EVENTS[0].reports[1:]))
    text = " ".join(_texts(event_panel(riyadh, {})))
    assert "Riyadh" in text and "— city" in text and "why: capital of SA (phrase)" in text
    assert "why: not recorded" in " ".join(_texts(event_panel(EVENTS[0], {})))  # a store from before reasons


def test_a_page_layout_is_built_once_per_url_and_snapshot():
    import gzip

    from dashboard.app import create_app

    class Source:
        def __init__(self):
            self.snap, self.builds = _snap(), 0

        def snapshot(self):
            return self.snap

    source = Source()
    app = create_app(source)
    build = app.layout
    app.layout = lambda: (setattr(source, "builds", source.builds + 1), build())[1]
    client = app.server.test_client()

    def layout(referrer: str, *, zipped: bool = False) -> dict:
        headers = {"Referer": referrer, **({"Accept-Encoding": "gzip"} if zipped else {})}
        response = client.get("/_dash-layout", headers=headers)
        assert response.status_code == 200
        body = gzip.decompress(response.data) if zipped else response.data
        assert (response.headers.get("Content-Encoding") == "gzip") == zipped
        return json.loads(body)

    def kinds(page: dict) -> list:
        found = []

        def walk(c):
            if isinstance(c, dict):
                if c.get("props", {}).get("id") == "dm-kinds":
                    found.append(c["props"]["value"])
                for v in c.values():
                    walk(v)
            elif isinstance(c, list):
                for v in c:
                    walk(v)
        walk(page)
        return found[0]

    home, talks = "http://127.0.0.1:8050/", "http://127.0.0.1:8050/?k=talks"
    first = layout(home)
    built = source.builds  # (Dash also calls the layout once to check it, on the first request)
    assert layout(home) == first == layout(home, zipped=True) and source.builds == built
    assert kinds(layout(talks)) == ["talks"] and kinds(first) == list(KINDS) and source.builds == built + 1
    source.snap = StaticSource(EVENTS[:2], CAPITALS).snapshot()  # the store changed: built again
    assert layout(home) != first and source.builds == built + 2


def test_the_page_loads_the_regenerator_runtime_not_the_babel_polyfill():
    from dashboard.app import create_app

    client = create_app(StaticSource(EVENTS, CAPITALS)).server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert "polyfill@" not in page and "dash_table/bundle" not in page
    assert page.index('src="/vendor/regenerator-runtime.js"') < page.index("react@")
    runtime = client.get("/vendor/regenerator-runtime.js")
    assert runtime.status_code == 200 and runtime.mimetype == "application/javascript"
    assert b"regeneratorRuntime=e" in runtime.data


def test_the_page_names_its_components_but_carries_no_data():
    from dashboard.app import create_app

    client = create_app(StaticSource(EVENTS, CAPITALS)).server.test_client()
    page = client.get("/").get_data(as_text=True)
    assert '"dm-data"' in page and '"dm-grid"' in page  # for Dash's callback checks
    assert not any(e.id in page for e in EVENTS if len(e.id) > 5)  # the data comes with the layout, once
    assert len(page) < 40_000
