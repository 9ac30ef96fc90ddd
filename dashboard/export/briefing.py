"""The map files a person takes away, made one way for `diplomap export html|png|pdf` and the dashboard's buttons.

Given the same events and capitals, the command line and the dashboard write the same file: the
offline basemap, English country names and today's date as the generation date.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date

from dashboard import geodata
from dashboard.export.bbox import Bbox
from dashboard.export.html import DEFAULT_TITLE, render_html
from dashboard.export.image import render_pdf, render_png
from extract.types import Event
from geo.types import Place

PNG_SIZE, PNG_SCALE = (1920, 1080), 2.0


def map_html(events: Iterable[Event], *, capitals: Mapping[str, Place], title: str | None = None,
             bbox: Bbox | None = None, still: bool = False, generated: date | None = None) -> str:
    """The self-contained HTML map of the events (`still`: the page a PNG or PDF is rendered from)."""
    return render_html(events, capitals=capitals, basemap=geodata.basemap(), names=geodata.country_names("en"),
                       title=title, generated=generated or date.today(), bbox=bbox, still=still)


def map_png(events: Iterable[Event], *, capitals: Mapping[str, Place], title: str | None = None,
            bbox: Bbox | None = None, size: tuple[int, int] = PNG_SIZE, scale: float = PNG_SCALE,
            generated: date | None = None, browser: object | None = None) -> bytes:
    """The map of the events as a PNG of size × scale pixels (headless Chromium)."""
    return render_png(lambda: map_html(events, capitals=capitals, title=title, bbox=bbox, still=True,
                                       generated=generated),
                      size=size, scale=scale, browser=browser)


def briefing_pdf(events: Iterable[Event], *, capitals: Mapping[str, Place], title: str | None = None,
                 bbox: Bbox | None = None, generated: date | None = None, browser: object | None = None) -> bytes:
    """The A4 landscape briefing of the events: the map, then the table of meetings (headless Chromium)."""
    events = list(events)
    return render_pdf(lambda: map_html(events, capitals=capitals, title=title, bbox=bbox, still=True,
                                       generated=generated),
                      events, names=geodata.country_names("en"), title=title or DEFAULT_TITLE, browser=browser)
