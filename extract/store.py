"""The event store: articles, the meetings they report, and the merged events, in SQLite.

Articles are keyed by a hash of their content, so ingesting the same file twice changes nothing.
Each article and its meetings are written in one transaction, and the events are re-merged from
all meetings in another, so a crash mid-ingest loses nothing committed and a reader (the
dashboard, in WAL mode) never sees half an event.

Commits are not flushed to the disk one by one (WAL with `synchronous=NORMAL`; a flush per
commit cost about 4 ms an article, 40 s of a 10,000-article ingest): a crash of the process loses
nothing committed; a power failure or OS crash can roll back the articles committed since the
last checkpoint, never corrupt the store, and ingesting again stores them again.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from pathlib import Path

from extract.events import merge
from extract.types import Article, Event, Extraction, Meeting, Report
from geo.cache import cache_dir
from geo.errors import CacheError, InvalidInput
from geo.types import Place

STORE_FILE = "events.sqlite"
SCHEMA_VERSION = "2"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, lang TEXT, published TEXT, title TEXT, url TEXT,
    source TEXT, text TEXT NOT NULL, ingested TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS meetings (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE, n INTEGER NOT NULL,
    kind TEXT NOT NULL, date TEXT, data TEXT NOT NULL, PRIMARY KEY (article_id, n));
CREATE TABLE IF NOT EXISTS events (
    id TEXT PRIMARY KEY, kind TEXT NOT NULL, date TEXT, status TEXT NOT NULL, participants TEXT NOT NULL,
    data TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
CREATE TABLE IF NOT EXISTS event_reports (
    event_id TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE, article_id TEXT NOT NULL, n INTEGER NOT NULL,
    PRIMARY KEY (event_id, article_id, n));
"""


def store_path() -> Path:
    """Default location of the event store: events.sqlite in the cache directory."""
    return cache_dir() / STORE_FILE


def content_hash(text: str) -> str:
    """The identity of an article's content (its text, whitespace-normalised)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8")).hexdigest()


@dataclass(frozen=True, slots=True)
class StoredArticle:
    """An article as the store keeps it."""

    id: str
    hash: str
    lang: str | None
    published: date | None
    title: str | None
    url: str | None
    source: str | None
    meetings: int


def _place_json(place: Place | None) -> dict | None:
    return asdict(place) if place is not None else None


def _place_of(data: dict | None) -> Place | None:
    return Place(**data) if data else None


def _meeting_dict(m: Meeting) -> dict:
    d = asdict(m)  # the place too, as a dict
    d["date"] = m.date.isoformat() if m.date else None
    return d


def meeting_json(m: Meeting) -> str:
    """A meeting as the store writes it (every field, so it reads back equal)."""
    return json.dumps(_meeting_dict(m), ensure_ascii=False, sort_keys=True)


def meeting_of(text: str) -> Meeting:
    """A meeting read back from the store."""
    return _meeting_from(json.loads(text))


def _meeting_from(d: dict) -> Meeting:
    d = dict(d)
    d["date"] = date.fromisoformat(d["date"]) if d["date"] else None
    d["place"] = _place_of(d["place"])
    d["participants"] = tuple(d["participants"])
    d["highlights"] = tuple(tuple(h) for h in d["highlights"])
    return Meeting(**d)


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


class EventStore:
    """Articles, meetings and merged events in one SQLite file."""

    def __init__(self, conn: sqlite3.Connection, path: Path, *, readonly: bool) -> None:
        self.conn = conn
        self.path = path
        self.readonly = readonly

    @classmethod
    def open(cls, path: Path | None = None, *, readonly: bool = False) -> EventStore:
        """Open (or, unless read-only, create) the store at a path (default: the cache directory)."""
        path = Path(path) if path is not None else store_path()
        try:
            if readonly:
                if not path.exists():
                    raise CacheError(f"no event store at {path}; run `diplomap ingest` first")
                conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, check_same_thread=False)
            else:
                path.parent.mkdir(parents=True, exist_ok=True)
                conn = sqlite3.connect(path, check_same_thread=False, timeout=30)
                conn.execute("PRAGMA journal_mode=WAL")
                conn.execute("PRAGMA synchronous=NORMAL")  # see the module docstring
                conn.execute("PRAGMA foreign_keys=ON")
                conn.executescript(_SCHEMA)
                conn.execute("INSERT OR IGNORE INTO meta VALUES ('schema', ?)", (SCHEMA_VERSION,))
                conn.commit()
            version = dict(conn.execute("SELECT key, value FROM meta")).get("schema")
        except sqlite3.DatabaseError as e:
            raise CacheError(f"{path} is not a diplomap event store: {e}") from e
        if version != SCHEMA_VERSION:
            conn.close()
            raise CacheError(f"{path}: event store schema {version!r}, expected {SCHEMA_VERSION!r}")
        return cls(conn, path, readonly=readonly)

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def __enter__(self) -> EventStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------

    def has(self, text: str) -> bool:
        """Whether an article with this content is already stored."""
        return self.conn.execute("SELECT 1 FROM articles WHERE hash = ?", (content_hash(text),)).fetchone() is not None

    def add(self, extraction: Extraction) -> bool:
        """Store an article and its meetings in one transaction; False if its content was already stored."""
        a = extraction.article
        digest = content_hash(a.text)
        with self.conn:
            if self.conn.execute("SELECT 1 FROM articles WHERE hash = ?", (digest,)).fetchone():
                return False
            article_id = a.id
            if self.conn.execute("SELECT 1 FROM articles WHERE id = ?", (article_id,)).fetchone():
                article_id = f"{a.id}~{digest[:8]}"  # same name, other content: keep both
            self.conn.execute(
                "INSERT INTO articles VALUES (?,?,?,?,?,?,?,?,?)",
                (article_id, digest, a.lang, _iso(a.published), a.title, a.url, a.source, a.text,
                 datetime.now(timezone.utc).isoformat(timespec="seconds")))
            self.conn.executemany(
                "INSERT INTO meetings VALUES (?,?,?,?,?)",
                [(article_id, n, m.kind, _iso(m.date), meeting_json(m)) for n, m in enumerate(extraction.meetings)])
        return True

    def remerge(self) -> int:
        """Merge every stored meeting into events again, in one transaction; the number of events."""
        numbered = list(self._numbered_reports())
        number = {id(r): n for n, r in numbered}
        events = merge(r for _, r in numbered)
        with self.conn:
            self.conn.execute("DELETE FROM event_reports")
            self.conn.execute("DELETE FROM events")
            self.conn.executemany("INSERT INTO events VALUES (?,?,?,?,?,?)", [
                (e.id, e.kind, _iso(e.date), e.status, ",".join(e.participants), _event_json(e)) for e in events])
            self.conn.executemany("INSERT OR IGNORE INTO event_reports VALUES (?,?,?)", [
                (e.id, r.article_id, number[id(r)]) for e in events for r in e.reports])
        return len(events)

    # -- reading ---------------------------------------------------------------------------

    def _numbered_reports(self) -> Iterator[tuple[int, Report]]:
        rows = self.conn.execute(
            "SELECT m.n, m.article_id, m.data, a.lang, a.published, a.title, a.url FROM meetings m "
            "JOIN articles a ON a.id = m.article_id ORDER BY m.article_id, m.n")
        for n, article_id, data, lang, published, title, url in rows:
            yield n, Report(article_id=article_id, meeting=meeting_of(data), lang=lang, published=_date(published),
                            title=title, url=url)

    def reports(self) -> Iterator[Report]:
        """Every stored meeting as a report of its article, in a stable order."""
        for _, report in self._numbered_reports():
            yield report

    def events(self, *, since: date | None = None, until: date | None = None,
               countries: Iterable[str] = (), kinds: Iterable[str] = (),
               include_planned: bool = True) -> list[Event]:
        """The merged events, filtered: dates in [since, until], any of the countries, any of the kinds."""
        sql, args = "SELECT data FROM events WHERE 1=1", []
        if since is not None:
            sql += " AND date >= ?"
            args.append(since.isoformat())
        if until is not None:
            sql += " AND date <= ?"
            args.append(until.isoformat())
        kinds = list(kinds)
        if kinds:
            sql += f" AND kind IN ({','.join('?' * len(kinds))})"
            args += kinds
        if not include_planned:
            sql += " AND status = 'held'"
        wanted = {c.upper() for c in countries}
        out = []
        for (data,) in self.conn.execute(sql + " ORDER BY date, kind, id", args):
            event = _event_of(data)
            if wanted and not wanted & set(event.participants):
                continue
            out.append(event)
        return out

    def articles(self) -> list[StoredArticle]:
        """Every stored article, with its number of meetings."""
        rows = self.conn.execute(
            "SELECT a.id, a.hash, a.lang, a.published, a.title, a.url, a.source, "
            "(SELECT count(*) FROM meetings m WHERE m.article_id = a.id) FROM articles a ORDER BY a.id")
        return [StoredArticle(i, h, lang, _date(p), t, u, s, n) for i, h, lang, p, t, u, s, n in rows]

    def article(self, article_id: str) -> Article:
        """One stored article, with its text."""
        row = self.conn.execute("SELECT id, text, lang, published, url, title, source FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        if row is None:
            raise InvalidInput(f"no article {article_id!r} in {self.path}")
        i, text, lang, published, url, title, source = row
        return Article(id=i, text=text, lang=lang, published=_date(published), url=url, title=title, source=source)

    def counts(self) -> dict[str, int]:
        """How many articles, meetings and events the store holds."""
        return {t: self.conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                for t in ("articles", "meetings", "events")}


def _event_json(e: Event) -> str:
    d = {"id": e.id, "kind": e.kind, "date": _iso(e.date), "date_precision": e.date_precision,
         "place": _place_json(e.place), "participants": list(e.participants), "status": e.status,
         "confidence": e.confidence,
         "reports": [{"article_id": r.article_id, "lang": r.lang, "published": _iso(r.published), "title": r.title,
                      "url": r.url, "meeting": _meeting_dict(r.meeting)} for r in e.reports]}
    return json.dumps(d, ensure_ascii=False, sort_keys=True)


def _event_of(text: str) -> Event:
    d = json.loads(text)
    reports = tuple(Report(article_id=r["article_id"], meeting=_meeting_from(r["meeting"]), lang=r["lang"],
                           published=_date(r["published"]), title=r["title"], url=r["url"]) for r in d["reports"])
    return Event(id=d["id"], kind=d["kind"], date=_date(d["date"]), date_precision=d["date_precision"],
                 place=_place_of(d["place"]), participants=tuple(d["participants"]), status=d["status"],
                 confidence=d["confidence"], reports=reports)
