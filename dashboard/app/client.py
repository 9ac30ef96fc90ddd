"""The snapshot as the browser's view engine reads it (assets/dashboard/view.js): compact, built once.

The dashboard filters, aggregates and draws in the browser, so a filter or slider change needs
no server round trip. The browser gets the events once per page as columns (dates, kinds,
participants, languages, an index into a table of places, of source articles and of arcs), and
the tables those indices point into. view.js applies the same rules as the Python functions it
mirrors — `filters.passes`, `features.markers`, `FlowIndex.flows`, `features.country_areas`,
`timeline.figure`, `data.table_row` — and tests hold the two equal.

Serialised once per snapshot (`client_json`), with orjson: a string the page parses itself, so
the layout does not walk it on every page load.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import orjson

from dashboard import geodata, timeline
from dashboard.features import KIND_STYLES, country_colour, place_key, place_label
from dashboard.filters import PRECISION_VALUES
from extract.types import KINDS

MAX_FLOWS = 400  # beyond this the map is a hairball; the busiest arcs are kept and the rest counted
CANVAS_FROM = 200  # more flows than this are drawn on a canvas: far faster than one SVG path each
MARKER_DATES = 12  # dates a marker's tooltip lists
MARKER_LINES = 3  # stacked date lines under a marker's name
COMPACT_OVER = 25  # more places than this: names only at a world view (see features.markers)
LABELLED = 40  # … and only the busiest this many labelled at all


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def client_data(snap, *, basemap: Mapping | None = None) -> dict:
    """The snapshot's events, places, arcs, country outlines and settings, as plain JSON-ready data."""
    basemap = basemap if basemap is not None else geodata.basemap()
    places: list[list] = []
    place_ix: dict[str, int] = {}
    articles: dict[str, int] = {}
    arcs: list[list] = []
    arc_ix: dict[tuple, int] = {}
    cols: dict[str, list] = {k: [] for k in ("id", "date", "kind", "planned", "who", "langs", "place", "src", "arcs")}
    kind_ix = {k: i for i, k in enumerate(KINDS)}
    for e in snap.events:
        p = e.place
        pi = -1
        if p is not None:
            key = place_key(p)
            pi = place_ix.get(key, -1)
            if pi < 0:
                pi = place_ix[key] = len(places)
                places.append([key, place_label(p), p.name, p.lon, p.lat, p.precision, p.country])
        own_arcs = []
        for key in snap.flow_index.keys(e):
            ai = arc_ix.get(key)
            if ai is None:
                arc = snap.flow_index.arc(key)
                other = arc["other"] if arc["call"] else None
                ai = arc_ix[key] = len(arcs)
                arcs.append(["|".join(key), int(arc["call"]), arc["code"], other,
                             -1 if arc["call"] else place_ix[key[2]]])
            own_arcs.append(ai)
        cols["id"].append(e.id)
        cols["date"].append(_iso(e.date))
        cols["kind"].append(kind_ix[e.kind])
        cols["planned"].append(int(e.status == "planned"))
        cols["who"].append(list(e.participants))
        cols["langs"].append(sorted({r.lang for r in e.reports}, key=lambda x: (x is None, x or "")))
        cols["place"].append(pi)
        cols["src"].append([articles.setdefault(s, len(articles)) for s in e.sources])
        cols["arcs"].append(own_arcs)
    codes = sorted({c for e in snap.events for c in e.participants})
    capitals = {c: [cap.name, cap.lon, cap.lat] for c, cap in snap.capitals.items() if c in set(codes)}
    country_places = {p[6] for p in places if p[5] == "country" and p[6]}
    areas = [{"cc": f["properties"]["cc"], "name": f["properties"]["name"], "geometry": f["geometry"]}
             for f in basemap["features"] if f["properties"].get("cc") in country_places]
    first, last = snap.span if snap.span else (None, None)
    return {
        "events": cols, "places": places, "arcs": arcs, "capitals": capitals, "areas": areas,
        "names": {c: snap.names.get(c, c) for c in codes}, "colours": {c: country_colour(c) for c in codes},
        "kinds": list(KINDS), "styles": KIND_STYLES, "span": [_iso(first), _iso(last)],
        "langs": sorted(snap.facets["langs"]),
        "precisions": [p for p in PRECISION_VALUES if snap.facets["precisions"][p]],
        "precisionValues": list(PRECISION_VALUES),
        "settings": {"maxFlows": MAX_FLOWS, "canvasFrom": CANVAS_FROM, "markerDates": MARKER_DATES,
                     "markerLines": MARKER_LINES, "compactOver": COMPACT_OVER, "labelled": LABELLED,
                     "binFrom": timeline.BIN_FROM, "monthFrom": timeline.MONTH_FROM, "maxLanes": 12,
                     "other": timeline.OTHER, "bin": timeline.BIN},
    }


def client_json(snap) -> str:
    """`client_data` as JSON text."""
    return orjson.dumps(client_data(snap)).decode()
