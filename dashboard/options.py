"""What the `diplomap` commands share: one-line errors, date options, the articles to read, the events to show."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from extract.store import EventStore, store_path
from extract.types import KINDS, LANGUAGES, Event
from geo.errors import DiplomapError


def fail(e: Exception) -> click.ClickException:
    """A library error as a one-line command error."""
    return click.ClickException(str(e).splitlines()[0] if str(e) else type(e).__name__)


def iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    """Click callback: a YYYY-MM-DD option as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from e


def _apply(f: Callable, options: list[Callable]) -> Callable:
    for option in reversed(options):
        f = option(f)
    return f


def article_inputs(f: Callable) -> Callable:
    """PATHS, --published and --lang: the articles a command reads (`extract`, `ingest`)."""
    return _apply(f, [
        click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option("--published", callback=iso_date, default=None,
                     help="Publication date (YYYY-MM-DD) for every article, overriding manifests and records."),
        click.option("--lang", type=click.Choice(LANGUAGES), default=None,
                     help="Language of every article, overriding manifests, records and detection."),
    ])


def event_filters(f: Callable) -> Callable:
    """--since, --until, --country, --kind, --held-only and --db: which stored events a command shows."""
    return _apply(f, [
        click.option("--since", callback=iso_date, default=None, help="Only events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=iso_date, default=None, help="Only events on or before this date (YYYY-MM-DD)."),
        click.option("--country", "countries", multiple=True,
                     help="Only events with this participant (ISO alpha-2, or UN/EU/NATO); repeat for any of several."),
        click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
                     help="Only events of this kind; repeatable."),
        click.option("--held-only", is_flag=True, help="Leave out planned meetings."),
        click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Event store (SQLite) to read (default: events.sqlite in the cache directory)."),
    ])


def read_events(db: Path | None, since: date | None, until: date | None, countries: tuple[str, ...],
                kinds: tuple[str, ...], held_only: bool) -> list[Event]:
    """The stored events the `event_filters` options select (the store opened read-only)."""
    try:
        store = EventStore.open(db or store_path(), readonly=True)
    except DiplomapError as e:
        raise fail(e) from e
    try:
        return store.events(since=since, until=until, countries=countries, kinds=kinds,
                            include_planned=not held_only)
    finally:
        store.close()
