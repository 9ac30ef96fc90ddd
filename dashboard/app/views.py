"""What each part of the dashboard shows for a snapshot and filters: pure functions, no Dash.

The callbacks only call these and hand the result to components, so tests call them directly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard import features, geodata, timeline
from dashboard.app.data import Snapshot
from dashboard.filters import PRECISION_VALUES, Filters, apply
from extract.types import KINDS, Event

MAX_FLOWS = 400  # beyond this the map is a hairball; the busiest arcs are kept and the rest counted
CANVAS_FROM = 200  # more flows than this are drawn on a canvas: far faster than one SVG path each
MARKER_DATES = 12  # dates a marker's tooltip lists


@dataclass(frozen=True, slots=True)
class MapLayers:
    """The GeoJSON of the map's layers for one view, and what was left out."""

    markers: dict
    flows: dict
    areas: dict
    note: str


def visible(snapshot: Snapshot, f: Filters) -> list[Event]:
    """The events a view shows."""
    return apply(snapshot.events, f)


def map_layers(snapshot: Snapshot, events: Sequence[Event]) -> MapLayers:
    """Markers, flows and country areas of the events, lean: a click asks the server for a place's events."""
    flows = snapshot.flow_index.flows(events, limit=MAX_FLOWS)
    shown, total = len(flows["features"]), flows.pop("total")
    note = f"showing the {shown:,} busiest of {total:,} flows; narrow the filters to see all" if shown < total else ""
    for f in flows["features"]:
        f["properties"]["canvas"] = shown > CANVAS_FROM
    markers = features.markers(events)
    areas = features.country_areas(events, geodata.basemap())
    for f in markers["features"] + areas["features"]:
        del f["properties"]["events"]
        f["properties"]["dates"] = f["properties"]["dates"][:MARKER_DATES]
    return MapLayers(markers=markers, flows=flows, areas=areas, note=note)


def events_at(events: Sequence[Event], key: str) -> list[Event]:
    """The events of a view at a marker's place (its feature id) or in a country area (`country:CC`)."""
    if key.startswith("country:"):
        cc = key.split(":", 1)[1]
        return [e for e in events if e.place is not None and e.place.precision == "country" and e.place.country == cc]
    return [e for e in events if e.place is not None and e.place.precision != "country"
            and features.place_key(e.place) == key]


def table_rows(snapshot: Snapshot, events: Sequence[Event]) -> list[dict]:
    """The rows of the events table."""
    return [snapshot.rows[e.id] for e in events]


TABLE_FIELDS = ("date", "kind", "place", "precision", "country", "participants", "names", "sources", "langs",
                "status", "id")


def rows_csv(rows: Sequence[dict]) -> str:
    """Table rows as CSV text, with a header line."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=TABLE_FIELDS, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue()


def _passes(value: object, flt: dict) -> bool:
    """Whether a cell passes one AG Grid column filter (text, number or date; simple or two joined)."""
    if "conditions" in flt:
        results = [_passes(value, c) for c in flt["conditions"]]
        return all(results) if flt.get("operator") == "AND" else any(results)
    kind, op = flt.get("filterType", "text"), flt.get("type", "contains")
    if op == "blank":
        return value in (None, "")
    if op == "notBlank":
        return value not in (None, "")
    if kind == "number":
        a, b = flt.get("filter"), flt.get("filterTo")
        v = value if isinstance(value, (int, float)) else None
    elif kind == "date":
        a, b = (flt.get("dateFrom") or "")[:10], (flt.get("dateTo") or "")[:10]
        v = str(value or "")
    else:
        a, b = str(flt.get("filter", "")).casefold(), None
        v = str(value or "").casefold()
    if v is None or a is None:
        return False
    checks = {"equals": lambda: v == a, "notEqual": lambda: v != a, "contains": lambda: a in v,
              "notContains": lambda: a not in v, "startsWith": lambda: v.startswith(a),
              "endsWith": lambda: v.endswith(a), "lessThan": lambda: v < a, "greaterThan": lambda: v > a,
              "lessThanOrEqual": lambda: v <= a, "greaterThanOrEqual": lambda: v >= a,
              "inRange": lambda: b is not None and a <= v <= b}
    return checks.get(op, lambda: True)()


def grid_block(rows: Sequence[dict], request: dict) -> dict:
    """The block of rows an AG Grid infinite-model request asks for, after its filters and sort."""
    selected = [r for r in rows if all(_passes(r.get(col), flt) for col, flt in (request.get("filterModel") or {}).items())]
    for sort in reversed(request.get("sortModel") or []):
        col = sort["colId"]
        selected.sort(key=lambda r: (r.get(col) is None, r.get(col) if r.get(col) is not None else ""),
                      reverse=sort.get("sort") == "desc")
    start, end = int(request.get("startRow", 0)), int(request.get("endRow", 100))
    return {"rowData": selected[start:end], "rowCount": len(selected)}


def timeline_figure(snapshot: Snapshot, events: Sequence[Event], f: Filters, *, selected: str | None = None) -> dict:
    """The timeline figure, its x axis on the filter's time range."""
    x_range = None
    if f.since or f.until:
        lo = f.since or (snapshot.span[0] if snapshot.span else None)
        hi = f.until or (snapshot.span[1] if snapshot.span else None)
        if lo and hi:
            x_range = ((lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat())
    return timeline.figure(events, x_range=x_range, selected=selected, names=snapshot.names, hovers=snapshot.hovers)


def summary(snapshot: Snapshot, events: Sequence[Event]) -> str:
    """One line: how many events, sources and languages are shown, out of how many."""
    sources = {s for e in events for s in e.sources}
    langs = {r.lang for e in events for r in e.reports if r.lang}
    def n(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    return f"{len(events):,} of {n(len(snapshot.events), 'meeting')} · {n(len(sources), 'source')} · " \
           f"{n(len(langs), 'language')}"


def day_number(d: date) -> int:
    """A date as the slider's integer value."""
    return d.toordinal()


def day_of(n: int | float) -> date:
    """The date of a slider value."""
    return date.fromordinal(int(n))


def slider_marks(first: date, last: date, *, most: int = 14) -> dict[int, str]:
    """Month marks for the time slider (every month, or every few months over a long span)."""
    months = (last.year - first.year) * 12 + last.month - first.month + 1
    step = max(1, -(-months // most))
    marks = {}
    d = first.replace(day=1)
    if d < first:  # a mark only at a month's first day
        d = (d + timedelta(days=32)).replace(day=1)
    i = 0
    while d <= last:
        if i % step == 0:
            marks[day_number(d)] = d.strftime("%b %Y") if d.month == 1 or not marks else d.strftime("%b")
        d = (d + timedelta(days=32)).replace(day=1)
        i += 1
    return marks


def play_step(window: tuple[int, int], bounds: tuple[int, int], *, days: int = 7) -> tuple[tuple[int, int], bool]:
    """The time window one play tick later (it moves forward, keeping its width) and whether play ends."""
    lo, hi = window
    first, last = bounds
    width = hi - lo
    if hi >= last:  # at the end: start again from the beginning
        return (first, first + width), False
    hi = min(last, hi + days)
    return (hi - width, hi), hi >= last


def window_label(window: Sequence[int] | None) -> str:
    """The time window as text."""
    if not window:
        return ""
    return f"{day_of(window[0]).isoformat()} – {day_of(window[1]).isoformat()}"


def flyto(e: Event, capitals: dict) -> dict | None:
    """The map viewport that shows an event: its place, or its participants' capitals for a call."""
    if e.place is not None:
        zoom = {"venue": 10, "city": 7, "region": 6, "water": 5, "country": 4}[e.place.precision]
        return {"center": [e.place.lat, e.place.lon], "zoom": zoom, "transition": "flyTo"}
    b = features.bounds([e], capitals)
    if b is None:
        return None
    (s, w), (n, east) = b
    return {"bounds": [[s - 2, w - 2], [n + 2, east + 2]], "transition": "flyToBounds"}


def filters_of(snap: Snapshot, countries, kinds, langs, precisions, planned, window, event=None) -> Filters:
    """Filters from the controls' values (everything ticked, or the whole span, is no restriction)."""
    all_langs = set(snap.facets["langs"])
    all_precisions = {p for p in PRECISION_VALUES if snap.facets["precisions"][p]}
    since = until = None
    if window and snap.span:
        lo, hi = day_of(window[0]), day_of(window[1])
        since = lo if lo > snap.span[0] else None
        until = hi if hi < snap.span[1] else None
    return Filters(
        since=since, until=until, countries=tuple(sorted(countries or ())),
        kinds=() if set(kinds or ()) >= set(KINDS) else tuple(sorted(kinds or ("-",))),
        langs=() if set(langs or ()) >= all_langs else tuple(sorted(langs or ("-",))),
        precisions=() if set(precisions or ()) >= all_precisions else tuple(sorted(precisions or ("-",))),
        planned=bool(planned), event=event)


def controls_of(snap: Snapshot, f: Filters) -> tuple:
    """The controls' values that show filters (the inverse of `filters_of`)."""
    langs = sorted(snap.facets["langs"])
    precisions = [p for p in PRECISION_VALUES if snap.facets["precisions"][p]]
    lo, hi = snap.span if snap.span else (date.today(), date.today())
    since = min(max(f.since or lo, lo), hi)
    until = max(min(f.until or hi, hi), since)
    return (list(f.countries), list(f.kinds or KINDS), [x for x in langs if not f.langs or x in f.langs],
            [p for p in precisions if not f.precisions or p in f.precisions], ["planned"] if f.planned else [],
            [day_number(since), day_number(until)])
