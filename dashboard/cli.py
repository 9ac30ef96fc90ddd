"""The `diplomap` command line: thin commands over the library, one-line errors."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import click

from dashboard.export.cli import export
from dashboard.options import article_inputs, event_filters, fail, read_events
from dashboard.serve import serve
from extract.geoparse import Geoparser
from extract.ingest import ingest as run_ingest
from extract.read import ReadError, read_paths
from extract.store import EventStore
from geo import CacheError, Candidate, DiplomapError, Gazetteer, InvalidInput
from geo.build import Inputs, build
from geo.cache import cache_state, gazetteer_path
from geo.online import OnlineGeocoder


def _open_gazetteer(path: Path | None) -> Gazetteer:
    path = path or gazetteer_path()
    if cache_state(path, Inputs.default().stamp()) != "ok":
        click.echo(f"building the gazetteer at {path} (once; about half a minute)…", err=True)
    try:
        return Gazetteer.open(path, progress=sys.stderr.isatty())
    except DiplomapError as e:
        raise fail(e) from e


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="diplomap")
def main() -> None:
    """diplomap: map diplomatic meetings from news in any language."""


@main.group()
def gazetteer() -> None:
    """Build and inspect the cached offline gazetteer."""


@gazetteer.command("build")
@click.option("--force", is_flag=True, help="Rebuild even if the cache is current.")
@click.option("--path", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file to write (default: gazetteer.sqlite in the cache directory).")
def gazetteer_build(force: bool, path: Path | None) -> None:
    """Build the gazetteer from GeoNames, CLDR and the curated lists; print a summary."""
    path = path or gazetteer_path()
    try:
        summary = build(path, force=force, progress=True)
    except DiplomapError as e:
        raise fail(e) from e
    verb = "built" if summary.built else "already current"
    click.echo(
        f"{verb}: {summary.path}\n"
        f"  places     {summary.places:,}\n"
        f"  names      {summary.names:,} index keys\n"
        f"  languages  {summary.languages}\n"
        f"  size       {summary.size_bytes / 1e6:.1f} MB\n"
        f"  seconds    {summary.seconds:.1f}"
    )


@gazetteer.command("info")
@click.option("--path", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file to inspect (default: the one in the cache directory).")
def gazetteer_info(path: Path | None) -> None:
    """Say where the gazetteer is, whether it is current, and what it holds."""
    path = path or gazetteer_path()
    state = cache_state(path, Inputs.default().stamp())
    click.echo(f"path   {path}\nstate  {state}")
    if state in ("ok", "stale"):
        try:
            with Gazetteer.open(path, build_if_needed=False) as g:
                stats = g.stats()
        except CacheError:
            return
        for key in ("built_at", "places", "names", "languages", "stamp"):
            click.echo(f"{key:<6} {stats.get(key, '?')}")


def _names(args: tuple[str, ...]) -> Iterator[str]:
    for arg in args:
        if arg == "-":
            yield from (line.rstrip("\n") for line in sys.stdin)
        else:
            yield arg


def _describe(c: Candidate) -> str:
    p = c.place
    where = f"{p.name}, {p.country}" if p.country else p.name
    return f"{where} ({p.lat:.5f}, {p.lon:.5f}) {p.precision} [{p.id}] — {c.reason}"


@main.command()
@click.argument("names", nargs=-1, required=True)
@click.option("--lang", default=None, help="Language of the names (ISO 639-1), to prefer names of that language.")
@click.option("--country", default=None, help="ISO 3166 alpha-2 code of the country the place is expected in.")
@click.option("--online", is_flag=True, help="Ask an online geocoder for names the gazetteer lacks (cached).")
@click.option("--geocoder", default="nominatim", show_default=True, help="geopy geocoder used with --online.")
@click.option("--geocoder-domain", default=None, help="Host[:port] of the geocoder, e.g. a self-hosted Nominatim.")
@click.option("--geocoder-scheme", type=click.Choice(["https", "http"]), default=None, help="Scheme for --geocoder-domain.")
@click.option("--min-delay", type=float, default=1.0, show_default=True, help="Seconds between online requests.")
@click.option("--limit", type=click.IntRange(1, 200), default=10, show_default=True, help="Candidates per name with --json.")
@click.option("--json", "as_json", is_flag=True, help="Print the ranked candidate list of each name as JSON Lines.")
@click.option("--db", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file (default: the one in the cache directory).")
def geocode(names: tuple[str, ...], lang: str | None, country: str | None, online: bool, geocoder: str,
            geocoder_domain: str | None, geocoder_scheme: str | None, min_delay: float, limit: int,
            as_json: bool, path: Path | None) -> None:
    """Resolve place NAMES (any script; `-` reads names from stdin) to coordinates."""
    g = _open_gazetteer(path)
    fallback = None
    if online:
        try:
            fallback = OnlineGeocoder(g.path, service=geocoder, domain=geocoder_domain, scheme=geocoder_scheme,
                                      min_delay_seconds=min_delay)
        except DiplomapError as e:
            raise fail(e) from e
    failed = 0
    for name in _names(names):
        try:
            found = g.lookup(name, lang=lang, country=country, limit=limit, online=fallback)
        except InvalidInput as e:
            failed += 1
            click.echo(f"error: {e}", err=True)
            continue
        except DiplomapError as e:
            raise fail(e) from e
        if not found:
            failed += 1
        if as_json:
            click.echo(json.dumps({"query": name, "candidates": [c.to_dict() for c in found]}, ensure_ascii=False))
        elif found:
            click.echo(f"{name} → {_describe(found[0])}")
        else:
            click.echo(f"{name} → not found")
    g.close()
    if failed:
        sys.exit(1)


@main.command()
@article_inputs
@click.option("--db", "path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file (default: the one in the cache directory).")
def extract(paths: tuple[Path, ...], published: date | None, lang: str | None, path: Path | None) -> None:
    """Find and resolve the places of articles (files or folders); print JSON Lines."""
    g = _open_gazetteer(path)
    parser = Geoparser(g)
    failed = 0
    for item in read_paths(paths, lang=lang, published=published):
        if isinstance(item, ReadError):
            failed += 1
            click.echo(f"error: {item}", err=True)
            continue
        try:
            result = parser.parse(item)
        except DiplomapError as e:
            failed += 1
            click.echo(f"error: {item.id}: {str(e).splitlines()[0]}", err=True)
            continue
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False))
    g.close()
    if failed:
        sys.exit(1)


def _open_store(path: Path | None, *, readonly: bool) -> EventStore:
    try:
        return EventStore.open(path, readonly=readonly)
    except DiplomapError as e:
        raise fail(e) from e


@main.command()
@article_inputs
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Event store (SQLite) to write (default: events.sqlite in the cache directory).")
@click.option("--gazetteer", "gazetteer_file", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Gazetteer file (default: the one in the cache directory).")
def ingest(paths: tuple[Path, ...], published: date | None, lang: str | None, db: Path | None,
           gazetteer_file: Path | None) -> None:
    """Extract the meetings of articles (files or folders), store them, and merge them into events."""
    g = _open_gazetteer(gazetteer_file)
    store = _open_store(db, readonly=False)
    try:
        summary = run_ingest(paths, store, Geoparser(g), lang=lang, published=published,
                             progress=sys.stderr.isatty(), on_error=lambda m: click.echo(f"error: {m}", err=True))
    except DiplomapError as e:
        raise fail(e) from e
    finally:
        store.close()
        g.close()
    click.echo(f"{summary.added} articles added, {summary.duplicates} already stored, {len(summary.errors)} failed; "
               f"{summary.meetings} meetings; {summary.events} events in {store.path}")
    if summary.errors:
        sys.exit(1)


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "geojson", "csv"]), default="json", show_default=True,
              help="json: one event per line (JSON Lines); geojson: a FeatureCollection; csv: one row per event.")
@event_filters
def events(fmt: str, since: date | None, until: date | None, countries: tuple[str, ...], kinds: tuple[str, ...],
           held_only: bool, db: Path | None) -> None:
    """Print the merged events of the store, filtered."""
    from dashboard.formats import events_csv, events_geojson, events_jsonl

    found = read_events(db, since, until, countries, kinds, held_only)
    if fmt == "geojson":
        click.echo(json.dumps(events_geojson(found), ensure_ascii=False))
    elif fmt == "csv":
        click.echo(events_csv(found), nl=False)
    else:
        click.echo(events_jsonl(found), nl=False)


main.add_command(serve)
main.add_command(export)

if __name__ == "__main__":
    main()
