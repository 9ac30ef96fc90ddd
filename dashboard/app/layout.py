"""The dashboard's layout: filters on the left, the map in the middle, the event panel on the right,
time slider, timeline and table below. Component ids start with `dm-`.

`build_layout` runs per page load with the current snapshot (never at import): the filter options
and the slider's span come from the data, and the controls and the timeline start as the page's
URL asks (read from the layout request's referrer). The page draws the rest of the view itself
from `dm-data` (the snapshot as assets/dashboard/view.js reads it), so the first render needs no
callback round trip. Without a referrer the page starts at "show everything" and the URL is
applied by the `sync_url` callback.
"""

from __future__ import annotations

from urllib.parse import urlparse

import dash_ag_grid as dag
import dash_leaflet as dl
from dash import dcc, html

from dashboard import geodata, timeline
from dashboard.app.data import Snapshot
from dashboard.app.panel import empty_panel, event_panel
from dashboard.app.views import (controls_of, day_number, filters_of, flyto, slider_marks, timeline_figure, visible,
                                 window_label)
from dashboard.features import KIND_STYLES, PRECISION_LABELS, bounds
from dashboard.filters import NO_PLACE, PRECISION_VALUES, Filters
from extract.types import KINDS, Event

BASEMAP_URL = "/basemap/countries.geojson"
TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
TILES_ATTRIBUTION = "© OpenStreetMap contributors"
LANG_NAMES = {"ar": "Arabic", "vi": "Vietnamese", "en": "English", "ru": "Russian", "uk": "Ukrainian",
              "fr": "French", "de": "German", "es": "Spanish", "tr": "Turkish", "zh": "Chinese"}
TABLE_COLUMNS = [
    {"field": "date", "headerName": "Date", "width": 130, "sort": "asc", "filter": "agTextColumnFilter"},
    {"field": "kind", "headerName": "Kind", "width": 115, "filter": "agTextColumnFilter"},
    {"field": "place", "headerName": "Place", "flex": 2, "minWidth": 160, "filter": "agTextColumnFilter"},
    {"field": "precision", "headerName": "Precision", "width": 115, "filter": "agTextColumnFilter"},
    {"field": "participants", "headerName": "Participants", "flex": 1, "minWidth": 120,
     "tooltipField": "names", "filter": "agTextColumnFilter"},
    {"field": "sources", "headerName": "Sources", "width": 105, "filter": "agNumberColumnFilter"},
    {"field": "langs", "headerName": "Languages", "width": 120, "filter": "agTextColumnFilter"},
    {"field": "status", "headerName": "Status", "width": 100, "filter": "agTextColumnFilter"},
    {"field": "id", "headerName": "Event id", "hide": True},
]


def _fn(name: str) -> dict:
    """A reference to a function of assets/dashboard/diplomap.js, as dash-leaflet takes it."""
    return {"variable": f"diplomap.{name}"}


def _checklist(id_: str, options: list[dict], value: list) -> dcc.Checklist:
    return dcc.Checklist(id=id_, options=options, value=value, className="dm-checks",
                         inputClassName="dm-check-input", labelClassName="dm-check-label")


def filters_panel(snap: Snapshot, values: tuple) -> html.Div:
    """The filter controls, with the counts the data offers, set to `values` (see `views.controls_of`)."""
    countries_value, kinds_value, langs_value, precisions_value, planned_value, _ = values
    fc = snap.facets
    countries = sorted(fc["countries"], key=lambda c: (-fc["countries"][c], c))
    kinds = [{"label": html.Span([html.I(className=f"dm-swatch dm-shape-{KIND_STYLES[k]['shape']}",
                                         style={"background": KIND_STYLES[k]["color"]}),
                                  f" {KIND_STYLES[k]['label']} ({fc['kinds'][k]})"]), "value": k} for k in KINDS]
    langs = [{"label": f"{LANG_NAMES.get(lang, lang)} ({n})", "value": lang} for lang, n in sorted(fc["langs"].items())]
    precisions = [{"label": f"{PRECISION_LABELS[None if p == NO_PLACE else p]} ({fc['precisions'][p]})", "value": p}
                  for p in PRECISION_VALUES if fc["precisions"][p]]
    return html.Div([
        html.Label("Countries", htmlFor="dm-countries"),
        dcc.Dropdown(id="dm-countries", multi=True, placeholder="all countries", value=countries_value,
                     options=[{"label": f"{c} {snap.names.get(c, c)} ({fc['countries'][c]})", "value": c}
                              for c in countries]),
        html.Label("Kind"), _checklist("dm-kinds", kinds, kinds_value),
        html.Label("Language of the sources"), _checklist("dm-langs", langs, langs_value),
        html.Label("Place precision"), _checklist("dm-precisions", precisions, precisions_value),
        dcc.Checklist(id="dm-planned", options=[{"label": " show planned meetings", "value": "planned"}],
                      value=planned_value,
                      className="dm-checks"),
        html.Div([html.P("Arcs: a delegation's way from its capital (colour of its country, head at the place); "
                         "dashed: a phone call between capitals. A shaded country: a meeting known only "
                         "to the country.")], className="dm-legend"),
    ], className="dm-filters", id="dm-filters")


def initial_bounds(snap: Snapshot) -> list[list[float]] | None:
    """The map's first frame: around every place with a meeting, padded, at least 20° each way."""
    b = bounds(e for e in snap.events if e.status == "held")
    if b is None:
        return None
    (s, w), (n, e) = b
    pad_lat, pad_lon = max(3.0, (20 - (n - s)) / 2), max(3.0, (20 - (e - w)) / 2)
    return [[max(-70.0, s - pad_lat), w - pad_lon], [min(80.0, n + pad_lat), e + pad_lon]]


def _frame(snap: Snapshot, selected: Event | None) -> dict:
    """The map's first center and zoom, or bounds: the selected meeting as `flyto` shows it, else every place."""
    view = flyto(selected, snap.capitals) if selected is not None else None
    if view and "center" in view:
        return {"center": view["center"], "zoom": view["zoom"]}
    return {"center": [35, 30], "zoom": 3, "bounds": view["bounds"] if view else initial_bounds(snap)}


def map_view(snap: Snapshot, selected: Event | None = None) -> html.Div:
    """The map: offline outlines (or web tiles, off by default); the page draws country areas, flows and
    markers on it itself (assets/dashboard/layers.js), in panes of their own. Around every meeting
    place, or on the selected meeting."""
    basemap = dl.GeoJSON(url=BASEMAP_URL, id="dm-basemap", style=_fn("basemapStyle"), interactive=False)
    tiles = dl.TileLayer(url=TILES_URL, attribution=TILES_ATTRIBUTION, maxZoom=18)
    return html.Div([
        dl.Map([
            dl.LayersControl([
                dl.BaseLayer(basemap, name="Country outlines (offline)", checked=True),
                dl.BaseLayer(tiles, name="Web tiles (OpenStreetMap, needs network)", checked=False),
            ], position="topright"),
            dl.ScaleControl(position="bottomleft", imperial=False),
        ], id="dm-map", **_frame(snap, selected), minZoom=2, maxZoom=14, worldCopyJump=True,
            attributionControl=True, className="dm-map"),
        html.Div(id="dm-map-note", className="dm-map-note"),
        dcc.Store(id="dm-map-click", data={}),
    ], className="dm-map-wrap")


def time_controls(snap: Snapshot, window: list[int]) -> html.Div:
    """The play button and the date-range slider over the events' span, set to `window`."""
    first, last = snap.span if snap.span else (None, None)
    lo, hi = (day_number(first), day_number(last)) if first else (0, 1)
    window = window if first else [lo, hi]
    return html.Div([
        html.Button("▶ Play", id="dm-play", n_clicks=0, className="dm-play", title="Animate the meetings in order"),
        html.Div(dcc.RangeSlider(id="dm-time", min=lo, max=hi, step=1, value=window, allowCross=False,
                                 marks=slider_marks(first, last) if first else {}, updatemode="mouseup",
                                 allow_direct_input=False), className="dm-slider"),
        html.Span(window_label(window) if first else "", id="dm-window", className="dm-window"),
        dcc.Interval(id="dm-play-timer", interval=900, disabled=True),
    ], className="dm-time")


SHAPE_GLYPHS = {"circle": "●", "star": "★", "square": "■", "diamond": "◆"}


def timeline_legend() -> html.Div:
    """The timeline's key: each kind's mark, and hollow for planned (plain HTML, so a redraw of the chart
    does not lay a plotly legend out again)."""
    return html.Div([html.Span([html.Span(SHAPE_GLYPHS[style["shape"]], className="dm-key-mark",
                                          style={"color": style["color"]}), style["label"]], className="dm-key")
                     for style in KIND_STYLES.values()] + [html.Span("hollow: planned", className="dm-key dm-key-note")],
                    className="dm-timeline-key", id="dm-timeline-key")


def map_downloads() -> html.Span:
    """The buttons that download the view's map as `diplomap export html|png` writes it, and why one failed."""
    return html.Span([
        html.Button("Download HTML", id="dm-dl-html", n_clicks=0, className="dm-button",
                    title="This view's map as one HTML file that opens with no network"),
        html.Button("Download PNG", id="dm-dl-png", n_clicks=0, className="dm-button",
                    title="This view's map as a 3840×2160 briefing image (takes a few seconds)"),
        html.Span(id="dm-dl-note", className="dm-dl-note", role="status"),
    ], className="dm-downloads")


TABLE_ID = {"type": "dm-grid", "of": "meetings"}  # a pattern id: callbacks on it wait for the grid to be there


def events_table() -> dag.AgGrid:
    """The events table, which the page puts in the `dm-table` box when it is first scrolled to."""
    # Infinite row model: the grid asks for the rows it shows, 100 at a time, and the page answers
    # from its data (assets/dashboard/render.js), so 10,000 meetings are never rows all at once.
    return dag.AgGrid(id=TABLE_ID, columnDefs=TABLE_COLUMNS, rowModelType="infinite", getRowId="params.data.id",
                      defaultColDef={"sortable": True, "resizable": True, "filterParams": {"maxNumConditions": 1}},
                      dashGridOptions={"rowSelection": {"mode": "singleRow", "checkboxes": False,
                                                        "enableClickSelection": True},
                                       "cacheBlockSize": 100, "maxBlocksInCache": 20, "infiniteInitialRowCount": 1,
                                       # rows drawn beyond the 8 in view (AG Grid's default is 10): a view
                                       # change draws the table's rows anew, each one a React component
                                       "rowBuffer": 4,
                                       "animateRows": False, "tooltipShowDelay": 300},
                      className="dm-grid", style={"height": "340px"})


def location(page_url: str | None) -> dcc.Location:
    """The page's URL as the layout knows it: when it is the page's own, the URL component has nothing to
    report on load and the URL → controls callback is not called (the layout already shows that view)."""
    if not page_url:
        return dcc.Location(id="dm-url", refresh=False)
    u = urlparse(page_url)
    return dcc.Location(id="dm-url", refresh=False, href=page_url, pathname=u.path,
                        search=f"?{u.query}" if u.query else "", hash="")


def build_layout(snap: Snapshot, f: Filters | None = None, page_url: str | None = None) -> html.Div:
    """The whole page for the current data, showing the view of filters `f` (default: everything) at
    `page_url` (the page's own URL, when known)."""
    f = f or Filters()
    values = controls_of(snap, f)
    f = filters_of(snap, *values, event=f.event if f.event in snap.by_id else None)  # as the controls say it
    events = visible(snap, f)
    selected = snap.by_id.get(f.event) if f.event else None
    return html.Div([
        location(page_url),
        dcc.Store(id="dm-nav", data=0),  # back and forward (the page counts them): the `url` callback applies them
        # Stores start with data: one that starts empty reports a change as it mounts, which calls callbacks.
        dcc.Store(id="dm-selected", data={"event": f.event} if f.event else {}),
        dcc.Store(id="dm-data", data=snap.client),
        html.Header([html.H1("diplomap"), html.Span("diplomatic meetings in the news", className="dm-tagline"),
                     html.Span(id="dm-summary", className="dm-summary"), map_downloads()],
                    className="dm-header"),
        filters_panel(snap, values),
        html.Main([map_view(snap, selected), time_controls(snap, values[-1]),
                   html.Div([timeline_legend(),
                             # the chart's least height is kept free while plotly loads: what is below it
                             # stays where it will be (the table is put in the page when in sight)
                             html.Div(dcc.Graph(id="dm-timeline",
                                                figure=timeline_figure(snap, events, f, selected=f.event),
                                                config={"displaylogo": False, "scrollZoom": False,
                                                        "modeBarButtonsToRemove": ["lasso2d", "autoScale2d",
                                                                                   "toImage"]},
                                                className="dm-timeline"),
                                      style={"minHeight": f"{timeline.MIN_HEIGHT}px"})],
                            className="dm-timeline-box")], className="dm-main"),
        html.Aside(html.Div(event_panel(selected, snap.names, snap.outlets, flags=geodata.flag_codes())
                            if selected else empty_panel(),
                            id="dm-panel"), className="dm-aside"),
        html.Section([
            html.Div([html.H3("Meetings"),
                      html.Button("Export CSV", id="dm-csv", n_clicks=0, className="dm-button")],
                     className="dm-table-head"),
            # The grid is put in the page when this box is first scrolled to (`events_table`, assets/dashboard/
            # render.js): below the fold at 1366×768 and 1920×1080, it took a first render 0.3-0.4 s of work.
            html.Div(html.Div("The table is drawn when scrolled to.", className="dm-table-wait"),
                     id="dm-table", className="dm-grid-box"),
            dcc.Store(id="dm-table-wanted", data=False),
            dcc.Download(id="dm-download"),
        ], className="dm-table"),
    ], className="dm-page")
