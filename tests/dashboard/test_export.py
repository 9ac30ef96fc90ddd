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
from dataclasses import replace
from datetime import date
from pathlib import Path

import geopandas as gpd
import pyogrio
import pytest
from click.testing import CliRunner

from dashboard import geodata
from dashboard.export.bbox import Bbox, InvalidBbox
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
    # the labels are laid out (one with no free side is hidden until a closer zoom, so: any one shown)
    page.wait_for_selector(".dm-label >> visible=true", timeout=15_000)
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
    still, text = (render_html([hostile, *events], capitals=capitals, basemap=geodata.basemap(),
                               names=geodata.country_names("en"), title="<img src=x onerror=alert(6)>", still=still)
                   for still in (True, False))  # the page a PNG or PDF is rendered from, and the page
    for page_text in (still, text):
        assert "<img src=x" not in page_text and "</script><script>alert" not in page_text
    (tmp_path / "still.html").write_text(still, encoding="utf-8")
    page, requests, errors, dialogs = open_offline(browser, tmp_path / "still.html")
    assert page.locator(".dm-title").inner_text().startswith("<img src=x onerror=alert(6)>")
    assert dialogs == [] and errors == [] and page.locator(".dm-title img").count() == 0
    page.context.close()
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


def test_text_that_looks_like_a_template_is_kept_as_written(events, capitals):
    # folium makes a Jinja template of each element it renders: article text or a title holding {{ }},
    # {% %} or {# was evaluated there (or broke the export) before the map's elements went in verbatim.
    event = hostile_event()
    report = event.reports[0]
    event = replace(event, reports=(replace(report, title="{{ 7*7 }} {% raw %} {# note"),))
    for still in (True, False):
        page = render_html([event, *events], capitals=capitals, basemap=geodata.basemap(),
                           names=geodata.country_names("en"), title="{{ 6*7 }} briefing", still=still)
        assert "{{ 6*7 }} briefing</h1>" in page and "42 briefing" not in page
        assert still or '"{{ 7*7 }} {% raw %} {# note"' in page


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
    result = run("html", "-", "--db", store_path, "--bbox", "30,10,60,40")  # the first view: that box
    assert result.exit_code == 0 and '"frame":{"bounds":[[10.0,30.0],[40.0,60.0]],"clear":false}' in result.stdout


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


def png_difference(browser, a: bytes, b: bytes, *, box: tuple[int, int, int, int] | None = None) -> float:
    """The share of pixels (within box x, y, width, height) that differ visibly between two PNGs of one size."""
    import base64

    uris = ["data:image/png;base64," + base64.b64encode(png).decode("ascii") for png in (a, b)]
    page = browser.new_page()
    share = page.evaluate("""async ([a, b, box]) => {
        async function pixels(uri) {
          const img = new Image(); img.src = uri; await img.decode();
          const c = document.createElement('canvas'); c.width = img.width; c.height = img.height;
          const ctx = c.getContext('2d'); ctx.drawImage(img, 0, 0);
          const [x, y, w, h] = box || [0, 0, img.width, img.height];
          return [img.width, img.height, ctx.getImageData(x, y, w, h).data];
        }
        const [wa, ha, pa] = await pixels(a), [wb, hb, pb] = await pixels(b);
        if (wa !== wb || ha !== hb) { return -1; }
        let n = 0;
        for (let i = 0; i < pa.length; i += 4) {
          if (Math.abs(pa[i] - pb[i]) + Math.abs(pa[i + 1] - pb[i + 1]) + Math.abs(pa[i + 2] - pb[i + 2]) > 30) { n++; }
        }
        return n / (pa.length / 4);
    }""", [*uris, list(box) if box else None])
    page.close()
    assert share >= 0, "the images differ in size"
    return share


def test_the_image_shows_what_the_page_shows(browser, events, capitals):
    # PNG and PDF are rendered from a page made for a still image (one canvas, no popups or slider):
    # it must look like the interactive map with its controls hidden.
    from dashboard.export.image import render_png

    pngs = [render_png(render_html(events, capitals=capitals, basemap=geodata.basemap(),
                                   names=geodata.country_names("en"), generated=date(2026, 1, 2), still=still),
                       size=(960, 540), scale=1, browser=browser) for still in (True, False)]
    (ARTIFACTS / "export-still.png").write_bytes(pngs[0])
    assert png_difference(browser, *pngs) < 0.003  # anti-aliasing of canvas and SVG lines, no more


# Every label's box, and what a label must not cover: the markers' dots (a still page draws them on a canvas),
# the title and the legend; in the map's pixels.
_LABELS_AND_DOTS = """() => {
    const map = Object.values(window).find(v => v && v._layers && v.fitBounds), dots = [];
    map.eachLayer(l => { if (l.options && l.options.className === 'dm-marker') {
        const p = map.latLngToContainerPoint(l.getLatLng()), r = l.options.radius + l.options.weight / 2;
        dots.push({place: l.getTooltip().getElement().querySelector('b').textContent,
                   box: [p.x - r, p.y - r, p.x + r, p.y + r]});
    } });
    const origin = map.getContainer().getBoundingClientRect();
    const labels = [...document.querySelectorAll('.dm-label')].map(e => {
        const r = e.getBoundingClientRect();
        return {place: e.querySelector('b').textContent,
                box: [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top]};
    });
    const boxes = [...document.querySelectorAll('.dm-title, .dm-legend')].map(e => {
        const r = e.getBoundingClientRect();
        return {place: e.className, box: [r.left - origin.left, r.top - origin.top, r.right - origin.left,
                                          r.bottom - origin.top]};
    });
    return {labels, covered: dots.concat(boxes), width: origin.width, height: origin.height};
}"""


@pytest.mark.parametrize("still", [False, True], ids=["page", "still"])
def test_labels_of_nearby_places_do_not_cover_each_other(browser, events, capitals, still):
    # Riyadh, Doha and Saudi Arabia (known only to the country) lie close: at the framed zoom of the
    # interactive page and of the page images are made from, no label covers another label, a dot, the
    # title or the legend.
    from dashboard.export.image import offline_page

    html = render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       generated=date(2026, 1, 2), still=still)
    for width, height in ((1366, 768), (1920, 1080), (960, 540)):
        with offline_page(html, width=width, height=height, browser=browser) as page:
            found = page.evaluate(_LABELS_AND_DOTS)
        labels = found["labels"]
        assert {"Riyadh", "Doha", "Saudi Arabia (country)"} <= {label["place"] for label in labels}

        def overlap(a, b):
            return a[0] < b[2] - 0.5 and b[0] < a[2] - 0.5 and a[1] < b[3] - 0.5 and b[1] < a[3] - 0.5

        for i, a in enumerate(labels):
            assert 0 <= a["box"][0] and a["box"][2] <= found["width"], (width, a)  # on the map, readable
            for b in labels[i + 1:]:
                assert not overlap(a["box"], b["box"]), (width, a["place"], b["place"])
            for other in found["covered"]:
                assert not overlap(a["box"], other["box"]), (width, a["place"], "covers", other["place"])


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


def test_the_pdf_table_comes_in_short_tables_with_every_meeting(events):
    from dashboard.export.image import meetings_table

    text = meetings_table([hostile_event(), *events], geodata.country_names("en"), rows_per_table=4)
    assert text.count("<table>") == -(-(len(events) + 1) // 4) and text.count("<thead>") == text.count("<table>")
    assert text.count("<tr><td>") == len(events) + 1
    assert "&lt;/title&gt;&lt;script&gt;alert(4)" in text and "<script>" not in text  # the hostile title, as text


def test_cli_png_and_pdf(store_path, tmp_path):
    # in a subprocess: the commands start their own Chromium, and this process already drives one
    def cli(*args):
        return subprocess.run([sys.executable, "-m", "dashboard.export.cli", *map(str, args)], capture_output=True,
                              text=True)

    proc = cli("png", tmp_path / "m.png", "--db", store_path, "--size", "640x480", "--scale", "1",
               "--bbox", "30,10,60,40")
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "m.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    proc = cli("pdf", tmp_path / "m.pdf", "--db", store_path, "--title", "Briefing")
    assert proc.returncode == 0 and (tmp_path / "m.pdf").read_bytes()[:5] == b"%PDF-"
    result = CliRunner().invoke(export, ["png", str(tmp_path / "x.png"), "--size", "12"])
    assert result.exit_code == 2 and "WIDTHxHEIGHT" in result.output


# --- framing on a bounding box -----------------------------------------------------------------------


def test_a_bbox_is_west_south_east_north_in_degrees():
    assert Bbox.parse(" -10.5, 20 ,30,45") == Bbox(-10.5, 20.0, 30.0, 45.0)
    assert Bbox(30, 10, 60, 40).corners() == [[10, 30], [40, 60]]
    for text, says in (("1,2,3", "WEST,SOUTH,EAST,NORTH"), ("a,b,c,d", "WEST,SOUTH,EAST,NORTH"),
                       ("60,10,30,40", "WEST must be less than EAST"), ("30,40,60,10", "SOUTH must be less than NORTH"),
                       ("-190,10,30,40", "-180 to 180"), ("30,-95,60,40", "-90 to 90"), ("30,10,60,nan", "finite")):
        with pytest.raises(InvalidBbox, match=says):
            Bbox.parse(text)


def test_cli_refuses_a_bad_bbox_in_one_line(tmp_path):
    for bad, says in (("1,2,3", "is not WEST,SOUTH,EAST,NORTH"), ("60,10,30,40", "WEST must be less than EAST")):
        result = CliRunner().invoke(export, ["png", str(tmp_path / "m.png"), "--bbox", bad])
        assert result.exit_code == 2 and says in result.output and "Traceback" not in result.output
        assert [line for line in result.output.splitlines() if line.startswith("Error:")] == \
               [line for line in result.output.splitlines() if says in line]


MAP_VIEW = """() => {
    const map = Object.values(window).find(v => v && v._layers && v.fitBounds);
    const b = map.getBounds(), size = map.getSize();
    const shown = [...document.querySelectorAll('.dm-label')].filter(el => {
        const r = el.getBoundingClientRect();
        return r.right > 0 && r.bottom > 0 && r.left < size.x && r.top < size.y;
    }).map(el => el.textContent);
    return [[b.getWest(), b.getSouth(), b.getEast(), b.getNorth()], shown];
}"""


@pytest.mark.parametrize("still", [True, False], ids=["image", "page"])
def test_a_bbox_frames_the_map_on_the_box(browser, events, capitals, still):
    from dashboard.export.image import offline_page

    box = Bbox(30.0, 10.0, 60.0, 40.0)  # the Gulf and the Levant: Riyadh and Doha, not Gomel or Istanbul
    html = render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       bbox=box, still=still)
    with offline_page(html, width=960, height=540, browser=browser) as page:
        (west, south, east, north), labels = page.evaluate(MAP_VIEW)
    px = 0.1  # Leaflet puts the map's origin on a whole pixel
    assert west <= box.west + px and south <= box.south + px and east >= box.east - px and north >= box.north - px
    # and no more than the image's shape adds: the box fills it from edge to edge one way
    assert (south, north) == (pytest.approx(box.south, abs=0.3), pytest.approx(box.north, abs=0.3)) or \
           (west, east) == (pytest.approx(box.west, abs=0.3), pytest.approx(box.east, abs=0.3))
    shown = " ".join(labels)
    assert "Riyadh" in shown and "Doha" in shown and "Gomel" not in shown and "Istanbul" not in shown
    # Without a box the map is framed on every place and capital: Gomel and Washington's arcs are in.
    html = render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       still=still)
    with offline_page(html, width=960, height=540, browser=browser) as page:
        (west, _, east, _), labels = page.evaluate(MAP_VIEW)
    assert west < capitals["US"].lon < east and "Gomel" in " ".join(labels)


# --- Arabic and Vietnamese in the images and popups ------------------------------------------------------

ARABIC, VIETNAMESE = "محادثات الرياض", "Hội đàm tại Đà Nẵng"
TOFU = "\u0378"  # an unassigned code point: no font has it, so it is drawn as the missing-glyph box
NEXT_FRAME = "() => new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))"


def _tofu(text: str, script: str) -> str:
    """The text with every letter of a script (ar: Arabic; vi: Latin beyond ASCII) made a tofu box."""
    def hit(c: str) -> bool:
        return "\u0600" <= c <= "\u06ff" if script == "ar" else \
            not c.isascii() and unicodedata.name(c, "").startswith("LATIN")

    return "".join(TOFU if hit(c) else c for c in text)


def test_arabic_and_vietnamese_titles_render_as_glyphs_not_boxes(browser, events, capitals):
    # If the fonts (fonts-noto-core) lacked these letters they would be drawn as missing-glyph boxes,
    # exactly as the same title with those letters replaced by an unassigned code point is.
    from dashboard.export.image import offline_page, screenshot

    title = f"{ARABIC} · {VIETNAMESE}"
    html = render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       title=title, generated=date(2026, 1, 2), still=True)
    with offline_page(html, width=960, height=540, scale=1, browser=browser) as page:  # as render_png does
        shot = screenshot(page)
        (ARTIFACTS / "export-title-ar-vi.png").write_bytes(shot)
        box = page.locator(".dm-title h1").bounding_box()
        box = (int(box["x"]), int(box["y"]), int(box["width"]), int(box["height"]))

        def titled(text: str) -> bytes:
            page.locator(".dm-title h1").evaluate("(h, text) => { h.textContent = text; }", text)
            page.evaluate(NEXT_FRAME)
            return screenshot(page)

        for script in ("ar", "vi"):
            boxes = titled(_tofu(title, script))
            (ARTIFACTS / f"export-title-{script}-tofu.png").write_bytes(boxes)
            assert png_difference(browser, shot, boxes, box=box) > 0.02, script
        assert png_difference(browser, shot, titled(title), box=box) == 0  # the same title draws the same


def test_arabic_and_vietnamese_popups_render_as_glyphs_not_boxes(browser, seeds_html):
    page, requests, errors, dialogs = open_offline(browser, seeds_html)
    page.evaluate("""() => { const m = Object.values(window).find(v => v && v._layers && v.fitBounds);
                             m.eachLayer(l => { if (l.options && l.options.className === 'dm-marker'
                                 && l.getTooltip() && l.getTooltip().getContent().textContent.includes('Riyadh'))
                                 { l.openPopup(); } }); }""")
    popup = page.locator(".dm-popup")
    popup.wait_for(timeout=5_000)
    text = popup.inner_text()
    assert any("\u0600" <= c <= "\u06ff" for c in text) and any(c in text for c in "ạảấầẩẫậắằẳẵặđ")
    shot = popup.screenshot()
    (ARTIFACTS / "export-popup-ar-vi.png").write_bytes(shot)
    for script in ("ar", "vi"):
        page.evaluate("""([tofu, script]) => {
            const hit = script === 'ar' ? (c => c >= '\u0600' && c <= '\u06ff')
                                        : (c => c > '\u007f' && c.toLowerCase() !== c.toUpperCase());
            const walk = document.createTreeWalker(document.querySelector('.dm-popup'), NodeFilter.SHOW_TEXT);
            const nodes = []; while (walk.nextNode()) { nodes.push(walk.currentNode); }
            nodes.forEach(n => { n.__text = n.__text || n.textContent;
                                 n.textContent = [...n.__text].map(c => hit(c) ? tofu : c).join(''); });
        }""", [TOFU, script])
        boxes = popup.screenshot()
        page.evaluate("""() => { const walk = document.createTreeWalker(document.querySelector('.dm-popup'),
                                                                     NodeFilter.SHOW_TEXT);
                                  while (walk.nextNode()) { const n = walk.currentNode;
                                                            if (n.__text) { n.textContent = n.__text; } } }""")
        # (boxes of another width than the glyphs change the popup's size: different all the more)
        assert _png_size(shot) != _png_size(boxes) or png_difference(browser, shot, boxes) > 0.005, script
    assert errors == [] and dialogs == []
    page.context.close()


def _png_size(png: bytes) -> tuple[int, int]:
    return int.from_bytes(png[16:20], "big"), int.from_bytes(png[20:24], "big")
