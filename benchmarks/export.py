"""Export benchmark: time and size of the self-contained HTML map, and of the data exports.

    python benchmarks/export.py [-n 10000] [--seed 0]

Prints, for the seed corpus (ingested into a temporary store) and for N synthetic events
(benchmarks/synthetic.py, capitals from the gazetteer):
  html_s, html_mb       render the static map (folium, Leaflet inlined) to text, as `diplomap export html`
  geojson_s, csv_s      build the GeoJSON FeatureCollection / the CSV text
  gpkg_s                write the GeoPackage (layers events and flows)
  png_s, png_mb         the 1920x1080 (scale 2) PNG as `diplomap export png` makes it: the page for a
                        still image built and rendered, Chromium's start included
  pdf_s, pdf_pages      the A4 PDF as `diplomap export pdf` makes it, Chromium's start included
  load                  the 1-minute load average after the line's measures (the machine may be shared)
Targets (issue 6): HTML for 10,000 events ≤ 10 s and ≤ 15 MB; seeds ≤ 2 MB; PNG ≤ 5 s.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import pypdf  # noqa: E402

from benchmarks.synthetic import synthetic_events  # noqa: E402
from dashboard import geodata  # noqa: E402
from dashboard.export.briefing import briefing_pdf, map_html, map_png  # noqa: E402
from dashboard.export.data import export_csv, export_geojson, export_gpkg  # noqa: E402
from extract.geoparse import Geoparser  # noqa: E402
from extract.ingest import ingest  # noqa: E402
from extract.store import EventStore  # noqa: E402
from geo import Gazetteer  # noqa: E402


def measure(label: str, events: list, capitals: dict, tmp: Path) -> None:
    """Print the export times and sizes for one set of events."""
    t = time.perf_counter()
    html = map_html(events, capitals=capitals)
    html_s = time.perf_counter() - t
    t = time.perf_counter()
    export_geojson(events, capitals=capitals)
    geojson_s = time.perf_counter() - t
    t = time.perf_counter()
    export_csv(events)
    csv_s = time.perf_counter() - t
    t = time.perf_counter()
    export_gpkg(events, tmp / f"{label}.gpkg", capitals=capitals)
    gpkg_s = time.perf_counter() - t
    t = time.perf_counter()
    png = map_png(events, capitals=capitals, size=(1920, 1080), scale=2)
    png_s = time.perf_counter() - t
    t = time.perf_counter()
    pdf = briefing_pdf(events, capitals=capitals, title=label)
    pdf_s = time.perf_counter() - t
    pages = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    print(f"{label:>10}  events {len(events):>6}  html_s {html_s:6.2f}  html_mb {len(html.encode()) / 1e6:6.2f}  "
          f"geojson_s {geojson_s:5.2f}  csv_s {csv_s:5.2f}  gpkg_s {gpkg_s:5.2f}  png_s {png_s:5.2f}  "
          f"png_mb {len(png) / 1e6:5.2f}  pdf_s {pdf_s:5.2f}  pdf_pages {pages}  load {os.getloadavg()[0]:.1f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    with Gazetteer.open() as g, tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        with EventStore.open(tmp / "seeds.sqlite") as store:
            ingest([REPO / "assets" / "samples"], store, Geoparser(g))
            seeds = store.events()
        measure("seeds", seeds, geodata.capitals({c for e in seeds for c in e.participants}, g), tmp)
        events = synthetic_events(args.n, seed=args.seed, gazetteer=g)
        measure("synthetic", events, geodata.capitals({c for e in events for c in e.participants}, g), tmp)


if __name__ == "__main__":
    main()
