"""The event panel: everything about one meeting and every source that reports it, text escaped.

Built from Dash components, whose text children React escapes: an article's `<script>` is shown,
never run. Evidence keeps its language's direction (Arabic right to left) and marks the place and
the date the extractor found in it.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from dash import html

from dashboard.features import KIND_STYLES, country_colour, evidence_segments, place_label, safe_url, text_direction
from extract.types import Event, Report

PRECISION_TEXT = {"venue": "venue", "city": "city", "region": "region", "country": "country only (no precise point)",
                  "water": "water body"}


FLAG_URL = "/vendor/flags/{code}.svg"  # served by the app from the flag-icons package (dashboard.geodata.FLAGS)


def participant_chips(codes: Sequence[str], names: Mapping[str, str], flags: Collection[str] = ()) -> list:
    """A chip per participant in its country's colour: its flag (its code where `flags` has none) and its name."""
    chips = []
    for c in codes:
        if c in flags:
            mark = html.Img(src=FLAG_URL.format(code=c.lower()), alt=c, className="dm-flag", width=20, height=15)
        else:
            mark = html.B(c, className="dm-code", style={"background": country_colour(c)})
        chips.append(html.Span([mark, " ", names.get(c, c)], className="dm-chip", title=f"{names.get(c, c)} ({c})",
                               style={"borderColor": country_colour(c)}, **{"data-code": c}))
    return chips


def evidence(report: Report) -> html.P:
    """The evidence sentence in its own language and direction, place and date marked."""
    m = report.meeting
    parts = [html.Mark(text, className=f"dm-hl dm-hl-{kind}", title=kind) if kind else text
             for text, kind in evidence_segments(m.evidence, m.highlights)]
    return html.P(parts, className="dm-evidence", dir=text_direction(report.lang), lang=report.lang or "")


def source(reports: Sequence[Report], outlet: str | None = None) -> html.Li:
    """One source article: title, outlet, language, publication date, link, and its evidence sentences."""
    first = reports[0]
    url = safe_url(first.url)
    meta = [html.Span(first.lang or "?", className="dm-lang"),
            html.Span(first.published.isoformat() if first.published else "date unknown")]
    if outlet:
        meta.append(html.Span(outlet, dir="auto"))
    dates = sorted({r.meeting.date_text for r in reports if r.meeting.date_text})
    if dates:
        meta.append(html.Span(f"date as written: {', '.join(dates)}", dir="auto"))
    if url:
        meta.append(html.A("open article", href=url, target="_blank", rel="noopener noreferrer nofollow"))
    return html.Li([html.Div(first.title or first.article_id, className="dm-source-title", dir="auto"),
                    html.Div(meta, className="dm-source-meta"), *[evidence(r) for r in reports]],
                   className="dm-source", **{"data-article": first.article_id})


def by_article(reports: Sequence[Report]) -> list[list[Report]]:
    """Reports grouped by their article, in order of first appearance."""
    groups: dict[str, list[Report]] = {}
    for r in reports:
        groups.setdefault(r.article_id, []).append(r)
    return list(groups.values())


def place_reasons(e: Event) -> list[str]:
    """Why the sources' place resolved as it did (each reason once, in the order of the sources)."""
    if e.place is None:
        return []
    reasons = [r.meeting.place_reason for r in e.reports
               if r.meeting.place_reason and r.meeting.place is not None and r.meeting.place.id == e.place.id]
    return list(dict.fromkeys(reasons))


def _place(e: Event) -> list:
    place = e.place
    if place is None:
        return ["no place (by phone)"]
    where = place_label(place)
    country = f", {place.country}" if place.country else ""
    reasons = place_reasons(e)
    return [html.B(where), f"{country} — {PRECISION_TEXT[place.precision]}",
            html.Span(f" ({place.lat:.4f}, {place.lon:.4f})", className="dm-coords"),
            html.Div("why: " + ("; ".join(reasons) if reasons else "not recorded (ingested by an older diplomap)"),
                     className="dm-place-reason")]


def event_panel(e: Event, names: Mapping[str, str], outlets: Mapping[str, str] | None = None, *,
                flags: Collection[str] = ()) -> html.Div:
    """The panel of one event: its facts, then each source article with its evidence (`flags`: the codes
    with a flag to show)."""
    outlets = outlets or {}
    style = KIND_STYLES[e.kind]
    date = e.date.isoformat() if e.date else "date unknown"
    return html.Div([
        html.Div([html.Span(style["label"], className="dm-kind", style={"background": style["color"]}),
                  html.Span(e.status, className=f"dm-status dm-status-{e.status}")], className="dm-panel-head"),
        html.Dl([
            html.Dt("Date"), html.Dd([html.B(date), f" ({e.date_precision or 'unknown'} precision)"]),
            html.Dt("Place"), html.Dd(_place(e)),
            html.Dt("Participants"), html.Dd(participant_chips(e.participants, names, flags)),
            html.Dt("Confidence"), html.Dd(f"{e.confidence:.2f}"),
        ], className="dm-facts"),
        html.H4(f"{len(e.sources)} source{'s' if len(e.sources) != 1 else ''}"),
        html.Ol([source(group, outlets.get(group[0].article_id)) for group in by_article(e.reports)],
                className="dm-sources"),
    ], className="dm-event", id="dm-event", **{"data-event": e.id})


def event_list(events: Sequence[Event], title: str, names: Mapping[str, str]) -> html.Div:
    """Several meetings at one place: a list to pick one from."""
    items = [html.Li(html.Button(
        [html.B(e.date.isoformat() if e.date else "date unknown"), f" · {KIND_STYLES[e.kind]['label']} · ",
         " – ".join(e.participants), f" · {len(e.sources)} src"],
        id={"type": "dm-pick", "event": e.id}, className="dm-pick", n_clicks=0)) for e in events]
    return html.Div([html.H4(f"{title}: {len(events)} meetings"), html.Ul(items, className="dm-picks")])


def empty_panel() -> html.Div:
    """What the panel says before anything is selected."""
    return html.Div([html.P("Select a meeting on the map, the timeline or the table to see its sources.")],
                    className="dm-hint")
