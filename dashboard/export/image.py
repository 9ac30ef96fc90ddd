"""Briefing images: the static map rendered by headless Chromium (Playwright) as PNG, and an A4 PDF.

The page is loaded from a temporary file with every non-file request refused, so an image is
exactly what the offline HTML shows. The browser is the I/O edge: pass one in, or each call starts its own.
"""

from __future__ import annotations

import base64
import tempfile
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from html import escape
from pathlib import Path

from dashboard import features
from dashboard.export.errors import ExportError
from extract.types import Event

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# What a still image leaves out of the interactive page: the controls one clicks.
PRINT_CSS = ".leaflet-control-zoom, .dm-slider { display: none !important; }"
A4_LANDSCAPE_PX = (1123, 794)  # 297 × 210 mm at 96 px per inch

_TABLE_CSS = """
body { font-family: "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif; margin: 0; }
.map { page-break-after: always; }
.map img { width: 100%; }
h1 { font-size: 16px; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 10px; }
th, td { border: 1px solid #aaa; padding: 3px 5px; text-align: left; vertical-align: top; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
"""


@contextmanager
def chromium_browser(chromium: Path = CHROMIUM, args: Sequence[str] = CHROMIUM_ARGS) -> Iterator[object]:
    """A headless Chromium driven by Playwright (Debian's `chromium`), closed on exit."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    if not Path(chromium).exists():
        raise ExportError(f"{chromium} not found: install Chromium (apt-get install chromium)")
    try:
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=str(chromium), args=list(args))
            try:
                yield browser
            finally:
                browser.close()
    except PlaywrightError as e:
        raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e


@contextmanager
def offline_page(html: str, *, width: int, height: int, scale: float = 1.0,
                 browser: object | None = None) -> Iterator[object]:
    """A page showing the HTML with every non-file request refused (in `browser`, or a Chromium of its own)."""
    from playwright.sync_api import Error as PlaywrightError

    if browser is None:
        with chromium_browser() as own, offline_page(html, width=width, height=height, scale=scale,
                                                     browser=own) as page:
            yield page
        return
    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "map.html"
        path.write_text(html, encoding="utf-8")
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
        try:
            page = context.new_page()
            page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                       else route.abort())
            page.goto(path.as_uri())
            page.wait_for_selector(".leaflet-container", timeout=20_000)
            page.add_style_tag(content=PRINT_CSS)
            page.wait_for_timeout(400)  # tooltips fade in
            yield page
        except PlaywrightError as e:
            raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e
        finally:
            context.close()


def render_png(html: str, *, size: tuple[int, int] = (1920, 1080), scale: float = 2.0,
               browser: object | None = None) -> bytes:
    """The map as a PNG of size × scale pixels."""
    width, height = size
    with offline_page(html, width=width, height=height, scale=scale, browser=browser) as page:
        return page.screenshot(type="png", full_page=False)


def meetings_table(events: Iterable[Event], names: Mapping[str, str]) -> str:
    """The meetings as an HTML table (date, kind, place, participants, sources), every cell escaped."""
    rows = []
    for e in sorted(events, key=lambda e: (e.date.isoformat() if e.date else "", e.id)):
        place = features.place_label(e.place) if e.place else "—"
        if e.place is not None and e.place.precision == "country":
            place += " (country)"
        sources = "; ".join(f"{r.title or r.article_id} ({r.lang or '?'})" for r in e.reports)
        cells = (e.date.isoformat() if e.date else "date unknown",
                 features.kind_style(e.kind)["label"] + (" (planned)" if e.status == "planned" else ""),
                 place, ", ".join(names.get(c, c) for c in e.participants), sources)
        rows.append("<tr>" + "".join(f"<td>{escape(c)}</td>" for c in cells) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("Date", "Kind", "Place", "Participants", "Sources"))
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"


def render_pdf(html: str, events: Iterable[Event], *, names: Mapping[str, str], title: str,
               browser: object | None = None) -> bytes:
    """An A4 landscape briefing: the map on page one, then the table of meetings over as many pages as needed."""
    width, height = A4_LANDSCAPE_PX
    with offline_page(html, width=width - 60, height=height - 80, scale=2.0, browser=browser) as page:
        png = page.screenshot(type="png")
        doc = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
               f"<style>{_TABLE_CSS}</style></head><body>"
               f"<div class='map'><img src='data:image/png;base64,{base64.b64encode(png).decode('ascii')}'></div>"
               f"<h1>{escape(title)}: meetings</h1>{meetings_table(events, names)}</body></html>")
        page.set_content(doc)
        page.wait_for_timeout(100)
        return page.pdf(format="A4", landscape=True, print_background=True,
                        margin={"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"})
