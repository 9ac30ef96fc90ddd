"""Events and their flows as data files: GeoJSON (RFC 7946), CSV and GeoPackage."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from dashboard import features
from dashboard.formats import CSV_COLUMNS, event_feature, event_row, events_csv
from dashboard.export.errors import ExportError
from extract.types import Event
from geo.types import Place

FLOW_COLUMNS = ("id", "participant", "other", "kind", "dashed", "from", "to", "count", "first", "last", "tip")


def _wrap(lon: float) -> float:
    return round(lon if -180.0 <= lon <= 180.0 else (lon + 180.0) % 360.0 - 180.0, 6)


def cut_antimeridian(line: Sequence[Sequence[float]]) -> list[list[list[float]]]:
    """A line whose longitudes may run past ±180° as parts that stay within [-180, 180] (RFC 7946 §3.1.9)."""
    parts: list[list[list[float]]] = [[[_wrap(line[0][0]), line[0][1]]]]
    for (x0, y0), (x1, y1) in zip(line, line[1:]):
        for edge in (180.0, -180.0):
            if min(x0, x1) < edge < max(x0, x1):  # this segment crosses the antimeridian: end here, go on there
                y = round(y0 + (y1 - y0) * (edge - x0) / (x1 - x0), 6)
                parts[-1].append([edge, y])
                parts.append([[-edge, y]])
        parts[-1].append([_wrap(x1), y1])
    return [p for p in parts if len(p) >= 2]


def flow_features(events: Iterable[Event], capitals: Mapping[str, Place]) -> list[dict]:
    """The delegation and phone-call flows as RFC 7946 LineStrings (MultiLineStrings where cut at ±180°)."""
    out = []
    for f in features.flows(events, capitals)["features"]:
        g = f["geometry"]
        line = g["coordinates"] if g["type"] == "LineString" else g["coordinates"][0]  # the curve, not the head
        parts = cut_antimeridian(line)
        geometry = ({"type": "LineString", "coordinates": parts[0]} if len(parts) == 1
                    else {"type": "MultiLineString", "coordinates": parts})
        props = {k: f["properties"][k] for k in FLOW_COLUMNS if k != "id"}
        out.append({"type": "Feature", "id": f["id"], "geometry": geometry, "properties": {"layer": "flow", **props}})
    return out


def export_geojson(events: Iterable[Event], *, capitals: Mapping[str, Place]) -> dict:
    """Events as Points (null geometry for phone calls) and their flows as LineStrings: one FeatureCollection."""
    events = list(events)
    points = []
    for e in events:
        f = event_feature(e)
        f["properties"] = {"layer": "event", **f["properties"]}
        points.append(f)
    return {"type": "FeatureCollection", "features": points + flow_features(events, capitals)}


def export_csv(events: Iterable[Event]) -> str:
    """Events as CSV text, one row per event (the columns of `diplomap events --format csv`)."""
    return events_csv(events)


def export_gpkg(events: Iterable[Event], path: Path, *, capitals: Mapping[str, Place]) -> Path:
    """Write a GeoPackage with the layers `events` (points) and `flows` (lines); the path written."""
    import geopandas as gpd
    from shapely.geometry import shape

    events = list(events)
    rows = [event_row(e) for e in events]
    geoms = [shape(event_feature(e)["geometry"]) if e.place is not None else None for e in events]
    flows = flow_features(events, capitals)
    layers = {
        "events": gpd.GeoDataFrame(rows, columns=list(CSV_COLUMNS), geometry=geoms, crs="EPSG:4326"),
        "flows": gpd.GeoDataFrame([{"id": f["id"], **{k: f["properties"][k] for k in FLOW_COLUMNS[1:]}} for f in flows],
                                  columns=list(FLOW_COLUMNS), geometry=[shape(f["geometry"]) for f in flows],
                                  crs="EPSG:4326"),
    }
    path = Path(path)
    try:
        if path.exists():
            path.unlink()  # a GeoPackage is a database: start from an empty file, not append to an old one
        for name, frame in layers.items():
            # a flow cut at the antimeridian is a MultiLineString: then every flow of the layer is one
            multi = bool(len(frame)) and frame.geom_type.eq("MultiLineString").any()
            frame.to_file(path, layer=name, driver="GPKG", engine="pyogrio", promote_to_multi=multi or None)
    except (OSError, ValueError, RuntimeError) as e:
        raise ExportError(f"cannot write {path}: {e}") from e
    return path
