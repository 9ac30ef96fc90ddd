"""Names to coordinates: the cached multilingual gazetteer, lookup, online fallback."""

from geo.errors import (
    CacheError,
    DiplomapError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    InvalidInput,
    NotFound,
)
from geo.gazetteer import Gazetteer
from geo.types import Candidate, Place

__all__ = [
    "CacheError",
    "Candidate",
    "DiplomapError",
    "Gazetteer",
    "GeocoderError",
    "GeocoderTimedOut",
    "GeocoderUnavailable",
    "InvalidInput",
    "NotFound",
    "Place",
]
