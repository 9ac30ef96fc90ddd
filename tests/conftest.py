"""Fixtures shared by every test package."""

from __future__ import annotations

import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from geo import Gazetteer

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "assets" / "samples"


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Headless Chromium (Debian's, driven by Playwright), one for the whole session."""
    from dashboard.export.image import CHROMIUM, chromium_browser

    if not CHROMIUM.exists():
        pytest.skip(f"{CHROMIUM} is not installed (apt-get install chromium)")
    with chromium_browser() as b:
        yield b


@pytest.fixture(scope="session")
def gazetteer() -> Iterator[Gazetteer]:
    """The real gazetteer, built once into the cache directory if it is not current."""
    g = Gazetteer.open()
    yield g
    g.close()


class StubGeocoder(http.server.ThreadingHTTPServer):
    """A Nominatim look-alike on 127.0.0.1: answers from a dict, records every request."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _StubHandler)
        self.answers: dict[str, list[dict]] = {}
        self.requests: list[str] = []
        self.status = 200
        self.delay = 0.0

    @property
    def domain(self) -> str:
        return f"127.0.0.1:{self.server_address[1]}"


class _StubHandler(http.server.BaseHTTPRequestHandler):
    server: StubGeocoder

    def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
        from urllib.parse import parse_qs, urlparse

        import time

        url = urlparse(self.path)
        self.server.requests.append(self.path)
        if self.server.delay:
            time.sleep(self.server.delay)
        q = parse_qs(url.query).get("q", [""])[0]
        body = json.dumps(self.server.answers.get(q, [])).encode()
        self.send_response(self.server.status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def stub_geocoder() -> Iterator[StubGeocoder]:
    """A local geocoder stub; no test ever reaches the internet."""
    server = StubGeocoder()
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()
