"""Events as the formats people carry away: JSON Lines, GeoJSON (RFC 7946) and CSV."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable

from extract.types import Event

CSV_COLUMNS = ("id", "date", "date_precision", "kind", "status", "place", "venue", "place_country", "precision",
               "lat", "lon", "participants", "sources", "source_count", "languages", "confidence")


def event_feature(event: Event) -> dict:
    """An event as a GeoJSON Feature: a Point at its place (null geometry for phone calls)."""
    d = event.to_dict()
    p = event.place
    geometry = {"type": "Point", "coordinates": [round(p.lon, 6), round(p.lat, 6)]} if p is not None else None
    return {"type": "Feature", "id": event.id, "geometry": geometry, "properties": d}


def events_geojson(events: Iterable[Event]) -> dict:
    """A FeatureCollection of events."""
    return {"type": "FeatureCollection", "features": [event_feature(e) for e in events]}


def event_row(event: Event) -> dict:
    """One CSV row of an event."""
    d = event.to_dict()
    place = d["place"] or {}
    return {
        "id": event.id, "date": d["date"], "date_precision": d["date_precision"], "kind": event.kind,
        "status": event.status, "place": place.get("name"), "venue": place.get("venue"),
        "place_country": place.get("country"), "precision": place.get("precision"),
        "lat": place.get("lat"), "lon": place.get("lon"), "participants": " ".join(event.participants),
        "sources": " ".join(event.sources), "source_count": len(event.sources),
        "languages": " ".join(sorted({r.lang for r in event.reports if r.lang})),
        "confidence": round(event.confidence, 3),
    }


def events_csv(events: Iterable[Event]) -> str:
    """Events as CSV text, one row per event, with a header."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for e in events:
        writer.writerow(event_row(e))
    return out.getvalue()


def events_jsonl(events: Iterable[Event]) -> str:
    """Events as JSON Lines, one object per event (the contract's fields, `sources`, `reports`)."""
    return "".join(json.dumps(e.to_dict(), ensure_ascii=False) + "\n" for e in events)
