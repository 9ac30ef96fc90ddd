"""Online fallback: any geopy geocoder, rate-limited, every answer and miss cached on disk.

Off unless asked for. Answers land in the `online` table of the gazetteer file, so the next
run finds them offline; errors are translated into the project's error tree and never cached.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import sqlite3
import time
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from geopy import exc as geopy_exc
from geopy.adapters import URLLibAdapter
from geopy.extra.rate_limiter import RateLimiter
from geopy.geocoders import get_geocoder_for_service

from geo.errors import (
    CacheError,
    GeocoderError,
    GeocoderTimedOut,
    GeocoderUnavailable,
    InvalidInput,
)
from geo.normalize import clean
from geo.types import Candidate, Place

USER_AGENT = "diplomap/0.1 (offline-first news geoparser)"

# What a Nominatim-style answer calls a place, mapped to our precision.
_PRECISION = {
    "country": "country",
    "state": "region", "region": "region", "province": "region", "county": "region",
    "state_district": "region", "district": "region", "administrative": "region",
    "city": "city", "town": "city", "village": "city", "hamlet": "city", "suburb": "city",
    "neighbourhood": "city", "quarter": "city", "municipality": "city", "borough": "city",
    "water": "water", "sea": "water", "ocean": "water", "bay": "water", "strait": "water",
    "river": "water", "lake": "water", "waterway": "water", "natural": "water",
}
_VENUE_CLASSES = {"amenity", "building", "tourism", "historic", "office", "leisure", "aeroway", "military"}


def place_from_answer(service: str, raw: dict, *, lat: float, lon: float, address: str) -> Place:
    """A `Place` from one geocoder answer (pure: the raw JSON and the parsed point)."""
    addr = raw.get("address") if isinstance(raw.get("address"), dict) else {}
    code = str(addr.get("country_code") or raw.get("country_code") or "").upper()
    kind = str(raw.get("addresstype") or raw.get("type") or "")
    if raw.get("class") in _VENUE_CLASSES:
        precision = "venue"
    else:
        precision = _PRECISION.get(kind, _PRECISION.get(str(raw.get("class") or ""), "city"))
    name = str(raw.get("name") or address.split(",")[0]).strip() or address
    ident = raw.get("osm_id") or raw.get("place_id")
    if ident is None:
        ident = hashlib.sha1(f"{lat},{lon},{address}".encode()).hexdigest()[:12]
    return Place(
        id=f"online:{service}:{raw.get('osm_type', '')}{ident}",
        name=name,
        lat=float(lat),
        lon=float(lon),
        country=code if len(code) == 2 and code.isalpha() else None,
        precision=precision,
        feature=f"online:{kind or 'place'}",
    )


def _place_to_json(p: Place) -> dict:
    return {"id": p.id, "name": p.name, "lat": p.lat, "lon": p.lon, "country": p.country,
            "precision": p.precision, "feature": p.feature}


class OnlineGeocoder:
    """A geopy geocoder behind a rate limiter and an SQLite answer cache."""

    def __init__(
        self,
        cache_path: Path,
        *,
        service: str = "nominatim",
        domain: str | None = None,
        scheme: str | None = None,
        user_agent: str = USER_AGENT,
        timeout: float = 10.0,
        min_delay_seconds: float = 1.0,
        max_retries: int = 2,
        clock: Callable[[], float] = time.time,
    ) -> None:
        try:
            geocoder_cls = get_geocoder_for_service(service)
        except geopy_exc.GeocoderNotFound as e:
            raise InvalidInput(f"unknown geocoder {service!r}: {e}") from e
        # urllib, not requests: requests' own retries turn a read timeout into a connection error.
        options = {"user_agent": user_agent, "timeout": timeout, "adapter_factory": URLLibAdapter}
        accepted = inspect.signature(geocoder_cls.__init__).parameters
        if domain:
            options["domain"] = domain
        if scheme:
            options["scheme"] = scheme
        unknown = [k for k in options if k not in accepted]
        if unknown:
            raise InvalidInput(f"geocoder {service!r} does not take {', '.join(unknown)}")
        self.service = service
        # Answers are cached per provider: a self-hosted instance is not the public one.
        self.provider = f"{service}@{domain}" if domain else service
        self._geocoder = geocoder_cls(**options)
        self._accepts = inspect.signature(self._geocoder.geocode).parameters
        self._geocode = RateLimiter(self._geocoder.geocode, min_delay_seconds=min_delay_seconds,
                                    max_retries=max_retries, error_wait_seconds=min_delay_seconds,
                                    swallow_exceptions=False)
        self._cache_path = cache_path
        self._clock = clock

    def lookup(self, name: str, *, lang: str | None = None, country: str | None = None) -> list[Candidate]:
        """Candidates from the cache, else from the service (then cached); empty for a miss."""
        query = clean(name)
        key = (self.provider, query.casefold(), lang or "", (country or "").upper())
        cached = self._read(key)
        if cached is not None:
            places = [Place(**p) for p in json.loads(cached)] if cached else []
        else:
            places = self._ask(query, lang=lang, country=country)
            self._write(key, json.dumps([_place_to_json(p) for p in places], ensure_ascii=False) if places else "")
        return [Candidate(place=p, score=float(-i), matched=query, reason=f"online ({self.service})")
                for i, p in enumerate(places)]

    def _ask(self, query: str, *, lang: str | None, country: str | None) -> list[Place]:
        kwargs: dict = {"exactly_one": False}
        if lang and "language" in self._accepts:
            kwargs["language"] = lang
        if country and "country_codes" in self._accepts:
            kwargs["country_codes"] = country.lower()
        if "addressdetails" in self._accepts:
            kwargs["addressdetails"] = True
        try:
            locations = self._geocode(query, **kwargs) or []
        except geopy_exc.GeocoderTimedOut as e:
            raise GeocoderTimedOut(f"{self.service} timed out for {query!r}") from e
        except (geopy_exc.GeocoderUnavailable, geopy_exc.GeocoderQuotaExceeded,
                geopy_exc.GeocoderRateLimited, geopy_exc.GeocoderServiceError) as e:
            raise GeocoderUnavailable(f"{self.service} failed for {query!r}: {e}") from e
        except geopy_exc.GeopyError as e:
            raise GeocoderError(f"{self.service} failed for {query!r}: {e}") from e
        return [place_from_answer(self.service, loc.raw if isinstance(loc.raw, dict) else {},
                                  lat=loc.latitude, lon=loc.longitude, address=loc.address or query)
                for loc in locations]

    def _connect(self) -> sqlite3.Connection:
        try:
            return sqlite3.connect(self._cache_path, timeout=30)
        except sqlite3.Error as e:
            raise CacheError(f"cannot open the answer cache {self._cache_path}: {e}") from e

    def _read(self, key: tuple[str, str, str, str]) -> str | None:
        # None means "never asked"; "" is a cached miss.
        conn = self._connect()
        try:
            row = conn.execute("SELECT answer FROM online WHERE provider=? AND query=? AND lang=? AND country=?",
                               key).fetchone()
        except sqlite3.Error as e:
            raise CacheError(f"cannot read the answer cache {self._cache_path}: {e}") from e
        finally:
            conn.close()
        return None if row is None else (row[0] or "")

    def _write(self, key: tuple[str, str, str, str], answer: str) -> None:
        stamp = datetime.fromtimestamp(self._clock(), tz=timezone.utc).isoformat(timespec="seconds")
        conn = self._connect()
        try:
            with conn:
                conn.execute("INSERT OR REPLACE INTO online VALUES (?,?,?,?,?,?)", (*key, answer or None, stamp))
        except sqlite3.Error as e:
            raise CacheError(f"cannot write the answer cache {self._cache_path}: {e}") from e
        finally:
            conn.close()
