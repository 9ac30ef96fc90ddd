"""Browser-test fixtures: a headless Chromium (Debian's), and `diplomap serve` in a subprocess on 127.0.0.1."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


def free_port() -> int:
    """A TCP port nobody listens on now, on 127.0.0.1."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Server:
    """A dashboard running in a subprocess."""

    url: str
    process: subprocess.Popen
    log: Path


def start_server(db: Path, log: Path, *, timeout: float = 90.0) -> Server:
    """Run `diplomap serve --db DB` on a free port and wait until it answers."""
    port = free_port()
    out = open(log, "wb")
    process = subprocess.Popen(
        [sys.executable, "-c", "from dashboard.serve import serve; serve()", "--db", str(db), "--port", str(port)],
        stdout=out, stderr=subprocess.STDOUT, env=os.environ.copy())
    url = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the dashboard exited: {log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status == 200:
                    return Server(url, process, log)
        except OSError:
            time.sleep(0.2)
    process.kill()
    raise RuntimeError(f"the dashboard did not answer within {timeout} s")


def stop_server(server: Server) -> None:
    """Stop the subprocess."""
    server.process.terminate()
    try:
        server.process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        server.process.kill()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests save their screenshots (tests/artifacts/, ignored by git)."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    return ARTIFACTS


@dataclass
class Recorder:
    """What a page did: console messages, page errors, requests, dialogs."""

    console: list[tuple[str, str]] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def errors(self) -> list[str]:
        return [text for kind, text in self.console if kind in ("error", "pageerror")]

    def foreign(self) -> list[str]:
        return [u for u in self.requests
                if not u.startswith(("http://127.0.0.1:", "data:", "blob:", "about:"))]


# Counts the callback requests Dash has in flight, so tests wait for exactly those (not for a quiet network),
# and notes when the page last changed: a filter change is drawn by the page itself, with no request.
_WATCH_CALLBACKS = """
(() => {
  const orig = window.fetch;
  window.__dm = {inflight: 0, done: 0, mutated: 0};
  new MutationObserver(() => { window.__dm.mutated = performance.now(); })
    .observe(document, {subtree: true, childList: true, attributes: true, characterData: true});
  window.fetch = function (input, init) {
    const url = typeof input === "string" ? input : input.url;
    if (!url.includes("_dash-update-component")) return orig.apply(this, arguments);
    window.__dm.inflight++;
    return orig.apply(this, arguments).finally(() => { window.__dm.inflight--; window.__dm.done = performance.now(); });
  };
})();
"""
_QUIET = ("window.__dm && window.__dm.inflight === 0 && performance.now() - window.__dm.done > 150 "
          "&& performance.now() - window.__dm.mutated > 150 "
          "&& document.title !== 'Updating...' && !document.querySelector('#dm-table .ag-row-loading')")


def open_page(browser, url: str, *, width: int = 1366, height: int = 768, no_referrer: bool = False):
    """A fresh page at a URL, recording console, requests and dialogs; returns (page, recorder).
    `no_referrer`: the layout request goes without its Referer (the server cannot tell the page's URL)."""
    context = browser.new_context(viewport={"width": width, "height": height})
    context.add_init_script(_WATCH_CALLBACKS)
    if no_referrer:
        def page_without_referrer(route) -> None:
            if route.request.resource_type != "document":
                route.continue_()
                return
            response = route.fetch()
            route.fulfill(response=response, headers={**response.headers, "referrer-policy": "no-referrer"})

        context.route("**/*", page_without_referrer)
    page = context.new_page()
    rec = Recorder()
    page.on("console", lambda m: rec.console.append((m.type, m.text)))
    page.on("pageerror", lambda e: rec.console.append(("pageerror", str(e))))
    page.on("request", lambda r: rec.requests.append(r.url))

    def dialog(d) -> None:
        rec.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.goto(url)
    settle(page)
    return page, rec


def settle(page, *, timeout: float = 20_000) -> None:
    """Wait until the page is up, Dash has had no callback in flight and the page has not changed for a
    moment (the table's rows included: it asks for them after the filters apply)."""
    page.wait_for_selector(".leaflet-container", timeout=timeout)
    page.wait_for_timeout(200)  # an action's callbacks are on their way by then
    page.wait_for_function(_QUIET, timeout=timeout, polling=50)
