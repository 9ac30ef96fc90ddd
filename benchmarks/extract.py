"""Extraction speed benchmark: start-up, articles/s, peak memory, and flashgeotext for scale.

    python benchmarks/extract.py [-n 500] [--langs en,vi,ar] [--seed 7] [--data DIR]
                                 [--geoparser module:attr] [--skip-flashgeotext]

Builds N articles (default 500) of 3-8 kB of UTF-8 each, in equal shares per language: Vietnamese
and Arabic from the seed articles in assets/samples/*.txt (languages from manifest.jsonl), English
from the texts of the LGL, GeoWebNews and TR-News corpora in ../shared/data/geoparsing/. Each
article starts at a random line of a random source text and runs on through the texts of its
language, in a random order, until a random size in [3, 8] kB is reached; it is then cut at the last
sentence or word boundary under that size. The seeds are few, so Vietnamese and Arabic articles
repeat the same paragraphs in different orders and cuts.

Each measure runs in a fresh subprocess of this script, so that none pays for another's imports and
peak memory is the geoparser's own:
  startup_s                 Geoparser.open() plus the first parse; startup_total_s adds the import of
                            the geoparser's module, where a lazy implementation may move work
  diplomap_articles_per_s   single process, parse all articles once to warm up, then time a second pass
  diplomap_articles_per_cpu_s  the same pass per second of the process's CPU time: on a machine other
                            processes share, wall time also counts their turns
  diplomap_places_articles_per_s  the same for the place pipeline alone (Geoparser.places: recognition
                            and resolution, no dates or meetings), in a process of its own
  peak_memory_mb            ru_maxrss of that process (open, two passes)
  flashgeotext_articles_per_s  GeoText().extract(input_text=...) on the same articles, same protocol
  ratio_diplomap_flashgeotext  diplomap articles/s divided by flashgeotext articles/s
Output: one `name value` line per measure on stdout. Targets: full extraction (places, dates and
meetings: what Geoparser.parse does) >= 150 articles/s for 3-8 kB articles (the place pipeline alone
>= 200), start-up <= 3 s, peak memory <= 1.5 GB. No network access is needed.
"""

from __future__ import annotations

import argparse
import importlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

DATA = REPO.parent / "shared" / "data" / "geoparsing"
SAMPLES = REPO / "assets" / "samples"
CORPUS_FILES = ("lgl.xml", "GWN.xml", "TR-News.xml")
MIN_BYTES, MAX_BYTES = 3000, 8000
_BREAKS = (". ", ".\n", "\n", "? ", "! ", "。", "؟ ", "۔ ")
TARGETS = {"diplomap_articles_per_s": (">=", 150.0), "diplomap_places_articles_per_s": (">=", 200.0),
           "startup_s": ("<=", 3.0), "peak_memory_mb": ("<=", 1536.0)}


def sample_texts(samples: Path) -> dict[str, list[str]]:
    """Seed article texts by language, from assets/samples (manifest.jsonl names each file's language)."""
    langs = {}
    manifest = samples / "manifest.jsonl"
    if manifest.exists():
        for line in manifest.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                langs[row["file"]] = row.get("lang")
    out: dict[str, list[str]] = {}
    for f in sorted(samples.glob("*.txt")):
        text = f.read_text(encoding="utf-8")
        lang = langs.get(f.name) or ("ar" if any("\u0600" <= c <= "\u06ff" for c in text[:500]) else "vi")
        out.setdefault(lang, []).append(text)
    return out


def corpus_texts(data: Path, files: tuple[str, ...] = CORPUS_FILES) -> list[str]:
    """The article texts of the English geoparsing corpora."""
    texts = []
    for name in files:
        if (data / name).exists():
            texts += [a.findtext("text") or "" for a in ET.parse(data / name).getroot().iter("article")]
    return [t for t in texts if t.strip()]


def utf8_len(text: str) -> int:
    return len(text.encode("utf-8"))


def trim(text: str, limit: int, floor: int = MIN_BYTES) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, at the last sentence (else word) boundary that keeps at
    least `floor` bytes; at the byte limit itself when there is no such boundary."""
    if utf8_len(text) <= limit:
        return text
    cut = text.encode("utf-8")[:limit].decode("utf-8", errors="ignore")
    for marks in (_BREAKS, (" ",)):
        i = max(cut.rfind(m) + len(m.rstrip()) for m in marks)
        if i > 0 and utf8_len(cut[:i]) >= floor:
            return cut[:i].rstrip()
    return cut


def build_articles(pools: dict[str, list[str]], n: int, seed: int = 7, lo: int = MIN_BYTES,
                   hi: int = MAX_BYTES) -> list[tuple[str, str]]:
    """`n` (lang, text) articles of `lo`..`hi` UTF-8 bytes, languages in turn (see module docstring)."""
    rng = random.Random(seed)
    lines = {lang: [[ln for ln in t.splitlines() if ln.strip()] for t in texts] for lang, texts in pools.items()}
    langs = sorted(lang for lang, docs in lines.items() if any(docs))
    if not langs:
        raise SystemExit("no source texts: check --data and assets/samples")
    out = []
    for i in range(n):
        lang = langs[i % len(langs)]
        docs = [d for d in lines[lang] if d]
        target = rng.randint(lo, hi)
        order = rng.sample(range(len(docs)), len(docs))
        first = docs[order[0]]
        parts, size, k = first[rng.randrange(len(first)):], 0, 1
        size = utf8_len("\n".join(parts))
        while size < target:
            parts += docs[order[k % len(order)]]
            k += 1
            size = utf8_len("\n".join(parts))
        out.append((lang, trim("\n".join(parts), target, lo)))
    return out


def peak_rss_mb() -> float:
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss / 1024 / 1024 if sys.platform == "darwin" else rss / 1024


def load_geoparser(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr or "Geoparser")


def timed_passes(fn, items: list) -> tuple[float, int, float]:
    """Items per second of `fn` over `items` on a second pass (the first one warms up), what the
    second pass returned summed (e.g. mentions found), and items per second of CPU time."""
    for x in items:
        fn(x)
    t, c, found = time.perf_counter(), time.process_time(), 0
    for x in items:
        found += fn(x)
    return len(items) / (time.perf_counter() - t), found, len(items) / (time.process_time() - c)


def child(mode: str, path: Path, spec: str) -> dict:
    """One measure, in this (fresh) process; `path` is a JSONL of {"lang", "text"} articles."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    if mode == "flashgeotext":
        t = time.perf_counter()
        from flashgeotext.geotext import GeoText
        gt = GeoText()
        load_s = time.perf_counter() - t
        rate, found, _ = timed_passes(lambda r: sum(v["count"] for kind in gt.extract(input_text=r["text"]).values()
                                                    for v in kind.values()), rows)
        return {"load_s": load_s, "rate": rate, "found": found, "peak_mb": peak_rss_mb()}
    t0 = time.perf_counter()
    from extract.types import Article
    cls = load_geoparser(spec)
    t1 = time.perf_counter()
    gp = cls.open()
    t2 = time.perf_counter()
    arts = [Article(id=f"bench-{i}", text=r["text"], lang=r["lang"]) for i, r in enumerate(rows)]
    if mode == "startup":
        gp.parse(arts[0])
        return {"import_s": t1 - t0, "open_s": t2 - t1, "first_parse_s": time.perf_counter() - t2}
    if mode == "places":
        rate, found, cpu_rate = timed_passes(lambda a: len(gp.places(a)[0]), arts)
        return {"rate": rate, "cpu_rate": cpu_rate, "found": found}
    rate, found, cpu_rate = timed_passes(lambda a: len(gp.parse(a).places), arts)
    return {"open_s": t2 - t1, "rate": rate, "cpu_rate": cpu_rate, "found": found, "peak_mb": peak_rss_mb()}


def in_subprocess(mode: str, path: Path, spec: str) -> dict:
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--child", mode, "--articles", str(path),
                          "--geoparser", spec], capture_output=True, text=True, cwd=REPO)
    if out.returncode != 0:
        sys.stderr.write(out.stderr)
        raise SystemExit(f"the {mode} measure failed (exit {out.returncode})")
    return json.loads(out.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", "--n", type=int, default=500, help="number of articles (default 500)")
    ap.add_argument("--langs", default="en,vi,ar", help="languages to mix, in equal shares (default en,vi,ar)")
    ap.add_argument("--seed", type=int, default=7, help="random seed of the article builder")
    ap.add_argument("--data", type=Path, default=DATA, help=f"directory of the English corpora (default {DATA})")
    ap.add_argument("--geoparser", default="extract.geoparse:Geoparser", help="module:attr of the Geoparser class")
    ap.add_argument("--skip-flashgeotext", action="store_true", help="do not measure flashgeotext")
    ap.add_argument("--child", choices=("startup", "diplomap", "places", "flashgeotext"), help=argparse.SUPPRESS)
    ap.add_argument("--articles", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        print(json.dumps(child(args.child, args.articles, args.geoparser)))
        return 0

    wanted = set(args.langs.split(","))
    pools = {lang: texts for lang, texts in sample_texts(SAMPLES).items() if lang in wanted}
    if "en" in wanted:
        pools["en"] = corpus_texts(args.data)
    articles = build_articles(pools, args.n, args.seed)
    sizes = [utf8_len(t) for _, t in articles]
    mix = {lang: sum(1 for a, _ in articles if a == lang) for lang in sorted(pools)}
    print(f"articles {len(articles)}")
    print(f"article_kb_mean {sum(sizes) / len(sizes) / 1000:.2f}")
    print(f"article_kb_range {min(sizes) / 1000:.2f}-{max(sizes) / 1000:.2f}")
    print("languages " + ",".join(f"{lang}={k}" for lang, k in mix.items()))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        path.write_text("".join(json.dumps({"lang": lang, "text": t}, ensure_ascii=False) + "\n"
                                for lang, t in articles), encoding="utf-8")
        s = in_subprocess("startup", path, args.geoparser)
        measures = {"startup_s": s["open_s"] + s["first_parse_s"],
                    "startup_total_s": s["import_s"] + s["open_s"] + s["first_parse_s"],
                    "startup_import_s": s["import_s"], "startup_open_s": s["open_s"],
                    "startup_first_parse_s": s["first_parse_s"]}
        d = in_subprocess("diplomap", path, args.geoparser)
        measures |= {"diplomap_articles_per_s": d["rate"], "diplomap_articles_per_cpu_s": d["cpu_rate"],
                     "diplomap_places_per_article": d["found"] / len(articles),
                     "peak_memory_mb": d["peak_mb"]}
        p = in_subprocess("places", path, args.geoparser)
        measures |= {"diplomap_places_articles_per_s": p["rate"], "diplomap_places_articles_per_cpu_s": p["cpu_rate"]}
        if not args.skip_flashgeotext:
            f = in_subprocess("flashgeotext", path, args.geoparser)
            measures |= {"flashgeotext_load_s": f["load_s"], "flashgeotext_articles_per_s": f["rate"],
                         "flashgeotext_places_per_article": f["found"] / len(articles),
                         "ratio_diplomap_flashgeotext": d["rate"] / f["rate"]}
    for name, value in measures.items():
        print(f"{name} {value:.3f}" if value < 100 else f"{name} {value:.1f}")
    missed = [f"{k} {measures[k]:.2f} (target {op} {v:g})" for k, (op, v) in TARGETS.items()
              if not (measures[k] >= v if op == ">=" else measures[k] <= v)]
    print("targets: " + ("all met" if not missed else "missed: " + "; ".join(missed)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
