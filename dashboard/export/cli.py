"""`diplomap export`: the static HTML map and the GeoJSON, CSV and GeoPackage files, from the event store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from dashboard import geodata
from dashboard.export.data import export_csv, export_geojson, export_gpkg
from dashboard.export.html import render_html
from extract.store import EventStore, store_path
from extract.types import KINDS, Event
from geo import DiplomapError, Gazetteer
from geo.types import Place


def _fail(e: Exception) -> click.ClickException:
    return click.ClickException(str(e).splitlines()[0] if str(e) else type(e).__name__)


def _iso_date(ctx: click.Context, param: click.Parameter, value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not a date (YYYY-MM-DD)") from e


def _filters(f: Callable) -> Callable:
    """The options every export shares: which events, from which store."""
    options = [
        click.option("--since", callback=_iso_date, default=None, help="Only events on or after this date (YYYY-MM-DD)."),
        click.option("--until", callback=_iso_date, default=None, help="Only events on or before this date (YYYY-MM-DD)."),
        click.option("--country", "countries", multiple=True,
                     help="Only events with this participant (ISO alpha-2, or UN/EU/NATO); repeat for any of several."),
        click.option("--kind", "kinds", type=click.Choice(KINDS), multiple=True,
                     help="Only events of this kind; repeatable."),
        click.option("--held-only", is_flag=True, help="Leave out planned meetings."),
        click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Event store (SQLite) to read (default: events.sqlite in the cache directory)."),
        click.option("--gazetteer", "gazetteer_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Gazetteer file, for the participants' capitals (default: the one in the cache directory)."),
        click.option("--title", default=None, help="Title of the map (default: Diplomatic meetings)."),
    ]
    for option in reversed(options):
        f = option(f)
    return f


def _events(db: Path | None, since: date | None, until: date | None, countries: tuple[str, ...],
            kinds: tuple[str, ...], held_only: bool) -> list[Event]:
    try:
        store = EventStore.open(db or store_path(), readonly=True)
    except DiplomapError as e:
        raise _fail(e) from e
    try:
        return store.events(since=since, until=until, countries=countries, kinds=kinds,
                            include_planned=not held_only)
    finally:
        store.close()


def _capitals(events: list[Event], gazetteer_file: Path | None) -> dict[str, Place]:
    try:
        with Gazetteer.open(gazetteer_file) if gazetteer_file else Gazetteer.open() as g:
            return geodata.capitals({c for e in events for c in e.participants}, g)
    except DiplomapError as e:
        raise _fail(e) from e


def _write_text(out: str, text: str) -> None:
    if out == "-":
        click.echo(text, nl=False)
        return
    try:
        Path(out).write_text(text, encoding="utf-8")
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e
    click.echo(f"wrote {out}", err=True)


@click.group()
def export() -> None:
    """Write the events as a self-contained HTML map, GeoJSON, CSV or GeoPackage."""


@export.command("html")
@click.argument("out")
@_filters
def export_html_command(out: str, since: date | None, until: date | None, countries: tuple[str, ...],
                        kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                        title: str | None) -> None:
    """Write the map to OUT, one HTML file that opens with no network (`-`: stdout)."""
    events = _events(db, since, until, countries, kinds, held_only)
    try:
        text = render_html(events, capitals=_capitals(events, gazetteer_file), basemap=geodata.basemap(),
                           names=geodata.country_names("en"), title=title)
    except DiplomapError as e:
        raise _fail(e) from e
    _write_text(out, text)


@export.command("geojson")
@click.argument("out")
@_filters
def export_geojson_command(out: str, since: date | None, until: date | None, countries: tuple[str, ...],
                           kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                           title: str | None) -> None:
    """Write events (Points) and flows (LineStrings) to OUT as RFC 7946 GeoJSON (`-`: stdout)."""
    events = _events(db, since, until, countries, kinds, held_only)
    fc = export_geojson(events, capitals=_capitals(events, gazetteer_file))
    if title:
        fc = {"type": fc["type"], "name": title, "features": fc["features"]}
    _write_text(out, json.dumps(fc, ensure_ascii=False) + "\n")


@export.command("csv")
@click.argument("out")
@_filters
def export_csv_command(out: str, since: date | None, until: date | None, countries: tuple[str, ...],
                       kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                       title: str | None) -> None:
    """Write one row per event to OUT as CSV (`-`: stdout)."""
    _write_text(out, export_csv(_events(db, since, until, countries, kinds, held_only)))


@export.command("gpkg")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_filters
def export_gpkg_command(out: Path, since: date | None, until: date | None, countries: tuple[str, ...],
                        kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                        title: str | None) -> None:
    """Write a GeoPackage to OUT with the layers `events` (points) and `flows` (lines)."""
    if str(out) == "-":
        raise click.ClickException("a GeoPackage cannot be written to stdout: give a file name")
    events = _events(db, since, until, countries, kinds, held_only)
    try:
        export_gpkg(events, out, capitals=_capitals(events, gazetteer_file))
    except DiplomapError as e:
        raise _fail(e) from e
    click.echo(f"wrote {out}", err=True)


if __name__ == "__main__":
    export(sys.argv[1:], prog_name="diplomap export")
