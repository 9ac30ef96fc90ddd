"""What the server's side of the dashboard works out for a snapshot and filters: pure functions, no Dash.

The callbacks and the layout only call these and hand the result to components, so tests call
them directly. The views a filter change shows (map layers, timeline, table, summary) the page
computes itself (assets/dashboard/view.js, held equal to the rules here and in `features` and
`timeline` by tests/dashboard/test_client.py); the first timeline comes from `timeline_figure`.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date, timedelta

from dashboard import features, timeline
from dashboard.app.data import Snapshot
from dashboard.filters import PRECISION_VALUES, Filters, apply
from extract.types import KINDS, Event


def visible(snapshot: Snapshot, f: Filters) -> list[Event]:
    """The events a view shows."""
    return apply(snapshot.events, f)


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


def timeline_figure(snapshot: Snapshot, events: Sequence[Event], f: Filters, *, selected: str | None = None) -> dict:
    """The timeline figure, its x axis on the filter's time range."""
    x_range = None
    if f.since or f.until:
        lo = f.since or (snapshot.span[0] if snapshot.span else None)
        hi = f.until or (snapshot.span[1] if snapshot.span else None)
        if lo and hi:
            x_range = ((lo - timedelta(days=1)).isoformat(), (hi + timedelta(days=1)).isoformat())
    return timeline.figure(events, x_range=x_range, selected=selected, names=snapshot.names, hovers=snapshot.hovers)


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
