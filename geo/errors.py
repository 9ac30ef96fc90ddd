"""The project's one error tree; every package raises these, never a bare built-in."""

from __future__ import annotations


class DiplomapError(Exception):
    """Root of every error diplomap raises on purpose."""


class InvalidInput(DiplomapError, ValueError):
    """Input that cannot be processed: empty, binary, oversized, malformed."""


class NotFound(DiplomapError, LookupError):
    """A name, record or file that is not there."""


class CacheError(DiplomapError, IOError):
    """The on-disk cache is missing, corrupt, or cannot be written."""


class GeocoderError(DiplomapError, IOError):
    """The online geocoder failed (network, quota, bad answer)."""


class GeocoderTimedOut(GeocoderError, TimeoutError):
    """The online geocoder did not answer in time."""


class GeocoderUnavailable(GeocoderError, ConnectionError):
    """The online geocoder could not be reached or refused service."""
