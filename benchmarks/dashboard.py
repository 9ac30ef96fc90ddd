"""Dashboard benchmark: 10,000 synthetic events in headless Chromium: first render, settle times, payload.

    python benchmarks/dashboard.py [-n 10000] [--seed 1] [--runs 3]

Starts the dashboard over N synthetic events (benchmarks/synthetic.py, capitals from the
gazetteer) in a subprocess on 127.0.0.1 and drives Debian's Chromium with Playwright; one page
load first warms the server (it gzips its static files once), then each run is a fresh browser
context with the cache disabled:
  first_render_s         navigation start → markers, flows and timeline drawn, no callback in flight, the page
                         unchanged for 150 ms since it last painted (the events table is below the fold at
                         1366×768: the page puts it in when it is scrolled to; see table_ready_ms)
  payload_transferred_mb bytes over the wire for that first render (gzip where the browser accepts it)
  payload_decoded_mb     the same, uncompressed
  payload_data_mb        of which the page's data (the layout, which carries the snapshot the page computes
                         its views from and the first timeline, and any callback responses), uncompressed
  filter_settle_ms       untick a kind (from the click event) → the view drawn (the page computes it: no
                         request but the URL's), every callback answered, painted (median of runs)
  slider_settle_ms       drag the time slider's left handle (from its release) → same
  table_ready_ms         scroll the table into sight (from the scroll) → its grid and first rows drawn, settled as
                         above; payload_table_mb: the bytes that brings (the grid's script, its callbacks)
  slider_table_settle_ms a slider drag with the page scrolled so that the slider and the table's first rows are
                         both in sight (the table lists each view; out of sight it waits until it is back)
  view_compute_ms        the page's own work out of a filter change: computing the view from its data (view.js)
  server_data_ms         the snapshot as the page gets it, built and serialised once per snapshot (Python)
  server_layout_ms       a page load's layout: controls, the first timeline, the data (Python)
Targets (issue 5): first render ≤ 2 s, a filter or slider change ≤ 300 ms to settle, payload ≤ 3 MB.
"""

from __future__ import annotations

import argparse
import json
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# Counts Dash's callback requests in flight, watches the page's DOM change (the views a filter change
# shows are computed and drawn in the page: no request at all), and notes when the page painted after
# the last answer or change.
INSTRUMENT = """
(() => {
  const orig = window.fetch;
  window.__dm = {inflight: 0, started: 0, done: 0, mutated: 0, painted: 0, longtasks: 0, calls: [], input: 0};
  const paint = () => requestAnimationFrame(() => requestAnimationFrame(() => { window.__dm.painted = performance.now(); }));
  // The moment of the person's action: a click, the release of a slider handle, a key.
  ["click", "pointerup", "keyup"].forEach(type => window.addEventListener(type, () => {
    window.__dm.input = performance.now(); }, true));
  new PerformanceObserver(list => list.getEntries().forEach(e => { window.__dm.longtasks += e.duration; }))
    .observe({type: "longtask", buffered: true});
  new MutationObserver(() => { window.__dm.mutated = performance.now(); paint(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input.url;
    if (!url.includes('_dash-update-component')) return orig.apply(this, arguments);
    window.__dm.inflight++; window.__dm.started++;
    const t0 = performance.now(), body = (init && init.body) || "";
    const name = (body.match(/"output":"([^"]{0,60})/) || [])[1];
    return orig.apply(this, arguments).then(r => r.clone().text().then(() => r)).finally(() => {
      window.__dm.calls.push([name, Math.round(t0), Math.round(performance.now() - t0)]);
      window.__dm.inflight--; window.__dm.done = performance.now();
      paint();
    });
  };
})();
"""
# The page's own work out of a filter change (untick talks): the median of 5 computations of the view.
COMPUTE = """() => {
  const v = window.diplomap.view, text = v.current(), d = v.load(text), ts = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    v.compute(text, [[], ["summit", "visit", "phone_call"], d.langs, d.precisions, [], null], null);
    ts.push(performance.now() - t);
  }
  return ts.sort((a, b) => a - b)[2];
}"""
# Settled: something happened since the action (a callback answered or the page changed), nothing is in
# flight, the page painted after the last answer and the last change, and stayed so for 150 ms.
QUIET = "window.__dm && window.__dm.inflight === 0 && " \
        "(window.__dm.started > {started} || window.__dm.mutated > {since}) && " \
        "window.__dm.painted >= Math.max(window.__dm.done, window.__dm.mutated) && " \
        "performance.now() - window.__dm.painted > 150"


def _serve(n: int, seed: int, port: int) -> None:
    from benchmarks.synthetic import COUNTRIES, synthetic_events
    from dashboard.app import StaticSource, create_app
    from geo import Gazetteer

    g = Gazetteer.open()
    events = synthetic_events(n, seed=seed, gazetteer=g)
    capitals = {c: g.capital(c) for c in COUNTRIES}
    capitals.update(__import__("dashboard.geodata", fromlist=["x"]).capitals({"UN", "EU", "NATO"}, g))
    app = create_app(StaticSource(events, capitals))
    app.server.config["DIPLOMAP_SOURCE"].snapshot()
    __import__("gc").freeze()  # as `diplomap serve` does
    app.run(host="127.0.0.1", port=port, debug=False)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wait(url: str, process: subprocess.Popen, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit("the dashboard exited")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the dashboard did not start")


def _settle_after(page, action, verbose: bool = False) -> float:
    started = page.evaluate("window.__dm.started")
    before = page.evaluate("window.__dm.calls.length")
    t0 = page.evaluate("performance.now()")
    action()
    page.wait_for_function(QUIET.format(started=started, since=t0), timeout=30_000, polling=20)
    t_input = page.evaluate("window.__dm.input")
    t0 = t_input if t_input > t0 else t0
    if verbose:
        for name, start, ms in page.evaluate(f"window.__dm.calls.slice({before})"):
            print(f"    +{start - t0:.0f} ms {ms} ms {name}", file=sys.stderr)
    return page.evaluate("window.__dm.painted") - t0


def _show_table(page):
    """An action that scrolls the events table into sight."""
    def scroll() -> None:
        page.evaluate("window.__dm.input = performance.now();"  # the scroll is the action
                      "document.querySelector('#dm-table').scrollIntoView({block: 'end'})")
        page.wait_for_selector("#dm-table .ag-row:not(.ag-row-loading)", timeout=60_000)
    return scroll


def _server_ms(n: int, seed: int) -> tuple[float, float]:
    """The server's work: the page data of a snapshot (once per snapshot) and a page's layout (each load), ms."""
    from benchmarks.synthetic import COUNTRIES, synthetic_events
    from dash._utils import to_json
    from dashboard.app import StaticSource
    from dashboard.app.client import client_json
    from dashboard.app.layout import build_layout
    from dashboard.filters import Filters
    from geo import Gazetteer

    g = Gazetteer.open()
    events = synthetic_events(n, seed=seed, gazetteer=g)
    snap = StaticSource(events, {c: g.capital(c) for c in COUNTRIES}).snapshot()
    data, layout = [], []
    for f in (Filters(), Filters(kinds=("summit", "visit", "phone_call")), Filters(since=events[n // 2].date)):
        t = time.perf_counter()
        client_json(snap)
        data.append((time.perf_counter() - t) * 1000)
        t = time.perf_counter()
        to_json(build_layout(snap, f))
        layout.append((time.perf_counter() - t) * 1000)
    return statistics.median(data), statistics.median(layout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--screenshot", type=Path, help="save the first render as a PNG here")
    parser.add_argument("-v", "--verbose", action="store_true", help="also print long tasks and callback timings")
    parser.add_argument("--serve", type=int, help=argparse.SUPPRESS)  # internal: run the server on this port
    args = parser.parse_args()
    if args.serve:
        _serve(args.n, args.seed, args.serve)
        return

    from dashboard.export.image import chromium_browser

    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    server = subprocess.Popen([sys.executable, __file__, "-n", str(args.n), "--seed", str(args.seed),
                               "--serve", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    results: dict[str, float] = {"events": args.n}
    try:
        _wait(url, server)
        with chromium_browser() as browser:
            warm = browser.new_page()  # the server compresses its static files on the first visit
            warm.goto(url)
            warm.wait_for_selector(".dm-marker", timeout=120_000)
            warm.close()
            renders, transferred, decoded, data = [], [], [], []
            filters_ms, sliders_ms, computes, tables_ms, table_mb, sliders_table_ms = [], [], [], [], [], []
            for _ in range(args.runs):
                context = browser.new_context(viewport={"width": 1366, "height": 768})
                context.add_init_script(INSTRUMENT)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Network.enable")
                cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
                sizes = {"encoded": 0, "decoded": 0, "data": 0}
                urls = {}
                cdp.on("Network.requestWillBeSent", lambda e: urls.__setitem__(e["requestId"], e["request"]["url"]))
                cdp.on("Network.loadingFinished", lambda e: sizes.__setitem__("encoded", sizes["encoded"]
                                                                              + e["encodedDataLength"]))

                def received(e):
                    sizes["decoded"] += e["dataLength"]
                    if any(part in urls.get(e["requestId"], "") for part in ("_dash-update-component", "_dash-layout")):
                        sizes["data"] += e["dataLength"]

                cdp.on("Network.dataReceived", received)
                t0 = time.perf_counter()
                page.goto(url, wait_until="commit")
                page.wait_for_selector(".dm-marker", timeout=60_000)
                page.wait_for_selector("#dm-timeline .scatterlayer .trace", state="attached", timeout=60_000)
                page.wait_for_function(QUIET.format(started=0, since=0), timeout=60_000, polling=20)
                renders.append(page.evaluate("window.__dm.painted") / 1000)
                if args.verbose:
                    print("long tasks ms", round(page.evaluate("window.__dm.longtasks")), file=sys.stderr)
                    for call in page.evaluate("window.__dm.calls"):
                        print("  callback", call, file=sys.stderr)
                page.wait_for_load_state("networkidle")
                if args.screenshot and not transferred:
                    page.screenshot(path=str(args.screenshot))
                transferred.append(sizes["encoded"] / 1e6)
                decoded.append(sizes["decoded"] / 1e6)
                data.append(sizes["data"] / 1e6)
                del t0
                talks = page.locator("#dm-kinds input[value=talks]")
                filters_ms.append(_settle_after(page, talks.click, args.verbose))
                filters_ms.append(_settle_after(page, talks.click, args.verbose))
                thumb = page.locator("#dm-time [role=slider]").first
                track = page.locator("#dm-time .dash-slider-track").bounding_box()
                box = thumb.bounding_box()

                def drag(to_fraction: float) -> None:
                    b = thumb.bounding_box()
                    page.mouse.move(b["x"] + b["width"] / 2, b["y"] + b["height"] / 2)
                    page.mouse.down()
                    page.mouse.move(track["x"] + track["width"] * to_fraction, box["y"] + box["height"] / 2, steps=4)
                    page.mouse.up()

                sliders_ms.append(_settle_after(page, lambda: drag(0.5), args.verbose))
                sliders_ms.append(_settle_after(page, lambda: drag(0.8)))
                sliders_ms.append(_settle_after(page, lambda: drag(0.0)))
                before = sizes["encoded"]
                tables_ms.append(_settle_after(page, _show_table(page), args.verbose))
                page.wait_for_load_state("networkidle")
                table_mb.append((sizes["encoded"] - before) / 1e6)
                # The slider and the table's first rows both in sight (the slider near the top of the window).
                page.evaluate("window.scrollBy(0, document.querySelector('#dm-time').getBoundingClientRect().top - 40)")
                page.wait_for_function("window.__dm.inflight === 0 && performance.now() - window.__dm.painted > 150")
                track = page.locator("#dm-time .dash-slider-track").bounding_box()
                box = thumb.bounding_box()
                for fraction in (0.5, 0.8, 0.0):
                    sliders_table_ms.append(_settle_after(page, lambda f=fraction: drag(f), args.verbose))
                in_sight = page.evaluate("document.querySelector('#dm-table .ag-row') !== null && "
                                         "document.querySelector('#dm-table').getBoundingClientRect().top < innerHeight")
                if not in_sight:
                    raise SystemExit("the table was not in sight for slider_table_settle_ms")
                computes.append(page.evaluate(COMPUTE))
                context.close()
        results.update({
            "first_render_s": round(statistics.median(renders), 2),
            "payload_transferred_mb": round(statistics.median(transferred), 2),
            "payload_decoded_mb": round(statistics.median(decoded), 2),
            "payload_data_mb": round(statistics.median(data), 2),
            "filter_settle_ms": round(statistics.median(filters_ms)),
            "filter_settle_max_ms": round(max(filters_ms)),
            "slider_settle_ms": round(statistics.median(sliders_ms)),
            "slider_settle_max_ms": round(max(sliders_ms)),
            "table_ready_ms": round(statistics.median(tables_ms)),
            "payload_table_mb": round(statistics.median(table_mb), 2),
            "slider_table_settle_ms": round(statistics.median(sliders_table_ms)),
            "view_compute_ms": round(statistics.median(computes), 1),
        })
    finally:
        server.terminate()
        server.wait(timeout=10)
    results["server_data_ms"], results["server_layout_ms"] = (round(x) for x in _server_ms(args.n, args.seed))
    for key, value in results.items():
        print(f"{key} {value}")
    print(json.dumps(results), file=sys.stderr)


if __name__ == "__main__":
    main()
