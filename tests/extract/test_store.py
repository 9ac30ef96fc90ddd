"""The event store: idempotent ingest, bad files skipped, nothing committed lost, readers consistent."""

import sqlite3

import pytest

from extract.ingest import ingest
from extract.store import EventStore
from geo.errors import CacheError
from tests.conftest import SAMPLES


def test_ingesting_twice_changes_nothing(geoparser, tmp_path):
    db = tmp_path / "e.sqlite"
    with EventStore.open(db) as store:
        first = ingest([SAMPLES], store, geoparser)
        before = [e.to_dict() for e in store.events()]
        again = ingest([SAMPLES], store, geoparser)
        assert (again.added, again.duplicates) == (0, 5)
        assert [e.to_dict() for e in store.events()] == before
        assert store.counts()["articles"] == first.added == 5


def test_a_bad_file_is_reported_and_skipped_and_the_rest_stored(geoparser, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a_empty.txt").write_text("")
    (folder / "b_binary.txt").write_bytes(b"\x00\xff" * 500)
    (folder / "c_good.txt").write_text(
        "Russian and American diplomats held talks in Istanbul on Thursday, the foreign ministry said.\n",
        encoding="utf-8")
    errors = []
    with EventStore.open(tmp_path / "e.sqlite") as store:
        summary = ingest([folder], store, geoparser, published=None, on_error=errors.append)
        assert summary.added == 1 and len(summary.errors) == 2 == len(errors)
        assert all("\n" not in e for e in errors)
        assert [e.place.name for e in store.events()] == ["Istanbul"]


def test_a_crash_after_some_articles_keeps_them(geoparser, tmp_path, monkeypatch):
    db = tmp_path / "e.sqlite"
    store = EventStore.open(db)
    calls = {"n": 0}
    real_parse = geoparser.parse

    def crash_on_third(article):
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt  # the power goes out mid-ingest
        return real_parse(article)

    monkeypatch.setattr(geoparser, "parse", crash_on_third)
    with pytest.raises(KeyboardInterrupt):
        ingest([SAMPLES], store, geoparser)
    store.close()
    monkeypatch.undo()
    with EventStore.open(db) as store:
        assert store.counts()["articles"] == 2
        summary = ingest([SAMPLES], store, geoparser)
        assert (summary.added, summary.duplicates) == (3, 2)
        assert store.counts()["articles"] == 5 and summary.events >= 9


def test_a_reader_sees_whole_event_sets_while_a_writer_merges(geoparser, tmp_path):
    db = tmp_path / "e.sqlite"
    with EventStore.open(db) as store:
        ingest([SAMPLES], store, geoparser)
        n = store.counts()["events"]
        reader = EventStore.open(db, readonly=True)
        reader.conn.execute("BEGIN")
        assert len(reader.events()) == n  # the reader's snapshot starts here
        store.conn.execute("BEGIN IMMEDIATE")
        store.conn.execute("DELETE FROM events")  # a merge half done…
        assert len(reader.events()) == n  # …is invisible to the reader
        store.conn.rollback()
        reader.conn.rollback()
        reader.close()


def test_read_only_open_of_a_missing_or_foreign_store_is_one_clear_error(tmp_path):
    with pytest.raises(CacheError, match="diplomap ingest"):
        EventStore.open(tmp_path / "none.sqlite", readonly=True)
    junk = tmp_path / "junk.sqlite"
    junk.write_bytes(b"not a database at all" * 100)
    with pytest.raises(CacheError):
        EventStore.open(junk)
    other = tmp_path / "other.sqlite"
    sqlite3.connect(other).execute("CREATE TABLE meta (key TEXT, value TEXT)").connection.commit()
    with pytest.raises(CacheError, match="schema"):
        EventStore.open(other, readonly=True)


def test_events_filter_by_date_country_and_kind(geoparser, tmp_path):
    from datetime import date

    with EventStore.open(tmp_path / "e.sqlite") as store:
        ingest([SAMPLES], store, geoparser)
        march = store.events(since=date(2025, 3, 1))
        assert march and all(e.date >= date(2025, 3, 1) for e in march)
        assert all("UA" in e.participants for e in store.events(countries=["ua"]))
        assert {e.kind for e in store.events(kinds=["phone_call"])} == {"phone_call"}
        assert all(e.status == "held" for e in store.events(include_planned=False))
