"""The dashboard in a real headless Chromium, on the seed articles (ingested) and on hostile synthetic events.

Screenshots go to tests/artifacts/ (look at them: tests/artifacts/dashboard-*.png).
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner

from benchmarks.synthetic import synthetic_extractions
from dashboard.cli import main
from extract.store import EventStore
from tests.conftest import SAMPLES
from tests.e2e.conftest import open_page, settle, start_server, stop_server

MARCH = (date(2025, 3, 1), date(2025, 3, 31))


@pytest.fixture(scope="module")
def seeds(tmp_path_factory, gazetteer) -> Path:
    """The sample corpus ingested into a fresh store with `diplomap ingest` (manifest dates and languages)."""
    db = tmp_path_factory.mktemp("seeds") / "events.sqlite"
    result = CliRunner().invoke(main, ["ingest", str(SAMPLES), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def seed_events(seeds):
    with EventStore.open(seeds, readonly=True) as store:
        return store.events()


@pytest.fixture(scope="module")
def seed_server(seeds, artifacts):
    server = start_server(seeds, artifacts / "serve-seeds.log")
    yield server
    stop_server(server)


def _event_at(events, name: str, day: str | None = None):
    found = [e for e in events if e.place is not None and name in (e.place.name + " " + (e.place.city or ""))
             and e.status == "held" and (day is None or e.date.isoformat() == day)]
    assert found, f"the seeds give no held event at {name} {day or ''}"
    return found[0]


def _marker(page, name: str):
    return page.locator(f".dm-marker[data-place*=\"{name}\"]")


def _table(page, column: str) -> list[str]:
    """A column of the events table as a person sees it: scrolled to (the page puts the grid in when it is
    first in sight, and lists a view changed out of sight once it is back), its rows drawn."""
    page.locator("#dm-table").scroll_into_view_if_needed()
    page.locator("#dm-table .ag-root-wrapper").wait_for()
    settle(page)
    return page.locator(f"#dm-table .ag-row [col-id={column}]").all_inner_texts()


def _clean(rec) -> None:
    assert rec.errors() == [], rec.errors()
    assert rec.foreign() == [], f"requests off 127.0.0.1: {rec.foreign()}"
    assert rec.dialogs == []


def test_markers_arcs_and_only_local_requests(browser, seed_server, seed_events, artifacts):
    page, rec = open_page(browser, seed_server.url)
    for name, day in (("Riyadh", "2025-02-18"), ("Istanbul", "2025-02-27"), ("Gomel", None), ("Doha", "2025-02-26")):
        event = _event_at(seed_events, name, day)
        marker = _marker(page, name)
        assert marker.count() == 1, name
        assert event.date.isoformat() in marker.inner_text(), name
    # Arnavutköy: the marker is the Consul General's residence, not central Istanbul.
    assert "Consul" in _marker(page, "Istanbul").get_attribute("data-place")
    for code in ("RU", "US", "UA"):  # arcs from Moscow, Washington and Kyiv
        assert page.locator(f"path.dm-flow-{code}").count() >= 1, code
    assert page.locator("path.dm-call").count() >= 1  # the Putin–Trump and Lavrov–Rubio calls
    page.screenshot(path=str(artifacts / "dashboard-seeds-1366.png"))
    _clean(rec)
    page.context.close()


def test_labels_of_nearby_places_do_not_cover_each_other(browser, seed_server, artifacts):
    for width, height in ((1366, 768), (1920, 1080)):
        page, rec = open_page(browser, seed_server.url + "?planned=1", width=width, height=height)
        page.wait_for_timeout(300)  # labels are laid out on the frame after the markers are drawn
        boxes = page.evaluate("""() => [...document.querySelectorAll('.dm-marker')].map(m => {
            const label = m.querySelector('.dm-label').getBoundingClientRect(), dot = m.querySelector('.dm-dot')
                .getBoundingClientRect();
            return {place: m.dataset.place, label: [label.left, label.top, label.right, label.bottom],
                    dot: [dot.left, dot.top, dot.right, dot.bottom]};
        })""")
        assert {"Riyadh", "Doha"} <= {b["place"] for b in boxes}

        def overlap(a, b):
            return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5

        for a in boxes:
            for b in boxes:
                if a is not b:
                    assert not overlap(a["label"], b["label"]), (width, a["place"], b["place"])
                    assert not overlap(a["label"], b["dot"]), (width, a["place"], "dot of " + b["place"])
        _clean(rec)
        page.context.close()


def test_hovering_an_arc_names_the_delegation_and_date(browser, seed_server):
    page, rec = open_page(browser, seed_server.url)
    page.locator("path.dm-flow-RU:not(.dm-call)").first.dispatch_event("mouseover")
    tip = page.locator(".leaflet-tooltip")
    tip.first.wait_for()
    text = tip.first.inner_text()
    assert "Russia delegation" in text and "2025" in text or "2022" in text, text
    _clean(rec)
    page.context.close()


def test_time_slider_to_march_leaves_the_march_events(browser, seed_server, seed_events, artifacts):
    page, rec = open_page(browser, seed_server.url + "?planned=1")
    thumb = page.locator("#dm-time [role=slider]").first
    lo, hi = int(thumb.get_attribute("aria-valuemin")), int(thumb.get_attribute("aria-valuemax"))
    target = max(lo, min(hi, MARCH[0].toordinal()))
    track = page.locator("#dm-time .dash-slider-track").bounding_box()
    box = thumb.bounding_box()
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.down()
    page.mouse.move(track["x"] + track["width"] * (target - lo) / (hi - lo), box["y"] + box["height"] / 2, steps=8)
    page.mouse.up()
    settle(page)
    for _ in range(40):  # the drag lands within a few days: finish with the keyboard
        now = int(thumb.get_attribute("aria-valuenow"))
        if now == target:
            break
        thumb.press("ArrowRight" if now < target else "ArrowLeft")
        settle(page)
    assert int(thumb.get_attribute("aria-valuenow")) == target
    expected = sorted(e.date.isoformat() for e in seed_events if MARCH[0] <= e.date <= MARCH[1])
    shown = sorted(_table(page, "date"))
    assert shown == expected
    labels = " ".join(page.locator(".dm-marker").all_inner_texts())
    assert "2025-02" not in labels and "2022" not in labels
    assert "from=2025-03-01" in page.url
    page.screenshot(path=str(artifacts / "dashboard-seeds-march.png"))
    _clean(rec)
    page.context.close()


def test_selecting_riyadh_shows_its_three_sources(browser, seed_server, seed_events, artifacts):
    page, rec = open_page(browser, seed_server.url)
    riyadh = _event_at(seed_events, "Riyadh", "2025-02-18")
    _marker(page, "Riyadh").locator(".dm-dot").click()
    settle(page)
    panel = page.locator(f"#dm-event[data-event='{riyadh.id}']")
    panel.wait_for()
    assert page.locator("#dm-event .dm-source").count() == 3 == len(riyadh.sources)
    assert page.locator("#dm-event .dm-evidence[dir=rtl]").count() >= 1  # the Arabic sources read right to left
    assert page.locator("#dm-event mark.dm-hl-place").count() >= 1
    # The place with its precision and why it resolved there (the resolver's reason, kept by ingest).
    assert "city" in page.locator("#dm-event .dm-facts").inner_text()
    assert "capital" in page.locator("#dm-event .dm-place-reason").inner_text()
    # Participants with their flags, drawn from the app's own copy (a broken image has no natural width).
    assert page.locator("#dm-event img.dm-flag").count() == len(riyadh.participants)
    page.wait_for_function("[...document.querySelectorAll('#dm-event img.dm-flag')]"
                           ".every(i => i.complete && i.naturalWidth > 0)", timeout=5_000)
    assert f"event={riyadh.id}" in page.url
    page.screenshot(path=str(artifacts / "dashboard-seeds-riyadh.png"))
    # A table row selects its event too.
    doha = _event_at(seed_events, "Doha")
    assert doha.date.isoformat() in _table(page, "date")
    page.locator(f"#dm-table .ag-row[row-id='{doha.id}'] [col-id=place]").click()
    page.locator(f"#dm-event[data-event='{doha.id}']").wait_for()
    _clean(rec)
    page.context.close()


def test_the_table_is_drawn_when_scrolled_to_and_lists_a_view_changed_out_of_sight(browser, seed_server, seed_events):
    page, rec = open_page(browser, seed_server.url + "?planned=1")
    assert page.locator("#dm-table .ag-root-wrapper").count() == 0  # below the fold at 1366×768: not drawn yet
    assert sorted(_table(page, "date")) == sorted(e.date.isoformat() for e in seed_events)
    page.evaluate("window.scrollTo(0, 0)")
    page.locator("#dm-kinds input[value=talks]").uncheck()
    settle(page)
    assert sorted(_table(page, "date")) == sorted(e.date.isoformat() for e in seed_events if e.kind != "talks")
    _clean(rec)
    page.context.close()


def test_the_url_holds_the_view(browser, seed_server, seed_events, artifacts):
    riyadh = _event_at(seed_events, "Riyadh", "2025-02-18")
    page, rec = open_page(browser, seed_server.url + f"?k=talks&c=UA&planned=1&event={riyadh.id}",
                          width=1920, height=1080)
    expected = sorted(e.date.isoformat() for e in seed_events if e.kind == "talks" and "UA" in e.participants)
    assert sorted(_table(page, "date")) == expected
    checked = page.locator("#dm-kinds input:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["talks"]
    page.locator(f"#dm-event[data-event='{riyadh.id}']").wait_for()
    page.evaluate("window.scrollTo(0, 0)")  # the page as it opens (the table was scrolled to above)
    page.screenshot(path=str(artifacts / "dashboard-seeds-1920.png"))
    _clean(rec)
    page.context.close()


def test_the_url_applies_when_the_layout_does_not_know_it(browser, seed_server, seed_events):
    # Without a referrer the layout shows everything; the URL's view is applied by a callback.
    page, rec = open_page(browser, seed_server.url + "?k=talks&c=UA&planned=1", no_referrer=True)
    expected = sorted(e.date.isoformat() for e in seed_events if e.kind == "talks" and "UA" in e.participants)
    assert sorted(_table(page, "date")) == expected
    checked = page.locator("#dm-kinds input:checked")
    assert [checked.nth(i).get_attribute("value") for i in range(checked.count())] == ["talks"]
    assert "k=talks" in page.url
    _clean(rec)
    page.context.close()


def test_back_and_forward_show_the_views_the_url_held(browser, seed_server, seed_events):
    page, rec = open_page(browser, seed_server.url + "?planned=1")
    talks = page.locator("#dm-kinds input[value=talks]")
    talks.uncheck()
    settle(page)
    page.wait_for_function("location.search.includes('k=')")
    assert "talks" not in page.url.split("k=")[1].split("&")[0]
    rows = sorted(_table(page, "kind"))
    assert rows and "Talks" not in rows

    def kinds() -> list[str]:
        checked = page.locator("#dm-kinds input:checked")
        return sorted(checked.nth(i).get_attribute("value") for i in range(checked.count()))

    page.go_back()
    settle(page)
    assert "k=" not in page.url and kinds() == sorted(["talks", "summit", "phone_call", "visit"])
    assert "Talks" in _table(page, "kind")
    page.go_forward()
    settle(page)
    assert "k=" in page.url and "talks" not in kinds()
    assert "Talks" not in _table(page, "kind")
    _clean(rec)
    page.context.close()


@pytest.fixture(scope="module")
def hostile_server(tmp_path_factory, artifacts, gazetteer):
    db = tmp_path_factory.mktemp("synthetic") / "events.sqlite"
    with EventStore.open(db) as store:
        for extraction in synthetic_extractions(80, seed=5, gazetteer=gazetteer):
            store.add(extraction)
        store.remerge()
        hostile = [e for e in store.events() if any("<script>" in r.meeting.evidence for r in e.reports)]
    server = start_server(db, artifacts / "serve-synthetic.log")
    yield server, hostile[0]
    stop_server(server)


def test_article_markup_is_shown_as_text_never_run(browser, hostile_server, artifacts):
    server, event = hostile_server
    page, rec = open_page(browser, server.url + f"?planned=1&event={event.id}")
    panel = page.locator(f"#dm-event[data-event='{event.id}']")
    panel.wait_for()
    text = panel.inner_text()
    assert '<script>alert("xss")</script>' in text and "<img src=x onerror=alert(1)>" in text
    assert "</script><script>alert(2)</script>" in text  # the title
    assert page.locator("#dm-panel img:not(.dm-flag), #dm-panel script").count() == 0  # flags are ours
    page.wait_for_timeout(300)
    page.screenshot(path=str(artifacts / "dashboard-synthetic-hostile.png"))
    _clean(rec)
    page.context.close()


def test_several_meetings_at_one_place_open_a_list(browser, seed_server, seed_events):
    at_riyadh = [e for e in seed_events if e.place is not None and e.place.name == "Riyadh"]
    if len(at_riyadh) < 2:
        pytest.skip("the seeds give fewer than two meetings in Riyadh")
    page, rec = open_page(browser, seed_server.url + "?planned=1")
    marker = _marker(page, "Riyadh")
    assert marker.get_attribute("data-count") == str(len(at_riyadh))
    assert all(e.date.isoformat() in marker.inner_text() for e in at_riyadh)  # stacked date labels
    marker.locator(".dm-dot").click()
    settle(page)
    picks = page.locator("#dm-panel .dm-pick")
    assert picks.count() == len(at_riyadh)
    picks.last.click()
    settle(page)
    page.locator(f"#dm-event[data-event='{sorted(at_riyadh, key=lambda e: e.date)[-1].id}']").wait_for()
    _clean(rec)
    page.context.close()


def test_brushing_the_timeline_sets_the_window_and_play_moves_it(browser, seed_server, artifacts):
    page, rec = open_page(browser, seed_server.url)
    thumbs = page.locator("#dm-time [role=slider]")
    lo, hi = int(thumbs.first.get_attribute("aria-valuemin")), int(thumbs.first.get_attribute("aria-valuemax"))
    # Brush from the middle of the timeline on: the slider takes that range.
    plot = page.locator("#dm-timeline .nsewdrag").first.bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(plot["x"] + plot["width"] * 0.55, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.8, y, steps=6)
    page.mouse.up()
    settle(page)
    start, end = (int(thumbs.nth(i).get_attribute("aria-valuenow")) for i in (0, 1))
    assert lo + (hi - lo) // 3 < start < end < hi
    assert "from=" in page.url
    page.screenshot(path=str(artifacts / "dashboard-seeds-brushed.png"))
    # Play: the window moves forward a week a tick, keeping its width; the button pauses it.
    page.locator("#dm-play").click()
    page.wait_for_function(
        f"Number(document.querySelectorAll('#dm-time [role=slider]')[0].getAttribute('aria-valuenow')) > {start}",
        timeout=10_000)
    assert "Pause" in page.locator("#dm-play").inner_text()
    page.locator("#dm-play").click()
    settle(page)
    assert "Play" in page.locator("#dm-play").inner_text()
    _clean(rec)
    page.context.close()


def test_clicking_a_timeline_mark_selects_its_event(browser, seed_server, seed_events):
    page, rec = open_page(browser, seed_server.url + "?c=QA")  # one meeting: the Doha visit
    doha = _event_at(seed_events, "Doha")
    page.locator("#dm-timeline .scatterlayer .point").first.click(force=True)
    settle(page)
    page.locator(f"#dm-event[data-event='{doha.id}']").wait_for()
    _clean(rec)
    page.context.close()


FOLIUM_ID = re.compile(r"_[0-9a-f]{32}\b")  # folium names each element with a random id


def _download(page, button: str, to: Path) -> Path:
    """Click a download button and save what it downloads under `to`."""
    with page.expect_download(timeout=60_000) as download:
        page.locator(button).click()
    path = to / download.value.suggested_filename
    download.value.save_as(path)
    return path


def test_download_buttons_give_the_exported_html_and_png(browser, seed_server, seeds, seed_events, artifacts,
                                                         tmp_path):
    from dashboard.export.cli import export
    from tests.dashboard.test_export import open_offline, png_stats

    page, rec = open_page(browser, seed_server.url + "?k=talks&c=UA")  # planned meetings hidden, as by default
    html = _download(page, "#dm-dl-html", tmp_path)
    assert html.name == "diplomap-map.html"
    text = html.read_text(encoding="utf-8")
    # The very file `diplomap export html` writes for the same filters (today, the same capitals).
    result = CliRunner().invoke(export, ["html", "-", "--db", str(seeds), "--kind", "talks", "--country", "UA",
                                         "--held-only"])
    assert result.exit_code == 0 and FOLIUM_ID.sub("_ID", text) == FOLIUM_ID.sub("_ID", result.stdout)
    lower = text.lower()
    assert "<script src" not in lower and "<link" not in lower and "cdn." not in lower  # self-contained
    offline, requests, errors, dialogs = open_offline(browser, html)
    assert [u for u in requests if u != html.as_uri()] == [] and errors == [] and dialogs == []
    labels = " ".join(offline.locator(".dm-label").all_inner_texts())
    shown = [e for e in seed_events if e.kind == "talks" and "UA" in e.participants and e.status == "held"]
    assert shown and all(e.date.isoformat() in labels for e in shown)
    assert "Doha" not in labels  # a visit, not talks: not in this view
    offline.context.close()

    png = _download(page, "#dm-dl-png", tmp_path)
    (artifacts / "dashboard-download.png").write_bytes(png.read_bytes())
    stats = png_stats(browser, png.read_bytes())
    assert png.name == "diplomap-map.png" and (stats["width"], stats["height"]) == (3840, 2160)
    assert stats["variance"] > 100 and stats["talks"] > 20  # not blank; the talks markers are drawn
    assert page.locator("#dm-dl-note").inner_text() == ""
    _clean(rec)
    page.context.close()


def test_downloaded_map_shows_article_markup_as_text(browser, hostile_server, tmp_path):
    from tests.dashboard.test_export import open_offline

    server, event = hostile_server
    page, rec = open_page(browser, server.url + "?planned=1")
    html = _download(page, "#dm-dl-html", tmp_path)
    text = html.read_text(encoding="utf-8")
    assert "<img src=x" not in text and "<script>alert" not in text
    offline, requests, errors, dialogs = open_offline(browser, html)
    popups = offline.evaluate("""() => {  // every popup (markers and country areas), opened in turn
        const map = Object.values(window).find(v => v && v._layers && v.fitBounds), texts = [];
        map.eachLayer(l => { if (l.getPopup && l.getPopup() && !l.eachLayer) {
            l.openPopup(); const box = l.getPopup().getElement().querySelector('.dm-popup');
            texts.push([box.textContent, box.querySelectorAll('img, script').length]); l.closePopup(); } });
        return texts; }""")
    offline.wait_for_timeout(300)
    assert any('<script>alert("xss")</script>' in t for t, _ in popups)
    assert any("<img src=x onerror=alert(1)>" in t for t, _ in popups)
    assert all(n == 0 for _, n in popups) and dialogs == [] and errors == []
    offline.context.close()
    _clean(rec)
    page.context.close()
