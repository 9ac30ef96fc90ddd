"""The cache is built once, found again, and survives corruption and concurrent builders."""

import multiprocessing
import sqlite3
import time

import pytest

from geo.build import build
from geo.cache import cache_state
from geo.errors import CacheError
from geo.gazetteer import Gazetteer


def test_build_then_open_without_rebuilding(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    first = build(path, inputs=small_inputs)
    second = build(path, inputs=small_inputs)
    assert first.built and not second.built
    assert first.places == 8  # 5 cities, 2 countries, 1 strait
    with Gazetteer.open(path, inputs=small_inputs, build_if_needed=False) as g:
        assert g.best("الرياض").place.name == "Riyadh"


def test_changed_inputs_make_the_cache_stale_and_it_is_rebuilt(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    build(path, inputs=small_inputs)
    regions = small_inputs.assets / "regions.csv"
    regions.write_text(regions.read_text() + "red-sea,water,Red Sea,,20,38,900,,en:Red Sea|ar:البحر الأحمر,test\n")
    assert cache_state(path, small_inputs.stamp()) == "stale"
    with Gazetteer.open(path, inputs=small_inputs) as g:
        assert g.best("البحر الأحمر").place.precision == "water"


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "incomplete"])
def test_a_damaged_cache_is_detected_and_rebuilt(small_inputs, tmp_path, damage):
    path = tmp_path / "g.sqlite"
    build(path, inputs=small_inputs)
    data = path.read_bytes()
    if damage == "truncate":
        path.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        path.write_bytes(b"\x00not a database" * 1000)
    elif damage == "empty":
        path.write_bytes(b"")
    else:  # a build that died before it marked the file complete
        conn = sqlite3.connect(path)
        conn.execute("DELETE FROM meta WHERE key = 'complete'")
        conn.commit()
        conn.close()
    assert cache_state(path, small_inputs.stamp()) == "corrupt"
    with pytest.raises(CacheError, match="corrupt"):
        Gazetteer.open(path, inputs=small_inputs, build_if_needed=False)
    with Gazetteer.open(path, inputs=small_inputs) as g:
        assert g.best("Riyadh").place.country == "SA"
    assert cache_state(path, small_inputs.stamp()) == "ok"


def _build_in_child(path, inputs, results):
    results.put(build(path, inputs=inputs).built)


def test_two_processes_building_at_once_build_once_and_leave_a_sound_file(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    ctx = multiprocessing.get_context("fork")
    results = ctx.Queue()
    procs = [ctx.Process(target=_build_in_child, args=(path, small_inputs, results)) for _ in range(3)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    built = sorted(results.get(timeout=5) for _ in procs)
    assert built == [False, False, True]
    assert cache_state(path, small_inputs.stamp()) == "ok"
    assert not list(tmp_path.glob("*.tmp"))


def test_online_answers_survive_a_rebuild(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    build(path, inputs=small_inputs)
    conn = sqlite3.connect(path)
    conn.execute("INSERT INTO online VALUES ('nominatim', 'x', '', '', NULL, ?)", (time.strftime("%F"),))
    conn.commit()
    conn.close()
    build(path, inputs=small_inputs, force=True)
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM online").fetchone()[0] == 1
    conn.close()


def test_false_names_are_dropped_from_their_place_and_change_the_stamp(small_inputs, tmp_path):
    path = tmp_path / "g.sqlite"
    stamp = small_inputs.stamp()
    (small_inputs.assets / "false_names.csv").write_text("geonameid,name,note\n108410,Riad,test\n", encoding="utf-8")
    assert small_inputs.stamp() != stamp
    build(path, inputs=small_inputs)
    with Gazetteer.open(path, inputs=small_inputs, build_if_needed=False) as g:
        assert [c.place.name for c in g.lookup("Riyadh")] == ["Riyadh"]
        assert [c.place.name for c in g.lookup("الرياض")] == ["Riyadh"]
        assert all(c.matched != "Riad" for c in g.lookup("Riad"))
