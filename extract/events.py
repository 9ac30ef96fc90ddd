"""Merging: the meetings many articles report become one event per meeting in the world.

Two reports tell of the same meeting when they are of the same kind class (talks or a visit;
a summit; a phone call), their places agree (within 50 km, or in the same country when either is known only at
country precision), their dates agree (within a day; a month or an approximate date agrees with
any day it covers) and their participants overlap. The merged event takes the most precise date
and place its reports give, the union of the participants, and every report as a source.
"""

from __future__ import annotations

import hashlib
from collections import Counter
from collections.abc import Iterable
from datetime import date, timedelta

from extract.types import Event, Meeting, Report
from geo.rank import haversine_km
from geo.types import Place

SAME_PLACE_KM = 50.0
SAME_DATE_DAYS = 1
APPROX_DAYS = 3  # "on or before": an approximate date stands for the few days before it
# A report with no date in its text carries its article's publication date: the meeting is
# before it, by up to this many days (news of a meeting rarely comes a month late).
UNDATED_DAYS = 30
SHARED_PARTIES = 0.5
MAJORITY = 0.5  # a participant named by no more than half of an event's reports is a bystander
# A visit and the talks it was for are one meeting; a summit is a meeting of its own kind
# (the planned summit two sides prepare at their talks is not those talks).
_KIND_CLASS = {"talks": "in_person", "visit": "in_person", "summit": "summit", "phone_call": "remote"}
_KIND_RANK = {"summit": 0, "talks": 1, "visit": 2, "phone_call": 3}
_PLACE_RANK = {"venue": 0, "city": 1, "region": 2, "water": 3, "country": 4}
_DATE_RANK = {"day": 0, "approx": 1, "month": 2, "year": 3}


def date_range(day: date | None, precision: str | None) -> tuple[date, date] | None:
    """The days a date of some precision may stand for, first and last."""
    if day is None:
        return None
    if precision == "month":
        first = day.replace(day=1)
        nxt = (first + timedelta(days=32)).replace(day=1)
        return first, nxt - timedelta(days=1)
    if precision == "year":
        return day.replace(month=1, day=1), day.replace(month=12, day=31)
    if precision == "approx":
        return day - timedelta(days=APPROX_DAYS), day
    return day, day


def meeting_days(m: Meeting) -> tuple[date, date] | None:
    """The days a reported meeting may have happened on, first and last."""
    if m.date is not None and m.date_precision == "approx" and m.date_text is None:
        return m.date - timedelta(days=UNDATED_DAYS), m.date
    return date_range(m.date, m.date_precision)


def dates_agree(a: Meeting, b: Meeting) -> bool:
    """Whether two reported dates can be the same day (a day's slack either way)."""
    ra, rb = meeting_days(a), meeting_days(b)
    if ra is None or rb is None:
        return ra is None and rb is None
    slack = timedelta(days=SAME_DATE_DAYS)
    return ra[0] - slack <= rb[1] and rb[0] - slack <= ra[1]


def places_agree(a: Place | None, b: Place | None) -> bool:
    """Whether two meeting places can be the same place."""
    if a is None or b is None:
        return True  # a report that names no place does not contradict one that does
    if "country" in (a.precision, b.precision):
        return a.country is not None and a.country == b.country
    return haversine_km(a.lat, a.lon, b.lat, b.lon) <= SAME_PLACE_KM


def participants_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether two participant lists can be the same meeting's: one holds the other, or they share
    most of their parties (UA–US on the 23rd and RU–US on the 24th are two meetings)."""
    if not a or not b:
        return True
    sa, sb = set(a), set(b)
    return sa <= sb or sb <= sa or len(sa & sb) >= SHARED_PARTIES * len(sa | sb)


def people_agree(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """Whether the office holders two reports name can be at one meeting (Lavrov–Rubio is not Putin–Trump)."""
    return not a or not b or bool(set(a) & set(b))


def same_meeting(a: Meeting, b: Meeting) -> bool:
    """Whether two reported meetings are one meeting."""
    return (_KIND_CLASS[a.kind] == _KIND_CLASS[b.kind] and dates_agree(a, b)
            and places_agree(a.place, b.place) and participants_agree(a.participants, b.participants)
            and people_agree(a.people, b.people))


def _report_order(r: Report) -> tuple:
    m = r.meeting
    return (_DATE_RANK.get(m.date_precision or "", 9), _PLACE_RANK.get(m.place.precision, 9) if m.place else 9,
            -m.confidence, r.article_id, m.evidence_start)


def _event_id(reports: list[Report]) -> str:
    first = min((r.article_id, r.meeting.evidence_start, r.meeting.kind) for r in reports)
    return "ev-" + hashlib.sha1(repr(first).encode()).hexdigest()[:12]


def _best_date(meetings: list[Meeting]) -> tuple[date | None, str | None]:
    dated = [m for m in meetings if m.date is not None]
    if not dated:
        return None, None
    best = min(_DATE_RANK.get(m.date_precision or "", 9) for m in dated)
    votes = Counter(m.date for m in dated if _DATE_RANK.get(m.date_precision or "", 9) == best)
    day = min(votes, key=lambda d: (-votes[d], d))
    return day, next(m.date_precision for m in dated if m.date == day and _DATE_RANK.get(m.date_precision or "", 9) == best)


def _best_place(meetings: list[Meeting]) -> Place | None:
    placed = [m for m in meetings if m.place is not None]
    if not placed:
        return None
    best = min(_PLACE_RANK.get(m.place.precision, 9) for m in placed)
    votes = Counter(m.place for m in placed if _PLACE_RANK.get(m.place.precision, 9) == best)
    return max(votes, key=lambda p: (votes[p], -len(p.id), p.id))


def _participants(meetings: list[Meeting]) -> tuple[str, ...]:
    """The parties most of an event's reports name; a bystander one report drags in is left out."""
    votes = Counter(c for m in meetings for c in set(m.participants))
    kept = {c for c, n in votes.items() if n > MAJORITY * len(meetings)}
    if len(kept) < 2:  # a meeting has two sides: the best-attested ones
        ranked = sorted(votes, key=lambda c: (-votes[c], c))
        kept |= set(ranked[:2])
    return tuple(sorted(kept))


def event_of(reports: list[Report]) -> Event:
    """The event that a group of reports of one meeting describe."""
    meetings = [r.meeting for r in reports]
    kind = min((m.kind for m in meetings), key=lambda k: (-sum(m.kind == k for m in meetings), _KIND_RANK[k]))
    day, precision = _best_date(meetings)
    place = None if kind == "phone_call" else _best_place(meetings)
    doubt = 1.0
    for m in meetings:
        doubt *= 1.0 - m.confidence
    return Event(
        id=_event_id(reports), kind=kind, date=day, date_precision=precision, place=place,
        participants=_participants(meetings),
        status="held" if any(m.status == "held" for m in meetings) else "planned",
        confidence=min(1.0, 1.0 - doubt),
        reports=tuple(sorted(reports, key=lambda r: (r.article_id, r.meeting.evidence_start))),
    )


def _days(m: Meeting) -> list[int | None]:
    span = meeting_days(m)
    if span is None:
        return [None]
    return list(range(span[0].toordinal() - SAME_DATE_DAYS, span[1].toordinal() + SAME_DATE_DAYS + 1))


def merge(reports: Iterable[Report]) -> list[Event]:
    """Group reports of the same meeting into events, most precise reports first; deterministic."""
    groups: list[list[Report]] = []
    by_day: dict[int | None, list[int]] = {}  # day -> groups with a report that may fall on it
    for report in sorted(reports, key=_report_order):
        m = report.meeting
        days = _days(m)
        candidates = sorted({g for d in days for g in by_day.get(d, ())})
        for g in candidates:
            # A report joins a group only if it agrees with every report in it, so a vague
            # report cannot chain two different meetings together.
            if all(same_meeting(m, other.meeting) for other in groups[g]):
                groups[g].append(report)
                break
        else:
            g = len(groups)
            groups.append([report])
        for d in days:
            bucket = by_day.setdefault(d, [])
            if not bucket or bucket[-1] != g:
                bucket.append(g)
    events = [event_of(g) for g in groups]
    return sorted(events, key=lambda e: (e.date or date.max, e.kind, e.id))
