"""The dashboard's "Download HTML" and "Download PNG": the files `diplomap export html|png` writes, for the view.

Both go through `dashboard.export.briefing`, the one code path of the exports; the view's events
are the ones the filters show (planned meetings only when the view shows them).
"""

from __future__ import annotations

import base64

from dashboard.app.data import Snapshot
from dashboard.app.views import visible
from dashboard.export.briefing import map_html, map_png
from dashboard.filters import Filters
from geo import DiplomapError

FILES = {"html": ("diplomap-map.html", "text/html"), "png": ("diplomap-map.png", "image/png")}


def map_download(snap: Snapshot, f: Filters, kind: str, *, browser: object | None = None) -> tuple[dict | None, str]:
    """The download (`dcc.Download` data) of the view's map as `kind` (`html` or `png`), or None and why not."""
    events = visible(snap, f.with_(event=None))
    name, mime = FILES[kind]
    try:
        if kind == "html":
            return {"content": map_html(events, capitals=snap.capitals), "filename": name, "type": mime}, ""
        png = map_png(events, capitals=snap.capitals, browser=browser)
    except DiplomapError as e:
        return None, f"No {kind.upper()} made: {str(e).splitlines()[0]}"
    return {"content": base64.b64encode(png).decode("ascii"), "base64": True, "filename": name, "type": mime}, ""
