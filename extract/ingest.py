"""Ingest: read articles, extract their meetings, store them, and merge events.

Each article is committed on its own, so a crash loses only the article being read; a file
that cannot be read or parsed is reported and skipped; an article already stored (same content)
is skipped before it is parsed. Events are merged again from every stored meeting at the end, in
one transaction, so readers see the old events or the new ones, never half of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tqdm import tqdm

from extract.geoparse import Geoparser
from extract.read import ReadError, read_paths
from extract.store import EventStore
from geo.errors import DiplomapError


@dataclass
class IngestSummary:
    """What an ingest did."""

    added: int = 0
    duplicates: int = 0
    meetings: int = 0
    events: int = 0
    errors: list[str] = field(default_factory=list)


def ingest(paths: Iterable[Path], store: EventStore, parser: Geoparser, *, lang: str | None = None,
           published: date | None = None, progress: bool = False,
           on_error: Callable[[str], None] | None = None) -> IngestSummary:
    """Extract and store the articles of files and folders, then merge events; a summary."""
    summary = IngestSummary()
    items = read_paths(paths, lang=lang, published=published)
    bar = tqdm(items, unit=" articles", disable=not progress, leave=False)
    for item in bar:
        if isinstance(item, ReadError):
            _error(summary, str(item), on_error)
            continue
        if store.has(item.text):
            summary.duplicates += 1
            continue
        try:
            extraction = parser.parse(item)
            added = store.add(extraction)
        except DiplomapError as e:
            _error(summary, f"{item.id}: {str(e).splitlines()[0]}", on_error)
            continue
        if added:
            summary.added += 1
            summary.meetings += len(extraction.meetings)
        else:
            summary.duplicates += 1
    bar.close()
    summary.events = store.remerge()
    return summary


def _error(summary: IngestSummary, message: str, on_error: Callable[[str], None] | None) -> None:
    summary.errors.append(message)
    if on_error is not None:
        on_error(message)
