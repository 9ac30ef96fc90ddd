"""Data access for the dashboard: the events, read once per version of the store, and what goes with them.

A source gives a `Snapshot`: every event (planned included), indexed by id, with the capitals of
its participants, country names, and the pieces the views reuse (table rows, timeline hover
texts, the compact JSON the page computes its views from), computed once rather than on each
filter change. `StoreSource` reads the event
store read-only and reloads when the file changes (a `diplomap ingest` while the dashboard runs);
`StaticSource` serves a fixed list (benchmarks, tests).
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path

from dashboard import geodata
from dashboard.app.client import client_json
from dashboard.features import KIND_STYLES, FlowIndex, place_label
from dashboard.filters import facets, span
from dashboard.timeline import hover_text
from extract.store import EventStore
from extract.types import Event
from geo import DiplomapError, Gazetteer
from geo.types import Place


def table_row(e: Event, names: Mapping[str, str]) -> dict:
    """One row of the events table."""
    p = e.place
    return {"id": e.id, "date": e.date.isoformat() if e.date else None, "kind": KIND_STYLES[e.kind]["label"],
            "status": e.status, "place": place_label(p) if p else "—",
            "precision": p.precision if p else "none", "country": (p.country or "") if p else "",
            "participants": " · ".join(e.participants),
            "names": ", ".join(names.get(c, c) for c in e.participants),
            "sources": len(e.sources), "langs": " ".join(sorted({r.lang or "?" for r in e.reports}))}


@dataclass
class Snapshot:
    """The events of one version of the data and what the views derive from them once."""

    events: list[Event]
    capitals: dict[str, Place]
    names: dict[str, str]
    outlets: dict[str, str] = field(default_factory=dict)  # article id → where it was published
    version: object = None
    by_id: dict[str, Event] = field(init=False)
    rows: dict[str, dict] = field(init=False)
    hovers: dict[str, str] = field(init=False)
    span: tuple[date, date] | None = field(init=False)
    facets: dict = field(init=False)
    flow_index: FlowIndex = field(init=False)

    def __post_init__(self) -> None:
        self.events = sorted(self.events, key=lambda e: (e.date or date.max, e.id))
        self.by_id = {e.id: e for e in self.events}
        self.rows = {e.id: table_row(e, self.names) for e in self.events}
        self.hovers = {e.id: hover_text(e, self.names) for e in self.events}
        self.span = span(self.events)
        self.facets = facets(self.events)
        self.flow_index = FlowIndex(self.capitals, names=self.names)

    @cached_property
    def client(self) -> str:
        """The snapshot as the page's view engine reads it (JSON text, see `client.client_data`)."""
        return client_json(self)

    @classmethod
    def of(cls, events: Sequence[Event], capitals: Callable[[set[str]], dict[str, Place]], *,
           outlets: Mapping[str, str] | None = None, version: object = None) -> Snapshot:
        """A snapshot of events, asking `capitals` for the capitals of their participants."""
        codes = {c for e in events for c in e.participants}
        return cls(events=list(events), capitals=capitals(codes), names=geodata.country_names("en"),
                   outlets=dict(outlets or {}), version=version)


class StaticSource:
    """A fixed list of events (benchmarks and tests)."""

    def __init__(self, events: Sequence[Event], capitals: dict[str, Place]) -> None:
        self._snapshot = Snapshot.of(events, lambda codes: {c: capitals[c] for c in codes if c in capitals})

    def snapshot(self) -> Snapshot:
        """The events."""
        return self._snapshot


def _current_gazetteer() -> Gazetteer | None:
    """The gazetteer if it is built and current; None rather than a half-minute rebuild at start-up."""
    try:
        return Gazetteer.open(build_if_needed=False)
    except DiplomapError:
        return None


class StoreSource:
    """The event store at a path, opened read-only, re-read when its files change.

    Capitals come from the gazetteer when it is current, else from GeoNames directly
    (`geodata.capitals`), so the dashboard never waits for a gazetteer build.
    """

    def __init__(self, path: Path, *, gazetteer: Callable[[], Gazetteer | None] = _current_gazetteer) -> None:
        self.path = Path(path)
        self._open_gazetteer = gazetteer
        self._gazetteer: Gazetteer | None = None
        self._opened = False
        self._snapshot: Snapshot | None = None
        self._lock = threading.Lock()

    def _version(self) -> tuple:
        return tuple((p.stat().st_mtime_ns, p.stat().st_size) if p.exists() else None
                     for p in (self.path, self.path.with_name(self.path.name + "-wal")))

    def _capitals(self, codes: set[str]) -> dict[str, Place]:
        if not self._opened:
            self._gazetteer, self._opened = self._open_gazetteer(), True
        return geodata.capitals(codes, self._gazetteer)

    def snapshot(self) -> Snapshot:
        """The current events (read again if the store changed since the last call)."""
        with self._lock:
            version = self._version()
            if self._snapshot is None or self._snapshot.version != version:
                with EventStore.open(self.path, readonly=True) as store:
                    events = store.events()
                    outlets = {a.id: a.source for a in store.articles() if a.source}
                self._snapshot = Snapshot.of(events, self._capitals, outlets=outlets, version=version)
            return self._snapshot
