"""What each part of the dashboard shows for a snapshot and filters: pure functions, no Dash.

The callbacks only call these and hand the result to components, so tests call them directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from dashboard import features, geodata, timeline
from dashboard.app.data import Snapshot
from dashboard.filters import PRECISION_VALUES, Filters, apply
from extract.types import KINDS, Event

MAX_FLOWS = 1500  # beyond this the map is a hairball; the busiest arcs are kept and the rest counted


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
    """Markers, flows and country areas of the events."""
    flows = features.flows(events, snapshot.capitals, names=snapshot.names, limit=MAX_FLOWS)
    shown, total = len(flows["features"]), flows.pop("total")
    note = f"showing the {shown:,} busiest of {total:,} flows; narrow the filters to see all" if shown < total else ""
    return MapLayers(markers=features.markers(events), flows=flows,
                     areas=features.country_areas(events, geodata.basemap()), note=note)


def table_rows(snapshot: Snapshot, events: Sequence[Event]) -> list[dict]:
    """The rows of the events table."""
    return [snapshot.rows[e.id] for e in events]


def timeline_figure(snapshot: Snapshot, events: Sequence[Event], f: Filters, *, selected: str | None = None) -> dict:
    """The timeline figure, its x axis on the filter's time range."""
    x_range = None
    if f.since or f.until:
        lo = f.since or (snapshot.span[0] if snapshot.span else None)
        hi = f.until or (snapshot.span[1] if snapshot.span else None)
        if lo and hi:
            x_range = ((lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat())
    fig = timeline.figure(events, x_range=x_range, selected=selected, names=snapshot.names)
    for trace in fig["data"]:  # reuse the snapshot's hover texts rather than rebuilding them
        trace["hovertext"] = [snapshot.hovers[i] for i in trace["customdata"]]
    return fig


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
