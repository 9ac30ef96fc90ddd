"""The dashboard's callbacks: each reads the controls, calls pure functions (views, panel) and returns.

Registered with `dash.callback` when this module is imported (by `create_app`); the data source
is the app's (`get_app().server.config["DIPLOMAP_SOURCE"]`), so nothing is loaded at import.
Dash hands module-level callbacks to the first app created in a process: one app per process.
"""

from __future__ import annotations

from datetime import date

from dash import (ALL, MATCH, ClientsideFunction, Input, Output, State, callback, clientside_callback, ctx, get_app,
                  no_update)

from dashboard import geodata, timeline
from dashboard.app import downloads, views
from dashboard.app.data import Snapshot
from dashboard.app.layout import TABLE_ID, events_table
from dashboard.app.panel import empty_panel, event_list, event_panel
from dashboard.app.views import filters_of

CONTROLS = ("dm-countries", "dm-kinds", "dm-langs", "dm-precisions", "dm-planned", "dm-time")


def _snapshot() -> Snapshot:
    return get_app().server.config["DIPLOMAP_SOURCE"].snapshot()


# Every view is computed and drawn in the page (assets/dashboard/render.js, view.js, layers.js): no
# server round trip on a filter or slider change. The first call draws the map (the layout already
# holds the first timeline); the table asks the page for the blocks of rows it shows. Once the view is
# painted the page puts its query string in the URL (`views.filters_of` and `filters.to_query`'s rules,
# held equal by tests), as it does for a newly selected meeting.
clientside_callback(
    ClientsideFunction("diplomap", "render"),
    Output("dm-timeline", "figure"), Output("dm-summary", "children"), Output("dm-map-note", "children"),
    Output("dm-window", "children"),
    *(Input(c, "value") for c in CONTROLS), State("dm-data", "data"), State("dm-selected", "data"))
clientside_callback(
    ClientsideFunction("diplomap", "selected"),
    Input("dm-selected", "data"), State("dm-data", "data"), *(State(c, "value") for c in CONTROLS),
    prevent_initial_call=True)
# The URL's view when the URL changes other than by the page's own writing (on load when the layout did
# not know the page's URL: the URL component; back and forward: `dm-nav`, which the page sets on popstate):
# `views.controls_of(from_query(...))`, in the page. The page writes its URL itself (history.pushState).
clientside_callback(
    ClientsideFunction("diplomap", "url"),
    *(Output(c, "value") for c in CONTROLS), Output("dm-selected", "data"),
    Input("dm-url", "search"), Input("dm-nav", "data"), *(State(c, "value") for c in CONTROLS),
    State("dm-selected", "data"),
    State("dm-data", "data"), prevent_initial_call=True)
clientside_callback(
    ClientsideFunction("diplomap", "rows"),
    Output({**TABLE_ID, "of": MATCH}, "getRowsResponse"), Input({**TABLE_ID, "of": MATCH}, "getRowsRequest"),
    State("dm-data", "data"), *(State(c, "value") for c in CONTROLS))


@callback(Output("dm-table", "children"), Input("dm-table-wanted", "data"), prevent_initial_call=True)
def table(wanted):
    """The events table, once the page has scrolled to it (render.js sets `dm-table-wanted`)."""
    return events_table() if wanted else no_update


@callback(Output("dm-selected", "data", allow_duplicate=True),
          Input("dm-map-click", "data"), Input("dm-timeline", "clickData"),
          Input({**TABLE_ID, "of": ALL}, "selectedRows"), Input({"type": "dm-pick", "event": ALL}, "n_clicks"),
          State("dm-selected", "data"), *(State(c, "value") for c in CONTROLS), prevent_initial_call=True)
def select(map_click, timeline_click, rows, _picks, current, *controls):
    """What was clicked: one meeting (the panel shows it) or a place's meetings (the panel lists them)."""
    trigger = ctx.triggered_id
    if trigger == "dm-map-click":  # a marker or a country area: {"id": its feature id, "place": its name}
        snap = _snapshot()
        ids = [e.id for e in views.events_at(views.visible(snap, filters_of(snap, *controls)),
                                             (map_click or {}).get("id", ""))]
        if len(ids) == 1:
            return {"event": ids[0]}
        return {"events": ids, "title": (map_click or {}).get("place", "")} if ids else no_update
    if trigger == "dm-timeline":
        points = (timeline_click or {}).get("points") or []
        key = points[0].get("customdata") if points else None
        if not key:
            return no_update
        if not str(key).startswith(timeline.BIN):
            return {"event": key}
        snap = _snapshot()
        ids = [e.id for e in timeline.events_in(views.visible(snap, filters_of(snap, *controls)), key)]
        if len(ids) == 1:
            return {"event": ids[0]}
        return {"events": ids, "title": "Week of " + key.split("|")[1]} if ids else no_update
    if isinstance(trigger, dict) and trigger.get("type") == TABLE_ID["type"]:
        rows = next((r for r in rows if r), None)  # the grid's selected rows (there is one grid, once scrolled to)
        if not rows or (current or {}).get("event") == rows[0]["id"]:
            return no_update
        return {"event": rows[0]["id"]}
    if isinstance(trigger, dict) and trigger.get("type") == "dm-pick" and ctx.triggered[0]["value"]:
        return {**(current or {}), "event": trigger["event"]}
    return no_update


@callback(Output("dm-panel", "children"), Output("dm-map", "viewport"), Input("dm-selected", "data"),
          prevent_initial_call=True)
def show(selected):
    """The event panel (and the map flown to the event) for the selection (the layout holds the first)."""
    snap = _snapshot()
    selected = selected or {}
    event = snap.by_id.get(selected.get("event") or "")
    listed = [snap.by_id[i] for i in selected.get("events", []) if i in snap.by_id]
    if event is not None:
        panel = event_panel(event, snap.names, snap.outlets, flags=geodata.flag_codes())
        if listed:
            panel = [panel, event_list(listed, selected.get("title", ""), snap.names)]
        return panel, views.flyto(event, snap.capitals) or no_update
    if listed:
        return event_list(listed, selected.get("title", ""), snap.names), no_update
    return empty_panel(), no_update


@callback(Output("dm-time", "value", allow_duplicate=True), Output("dm-play-timer", "disabled"),
          Output("dm-play", "children"),
          Input("dm-play", "n_clicks"), Input("dm-play-timer", "n_intervals"), Input("dm-timeline", "selectedData"),
          State("dm-time", "value"), State("dm-time", "min"), State("dm-time", "max"),
          State("dm-play-timer", "disabled"), prevent_initial_call=True)
def time_window(_play, _tick, brushed, window, lo, hi, stopped):
    """Play (the window moves a week a tick), pause, or a range brushed on the timeline."""
    trigger = ctx.triggered_id
    if trigger == "dm-timeline":
        x = ((brushed or {}).get("range") or {}).get("x")
        if not x:
            return no_update, no_update, no_update
        a, b = (views.day_number(date.fromisoformat(str(v)[:10])) for v in x)
        return [max(lo, min(a, b)), min(hi, max(a, b))], no_update, no_update
    if trigger == "dm-play":
        if not stopped:
            return no_update, True, "▶ Play"
        if window[1] - window[0] >= hi - lo:  # the whole span: play a moving month
            window = [lo, min(hi, lo + 30)]
        return window, False, "❚❚ Pause"
    (new_lo, new_hi), done = views.play_step((window[0], window[1]), (lo, hi))
    return [new_lo, new_hi], done, "▶ Play" if done else no_update


@callback(Output("dm-download", "data"), Input("dm-csv", "n_clicks"), *(State(c, "value") for c in CONTROLS),
          prevent_initial_call=True)
def export_csv(_n, *controls):
    """Download every meeting of the view as CSV (the table holds only the rows scrolled to)."""
    snap = _snapshot()
    rows = views.table_rows(snap, views.visible(snap, filters_of(snap, *controls)))
    return {"content": views.rows_csv(rows), "filename": "diplomap-meetings.csv", "type": "text/csv"}


@callback(Output("dm-download", "data", allow_duplicate=True), Output("dm-dl-note", "children"),
          Input("dm-dl-html", "n_clicks"), Input("dm-dl-png", "n_clicks"), *(State(c, "value") for c in CONTROLS),
          running=[(Output("dm-dl-html", "disabled"), True, False), (Output("dm-dl-png", "disabled"), True, False)],
          prevent_initial_call=True)
def download_map(_html, _png, *controls):
    """Download the view's map as `diplomap export html` or `diplomap export png` writes it."""
    snap = _snapshot()
    kind = "png" if ctx.triggered_id == "dm-dl-png" else "html"
    data, note = downloads.map_download(snap, filters_of(snap, *controls), kind)
    return (data if data is not None else no_update), note
