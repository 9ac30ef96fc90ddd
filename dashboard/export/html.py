"""The static map: one self-contained HTML file (folium, Leaflet inlined) that opens with no network."""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date
from html import escape
from pathlib import Path

import folium

from dashboard import features
from dashboard.export import inline
from dashboard.export.bbox import Bbox
from dashboard.export.errors import ExportError
from dashboard.export.layers import Boxes, EventLayer
from extract.types import Event
from geo.types import Place

CSS = Path(__file__).resolve().parents[2] / "assets" / "export" / "map.css"
STATUS = {"held": "held", "planned": "planned"}
DEFAULT_TITLE = "Diplomatic meetings"
# What a still image draws of each layer's properties (popups, hover tips and the slider need the rest).
DRAWN = {"areas": ("color", "count", "lines", "place"), "markers": ("color", "all_planned", "count", "label", "lines",
                                                                     "place")}
LEGEND_DELEGATIONS = 16  # delegations the legend names, the busiest; the others are counted
STILL_FLOWS = 2000  # flows a still image draws, the busiest: thousands more only thicken the tangle (and its drawing)


def time_span(events: Iterable[Event]) -> str:
    """The dates the events cover, e.g. `2022-02-28 – 2025-03-24 · 11 meetings`."""
    events = list(events)
    dates = sorted(e.date.isoformat() for e in events if e.date)
    n = f"{len(events)} meeting{'s' if len(events) != 1 else ''}"
    if not dates:
        return n
    return f"{dates[0]} · {n}" if dates[0] == dates[-1] else f"{dates[0]} – {dates[-1]} · {n}"


def source_line(events: Iterable[Event], generated: date) -> str:
    """Where the map comes from, e.g. `5 articles, 3 languages, generated 2026-11-22`."""
    reports = [r for e in events for r in e.reports]
    articles = len({r.article_id for r in reports})
    langs = len({r.lang for r in reports if r.lang})
    return (f"{articles} article{'s' if articles != 1 else ''}, {langs} language{'s' if langs != 1 else ''}, "
            f"generated {generated.isoformat()}")


def popup_data(event: Event, names: Mapping[str, str]) -> dict:
    """What an event's popup shows, as plain strings for the page's script to set as text."""
    style = features.kind_style(event.kind)
    place = features.place_label(event.place) if event.place else "no place (phone call)"
    when = event.date.isoformat() if event.date else "date unknown"
    precision = features.PRECISION_LABELS.get(event.place.precision if event.place else None, "")
    reports = []
    for r in event.reports:
        m = r.meeting
        meta = " · ".join(x for x in (r.lang, r.published.isoformat() if r.published else None, r.article_id) if x)
        reports.append({"title": r.title or r.article_id, "url": features.safe_url(r.url), "meta": f" ({meta})",
                        "dir": features.text_direction(r.lang),
                        "evidence": [list(s) for s in features.evidence_segments(m.evidence or "", m.highlights)]})
    return {
        "heading": f"{style['label']} · {when} · {place}",
        "facts": [f"Participants: {', '.join(names.get(c, c) for c in event.participants) or 'unknown'}",
                  f"Status: {STATUS.get(event.status, event.status)} · place precision: {precision}",
                  f"Confidence: {event.confidence:.2f} · {len(event.sources)} source(s)"],
        "reports": reports,
    }


def frame(events: Iterable[Event], capitals: Mapping[str, Place], bbox: Bbox | None = None) -> dict | None:
    """What the map is fitted to: the box as given, or the events' places and capitals (a little around
    them, clear of the title and the legend); None without either."""
    if bbox is not None:
        return {"bounds": bbox.corners(), "clear": False}
    corners = features.bounds(events, capitals)
    if corners is None:
        return None
    (s, w), (n, e) = corners
    return {"bounds": [[s - 2, w - 2], [n + 2, e + 2]], "clear": True}


def legend_delegations(flows: dict, names: Mapping[str, str], *, limit: int = LEGEND_DELEGATIONS
                       ) -> tuple[list[tuple[str, str]], int]:
    """The legend's delegations, (label, colour) by name: the `limit` with the most meetings away; and how many more."""
    meetings: Counter[str] = Counter()
    for f in flows["features"]:
        if not f["properties"]["dashed"]:
            meetings[f["properties"]["participant"]] += f["properties"]["count"]
    busiest = sorted(meetings, key=lambda c: (-meetings[c], c))[:limit]
    return sorted((f"{names.get(c, c)} delegation", features.country_colour(c)) for c in busiest), len(meetings) - len(busiest)


def _drawn(fc: dict, keep: tuple[str, ...]) -> dict:
    return {**fc, "features": [{**f, "properties": {k: f["properties"][k] for k in keep}} for f in fc["features"]]}


def busiest_flows(fc: dict, limit: int) -> list[dict]:
    """The `limit` flows with the most meetings (then the latest), in their order."""
    found = fc["features"]
    if len(found) <= limit:
        return found
    kept = {id(f) for f in heapq.nlargest(limit, found, key=lambda f: (f["properties"]["count"],
                                                                       f["properties"]["last"] or ""))}
    return [f for f in found if id(f) in kept]


def still_flows(found: Iterable[dict]) -> list[list]:
    """The flows as a still image draws them: `[colour, count, dashed, lines]` (the curve, then its head)."""
    out = []
    for f in found:
        p, g = f["properties"], f["geometry"]
        lines = [g["coordinates"]] if g["type"] == "LineString" else g["coordinates"]
        out.append([p["color"], p["count"], p["dashed"], lines])
    return out


def build_map(events: Iterable[Event], *, capitals: Mapping[str, Place], basemap: dict,
              names: Mapping[str, str], title: str | None = None, generated: date | None = None,
              bbox: Bbox | None = None, still: bool = False, node_modules: Path = inline.NODE_MODULES) -> folium.Map:
    """The folium map of the events, with every script and style inlined (no URL anywhere).

    `bbox` frames the map on that box instead of on the events. `still` makes the page for a still
    image (PNG, PDF): the same drawing, on one canvas rather than an SVG element per line, without
    what only a person at the page uses (popups, hover tips, time slider, zoom buttons).
    """
    events = sorted(events, key=lambda e: (e.date.isoformat() if e.date else "~", e.id))  # same events, same file
    # zoomSnap 0: the frame is the box asked for, not the next whole zoom level out.
    m = folium.Map(tiles=None, location=[30, 20], zoom_start=3, min_zoom=1, world_copy_jump=False,
                   prefer_canvas=still, zoom_control=not still, fade_animation=not still, zoom_snap=0,
                   control_scale=True)
    m.default_js, m.default_css = [], []  # folium's CDN links: replaced by the inlined files below
    fig = m.get_root()
    fig.header.add_child(inline.Inlined(inline.leaflet(node_modules)), name="leaflet_inline")
    flows = features.flows(events, capitals, names=names)
    layers = {"areas": features.country_areas(events, basemap), "flows": flows, "markers": features.markers(events)}
    note = None
    if still:
        drawn = busiest_flows(flows, STILL_FLOWS)
        data = {"basemap": basemap, "areas": _drawn(layers["areas"], DRAWN["areas"]), "flows": still_flows(drawn),
                "markers": _drawn(layers["markers"], DRAWN["markers"]), "events": {}, "dates": []}
        if len(drawn) < len(flows["features"]):
            note = f"lines: the {len(drawn):,} busiest of {len(flows['features']):,}"
    else:
        data = {"basemap": basemap, **layers, "events": {e.id: popup_data(e, names) for e in events},
                "dates": sorted({e.date.isoformat() for e in events if e.date})}
    data["frame"] = frame(events, capitals, bbox)
    m.add_child(EventLayer(data, still=still))
    kinds = sorted({e.kind for e in events}, key=list(features.KIND_STYLES).index)
    delegations, more = legend_delegations(flows, names)
    span = time_span(events)
    title = title or DEFAULT_TITLE
    m.add_child(Boxes(title=title, span=span,
                      kinds=[(features.kind_style(k)["label"], features.kind_style(k)["color"]) for k in kinds],
                      delegations=delegations, more=more, note=note, css=CSS.read_text(encoding="utf-8"),
                      source=source_line(events, generated) if generated else None))
    fig.title = escape(f"{title} ({span})")  # branca puts the title in <title> unescaped
    return m


def render_html(events: Iterable[Event], *, capitals: Mapping[str, Place], basemap: dict,
                names: Mapping[str, str], title: str | None = None, generated: date | None = None,
                bbox: Bbox | None = None, still: bool = False, node_modules: Path = inline.NODE_MODULES) -> str:
    """The static map as the text of one self-contained HTML page (`still`: the page for an image)."""
    m = build_map(events, capitals=capitals, basemap=basemap, names=names, title=title, generated=generated,
                  bbox=bbox, still=still, node_modules=node_modules)
    return m.get_root().render()


def export_html(events: Iterable[Event], out_path: Path, *, capitals: Mapping[str, Place], basemap: dict,
                names: Mapping[str, str], title: str | None = None, generated: date | None = None,
                bbox: Bbox | None = None, node_modules: Path = inline.NODE_MODULES) -> Path:
    """Write the static map to one self-contained HTML file; the path written."""
    text = render_html(events, capitals=capitals, basemap=basemap, names=names, title=title, generated=generated,
                       bbox=bbox, node_modules=node_modules)
    out_path = Path(out_path)
    try:
        out_path.write_text(text, encoding="utf-8")
    except OSError as e:
        raise ExportError(f"cannot write {out_path}: {e}") from e
    return out_path
