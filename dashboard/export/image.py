"""Briefing images: the static map rendered by headless Chromium (Playwright) as PNG, and an A4 PDF.

The page is loaded from a temporary file with every non-file request refused, so an image is
exactly what the offline HTML shows. The browser is the I/O edge: pass one in, or each call starts
its own (Debian's `/usr/bin/chromium`, or the one `DIPLOMAP_CHROMIUM` names).
"""

from __future__ import annotations

import base64
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from html import escape
from pathlib import Path
from typing import TypeVar

from dashboard import features
from dashboard.export.errors import ExportError
from extract.types import Event

T = TypeVar("T")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run")
# What a still image leaves out of the interactive page: the controls one clicks.
PRINT_CSS = ".leaflet-control-zoom, .dm-slider { display: none !important; }"
A4_LANDSCAPE_PX = (1123, 794)  # 297 × 210 mm at 96 px per inch
# Resolves once the fonts are in and two frames have passed: Leaflet draws a canvas on the next frame.
_DRAWN = """() => document.fonts.ready.then(() => new Promise(done =>
    requestAnimationFrame(() => requestAnimationFrame(() => done(true)))))"""

TABLE_COLUMNS = (("Date", 9), ("Kind", 9), ("Place", 20), ("Participants", 22), ("Sources", 40))  # % of width
TABLE_ROWS = 100  # rows per <table>: a print layout of many short tables is far quicker than of one long one

# Fixed column widths spare the layout measuring every cell; the tables are laid out for print only.
_TABLE_CSS = """
body { font-family: "Noto Sans", "Noto Sans Arabic", "DejaVu Sans", sans-serif; margin: 0; }
.map { page-break-after: always; }
.map img { width: 100%; }
h1 { font-size: 16px; margin: 0 0 6px; }
table { border-collapse: collapse; width: 100%; font-size: 10px; table-layout: fixed; }
table + table { margin-top: -1px; }
th, td { border: 1px solid #aaa; padding: 3px 5px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
@media screen { table { display: none; } }
"""


def chromium_path() -> Path:
    """The Chromium to drive: `DIPLOMAP_CHROMIUM` if set, else Debian's."""
    return Path(os.environ.get("DIPLOMAP_CHROMIUM") or CHROMIUM)


@contextmanager
def chromium_browser(chromium: Path | None = None, args: Sequence[str] = CHROMIUM_ARGS) -> Iterator[object]:
    """A headless Chromium driven by Playwright (Debian's `chromium`), closed on exit."""
    from playwright.sync_api import Error as PlaywrightError
    from playwright.sync_api import sync_playwright

    chromium = Path(chromium) if chromium else chromium_path()
    if not chromium.is_file():
        raise ExportError(f"Chromium not found at {chromium}: install it (apt-get install chromium) "
                          f"or set DIPLOMAP_CHROMIUM")
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
    if browser is None:
        with chromium_browser() as own, offline_page(html, width=width, height=height, scale=scale,
                                                     browser=own) as page:
            yield page
        return
    with _blank_page(browser, width=width, height=height, scale=scale) as page:
        _show(page, html)
        yield page


def on_offline_page(build: Callable[[], str], use: Callable[[object], T], *, width: int, height: int,
                    scale: float = 1.0, browser: object | None = None) -> T:
    """`use(page)` on an offline page (as `offline_page`) showing the HTML that `build()` returns.

    Without a browser given, a Chromium of its own starts, and opens its page, while `build` runs.
    """
    if browser is not None:
        html = build()
        with offline_page(html, width=width, height=height, scale=scale, browser=browser) as page:
            return use(page)
    # Playwright's objects belong to the thread that made them, so Chromium is started and the page
    # shown and used on a thread of its own while this one builds the page. Starting a browser is
    # mostly other processes' work: the two overlap although Python runs one thread at a time.
    built: Future[str] = Future()

    def in_own_browser() -> T:
        with chromium_browser() as own, _blank_page(own, width=width, height=height, scale=scale) as page:
            _show(page, built.result())
            return use(page)

    with ThreadPoolExecutor(1, thread_name_prefix="chromium") as pool:
        result = pool.submit(in_own_browser)
        try:
            built.set_result(build())
        except BaseException as e:
            built.set_exception(e)  # the browser thread stops too
            raise
        return result.result()


@contextmanager
def _blank_page(browser: object, *, width: int, height: int, scale: float) -> Iterator[object]:
    """An empty page of the size and scale, every non-file request refused; closed on exit."""
    from playwright.sync_api import Error as PlaywrightError

    try:
        context = browser.new_context(viewport={"width": width, "height": height}, device_scale_factor=scale)
    except PlaywrightError as e:
        raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e
    try:
        page = context.new_page()
        page.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file://")
                   else route.abort())
        yield page
    except PlaywrightError as e:
        raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e
    finally:
        context.close()


def _show(page: object, html: str) -> None:
    """Load the HTML into the page from a file and wait until it is drawn."""
    from playwright.sync_api import Error as PlaywrightError

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "map.html"
        path.write_text(html, encoding="utf-8")
        try:
            page.goto(path.as_uri())
            page.wait_for_selector(".leaflet-container", timeout=20_000)
            page.add_style_tag(content=PRINT_CSS)
            page.evaluate(_DRAWN)
        except PlaywrightError as e:
            raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e


def screenshot(page: object) -> bytes:
    """The page's viewport as a PNG at its device scale, encoded for speed (a larger file, the same pixels)."""
    from playwright.sync_api import Error as PlaywrightError

    size = page.viewport_size
    try:
        # A session of our own carries no device metrics: the clip's scale asks for the page's device pixels.
        clip = {"x": 0, "y": 0, "width": size["width"], "height": size["height"],
                "scale": page.evaluate("devicePixelRatio")}
        session = page.context.new_cdp_session(page)
        try:
            shot = session.send("Page.captureScreenshot", {"format": "png", "optimizeForSpeed": True, "clip": clip})
        finally:
            session.detach()
    except PlaywrightError as e:
        raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e
    return base64.b64decode(shot["data"])


def render_png(html: str | Callable[[], str], *, size: tuple[int, int] = (1920, 1080), scale: float = 2.0,
               browser: object | None = None) -> bytes:
    """The map as a PNG of size × scale pixels (`html`: the page, or the function that builds it)."""
    width, height = size
    return on_offline_page(_builder(html), screenshot, width=width, height=height, scale=scale, browser=browser)


def _builder(html: str | Callable[[], str]) -> Callable[[], str]:
    return html if callable(html) else (lambda: html)


def meetings_table(events: Iterable[Event], names: Mapping[str, str], *, rows_per_table: int = TABLE_ROWS) -> str:
    """The meetings as HTML tables (date, kind, place, participants, sources) of up to `rows_per_table`
    rows each, one after the other, every cell escaped."""
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
    cols = "".join(f"<col style='width: {w}%'>" for _, w in TABLE_COLUMNS)
    head = f"<colgroup>{cols}</colgroup><thead><tr>{''.join(f'<th>{h}</th>' for h, _ in TABLE_COLUMNS)}</tr></thead>"
    return "".join(f"<table>{head}<tbody>{''.join(rows[i:i + rows_per_table])}</tbody></table>"
                   for i in range(0, max(len(rows), 1), rows_per_table))


def render_pdf(html: str | Callable[[], str], events: Iterable[Event], *, names: Mapping[str, str], title: str,
               browser: object | None = None) -> bytes:
    """An A4 landscape briefing: the map on page one, then the table of meetings over as many pages as needed
    (`html`: the map's page, or the function that builds it)."""
    width, height = A4_LANDSCAPE_PX
    table = []

    def build() -> str:
        page_html = _builder(html)()
        table.append(meetings_table(events, names))
        return page_html

    def briefing(page: object) -> bytes:
        png = base64.b64encode(screenshot(page)).decode("ascii")
        doc = (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>{escape(title)}</title>"
               f"<style>{_TABLE_CSS}</style></head><body>"
               f"<div class='map'><img src='data:image/png;base64,{png}'></div>"
               f"<h1>{escape(title)}: meetings</h1>{table[0]}</body></html>")
        from playwright.sync_api import Error as PlaywrightError

        try:
            page.set_content(doc)  # waits for the load event, the map's image decoded
            return page.pdf(format="A4", landscape=True, print_background=True,
                            margin={"top": "10mm", "bottom": "10mm", "left": "10mm", "right": "10mm"})
        except PlaywrightError as e:
            raise ExportError(f"Chromium failed: {str(e).splitlines()[0]}") from e

    return on_offline_page(build, briefing, width=width - 60, height=height - 80, scale=2.0, browser=browser)
