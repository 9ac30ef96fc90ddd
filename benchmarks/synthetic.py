"""Synthetic diplomatic meetings for benchmarks and browser tests: realistic, reproducible, hostile.

    from benchmarks.synthetic import synthetic_events, synthetic_extractions
    events = synthetic_events(10_000, seed=1)            # Event objects, ready for the dashboard
    extractions = synthetic_extractions(200, seed=1)     # one Article + Meeting each, for EventStore.add

Meetings are spread over 2024-01-01 … 2025-12-31 between the countries of `COUNTRIES`, held in a
participant's capital (or a third country's), at a curated venue (assets/venues.csv), in a region
(assets/regions.csv) or known only to the country; phone calls have no place. Reports are written in
en, ar, vi, ru, fr, tr and es with country names from CLDR (Babel), so Arabic evidence is
right-to-left and Vietnamese carries its tone marks; highlights mark the place and the date in the
evidence as the extractor does. Some evidence and titles carry markup (`<script>`,
`<img onerror>`, `</script>`): every surface must show it as text.

Capitals come from the gazetteer (`Gazetteer.capital`) when one is given, otherwise from
assets/country_points.csv (label points: good enough for load, not for looking at).
"""

from __future__ import annotations

import csv
import random
from datetime import date, timedelta
from pathlib import Path

from babel import Locale

from extract.types import Article, Event, Extraction, Meeting, Report
from geo.types import Place

REPO = Path(__file__).resolve().parents[1]
ASSETS = REPO / "assets"
START, END = date(2024, 1, 1), date(2025, 12, 31)
COUNTRIES = ("RU", "US", "UA", "SA", "QA", "TR", "CN", "IN", "FR", "DE", "GB", "VN", "JP", "KR", "BR", "ZA",
             "EG", "AE", "IR", "IL", "BY", "KZ", "ID", "AU", "CA", "MX", "NG", "ET", "PL", "IT", "ES", "FJ",
             "CH", "AT", "FI", "NO", "HU", "RS", "AZ", "AM", "GE", "PK", "BD", "TH", "MY", "SG", "PH", "AR")
ORGANISATIONS = ("UN", "EU", "NATO")
LANGS = ("en", "ar", "vi", "ru", "fr", "tr", "es")
KIND_WEIGHTS = {"talks": 45, "visit": 25, "phone_call": 20, "summit": 10}
HOSTILE = ('<script>alert("xss")</script>', '<img src=x onerror=alert(1)>', '</script><script>alert(2)</script>')

# One sentence per language and kind class: {a}, {b} participants, {place}, {date}.
TEMPLATES = {
    "en": ("{a} and {b} held talks in {place} on {date}.", "The leaders of {a} and {b} spoke by phone on {date}."),
    "ar": ("أجرى وفدا {a} و{b} محادثات في {place} يوم {date}.", "أجرى رئيسا {a} و{b} اتصالا هاتفيا يوم {date}."),
    "vi": ("Phái đoàn {a} và {b} đã hội đàm tại {place} ngày {date}.",
           "Lãnh đạo {a} và {b} đã điện đàm ngày {date}."),
    "ru": ("Делегации {a} и {b} провели переговоры в {place} {date}.",
           "Лидеры {a} и {b} провели телефонный разговор {date}."),
    "fr": ("Les délégations {a} et {b} se sont rencontrées à {place} le {date}.",
           "Les dirigeants {a} et {b} se sont entretenus par téléphone le {date}."),
    "tr": ("{a} ve {b} heyetleri {date} tarihinde {place} kentinde görüştü.",
           "{a} ve {b} liderleri {date} tarihinde telefonda görüştü."),
    "es": ("Las delegaciones de {a} y {b} se reunieron en {place} el {date}.",
           "Los líderes de {a} y {b} hablaron por teléfono el {date}."),
}


def _country_points() -> dict[str, tuple[float, float]]:
    with open(ASSETS / "country_points.csv", encoding="utf-8") as f:
        return {r["country"]: (float(r["lat"]), float(r["lon"])) for r in csv.DictReader(f)}


def _venues() -> list[Place]:
    with open(ASSETS / "venues.csv", encoding="utf-8") as f:
        return [Place(id=f"venue:{r['id']}", name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]),
                      country=r["country"], precision="venue", feature="venue", city=r["city"])
                for r in csv.DictReader(f)]


def _regions() -> list[Place]:
    with open(ASSETS / "regions.csv", encoding="utf-8") as f:
        return [Place(id=f"{r['kind']}:{r['id']}", name=r["name"], lat=float(r["lat"]), lon=float(r["lon"]),
                      country=r["country"] or None, precision=r["kind"], feature=r["kind"],
                      radius_km=float(r["radius_km"] or 0))
                for r in csv.DictReader(f) if r["kind"] == "region" and r["country"]]


def capital_places(gazetteer: object | None = None) -> dict[str, Place]:
    """A city place per country of COUNTRIES: its capital from the gazetteer, else its label point."""
    points = _country_points()
    out = {}
    for cc in COUNTRIES:
        if gazetteer is not None:
            out[cc] = gazetteer.capital(cc)
        else:
            lat, lon = points[cc]
            out[cc] = Place(id=f"capital:{cc}", name=f"{cc} capital", lat=lat, lon=lon, country=cc,
                            precision="city", feature="capital")
    return out


def _names(lang: str) -> dict[str, str]:
    names = dict(Locale(lang).territories)
    names.update({"UN": "UN", "EU": "EU", "NATO": "NATO"})
    return names


class _Generator:
    def __init__(self, seed: int, gazetteer: object | None) -> None:
        self.rng = random.Random(seed)
        self.capitals = capital_places(gazetteer)
        self.venues = _venues()
        self.regions = _regions()
        self.points = _country_points()
        self.names = {lang: _names(lang) for lang in LANGS}

    def participants(self) -> tuple[str, ...]:
        rng = self.rng
        k = rng.choices((2, 3), (85, 15))[0]
        chosen = set(rng.sample(COUNTRIES, k))
        if rng.random() < 0.05:
            chosen.add(rng.choice(ORGANISATIONS))
        return tuple(sorted(chosen))

    def place(self, participants: tuple[str, ...]) -> Place:
        rng = self.rng
        roll = rng.random()
        if roll < 0.10:
            return rng.choice(self.venues)
        if roll < 0.15:
            return rng.choice(self.regions)
        if roll < 0.20:
            cc = rng.choice([p for p in participants if p in self.points] or list(COUNTRIES))
            lat, lon = self.points[cc]
            return Place(id=f"country:{cc}", name=Locale("en").territories.get(cc, cc), lat=lat, lon=lon,
                         country=cc, precision="country", feature="country")
        hosts = [p for p in participants if p in self.capitals]
        if hosts and roll < 0.85:
            return self.capitals[rng.choice(hosts)]
        return self.capitals[rng.choice(COUNTRIES)]

    def report(self, i: int, n: int, meeting_args: dict, lang: str, article_id: str) -> Report:
        names = self.names[lang]
        a, b = (names.get(p, p) for p in meeting_args["participants"][:2])
        place = meeting_args["place"]
        place_text = (place.name if place else "")
        day = meeting_args["date"]
        date_text = day.isoformat() if lang in ("en", "ru") else f"{day.day}/{day.month}"
        template = TEMPLATES[lang][1 if meeting_args["kind"] == "phone_call" else 0]
        hostile = i % 997 == 1 and n == 0
        evidence = template.format(a=a, b=b, place=place_text, date=date_text)
        if hostile:
            evidence = f"{HOSTILE[0]} {evidence} {HOSTILE[1]}"
        highlights = []
        if place_text and place_text in evidence:
            s = evidence.index(place_text)
            highlights.append((s, s + len(place_text), "place"))
        s = evidence.index(date_text)
        highlights.append((s, s + len(date_text), "date"))
        meeting = Meeting(evidence=evidence, evidence_start=0, highlights=tuple(sorted(highlights)),
                          date_text=date_text, confidence=round(self.rng.uniform(0.55, 0.98), 2), **meeting_args)
        published = day + timedelta(days=self.rng.choice((0, 0, 1, 1, 2, 5)))
        title = HOSTILE[2] if hostile else f"{a} – {b}: {meeting_args['kind'].replace('_', ' ')}"
        return Report(article_id=article_id, meeting=meeting, lang=lang, published=published, title=title,
                      url=f"https://news.example/{lang}/{article_id}")

    def event(self, i: int) -> Event:
        rng = self.rng
        kind = rng.choices(list(KIND_WEIGHTS), list(KIND_WEIGHTS.values()))[0]
        participants = self.participants()
        place = None if kind == "phone_call" else self.place(participants)
        day = START + timedelta(days=rng.randrange((END - START).days + 1))
        precision = rng.choices(("day", "month", "approx"), (90, 5, 5))[0]
        status = "planned" if rng.random() < 0.08 else "held"
        args = {"kind": kind, "date": day, "date_precision": precision, "place": place,
                "participants": participants, "status": status}
        langs = rng.sample(LANGS, rng.choices((1, 2, 3), (70, 20, 10))[0])
        reports = tuple(self.report(i, n, args, lang, f"syn{i:06d}-{lang}") for n, lang in enumerate(langs))
        return Event(id=f"syn-{i:06d}", kind=kind, date=day, date_precision=precision, place=place,
                     participants=participants, status=status,
                     confidence=max(r.meeting.confidence for r in reports), reports=reports)


def synthetic_events(n: int, *, seed: int = 0, gazetteer: object | None = None) -> list[Event]:
    """N merged events with one to three reports each, sorted by date."""
    gen = _Generator(seed, gazetteer)
    return sorted((gen.event(i) for i in range(n)), key=lambda e: (e.date, e.id))


def synthetic_extractions(n: int, *, seed: int = 0, gazetteer: object | None = None) -> list[Extraction]:
    """The reports of N synthetic events as extractions: one article (its evidence as text) per report."""
    out = []
    for event in synthetic_events(n, seed=seed, gazetteer=gazetteer):
        for r in event.reports:
            article = Article(id=r.article_id, text=r.meeting.evidence, lang=r.lang, published=r.published,
                              url=r.url, title=r.title)
            out.append(Extraction(article=article, meetings=(r.meeting,)))
    return out
