"""The Dash dashboard over the event store: `create_app(source)` builds it, `diplomap serve` runs it.

Everything the page loads is served by the app itself (`serve_locally`, the basemap from
assets/world/, participants' flags from the npm package flag-icons): the browser asks nothing of
the network unless someone switches the web-tiles layer on. Responses are gzip-compressed when the browser accepts it;
a page URL's layout is built (and compressed) once per snapshot of the data. The timeline uses plotly.js's
basic bundle from node_modules (installed by `make install`, a quarter of the full plotly.js that
Dash ships) when it is there, and Dash's own plotly.js otherwise.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urlparse

from dash import Dash, html
from flask import Response, g, has_request_context, request, send_file

from dashboard.app.data import StaticSource, StoreSource
from dashboard.app.layout import BASEMAP_URL, build_layout, events_table
from dashboard.app.page import POLYFILL, REGENERATOR_URL, index_string, regenerator_runtime, slim_scripts
from dashboard.filters import Filters, from_query
from dashboard.geodata import ASSETS, BASEMAP, FLAGS, flag_codes

__all__ = ["create_app", "StoreSource", "StaticSource"]

REPO = Path(__file__).resolve().parents[2]
PLOTLY_BASIC = REPO / "node_modules" / "plotly.js-basic-dist-min" / "plotly-basic.min.js"
PLOTLY_URL = "/vendor/plotly-basic.min.js"
_COMPRESSIBLE = ("text/", "application/json", "application/javascript", "application/geo+json", "image/svg+xml")
_STATIC_PREFIXES = ("/_dash-component-suites/", "/assets/", "/basemap/", "/vendor/")


def _gzip(response: Response, cache: dict) -> Response:
    """Compress a response the browser accepts gzip for; static files are compressed once."""
    if (response.status_code != 200 or "gzip" not in request.headers.get("Accept-Encoding", "")
            or response.headers.get("Content-Encoding")
            or not (response.mimetype or "").startswith(_COMPRESSIBLE)):
        return response
    response.direct_passthrough = False
    data = response.get_data()
    if len(data) < 1024:
        return response
    static = request.path.startswith(_STATIC_PREFIXES)
    # Static files are compressed once; so is a page layout served from its cache (`_cached_layouts`).
    store, key = (cache, (request.full_path, len(data))) if static else (g.get("dm_gzip_store"), g.get("dm_gzip_key"))
    body = store.get(key) if store is not None else None
    if body is None:
        body = gzip.compress(data, compresslevel=6 if static else 4)
        if store is not None:
            store[key] = body
    response.set_data(body)
    response.headers["Content-Encoding"] = "gzip"
    response.headers["Content-Length"] = str(len(body))
    response.headers.add("Vary", "Accept-Encoding")
    return response


def _page() -> tuple[Filters, str | None]:
    """The filters and the URL of the page the layout is fetched for (the layout request's referrer)."""
    referrer = request.referrer if has_request_context() else None
    return (from_query(urlparse(referrer).query) if referrer else Filters()), referrer


def _cached_layouts(app: Dash, source: StoreSource | StaticSource, *, most: int = 64) -> None:
    """Serve each page URL's layout (and its gzip) from a cache kept per snapshot.

    A layout carries the page's data (a megabyte at 10,000 meetings) and is the same for every load of
    a URL until the data changes. Building, serialising and compressing it anew took the server 150-450
    ms a load, and the page's scripts, asked for at the same time, waited on the same process.
    """
    endpoint = app.config.routes_pathname_prefix + "_dash-layout"
    build = app.server.view_functions[endpoint]
    cache: dict = {"snapshot": None, "bodies": {}, "gzip": {}}

    def layout() -> Response:
        snap = source.snapshot()
        if cache["snapshot"] is not snap:
            cache.update(snapshot=snap, bodies={}, gzip={})
        key = request.referrer or ""  # the layout shows the page's URL (see `_page`)
        body = cache["bodies"].get(key)
        if body is None:
            body = build().get_data()
            if len(cache["bodies"]) >= most:  # many distinct URLs (selected meetings): start again
                cache.update(bodies={}, gzip={})
            cache["bodies"][key] = body
        g.dm_gzip_store, g.dm_gzip_key = cache["gzip"], key
        return Response(body, mimetype="application/json")

    app.server.view_functions[endpoint] = layout


def create_app(source: StoreSource | StaticSource, *, title: str = "diplomap") -> Dash:
    """The dashboard app over a source of events (`StoreSource(path)` for the event store)."""
    from dashboard.app import callbacks  # noqa: F401  (registers the callbacks)

    plotly_basic = PLOTLY_BASIC.exists()
    # With window.Plotly defined first, dcc.Graph never fetches Dash's full plotly.js.
    # update_title=None: the tab's title stays; Dash's "Updating..." while a callback runs changed the page (and
    # painted it again) on every view change, the page's own URL write included.
    app = Dash(__name__, title=title, assets_folder=str(ASSETS / "dashboard"), serve_locally=True,
               assets_ignore=r".*\.csv$", external_scripts=[PLOTLY_URL] if plotly_basic else [], update_title=None)
    app.server.config["DIPLOMAP_SOURCE"] = source
    app.index_string = index_string(app.config.requests_pathname_prefix, fetches=(BASEMAP_URL,))
    regenerator = regenerator_runtime(POLYFILL.read_text(encoding="utf-8")) if POLYFILL.exists() else None
    interpolate = app.interpolate_index
    app.interpolate_index = lambda **parts: interpolate(**{**parts, "scripts": slim_scripts(
        parts.get("scripts", ""), regenerator_url=REGENERATOR_URL if regenerator else None)})
    # The components callbacks name, for Dash's callback checks: without it Dash builds the whole layout once,
    # the data of the moment included, and puts it in every page (1.3 MB of HTML at 10,000 meetings).
    app.validation_layout = html.Div([build_layout(StaticSource([], {}).snapshot()), events_table()])
    app.layout = lambda: build_layout(source.snapshot(), *_page())

    @app.server.route(BASEMAP_URL)
    def _basemap() -> Response:
        return send_file(Path(BASEMAP), mimetype="application/json", max_age=86400)

    @app.server.route("/vendor/flags/<code>.svg")
    def _flag(code: str) -> Response:
        if code.upper() not in flag_codes() or code != code.lower():
            return Response("no such flag", status=404, mimetype="text/plain")
        return send_file(FLAGS / f"{code}.svg", mimetype="image/svg+xml", max_age=86400)

    @app.server.route(REGENERATOR_URL)
    def _regenerator() -> Response:
        if regenerator is None:
            return Response("no regenerator runtime", status=404, mimetype="text/plain")
        response = Response(regenerator, mimetype="application/javascript")
        response.cache_control.max_age = 86400
        return response

    if plotly_basic:
        @app.server.route(PLOTLY_URL)
        def _plotly() -> Response:
            return send_file(PLOTLY_BASIC, mimetype="application/javascript", max_age=86400)

    _cached_layouts(app, source)
    cache: dict = {}
    app.server.after_request(lambda response: _gzip(response, cache))
    return app
