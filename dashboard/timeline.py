"""The timeline: one lane per group of participants (a country pair, mostly), one mark per event.

Pure functions returning plain data (a plotly figure as a dict), shared by the dashboard and
the exports. With many events the quietest pairs share an "other" lane, so the chart stays
readable at 10,000 events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from dashboard.features import KIND_STYLES
from extract.types import Event

OTHER = "other pairs"
SYMBOLS = {"circle": "circle", "star": "star", "square": "square", "diamond": "diamond"}
WEBGL_FROM = 2000  # above this many marks, WebGL draws them (SVG would be slow)


def lane_of(e: Event) -> str:
    """The lane an event belongs to: its participants joined with an en dash (`RU–US`)."""
    return "–".join(e.participants) or "unknown"


def lanes(events: Iterable[Event], *, max_lanes: int = 12) -> tuple[list[str], dict[str, str]]:
    """The lanes, busiest first (the rest folded into `other pairs`), and each event's lane."""
    events = list(events)
    counts = Counter(lane_of(e) for e in events)
    ordered = sorted(counts, key=lambda k: (-counts[k], k))
    kept = ordered if len(ordered) <= max_lanes else ordered[: max_lanes - 1]
    keep = set(kept)
    of = {e.id: lane_of(e) if lane_of(e) in keep else OTHER for e in events}
    return kept + ([OTHER] if len(kept) < len(ordered) else []), of


def hover_text(e: Event, names: Mapping[str, str] | None = None) -> str:
    """One line describing an event: date, kind, place, participants, number of sources."""
    names = names or {}
    where = f" in {e.place.name}" if e.place is not None else ""
    who = ", ".join(names.get(p, p) for p in e.participants)
    n = len(e.sources)
    return (f"{e.date.isoformat() if e.date else 'date unknown'} · {KIND_STYLES[e.kind]['label'].lower()}{where}"
            f" · {who} · {n} source{'s' if n != 1 else ''}")


def figure(events: Sequence[Event], *, x_range: tuple[str, str] | None = None, selected: str | None = None,
           names: Mapping[str, str] | None = None, max_lanes: int = 12) -> dict:
    """A plotly figure (as a dict): marks by kind (colour and symbol), planned ones hollow."""
    lane_names, of = lanes(events, max_lanes=max_lanes)
    kind_type = "scattergl" if len(events) >= WEBGL_FROM else "scatter"
    traces = []
    for kind, style in KIND_STYLES.items():
        evs = [e for e in events if e.kind == kind and e.date is not None]
        if not evs:
            continue
        symbol = SYMBOLS[style["shape"]]
        traces.append({
            "type": kind_type, "mode": "markers", "name": style["label"],
            "x": [e.date.isoformat() for e in evs], "y": [of[e.id] for e in evs],
            "customdata": [e.id for e in evs],
            "hovertext": [hover_text(e, names) for e in evs], "hoverinfo": "text",
            "marker": {"color": style["color"], "size": 8,
                       "symbol": [symbol + ("-open" if e.status == "planned" else "") for e in evs],
                       "line": {"width": [2.5 if e.id == selected else 0.5 for e in evs], "color": "#111"}},
        })
    height = max(150, min(230, 50 + 15 * len(lane_names)))
    layout = {
        "height": height, "margin": {"l": 100, "r": 10, "t": 4, "b": 24},
        "dragmode": "select", "selectdirection": "h", "hovermode": "closest", "uirevision": "timeline",
        "showlegend": True, "legend": {"orientation": "h", "y": 1.02, "yanchor": "bottom", "x": 1, "xanchor": "right"},
        "xaxis": {"type": "date", "showgrid": True, **({"range": list(x_range)} if x_range else {})},
        "yaxis": {"type": "category", "categoryorder": "array", "categoryarray": lane_names[::-1],
                  "automargin": True, "fixedrange": True},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "#fafafa",
    }
    return {"data": traces, "layout": layout}
