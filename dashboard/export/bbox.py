"""A bounding box to frame a map on, given as `WEST,SOUTH,EAST,NORTH` in degrees."""

from __future__ import annotations

import math
from dataclasses import dataclass

from geo.errors import InvalidInput

SYNTAX = "WEST,SOUTH,EAST,NORTH in degrees, e.g. 20,10,60,45"


class InvalidBbox(InvalidInput):
    """A bounding box that is not four numbers or not a box on the globe."""


@dataclass(frozen=True, slots=True)
class Bbox:
    """West and east longitudes, south and north latitudes, in degrees (WGS 84)."""

    west: float
    south: float
    east: float
    north: float

    def __post_init__(self) -> None:
        if not all(math.isfinite(v) for v in (self.west, self.south, self.east, self.north)):
            raise InvalidBbox("a bounding box is four finite numbers")
        if not (-180 <= self.west <= 180 and -180 <= self.east <= 180):
            raise InvalidBbox("longitudes (WEST, EAST) must be within -180 to 180")
        if not (-90 <= self.south <= 90 and -90 <= self.north <= 90):
            raise InvalidBbox("latitudes (SOUTH, NORTH) must be within -90 to 90")
        if self.west >= self.east:
            raise InvalidBbox("WEST must be less than EAST (a box across the antimeridian is not supported)")
        if self.south >= self.north:
            raise InvalidBbox("SOUTH must be less than NORTH")

    @classmethod
    def parse(cls, text: str) -> Bbox:
        """The box written as `WEST,SOUTH,EAST,NORTH`."""
        parts = [p.strip() for p in text.split(",")]
        try:
            if len(parts) != 4:
                raise ValueError(text)
            west, south, east, north = (float(p) for p in parts)
        except ValueError as e:
            raise InvalidBbox(f"{text!r} is not {SYNTAX}") from e
        return cls(west, south, east, north)

    def corners(self) -> list[list[float]]:
        """South-west and north-east corners as Leaflet takes them: [[lat, lon], [lat, lon]]."""
        return [[self.south, self.west], [self.north, self.east]]
