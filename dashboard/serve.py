"""`diplomap serve`: the web dashboard over the event store (Dash is imported only when it runs)."""

from __future__ import annotations

import gc
from pathlib import Path

import click


@click.command("serve")
@click.option("--db", "db", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Event store to show (default: events.sqlite in the cache directory).")
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8050, show_default=True, type=click.IntRange(0, 65535), help="Port to listen on.")
@click.option("--debug", is_flag=True, help="Dash debug mode: reload on code changes, error pop-ups.")
def serve(db: Path | None, host: str, port: int, debug: bool) -> None:
    """Start the web dashboard: map, timeline, table and sources of the stored meetings."""
    from dashboard.app import StoreSource, create_app
    from extract.store import EventStore, store_path
    from geo import DiplomapError

    path = db or store_path()
    try:
        EventStore.open(path, readonly=True).close()  # fail now, in one line, rather than on the first page
        source = StoreSource(path)
        source.snapshot()
    except DiplomapError as e:
        raise click.ClickException(str(e).splitlines()[0]) from e
    gc.freeze()  # the events stay for the server's life: spare the collector from walking them on every view
    app = create_app(source)
    click.echo(f"diplomap dashboard on http://{host}:{port}/ (events from {path}); Ctrl+C stops it", err=True)
    # No version check in debug mode either: the dashboard asks nothing of the network.
    app.run(host=host, port=port, debug=debug, use_reloader=debug, dev_tools_disable_version_check=True)
