"""The online fallback, against a local Nominatim stub on 127.0.0.1."""

import sqlite3
import time

import pytest

from geo.build import build
from geo.errors import GeocoderTimedOut, GeocoderUnavailable, InvalidInput
from geo.gazetteer import Gazetteer
from geo.online import OnlineGeocoder, place_from_answer

ARNAVUTKOY_RESIDENCE = {
    "place_id": 1, "osm_type": "way", "osm_id": 4242, "lat": "41.0687", "lon": "29.0431",
    "class": "building", "type": "house", "addresstype": "building", "name": "Konsolosluk Konutu",
    "display_name": "Konsolosluk Konutu, Arnavutköy, Beşiktaş, İstanbul, Türkiye",
    "address": {"country_code": "tr"},
}


@pytest.fixture
def cache(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    build(path, inputs=small_inputs)
    return path


def _geocoder(cache, stub, **kw):
    return OnlineGeocoder(cache, domain=stub.domain, scheme="http", min_delay_seconds=0, timeout=2, **kw)


def test_an_answer_is_fetched_once_then_served_from_the_cache(cache, stub_geocoder):
    stub_geocoder.answers["Konsolosluk Konutu"] = [ARNAVUTKOY_RESIDENCE]
    online = _geocoder(cache, stub_geocoder)
    first = online.lookup("Konsolosluk Konutu")
    second = online.lookup("Konsolosluk Konutu")
    assert len(stub_geocoder.requests) == 1
    assert first == second
    place = first[0].place
    assert (place.lat, place.lon, place.country, place.precision) == (41.0687, 29.0431, "TR", "venue")
    conn = sqlite3.connect(cache)
    fetched_at = conn.execute("SELECT fetched_at FROM online").fetchone()[0]
    assert fetched_at.startswith(time.strftime("%Y-"))


def test_a_miss_is_cached_too(cache, stub_geocoder):
    online = _geocoder(cache, stub_geocoder)
    assert online.lookup("Nowhere At All") == []
    assert online.lookup("Nowhere At All") == []
    assert len(stub_geocoder.requests) == 1


def test_the_gazetteer_asks_online_only_for_what_it_lacks(cache, small_inputs, stub_geocoder):
    stub_geocoder.answers["Konsolosluk Konutu"] = [ARNAVUTKOY_RESIDENCE]
    online = _geocoder(cache, stub_geocoder)
    with Gazetteer.open(cache, inputs=small_inputs, build_if_needed=False) as g:
        assert g.best("Riyadh", online=online).place.country == "SA"
        assert stub_geocoder.requests == []
        assert g.best("Konsolosluk Konutu", online=online).place.precision == "venue"
    assert len(stub_geocoder.requests) == 1


def test_a_server_error_is_translated_and_not_cached(cache, stub_geocoder):
    stub_geocoder.status = 502
    online = _geocoder(cache, stub_geocoder, max_retries=0)
    with pytest.raises(GeocoderUnavailable) as err:
        online.lookup("Riyadh Gate")
    assert isinstance(err.value, ConnectionError)
    stub_geocoder.status = 200
    assert online.lookup("Riyadh Gate") == []
    assert len(stub_geocoder.requests) == 2


def test_a_slow_server_times_out_as_our_error(cache, stub_geocoder):
    stub_geocoder.delay = 1.5
    online = OnlineGeocoder(cache, domain=stub_geocoder.domain, scheme="http", min_delay_seconds=0, timeout=0.3,
                            max_retries=0)
    with pytest.raises(GeocoderTimedOut) as err:
        online.lookup("Slow Town")
    assert isinstance(err.value, TimeoutError)


def test_requests_are_rate_limited(cache, stub_geocoder):
    online = OnlineGeocoder(cache, domain=stub_geocoder.domain, scheme="http", min_delay_seconds=0.3, timeout=2)
    t0 = time.perf_counter()
    for name in ("One", "Two", "Three"):
        online.lookup(name)
    assert time.perf_counter() - t0 >= 0.6


def test_unknown_geocoder_is_a_clear_error(cache):
    with pytest.raises(InvalidInput, match="unknown geocoder"):
        OnlineGeocoder(cache, service="no-such-service")


@pytest.mark.parametrize("raw,precision", [
    ({"addresstype": "country", "address": {"country_code": "sa"}}, "country"),
    ({"addresstype": "state"}, "region"),
    ({"addresstype": "suburb"}, "city"),
    ({"class": "natural", "type": "strait", "addresstype": "strait"}, "water"),
    ({"class": "amenity", "type": "embassy"}, "venue"),
    ({}, "city"),
])
def test_answers_map_to_a_precision(raw, precision):
    assert place_from_answer("nominatim", raw, lat=1.0, lon=2.0, address="Somewhere, X").precision == precision
