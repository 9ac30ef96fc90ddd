"""Ingest benchmark: a synthetic multilingual corpus of N articles through `diplomap ingest`.

    python benchmarks/ingest.py [-n 10000] [--seed 7] [--keep DIR]

Writes N articles (default 10,000) to one JSONL file, Vietnamese, Arabic, English and Russian in
turn, as a news feed mixes them, built from sentence templates: a meeting sentence (talks, summit,
phone call or visit between two of 24 countries, in one of their capitals or a third country's,
on a date written the way that language writes it), then quotes, background and filler until the
article is 3–8 kB. Every article is distinct, so none is skipped as a duplicate.

Runs `extract.ingest.ingest` (what `diplomap ingest` runs) in a fresh process on an empty store
and prints one `name value` line per measure:
  articles                 articles ingested
  ingest_seconds           wall time of the whole ingest, store writes and the final merge included
  cpu_seconds              CPU time of the ingesting process over the same span (less sensitive
                           than wall time to other processes on a shared machine)
  articles_per_s           articles / ingest_seconds
  merge_seconds            the final merge of every meeting into events
  meetings, events         what the store holds at the end
  peak_memory_mb           ru_maxrss of the ingesting process
  rss_after_warmup_mb      resident memory after the first article of each language (each language
                           loads its pipeline and word-frequency table once, on first use)
  rss_after_{25,50,75,100}pct_mb  resident memory as the corpus grows (should stay flat)
  rss_after_merge_mb       resident memory after the final merge, which holds every meeting at once
Target: 10,000 articles in <= 120 s; memory flat.
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
from datetime import date, timedelta
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

# code: (English, Vietnamese, Arabic, Russian nominative, Russian locative) names and capital names
COUNTRIES = {
    "RU": (("Russia", "Nga", "روسيا", "Россия"), ("Moscow", "Moskva", "موسكو", "Москве")),
    "US": (("the United States", "Mỹ", "الولايات المتحدة", "США"), ("Washington", "Washington", "واشنطن", "Вашингтоне")),
    "UA": (("Ukraine", "Ukraine", "أوكرانيا", "Украина"), ("Kyiv", "Kiev", "كييف", "Киеве")),
    "CN": (("China", "Trung Quốc", "الصين", "Китай"), ("Beijing", "Bắc Kinh", "بكين", "Пекине")),
    "FR": (("France", "Pháp", "فرنسا", "Франция"), ("Paris", "Paris", "باريس", "Париже")),
    "DE": (("Germany", "Đức", "ألمانيا", "Германия"), ("Berlin", "Berlin", "برلين", "Берлине")),
    "TR": (("Turkey", "Thổ Nhĩ Kỳ", "تركيا", "Турция"), ("Ankara", "Ankara", "أنقرة", "Анкаре")),
    "SA": (("Saudi Arabia", "Ả rập Xê út", "السعودية", "Саудовская Аравия"), ("Riyadh", "Riyadh", "الرياض", "Эр-Рияде")),
    "QA": (("Qatar", "Qatar", "قطر", "Катар"), ("Doha", "Doha", "الدوحة", "Дохе")),
    "EG": (("Egypt", "Ai Cập", "مصر", "Египет"), ("Cairo", "Cairo", "القاهرة", "Каире")),
    "IN": (("India", "Ấn Độ", "الهند", "Индия"), ("New Delhi", "New Delhi", "نيودلهي", "Нью-Дели")),
    "JP": (("Japan", "Nhật Bản", "اليابان", "Япония"), ("Tokyo", "Tokyo", "طوكيو", "Токио")),
    "VN": (("Vietnam", "Việt Nam", "فيتنام", "Вьетнам"), ("Hanoi", "Hà Nội", "هانوي", "Ханое")),
    "IR": (("Iran", "Iran", "إيران", "Иран"), ("Tehran", "Tehran", "طهران", "Тегеране")),
    "AE": (("the United Arab Emirates", "UAE", "الإمارات", "ОАЭ"), ("Abu Dhabi", "Abu Dhabi", "أبوظبي", "Абу-Даби")),
    "BY": (("Belarus", "Belarus", "بيلاروسيا", "Белоруссия"), ("Minsk", "Minsk", "مينسك", "Минске")),
    "GB": (("Britain", "Anh", "بريطانيا", "Великобритания"), ("London", "London", "لندن", "Лондоне")),
    "IT": (("Italy", "Italy", "إيطاليا", "Италия"), ("Rome", "Rome", "روما", "Риме")),
    "ES": (("Spain", "Tây Ban Nha", "إسبانيا", "Испания"), ("Madrid", "Madrid", "مدريد", "Мадриде")),
    "BR": (("Brazil", "Brazil", "البرازيل", "Бразилия"), ("Brasília", "Brasília", "برازيليا", "Бразилиа")),
    "KZ": (("Kazakhstan", "Kazakhstan", "كازاخستان", "Казахстан"), ("Astana", "Astana", "أستانا", "Астане")),
    "PL": (("Poland", "Ba Lan", "بولندا", "Польша"), ("Warsaw", "Warsaw", "وارسو", "Варшаве")),
    "IL": (("Israel", "Israel", "إسرائيل", "Израиль"), ("Jerusalem", "Jerusalem", "القدس", "Иерусалиме")),
    "JO": (("Jordan", "Jordan", "الأردن", "Иордания"), ("Amman", "Amman", "العاصمة الأردنية عمان", "Аммане")),
}
LANG_INDEX = {"en": 0, "vi": 1, "ar": 2, "ru": 3}
AR_MONTHS = ["يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر", "أكتوبر", "نوفمبر",
             "ديسمبر"]
RU_MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа", "сентября", "октября",
             "ноября", "декабря"]
EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
             "November", "December"]
MEETING = {
    "en": ["Delegations of {a} and {b} held talks in {city} on {date}.",
           "The leaders of {a} and {b} spoke by phone on {date}, officials said.",
           "Leaders of {a} and {b} met at a summit in {city} on {date}.",
           "The foreign minister of {a} arrived in {city} on {date} for an official visit to {b}."],
    "vi": ["Phái đoàn {a} và {b} đàm phán tại {city} vào ngày {date}.",
           "Ngày {date}, lãnh đạo {a} và {b} đã điện đàm về quan hệ song phương.",
           "Lãnh đạo {a} và {b} dự hội nghị thượng đỉnh tại {city} ngày {date}.",
           "Ngoại trưởng {a} có chuyến thăm {b} và đến {city} hôm {date}."],
    "ar": ["عقدت في {city} محادثات بين وفدي {a} و{b} في {date}.",
           "أجرى رئيسا {a} و{b} اتصالا هاتفيا في {date} بحثا خلاله العلاقات الثنائية.",
           "شارك زعيما {a} و{b} في قمة عقدت في {city} في {date}.",
           "وصل وزير خارجية {a} إلى {city} في {date} في زيارة رسمية إلى {b}."],
    "ru": ["Делегации {a} и {b} провели переговоры в {city} {date}.",
           "Лидеры {a} и {b} провели телефонный разговор {date}.",
           "Лидеры {a} и {b} встретились на саммите в {city} {date}.",
           "Министр иностранных дел {a} прибыл с визитом в {city} {date}."],
}
FILLER = {
    "en": ["The two sides discussed trade, energy and security, according to a statement released afterwards.",
           "Analysts said the contacts could pave the way for a broader agreement later in the year.",
           "Officials declined to give details of the discussions but described them as constructive.",
           "The ministry said further consultations at expert level would follow in the coming weeks."],
    "vi": ["Hai bên đã trao đổi về thương mại, năng lượng và an ninh, theo thông cáo được công bố sau đó.",
           "Giới phân tích cho rằng các cuộc tiếp xúc có thể mở đường cho một thỏa thuận rộng hơn trong năm nay.",
           "Các quan chức không cho biết chi tiết nhưng mô tả cuộc trao đổi là mang tính xây dựng.",
           "Bộ Ngoại giao cho biết các cuộc tham vấn ở cấp chuyên gia sẽ tiếp tục trong những tuần tới."],
    "ar": ["وبحث الجانبان قضايا التجارة والطاقة والأمن، بحسب بيان صدر في وقت لاحق.",
           "ورأى محللون أن هذه الاتصالات قد تمهد الطريق لاتفاق أوسع في وقت لاحق من العام.",
           "ورفض المسؤولون الكشف عن تفاصيل المباحثات لكنهم وصفوها بأنها بناءة ومثمرة للغاية.",
           "وأفادت الوزارة بأن مشاورات على مستوى الخبراء ستتواصل خلال الأسابيع المقبلة."],
    "ru": ["Стороны обсудили вопросы торговли, энергетики и безопасности, говорится в опубликованном заявлении.",
           "Аналитики считают, что эти контакты могут открыть путь к более широкому соглашению позднее в этом году.",
           "Официальные лица не раскрыли подробностей, но назвали обсуждение конструктивным и полезным.",
           "В министерстве сообщили, что консультации на уровне экспертов продолжатся в ближайшие недели."],
}


def _date_text(lang: str, d: date) -> str:
    if lang == "vi":
        return f"{d.day}/{d.month}"
    if lang == "ar":
        return f"{d.day} {AR_MONTHS[d.month - 1]}"
    if lang == "ru":
        return f"{d.day} {RU_MONTHS[d.month - 1]}"
    return f"{EN_MONTHS[d.month - 1]} {d.day}"


def article(rng: random.Random, n: int, lang: str) -> dict:
    """One synthetic article: a meeting sentence in its language, then filler to 3-8 kB."""
    i = LANG_INDEX[lang]
    a, b = rng.sample(sorted(COUNTRIES), 2)
    host = rng.choice([a, b, rng.choice(sorted(COUNTRIES))])
    day = date(2023, 1, 1) + timedelta(days=rng.randrange(900))
    published = day + timedelta(days=rng.randrange(3))
    city = COUNTRIES[host][1][i] if lang != "ru" else COUNTRIES[host][1][3]
    sentence = rng.choice(MEETING[lang]).format(a=COUNTRIES[a][0][i], b=COUNTRIES[b][0][i], city=city,
                                                date=_date_text(lang, day))
    size = rng.randint(3000, 8000)
    lines = [sentence]
    while len("\n".join(lines).encode()) < size:
        lines.append(rng.choice(FILLER[lang]) + f" ({n}-{len(lines)})")
    return {"id": f"{lang}-{n:05d}", "text": "\n".join(lines), "published": published.isoformat(), "lang": lang}


def write_corpus(folder: Path, n: int, seed: int) -> Path:
    """N articles, the languages in turn, as one JSONL file in a folder; its path."""
    rng = random.Random(seed)
    langs = sorted(LANG_INDEX)
    path = folder / "articles.jsonl"
    with path.open("w", encoding="utf-8") as f:
        for k in range(n):
            f.write(json.dumps(article(rng, k, langs[k % len(langs)]), ensure_ascii=False) + "\n")
    return path


def _rss_mb() -> float:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


class _Sampling:
    """The geoparser, counting articles and noting resident memory at marks on the way."""

    def __init__(self, parser, marks: dict[int, str]) -> None:
        self.parser, self.marks, self.done, self.rss = parser, marks, 0, {}

    def parse(self, article):
        x = self.parser.parse(article)
        self.done += 1
        if self.done in self.marks:
            self.rss[self.marks[self.done]] = _rss_mb()
        return x


def run_ingest(corpus: Path, db: Path, n: int) -> None:
    """The measured process: ingest the corpus into an empty store, print the numbers."""
    from extract.geoparse import Geoparser
    from extract.ingest import ingest
    from extract.store import EventStore

    marks = {len(LANG_INDEX): "warmup"} | {int(n * q / 100): f"{q}pct" for q in (25, 50, 75, 100)}
    parser = _Sampling(Geoparser.open(), marks)
    store = EventStore.open(db)
    remerge, merge_seconds = store.remerge, []

    def timed_remerge() -> int:
        t = time.perf_counter()
        events = remerge()
        merge_seconds.append(time.perf_counter() - t)
        return events

    store.remerge = timed_remerge
    t0, c0 = time.perf_counter(), time.process_time()
    summary = ingest([corpus], store, parser)
    t1, c1 = time.perf_counter(), time.process_time()
    parser.rss["merge"] = _rss_mb()
    print(f"articles {summary.added}")
    print(f"read_errors {len(summary.errors)}" + (f" (first: {summary.errors[0]})" if summary.errors else ""))
    print(f"ingest_seconds {t1 - t0:.1f}")
    print(f"cpu_seconds {c1 - c0:.1f}")
    print(f"articles_per_s {summary.added / (t1 - t0):.1f}")
    print(f"merge_seconds {merge_seconds[0]:.2f}")
    print(f"meetings {summary.meetings}")
    print(f"events {summary.events}")
    print(f"peak_memory_mb {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f}")
    for mark in ("warmup", "25pct", "50pct", "75pct", "100pct", "merge"):
        if mark in parser.rss:
            print(f"rss_after_{mark}_mb {parser.rss[mark]:.0f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("-n", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--keep", type=Path, default=None, help="write the corpus and store here and keep them")
    ap.add_argument("--_child", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args._child:
        run_ingest(Path(args._child[0]), Path(args._child[1]), args.n)
        return
    with tempfile.TemporaryDirectory() as tmp:
        folder = args.keep or Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        corpus = write_corpus(folder, args.n, args.seed)
        db = folder / "events.sqlite"
        for stale in (db, db.with_name(db.name + "-wal"), db.with_name(db.name + "-shm")):
            stale.unlink(missing_ok=True)
        subprocess.run([sys.executable, __file__, "-n", str(args.n), "--_child", str(corpus), str(db)], check=True)


if __name__ == "__main__":
    main()
