"""The timeline: one lane per group of participants (a country pair, mostly), one mark per event.

Pure functions returning plain data (a plotly figure as a dict), shared by the dashboard and
the exports. With many events the quietest pairs share an "other" lane, so the chart stays
readable at 10,000 events.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date, timedelta

from dashboard.features import KIND_STYLES
from extract.types import Event

OTHER = "other pairs"
SYMBOLS = {"circle": "circle", "star": "star", "square": "square", "diamond": "diamond"}
BIN_FROM = 500  # from this many events on, one mark per lane, week and kind (sized by count) …
# (500 marks fill the chart's width; plotly.js redraws one SVG mark per event: over three slider views
# of the 10,000-meeting benchmark, 304 to 1,769 marks, a redraw took 205 ms median, binned from 500 on 56 ms)
MONTH_FROM = 5000  # … and from this many, per month
MIN_HEIGHT = 150  # px: the least height of the chart (the page keeps it free while plotly loads)
BIN = "bin:"


def lane_of(e: Event) -> str:
    """The lane an event belongs to: its participants joined with an en dash (`RU–US`)."""
    return "–".join(e.participants) or "unknown"


def lanes(events: Iterable[Event], *, max_lanes: int = 12) -> tuple[list[str], dict[str, str]]:
    """The lanes, busiest first (the rest folded into `other pairs`), and each event's lane."""
    own = {e.id: lane_of(e) for e in events}
    counts = Counter(own.values())
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    kept = ordered if len(ordered) <= max_lanes else ordered[: max_lanes - 1]
    keep = set(kept)
    of = {i: lane if lane in keep else OTHER for i, lane in own.items()}
    return kept + ([OTHER] if len(kept) < len(ordered) else []), of


def hover_text(e: Event, names: Mapping[str, str] | None = None) -> str:
    """One line describing an event: date, kind, place, participants, number of sources."""
    names = names or {}
    where = f" in {e.place.name}" if e.place is not None else ""
    who = ", ".join(names.get(p, p) for p in e.participants)
    n = len(e.sources)
    return (f"{e.date.isoformat() if e.date else 'date unknown'} · {KIND_STYLES[e.kind]['label'].lower()}{where}"
            f" · {who} · {n} source{'s' if n != 1 else ''}")


def week_of(d: date) -> date:
    """The Monday of a date's week."""
    return d - timedelta(days=d.weekday())


def month_of(d: date) -> date:
    """The first day of a date's month."""
    return d.replace(day=1)


def bin_key(lane: str, start: date, kind: str, planned: bool) -> str:
    """The customdata of a binned mark: which lane, period (its first day), kind and status it stands for."""
    return f"{BIN}{lane}|{start.isoformat()}|{kind}|{int(planned)}"


def _binning(n: int):
    return month_of if n >= MONTH_FROM else week_of


def events_in(events: Sequence[Event], key: str, *, max_lanes: int = 12) -> list[Event]:
    """The events a timeline mark stands for: one event id, or a bin (`bin_key`) of the same events' figure."""
    if not key.startswith(BIN):
        return [e for e in events if e.id == key]
    lane, start, kind, planned = key[len(BIN):].rsplit("|", 3)
    _, of = lanes(events, max_lanes=max_lanes)
    period = _binning(len(events))
    return [e for e in events if e.date is not None and of[e.id] == lane and period(e.date).isoformat() == start
            and e.kind == kind and (e.status == "planned") == bool(int(planned))]


def lane_margin(lane_names: Sequence[str]) -> int:
    """The left margin, in px, that holds the longest lane name (about 7 px a character at plotly's 12 px)."""
    # Fixed rather than plotly's automargin, which measures the labels and draws the chart a second time.
    return min(220, max(100, 16 + 7 * max((len(n) for n in lane_names), default=0)))


def figure(events: Sequence[Event], *, x_range: tuple[str, str] | None = None, selected: str | None = None,
           names: Mapping[str, str] | None = None, hovers: Mapping[str, str] | None = None,
           max_lanes: int = 12) -> dict:
    """A plotly figure (as a dict): lanes top to bottom busiest first, marks coloured and shaped by kind.

    One mark per event, its customdata the event id and its hover text `hover_text` (or
    `hovers[event.id]`); planned meetings are hollow, a selected event gets a ring. From
    `BIN_FROM` events on, one mark per lane, week (from `MONTH_FROM`: month) and kind, sized by its
    count, its customdata a `bin_key` (`events_in` gives its events back), so 10,000 events stay a
    light SVG chart. No plotly legend (the page shows its own, which costs nothing to redraw).
    """
    lane_names, of = lanes(events, max_lanes=max_lanes)
    row = {name: i for i, name in enumerate(lane_names)}
    binned = len(events) >= BIN_FROM
    period = _binning(len(events))
    period_name = "month of" if period is month_of else "week of"
    by_trace: dict[tuple[str, bool], list[Event]] = defaultdict(list)
    for e in events:
        if e.date is not None:
            by_trace[(e.kind, e.status == "planned")].append(e)
    traces = []
    for kind, style in KIND_STYLES.items():
        for planned in (False, True):
            evs = by_trace.get((kind, planned))
            if not evs:
                continue
            label = style["label"] + (" (planned)" if planned else "")
            marker = {"color": style["color"], "size": 8, "line": {"width": 0.5, "color": "#222"},
                      "symbol": SYMBOLS[style["shape"]] + ("-open" if planned else "")}
            trace = {"type": "scatter", "mode": "markers", "name": label, "legendgroup": kind, "marker": marker,
                     "hoverinfo": "text"}
            if binned:
                bins: dict[tuple[str, date], int] = defaultdict(int)
                starts: dict[date, date] = {}
                for e in evs:
                    start = starts.get(e.date) or starts.setdefault(e.date, period(e.date))
                    bins[(of[e.id], start)] += 1
                keys = sorted(bins)
                trace.update(x=[w.isoformat() for _, w in keys], y=[row[lane] for lane, _ in keys],
                             customdata=[bin_key(lane, w, kind, planned) for lane, w in keys],
                             hovertext=[f"{period_name} {w.isoformat()} · {lane} · {bins[(lane, w)]} × {label.lower()}"
                                        for lane, w in keys])
                marker["size"] = [min(18, 5 + 2 * bins[k] ** 0.5) for k in keys]
            else:
                trace.update(x=[e.date.isoformat() for e in evs], y=[row[of[e.id]] for e in evs],
                             customdata=[e.id for e in evs],
                             hovertext=[(hovers or {}).get(e.id) or hover_text(e, names) for e in evs])
            traces.append(trace)
    chosen = [e for e in events if e.id == selected and e.date is not None]
    if chosen:
        traces.append({"type": "scatter", "mode": "markers", "name": "selected", "showlegend": False,
                       "hoverinfo": "skip", "x": [chosen[0].date.isoformat()], "y": [row[of[chosen[0].id]]],
                       "marker": {"size": 16, "symbol": "circle-open", "color": "#111", "line": {"width": 2}}})
    height = max(MIN_HEIGHT, min(230, 50 + 15 * len(lane_names)))
    layout = {
        "height": height, "margin": {"l": lane_margin(lane_names), "r": 10, "t": 4, "b": 24},
        "dragmode": "select", "selectdirection": "h", "hovermode": "closest", "uirevision": "timeline",
        "showlegend": False,
        # ticklabeloverflow "allow": plotly.js does not measure every tick label on each redraw to hide the
        # ones past the chart's edge (the margins leave them room)
        "xaxis": {"type": "date", "showgrid": True, "ticklabeloverflow": "allow",
                  **({"range": list(x_range)} if x_range else {})},
        "yaxis": {"tickmode": "array", "tickvals": list(range(len(lane_names))), "ticktext": lane_names,
                  "range": [len(lane_names) - 0.5, -0.5], "fixedrange": True, "showgrid": True, "zeroline": False,
                  "automargin": False, "ticklabeloverflow": "allow"},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "#fafafa",
    }
    return {"data": traces, "layout": layout}
