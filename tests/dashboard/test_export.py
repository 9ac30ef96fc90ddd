"""`diplomap export`: GeoJSON, CSV, GeoPackage and the self-contained HTML map, on the ingested seeds.

The HTML map is opened in a real headless Chromium with every network request refused.
Screenshots go to tests/artifacts/export-*.png.
"""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import unicodedata
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from click.testing import CliRunner

from dashboard import geodata
from dashboard.export.cli import export
from dashboard.export.data import cut_antimeridian, export_csv, export_geojson, export_gpkg
from dashboard.export.html import export_html, render_html, time_span
from extract.geoparse import Geoparser
from extract.ingest import ingest
from extract.store import EventStore
from extract.types import Event, Meeting, Report
from geo.types import Place
from tests.conftest import SAMPLES
from tests.e2e.conftest import ARTIFACTS

HOSTILE = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> ${alert(3)} `x`"
SEED_PLACES = ("Riyadh", "Istanbul", "Doha", "Gomel")


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, gazetteer) -> Path:
    path = tmp_path_factory.mktemp("export") / "events.sqlite"
    with EventStore.open(path) as store:
        summary = ingest([SAMPLES], store, Geoparser(gazetteer))
    assert summary.added == 5 and not summary.errors
    return path


@pytest.fixture(scope="module")
def events(store_path) -> list[Event]:
    with EventStore.open(store_path, readonly=True) as store:
        return store.events()


@pytest.fixture(scope="module")
def capitals(events, gazetteer):
    return geodata.capitals({c for e in events for c in e.participants}, gazetteer)


def hostile_event() -> Event:
    place = Place(id="gn:108410", name="Riyadh", lat=24.68773, lon=46.72185, country="SA", precision="city",
                  feature="capital")
    meeting = Meeting(kind="talks", date=date(2025, 2, 18), date_precision="day", place=place,
                      participants=("RU", "US"), status="held", evidence=HOSTILE, confidence=0.9,
                      highlights=((0, 4, "place"),))
    report = Report(article_id="hostile", meeting=meeting, lang="en", published=date(2025, 2, 18),
                    title="</title><script>alert(4)</script>", url="javascript:alert(5)")
    return Event(id="ev-hostile", kind="talks", date=meeting.date, date_precision="day", place=place,
                 participants=("RU", "US"), status="held", confidence=0.9, reports=(report,))


# --- GeoJSON ---------------------------------------------------------------------------------------


def test_geojson_is_rfc7946_with_points_and_flows(events, capitals):
    fc = export_geojson(events, capitals=capitals)
    json.dumps(fc, allow_nan=False)  # valid JSON: no NaN
    assert fc["type"] == "FeatureCollection" and "crs" not in fc
    layers = {"event": [], "flow": []}
    for f in fc["features"]:
        assert f["type"] == "Feature" and isinstance(f["id"], str) and isinstance(f["properties"], dict)
        layers[f["properties"]["layer"]].append(f)
        g = f["geometry"]
        if g is None:
            continue
        coords = ([g["coordinates"]] if g["type"] == "Point" else
                  g["coordinates"] if g["type"] == "LineString" else [p for part in g["coordinates"] for p in part])
        for lon, lat in coords:
            assert -180 <= lon <= 180 and -90 <= lat <= 90
    assert len(layers["event"]) == len(events)
    assert {f["geometry"]["type"] for f in layers["event"] if f["geometry"]} == {"Point"}
    riyadh = next(f for f in layers["event"] if f["properties"]["place"] and f["properties"]["place"]["name"] == "Riyadh"
                  and f["properties"]["date"] == "2025-02-18")
    assert {"kind", "date", "date_precision", "place", "participants", "status", "confidence", "sources",
            "reports"} <= set(riyadh["properties"])
    assert riyadh["geometry"]["coordinates"] == [pytest.approx(46.72, abs=0.1), pytest.approx(24.69, abs=0.1)]
    tips = [f["properties"]["tip"] for f in layers["flow"]]
    assert {f["geometry"]["type"] for f in layers["flow"]} == {"LineString"}
    assert any("Moscow → Riyadh" in t for t in tips) and any("Washington → Riyadh" in t for t in tips)
    assert any(t.startswith("Phone call: RU – US") for t in tips)


def test_flows_crossing_the_antimeridian_are_cut():
    parts = cut_antimeridian([[170, 0], [179, 1], [185, 2], [190, 3]])
    assert parts[0][-1] == [180.0, pytest.approx(1.17, abs=0.01)] and parts[1][0][0] == -180.0
    assert all(-180 <= lon <= 180 for part in parts for lon, _ in part)
    assert cut_antimeridian([[10, 0], [20, 1]]) == [[[10, 0], [20, 1]]]


# --- CSV and GeoPackage ----------------------------------------------------------------------------


def test_csv_has_one_row_per_event(events):
    rows = list(csv.DictReader(io.StringIO(export_csv(events))))
    assert len(rows) == len(events)
    places = {r["place"] for r in rows}
    assert {"Riyadh", "Doha", "Gomel Region"} <= places
    assert any(r["venue"] and "Istanbul" in r["venue"] for r in rows)


def test_geopackage_has_events_and_flows_layers(events, capitals, tmp_path):
    path = export_gpkg(events, tmp_path / "meetings.gpkg", capitals=capitals)
    assert {name for name, _ in pyogrio.list_layers(path)} == {"events", "flows"}
    pts = gpd.read_file(path, layer="events")
    flows = gpd.read_file(path, layer="flows")
    assert len(pts) == len(events) and pts.crs.to_epsg() == 4326
    assert "Riyadh" in set(pts["place"]) and set(pts.geometry.dropna().geom_type) == {"Point"}
    assert len(flows) and set(flows.geom_type) == {"LineString"}
    export_gpkg(events[:2], path, capitals=capitals)  # writing again replaces, never appends
    assert len(gpd.read_file(path, layer="events")) == 2


# --- HTML ------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seeds_html(events, capitals, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("html") / "seeds.html"
    return export_html(events, out, capitals=capitals, basemap=geodata.basemap(),
                       names=geodata.country_names("en"), title="Ukraine talks, 2022–2025")


def test_html_is_one_small_file_without_urls_to_fetch(seeds_html, events):
    text = seeds_html.read_text(encoding="utf-8")
    assert seeds_html.stat().st_size < 2_000_000
    lower = text.lower()
    assert "<script src" not in lower and "<link" not in lower and "cdn." not in lower
    for place in SEED_PLACES:
        assert place in text
    assert "Ukraine talks, 2022–2025" in text and time_span(events) in text


def test_time_span_says_first_and_last_date_and_count(events):
    span = time_span(events)
    assert span.startswith("2022-02-28 – 2025-") and span.endswith(f"{len(events)} meetings")


def open_offline(browser, path: Path, *, shot: str | None = None):
    """The file in a page whose every non-file request is refused; (page, requests, errors, dialogs)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    requests, errors, dialogs = [], [], []
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://") else route.abort())
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.goto(path.as_uri())
    page.wait_for_selector(".dm-label", timeout=15_000)
    page.wait_for_timeout(300)
    if shot:
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(ARTIFACTS / shot))
    return page, requests, errors, dialogs


def test_html_offline_shows_markers_flows_and_areas_with_zero_requests(browser, seeds_html):
    page, requests, errors, dialogs = open_offline(browser, seeds_html, shot="export-seeds.png")
    assert [u for u in requests if u != seeds_html.as_uri()] == []
    assert errors == [] and dialogs == []
    labels = page.locator(".dm-label").all_inner_texts()
    for place in SEED_PLACES:
        assert any(place in label for label in labels), (place, labels)
    assert any("2025-02-18" in label for label in labels if "Riyadh" in label)
    assert any("Saudi Arabia (country)" in label for label in labels)  # country precision: the country, not a point
    assert page.locator("path.dm-marker").count() >= 4
    assert page.locator("path.leaflet-interactive").count() > page.locator("path.dm-marker").count()  # flows, areas
    assert "Ukraine talks" in page.locator(".dm-title").inner_text()
    legend = page.locator(".dm-legend").inner_text()
    assert "Talks" in legend and "Phone call" in legend and "Russia delegation" in legend
    page.locator("path.dm-marker").first.click(force=True)
    page.wait_for_selector(".dm-popup", timeout=5_000)
    assert "Participants:" in page.locator(".dm-popup").inner_text()
    page.context.close()


def test_hostile_article_text_shows_as_text(browser, events, capitals, tmp_path):
    hostile = hostile_event()
    text = render_html([hostile, *events], capitals=capitals, basemap=geodata.basemap(),
                       names=geodata.country_names("en"), title="<img src=x onerror=alert(6)>")
    assert "<img src=x" not in text and "</script><script>alert" not in text
    path = tmp_path / "hostile.html"
    path.write_text(text, encoding="utf-8")
    page, requests, errors, dialogs = open_offline(browser, path)
    assert dialogs == [] and errors == []
    assert page.locator(".dm-title").inner_text().startswith("<img src=x onerror=alert(6)>")
    page.evaluate("""() => { const m = Object.values(window).find(v => v && v._layers && v.fitBounds);
                             m.eachLayer(l => { if (l.options && l.options.className === 'dm-marker'
                                 && l.getTooltip() && l.getTooltip().getContent().textContent.includes('Riyadh'))
                                 { l.openPopup(); } }); }""")
    page.wait_for_selector(".dm-popup", timeout=5_000)
    popup = page.locator(".dm-popup")
    assert HOSTILE in popup.inner_text()
    assert popup.locator("img").count() == 0 and popup.locator("a[href^='javascript']").count() == 0
    assert "</title><script>alert(4)</script>" in popup.inner_text()
    page.wait_for_timeout(200)
    assert dialogs == []
    page.context.close()


# --- the command line ------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(export, [str(a) for a in args], catch_exceptions=False)


def test_cli_writes_every_format_with_filters(store_path, tmp_path):
    result = run("geojson", "-", "--db", store_path, "--country", "UA", "--since", "2025-01-01")
    assert result.exit_code == 0, result.output
    points = [f for f in json.loads(result.stdout)["features"] if f["properties"]["layer"] == "event"]
    assert points and all("UA" in f["properties"]["participants"] and f["properties"]["date"] >= "2025-01-01"
                          for f in points)
    result = run("csv", "-", "--db", store_path, "--kind", "phone_call", "--kind", "summit")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {r["kind"] for r in rows} <= {"phone_call", "summit"}
    result = run("csv", "-", "--db", store_path, "--until", "2022-12-31", "--held-only")
    assert [r["place"] for r in csv.DictReader(io.StringIO(result.stdout))] == ["Gomel Region"]
    result = run("gpkg", tmp_path / "m.gpkg", "--db", store_path)
    assert result.exit_code == 0 and {n for n, _ in pyogrio.list_layers(tmp_path / "m.gpkg")} == {"events", "flows"}
    result = run("html", tmp_path / "m.html", "--db", store_path, "--title", "Briefing")
    assert result.exit_code == 0 and "Briefing" in (tmp_path / "m.html").read_text(encoding="utf-8")


def test_cli_errors_are_one_line(tmp_path):
    result = CliRunner().invoke(export, ["html", "-", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "diplomap ingest" in result.output and "Traceback" not in result.output
    result = CliRunner().invoke(export, ["gpkg", "-", "--db", str(tmp_path / "none.sqlite")])
    assert result.exit_code == 1 and "stdout" in result.output


def test_time_slider_shows_what_had_happened_by_a_date_and_plays(browser, seeds_html):
    page, requests, errors, dialogs = open_offline(browser, seeds_html)
    assert page.locator(".dm-slider-date").inner_text() == "until 2025-03-24"
    page.locator(".dm-slider input").evaluate("r => { r.value = 0; r.dispatchEvent(new Event('input')); }")
    assert page.locator(".dm-slider-date").inner_text() == "until 2022-02-28"
    page.wait_for_timeout(400)  # Leaflet fades a tooltip out for 200 ms before removing it
    labels = page.locator(".dm-label").all_inner_texts()
    assert any("Gomel" in label for label in labels) and not any("Riyadh" in label for label in labels)
    page.locator(".dm-play").click()
    page.wait_for_function("document.querySelector('.dm-play').textContent === '▶'", timeout=20_000)
    assert page.locator(".dm-slider-date").inner_text() == "until 2025-03-24"
    labels = page.locator(".dm-label").all_inner_texts()
    for place in SEED_PLACES:
        assert any(place in label for label in labels)
    assert errors == [] and [u for u in requests if u != seeds_html.as_uri()] == []
    page.screenshot(path=str(ARTIFACTS / "export-seeds-slider.png"))
    page.context.close()


# --- PNG and PDF briefings -----------------------------------------------------------------------


def png_stats(browser, png: bytes) -> dict:
    """Width, height, grey-level variance and whether the talks colour is present, read in a canvas."""
    import base64

    page = browser.new_page()
    uri = "data:image/png;base64," + base64.b64encode(png).decode("ascii")
    stats = page.evaluate("""async (uri) => {
        const img = new Image(); img.src = uri; await img.decode();
        const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
        const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, c.width, c.height).data;
        let n = 0, sum = 0, sq = 0, talks = 0;
        for (let i = 0; i < d.length; i += 16) {
          const g = (d[i] + d[i + 1] + d[i + 2]) / 3; n++; sum += g; sq += g * g;
          if (Math.abs(d[i] - 0x1f) < 12 && Math.abs(d[i + 1] - 0x5f) < 12 && Math.abs(d[i + 2] - 0xa8) < 12) talks++;
        }
        return {width: img.width, height: img.height, variance: sq / n - (sum / n) ** 2, talks: talks};
    }""", uri)
    page.close()
    return stats


def test_png_has_the_requested_size_and_shows_the_map(browser, events, capitals):
    from dashboard.export.image import render_png

    html = render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       title="Briefing", generated=date(2026, 1, 2))
    png = render_png(html, size=(960, 540), scale=2, browser=browser)
    (ARTIFACTS / "export-briefing.png").write_bytes(png)
    stats = png_stats(browser, png)
    assert (stats["width"], stats["height"]) == (1920, 1080)
    assert stats["variance"] > 100 and stats["talks"] > 20  # not blank; the talks markers are drawn


def test_pdf_is_a_map_then_the_table_of_meetings(browser, events, capitals):
    import pypdf

    from dashboard.export.image import render_pdf

    names = geodata.country_names("en")
    html = render_html([hostile_event(), *events], capitals=capitals, basemap=geodata.basemap(), names=names,
                       title="Briefing")
    pdf = render_pdf(html, [hostile_event(), *events], names=names, title="Briefing <b>", browser=browser)
    (ARTIFACTS / "export-briefing.pdf").write_bytes(pdf)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 2
    text = unicodedata.normalize("NFKC", "\n".join(p.extract_text() for p in reader.pages))  # ﬁ → fi
    assert "Riyadh" in text and "2025-02-18" in text and "Briefing <b>" in text
    assert "</title><script>alert(4)</script>" in text  # the hostile title as text in the table


def test_cli_png_and_pdf(store_path, tmp_path):
    # in a subprocess: the commands start their own Chromium, and this process already drives one
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "dashboard.export.cli", *map(str, args)], capture_output=True,
                              text=True)

    proc = cli("png", tmp_path / "m.png", "--db", store_path, "--size", "640x480", "--scale", "1")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    proc = cli("pdf", tmp_path / "m.pdf", "--db", store_path, "--title", "Briefing")
    assert proc.returncode == 0 and (tmp_path / "m.pdf").read_bytes()[:5] == b"%PDF-"
    result = CliRunner().invoke(export, ["png", str(tmp_path / "x.png"), "--size", "12"])
    assert result.exit_code == 2 and "WIDTHxHEIGHT" in result.output
