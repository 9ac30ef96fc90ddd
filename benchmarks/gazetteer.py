"""Gazetteer benchmark: build time, open time, lookup throughput, size on disk.

    python benchmarks/gazetteer.py [--reuse]

Builds from scratch into a temporary cache (or, with --reuse, uses the current one), then
prints one line per measure. Targets (issue 2): build <= 90 s, open <= 0.5 s,
>= 50,000 lookups/s warm, <= 400 MB on disk.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from geo.build import build  # noqa: E402
from geo.cache import gazetteer_path  # noqa: E402
from geo.gazetteer import Gazetteer  # noqa: E402
from geo.sources import geonames_path  # noqa: E402

QUERIES_PER_PASS = 20_000


def sample_names(n: int, seed: int = 7) -> list[str]:
    """Names as a news reader meets them: real names of real places, in many scripts."""
    with geonames_path("cities15000.json").open(encoding="utf-8") as f:
        cities = list(json.load(f).values())
    rng = random.Random(seed)
    names = []
    while len(names) < n:
        c = rng.choice(cities)
        pool = [c["name"], *[a for a in c["alternatenames"] if a]]
        names.append(rng.choice(pool))
    names += ["Riyadh", "بالرياض", "Mát-xcơ-va", "Гомель", "Ả rập Xê út", "Biển Đen", "أرنافوتكوي", "Nowhereville"]
    return names


def open_seconds(path: Path) -> float:
    """Time to open the built cache in a fresh process, as a CLI start would."""
    code = ("import time;t=time.perf_counter();from geo.gazetteer import Gazetteer;"
            f"g=Gazetteer.open(__import__('pathlib').Path({str(path)!r}),build_if_needed=False);"
            "g.lookup('Riyadh');print(time.perf_counter()-t)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parent.parent)
    return float(out.stdout.strip())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reuse", action="store_true", help="measure the current cache instead of building one")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = gazetteer_path() if args.reuse else Path(tmp) / "gazetteer.sqlite"
        t0 = time.perf_counter()
        summary = build(path, force=not args.reuse)
        build_s = time.perf_counter() - t0
        print(f"build_seconds        {build_s:8.1f}   {'(reused)' if not summary.built else ''}")
        print(f"places               {summary.places:8,}")
        print(f"name_keys            {summary.names:8,}")
        print(f"languages            {summary.languages:8}")
        print(f"size_mb              {summary.size_bytes / 1e6:8.1f}")
        print(f"open_seconds         {open_seconds(path):8.3f}   (fresh process, incl. first lookup)")

        names = sample_names(QUERIES_PER_PASS)
        with Gazetteer.open(path, build_if_needed=False) as g:
            t0 = time.perf_counter()
            found = sum(1 for n in names if g.lookup(n))
            cold = time.perf_counter() - t0
            t0 = time.perf_counter()
            for _ in range(5):
                for n in names:
                    g.lookup(n)
            warm = (time.perf_counter() - t0) / 5
        print(f"lookups_per_s_cold   {len(names) / cold:8,.0f}   ({len(names):,} distinct-ish names, empty memo)")
        print(f"lookups_per_s_warm   {len(names) / warm:8,.0f}   (same names again)")
        print(f"found_share          {found / len(names):8.3f}")
        print(f"peak_rss_mb          {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:8.0f}")


if __name__ == "__main__":
    main()
