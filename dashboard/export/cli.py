"""`diplomap export`: the static HTML map, PNG and PDF briefings, GeoJSON, CSV and GeoPackage, from the event store."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import click

from dashboard import geodata
from dashboard.export.bbox import SYNTAX as BBOX_SYNTAX
from dashboard.export.bbox import Bbox, InvalidBbox
from dashboard.export.briefing import PNG_SCALE, briefing_pdf, map_html, map_png
from dashboard.export.data import export_csv, export_geojson, export_gpkg
from dashboard.options import event_filters, fail, read_events
from extract.types import Event
from geo import DiplomapError, Gazetteer
from geo.types import Place


def _filters(f: Callable) -> Callable:
    """The options every export shares: which events, from which store, the capitals' gazetteer, the title."""
    f = click.option("--title", default=None, help="Title of the map (default: Diplomatic meetings).")(f)
    f = click.option("--gazetteer", "gazetteer_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
                     help="Gazetteer file, for the participants' capitals (default: the one in the cache directory).")(f)
    return event_filters(f)


def _bbox(ctx: click.Context, param: click.Parameter, value: str | None) -> Bbox | None:
    if value is None:
        return None
    try:
        return Bbox.parse(value)
    except InvalidBbox as e:
        raise click.BadParameter(str(e)) from e


def _framing(f: Callable) -> Callable:
    """--bbox: frame the map on a box rather than on the events."""
    return click.option("--bbox", callback=_bbox, default=None, metavar="WEST,SOUTH,EAST,NORTH",
                        help=f"Frame the map on this box instead of on the events: {BBOX_SYNTAX}.")(f)


def _capitals(events: list[Event], gazetteer_file: Path | None) -> dict[str, Place]:
    try:
        with Gazetteer.open(gazetteer_file) if gazetteer_file else Gazetteer.open() as g:
            return geodata.capitals({c for e in events for c in e.participants}, g)
    except DiplomapError as e:
        raise fail(e) from e


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
    """Write the events as a self-contained HTML map, a PNG or PDF briefing, GeoJSON, CSV or GeoPackage."""


@export.command("html")
@click.argument("out")
@_framing
@_filters
def export_html_command(out: str, bbox: Bbox | None, since: date | None, until: date | None,
                        countries: tuple[str, ...], kinds: tuple[str, ...], held_only: bool, db: Path | None,
                        gazetteer_file: Path | None, title: str | None) -> None:
    """Write the map to OUT, one HTML file that opens with no network (`-`: stdout)."""
    events = read_events(db, since, until, countries, kinds, held_only)
    capitals = _capitals(events, gazetteer_file)
    try:
        text = map_html(events, capitals=capitals, title=title, bbox=bbox)
    except DiplomapError as e:
        raise fail(e) from e
    _write_text(out, text)


def _size(ctx: click.Context, param: click.Parameter, value: str) -> tuple[int, int]:
    try:
        width, height = (int(v) for v in value.lower().split("x"))
    except ValueError as e:
        raise click.BadParameter(f"{value!r} is not WIDTHxHEIGHT, e.g. 1920x1080") from e
    if not (100 <= width <= 8000 and 100 <= height <= 8000):
        raise click.BadParameter(f"{value!r}: width and height must be 100 to 8000 pixels")
    return width, height


def _write_bytes(out: Path, data: bytes) -> None:
    try:
        out.write_bytes(data)
    except OSError as e:
        raise click.ClickException(f"cannot write {out}: {e.strerror or e}") from e
    click.echo(f"wrote {out}", err=True)


@export.command("png")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--size", callback=_size, default="1920x1080", show_default=True,
              help="Size of the map in CSS pixels, WIDTHxHEIGHT.")
@click.option("--scale", type=click.FloatRange(0.5, 4), default=PNG_SCALE, show_default=True,
              help="Device pixel ratio: the PNG is size × scale pixels.")
@_framing
@_filters
def export_png_command(out: Path, size: tuple[int, int], scale: float, bbox: Bbox | None, since: date | None,
                       until: date | None, countries: tuple[str, ...], kinds: tuple[str, ...], held_only: bool,
                       db: Path | None, gazetteer_file: Path | None, title: str | None) -> None:
    """Render the map as a PNG briefing image to OUT (headless Chromium)."""
    events = read_events(db, since, until, countries, kinds, held_only)
    capitals = _capitals(events, gazetteer_file)
    try:
        data = map_png(events, capitals=capitals, title=title, bbox=bbox, size=size, scale=scale)
    except DiplomapError as e:
        raise fail(e) from e
    _write_bytes(out, data)


@export.command("pdf")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_framing
@_filters
def export_pdf_command(out: Path, bbox: Bbox | None, since: date | None, until: date | None,
                       countries: tuple[str, ...], kinds: tuple[str, ...], held_only: bool, db: Path | None,
                       gazetteer_file: Path | None, title: str | None) -> None:
    """Write an A4 landscape briefing to OUT: the map, then the table of meetings (headless Chromium)."""
    events = read_events(db, since, until, countries, kinds, held_only)
    capitals = _capitals(events, gazetteer_file)
    try:
        data = briefing_pdf(events, capitals=capitals, title=title, bbox=bbox)
    except DiplomapError as e:
        raise fail(e) from e
    _write_bytes(out, data)


@export.command("geojson")
@click.argument("out")
@_filters
def export_geojson_command(out: str, since: date | None, until: date | None, countries: tuple[str, ...],
                           kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                           title: str | None) -> None:
    """Write events (Points) and flows (LineStrings) to OUT as RFC 7946 GeoJSON (`-`: stdout)."""
    events = read_events(db, since, until, countries, kinds, held_only)
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
    _write_text(out, export_csv(read_events(db, since, until, countries, kinds, held_only)))


@export.command("gpkg")
@click.argument("out", type=click.Path(dir_okay=False, path_type=Path))
@_filters
def export_gpkg_command(out: Path, since: date | None, until: date | None, countries: tuple[str, ...],
                        kinds: tuple[str, ...], held_only: bool, db: Path | None, gazetteer_file: Path | None,
                        title: str | None) -> None:
    """Write a GeoPackage to OUT with the layers `events` (points) and `flows` (lines)."""
    if str(out) == "-":
        raise click.ClickException("a GeoPackage cannot be written to stdout: give a file name")
    events = read_events(db, since, until, countries, kinds, held_only)
    try:
        export_gpkg(events, out, capitals=_capitals(events, gazetteer_file))
    except DiplomapError as e:
        raise fail(e) from e
    click.echo(f"wrote {out}", err=True)


if __name__ == "__main__":
    export(sys.argv[1:], prog_name="diplomap export")
