"""The browser's view engine (assets/dashboard/view.js) against the Python rules it mirrors, in real Chromium.

Each view the page computes for a filter (markers, flows, country areas, timeline, summary, table
rows) must be the one the Python functions give for the same events: the static export and the
server's clicks (events at a marker, in a timeline bin) rely on the same rules.
"""

from __future__ import annotations

import json
from datetime import date

import pytest

from benchmarks.synthetic import capital_places, synthetic_events
from dashboard import features, filters, timeline
from dashboard.app import views
from dashboard.app.client import CANVAS_FROM, MARKER_DATES, MAX_FLOWS, client_json
from dashboard.app.data import StaticSource, table_row
from dashboard.filters import Filters
from dashboard.geodata import ASSETS, basemap
from tests.dashboard.test_features import CAPITALS, EVENTS

VIEW_JS = ASSETS / "dashboard" / "view.js"


@pytest.fixture(scope="module")
def engine(browser):
    """A blank page with view.js loaded: `run(text, controls, selected)` returns what the page computes."""
    page = browser.new_page()
    page.set_content("<!doctype html><title>view.js</title>")
    page.add_script_tag(path=str(VIEW_JS))

    def run(text: str, controls: tuple, selected: str | None = None) -> dict:
        return page.evaluate("""([text, controls, selected]) => {
            const v = window.diplomap.view, out = v.compute(text, controls, selected);
            return {markers: out.markers, flows: out.flows, areas: out.areas, note: out.note, figure: out.figure,
                    summary: out.summary, window: out.window,
                    rows: out.visible.map(i => v.row(out.data, i))};
        }""", [text, list(controls), selected])

    yield run
    page.close()


def _expected(snap, f: Filters, selected: str | None = None) -> dict:
    """The view the Python rules give (features.*, FlowIndex, timeline.figure, table_row)."""
    events = views.visible(snap, f)
    markers = features.markers(events)
    areas = features.country_areas(events, basemap())
    for feat in markers["features"] + areas["features"]:
        del feat["properties"]["events"]
        feat["properties"]["dates"] = feat["properties"]["dates"][:MARKER_DATES]
    flows = snap.flow_index.flows(events, limit=MAX_FLOWS)
    total = flows.pop("total")
    for feat in flows["features"]:
        feat["properties"]["canvas"] = len(flows["features"]) > CANVAS_FROM
    sources = {s for e in events for s in e.sources}
    langs = {r.lang for e in events for r in e.reports if r.lang}
    n = len(snap.events)
    summary = (f"{len(events):,} of {n:,} meeting{'' if n == 1 else 's'} · {len(sources):,} source"
               f"{'' if len(sources) == 1 else 's'} · {len(langs):,} language{'' if len(langs) == 1 else 's'}")
    return {"markers": markers, "flows": flows, "total": total, "areas": areas, "summary": summary,
            "figure": views.timeline_figure(snap, events, f, selected=selected),
            "rows": [table_row(e, snap.names) for e in events]}


def _close(a, b, path="") -> None:
    """Equal JSON values, numbers within 0.011 (coordinates rounded to 0.01° in two languages)."""
    if isinstance(a, (int, float)) and isinstance(b, (int, float)) and not isinstance(a, bool):
        assert abs(a - b) <= 0.011, f"{path}: {a} != {b}"
    elif isinstance(a, dict) and isinstance(b, dict):
        assert set(a) == set(b), f"{path}: keys {sorted(set(a) ^ set(b))}"
        for k in a:
            _close(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, (list, tuple)) and isinstance(b, (list, tuple)):
        assert len(a) == len(b), f"{path}: {len(a)} != {len(b)} items"
        for i, (x, y) in enumerate(zip(a, b)):
            _close(x, y, f"{path}[{i}]")
    else:
        assert a == b, f"{path}: {a!r} != {b!r}"


def _same(got: dict, want: dict) -> None:
    for key in ("markers", "flows", "areas", "rows"):
        _close(json.loads(json.dumps(got[key])), json.loads(json.dumps(want[key])), key)
    assert got["summary"] == want["summary"]
    _close(json.loads(json.dumps(got["figure"])), json.loads(json.dumps(want["figure"])), "figure")


def test_the_page_shows_the_small_fixture_as_python_does(engine):
    snap = StaticSource(EVENTS, CAPITALS).snapshot()
    text = client_json(snap)
    got = engine(text, views.controls_of(snap, Filters()))
    assert {f["properties"]["place"] for f in got["markers"]["features"]} == {
        "Riyadh", "US Consul General's Residence, Istanbul"}
    assert [f["properties"]["country"] for f in got["areas"]["features"]] == ["SA"]
    assert got["note"] == ""
    assert [r["date"] for r in got["rows"]] == sorted(r["date"] for r in got["rows"]) and got["rows"][0]["sources"] == 1
    assert got["summary"] == "5 of 6 meetings · 6 sources · 2 languages"
    for f in (Filters(), Filters(planned=True), Filters(kinds=("talks",), planned=True),
              Filters(since=date(2025, 3, 1), countries=("UA",), planned=True), Filters(langs=("vi",)),
              Filters(precisions=("none", "venue")), Filters(kinds=("visit",))):
        for selected in (None, "riyadh-1"):
            got = engine(text, views.controls_of(snap, f), selected)
            _same(got, _expected(snap, views.filters_of(snap, *views.controls_of(snap, f)), selected))


@pytest.fixture(scope="module")
def many():
    events = synthetic_events(6000, seed=3)
    return StaticSource(events, capital_places()).snapshot()


@pytest.mark.parametrize("f", [
    Filters(),  # 6,000 meetings: monthly timeline marks, 400 of the busiest flows on a canvas
    Filters(kinds=("talks", "visit"), planned=True),  # weekly marks
    Filters(since=date(2025, 3, 1), until=date(2025, 5, 31), langs=("ar", "vi")),  # one mark per meeting
    Filters(countries=("RU", "FJ"), precisions=("city", "country", "none")),
], ids=["all", "talks-visits", "spring-ar-vi", "ru-fj"])
def test_every_view_of_many_meetings_is_the_one_python_gives(engine, many, f):
    snap = many
    controls = views.controls_of(snap, f)
    got = engine(client_json(snap), controls, snap.events[100].id)
    want = _expected(snap, views.filters_of(snap, *controls), snap.events[100].id)
    _same(got, want)
    shown = len(want["flows"]["features"])
    assert got["note"] == ("" if shown == want["total"] else
                           f"showing the {shown:,} busiest of {want['total']:,} flows; narrow the filters to see all")


def test_a_timeline_mark_gives_back_the_events_the_server_finds(engine, many):
    snap = many
    f = Filters(kinds=("talks", "visit"))
    got = engine(client_json(snap), views.controls_of(snap, f))
    events = views.visible(snap, views.filters_of(snap, *views.controls_of(snap, f)))
    keys = [k for trace in got["figure"]["data"] for k in trace["customdata"]]
    assert all(k.startswith(timeline.BIN) for k in keys)
    assert sum(len(timeline.events_in(events, k)) for k in keys) == sum(e.date is not None for e in events)


def test_the_table_serves_blocks_sorted_and_filtered_by_its_columns(browser):
    snap = StaticSource(EVENTS, CAPITALS).snapshot()
    page = browser.new_page()
    page.set_content("<!doctype html><title>table</title>")
    for name in ("view.js", "render.js"):
        page.add_script_tag(path=str(ASSETS / "dashboard" / name))
    block = """([text, controls, request]) => {
        window.diplomap.layers = {show: () => null};  // no map here
        window.diplomap.table.show(window.diplomap.view.compute(text, controls, null, {figure: false}));
        return window.diplomap.table.block(request);
    }"""
    controls = list(views.controls_of(snap, Filters(planned=True)))
    got = page.evaluate(block, [client_json(snap), controls, {
        "startRow": 0, "endRow": 2, "sortModel": [{"colId": "date", "sort": "desc"}], "filterModel": {}}])
    assert got["rowCount"] == 6 and [r["date"] for r in got["rowData"]] == ["2025-03-24", "2025-03-23"]
    only = page.evaluate(block, [client_json(snap), controls, {
        "startRow": 0, "endRow": 100, "sortModel": [],
        "filterModel": {"place": {"filterType": "text", "type": "contains", "filter": "RIYADH"},
                        "sources": {"filterType": "number", "type": "greaterThan", "filter": 1}}}])
    assert [r["id"] for r in only["rowData"]] == ["riyadh-1"]
    page.close()


@pytest.mark.parametrize("query", [
    "", "?k=talks&c=UA&planned=1&event=riyadh-1", "?from=2025-03-01&to=2025-02-20", "?from=2025-02-30&k=-",
    "?c=ru,%3Cx%3E,,us&c=TOOLONG&k=talks,dance&lang=AR,vi,x1&prec=city,none,moon&planned=true&event=",
    "?from=2024-01-01&to=2026-01-01&prec=country", "?lang=vi&k=visit&k=summit&planned=0", "?event=nosuch&junk",
])
def test_the_url_is_read_and_written_as_python_does(browser, query):
    snap = StaticSource(EVENTS, CAPITALS).snapshot()
    page = browser.new_page()
    page.set_content("<!doctype html><title>url</title>")
    page.add_script_tag(path=str(VIEW_JS))
    got = page.evaluate("""([text, search]) => {
        const v = window.diplomap.view, d = v.load(text), f = v.fromQuery(d, search), controls = v.controlsOf(d, f);
        return {controls, event: f.event, known: f.event !== null && v.has(d, f.event),
                query: v.query(d, controls, f.event)};
    }""", [client_json(snap), query])
    f = filters.from_query(query)
    controls = views.controls_of(snap, f)
    assert got["controls"] == [list(c) for c in controls] and got["event"] == f.event
    assert got["known"] == (f.event in snap.by_id)
    assert got["query"] == filters.to_query(views.filters_of(snap, *controls, event=f.event))
    page.close()
