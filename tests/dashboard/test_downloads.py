"""The dashboard's "Download HTML" and "Download PNG", called directly: the export files, for the view's filters."""

from __future__ import annotations

import base64
import re
from dataclasses import replace
from datetime import date

from dashboard.app.data import StaticSource
from dashboard.app.downloads import map_download
from dashboard.export.briefing import map_html
from dashboard.filters import Filters
from tests.dashboard.test_export import HOSTILE
from tests.dashboard.test_features import CAPITALS, EVENTS

FOLIUM_ID = re.compile(r"_[0-9a-f]{32}\b")  # folium names each element with a random id


def _snap(events=EVENTS):
    return StaticSource(events, CAPITALS).snapshot()


def _same_page(a: str, b: str) -> bool:
    return FOLIUM_ID.sub("_ID", a) == FOLIUM_ID.sub("_ID", b)


def test_download_html_is_the_export_of_the_view():
    snap = _snap()
    data, note = map_download(snap, Filters(countries=("UA",)), "html")
    assert note == "" and data["filename"] == "diplomap-map.html" and data["type"] == "text/html"
    held_with_ua = [e for e in EVENTS if "UA" in e.participants and e.status == "held"]
    assert {e.id for e in held_with_ua} == {"riyadh-2", "jeddah"}
    assert _same_page(data["content"], map_html(held_with_ua, capitals=CAPITALS))
    assert '"riyadh-2"' in data["content"] and '"riyadh-1"' not in data["content"]


def test_download_follows_the_time_range_and_the_planned_toggle_not_the_selection():
    snap = _snap()
    f = Filters(since=date(2025, 3, 1), planned=True, event="riyadh-1")
    data, _ = map_download(snap, f, "html")
    march = [e for e in EVENTS if e.date >= date(2025, 3, 1)]
    assert any(e.status == "planned" for e in march)
    assert _same_page(data["content"], map_html(march, capitals=CAPITALS))


def test_download_html_shows_article_markup_as_text():
    hostile = replace(EVENTS[0], id="hostile", reports=tuple(
        replace(r, title="</script><script>alert(4)</script>", meeting=replace(r.meeting, evidence=HOSTILE))
        for r in EVENTS[0].reports))
    data, _ = map_download(_snap([hostile, *EVENTS[1:]]), Filters(), "html")
    assert "<img src=x" not in data["content"] and "</script><script>alert" not in data["content"]
    assert "\\u003cimg src=x" in data["content"]  # in the data, which the page sets as text


def test_download_png_is_the_briefing_image(browser):
    data, note = map_download(_snap(), Filters(), "png", browser=browser)
    png = base64.b64decode(data["content"])
    assert note == "" and data["base64"] and data["filename"] == "diplomap-map.png"
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    assert (int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")) == (3840, 2160)


def test_download_png_without_chromium_says_why(monkeypatch, tmp_path):
    monkeypatch.setenv("DIPLOMAP_CHROMIUM", str(tmp_path / "no-chromium"))
    data, note = map_download(_snap(), Filters(), "png")
    assert data is None
    assert note.startswith("No PNG made: Chromium not found at") and "DIPLOMAP_CHROMIUM" in note
