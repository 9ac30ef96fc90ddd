"""Which events a view shows: the filters every surface shares, and their URL query string form.

A `Filters` value is what a person chose (time range, participant countries, kinds, languages of
the sources, place precisions, planned meetings shown or not). `apply` keeps the events that
pass; `to_query` and `from_query` round-trip it through a URL query string, so a dashboard view
can be shared and reloaded exactly, and `diplomap export` can take the same filters.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from datetime import date
from urllib.parse import parse_qs, urlencode

from extract.types import KINDS, Event
from geo.types import PRECISIONS

NO_PLACE = "none"  # the precision value of a meeting without a place (phone calls)
PRECISION_VALUES = (*PRECISIONS, NO_PLACE)


@dataclass(frozen=True, slots=True)
class Filters:
    """A view's selection of events; empty tuples mean no restriction."""

    since: date | None = None
    until: date | None = None
    countries: tuple[str, ...] = ()
    kinds: tuple[str, ...] = ()
    langs: tuple[str, ...] = ()
    precisions: tuple[str, ...] = ()
    planned: bool = False
    event: str | None = None  # the selected event, kept in the URL with the rest

    def with_(self, **changes: object) -> Filters:
        """A copy with some fields changed."""
        return replace(self, **changes)


def _precision(e: Event) -> str:
    return e.place.precision if e.place is not None else NO_PLACE


def passes(e: Event, f: Filters) -> bool:
    """Whether an event passes the filters."""
    if not f.planned and e.status == "planned":
        return False
    if f.since is not None and (e.date is None or e.date < f.since):
        return False
    if f.until is not None and (e.date is None or e.date > f.until):
        return False
    if f.countries and not set(f.countries) & set(e.participants):
        return False
    if f.kinds and e.kind not in f.kinds:
        return False
    if f.langs and not {r.lang for r in e.reports} & set(f.langs):
        return False
    if f.precisions and _precision(e) not in f.precisions:
        return False
    return True


def apply(events: Iterable[Event], f: Filters) -> list[Event]:
    """The events that pass the filters, in their order."""
    return [e for e in events if passes(e, f)]


def span(events: Iterable[Event]) -> tuple[date, date] | None:
    """The first and last dates of the events, or None if none is dated."""
    dates = [e.date for e in events if e.date is not None]
    return (min(dates), max(dates)) if dates else None


def facets(events: Iterable[Event]) -> dict[str, Counter]:
    """What the events offer to filter on, with counts: countries, kinds, langs, precisions."""
    out = {"countries": Counter(), "kinds": Counter(), "langs": Counter(), "precisions": Counter()}
    for e in events:
        out["countries"].update(e.participants)
        out["kinds"][e.kind] += 1
        out["langs"].update({r.lang or "?" for r in e.reports})
        out["precisions"][_precision(e)] += 1
    return out


def _codes(values: Iterable[str], allowed: Iterable[str] | None = None, *, upper: bool = False) -> tuple[str, ...]:
    out = set()
    for v in values:
        for part in v.split(","):
            part = part.strip()
            part = part.upper() if upper else part.lower()
            if part and (allowed is None or part in allowed):
                out.add(part)
    return tuple(sorted(out))


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None  # a hand-edited URL with a bad date shows the whole span rather than an error


def from_query(query: str | Mapping[str, list[str]]) -> Filters:
    """Filters from a URL query string (`?from=2025-02-01&to=2025-03-31&c=RU,US&k=talks&…`).

    Unknown keys and values that are not kinds, precisions or codes are ignored, so a hand-edited
    or old URL still opens a view.
    """
    q = parse_qs(query.lstrip("?")) if isinstance(query, str) else query
    one = lambda key: (q.get(key) or [None])[-1]  # noqa: E731
    countries = tuple(c for c in _codes(q.get("c", []), upper=True) if 2 <= len(c) <= 4 and c.isalpha())
    return Filters(
        since=_date(one("from")), until=_date(one("to")), countries=countries,
        kinds=_codes(q.get("k", []), KINDS), langs=tuple(c for c in _codes(q.get("lang", [])) if c.isalpha()),
        precisions=_codes(q.get("prec", []), PRECISION_VALUES),
        planned=one("planned") in ("1", "true", "yes"), event=one("event") or None)


def to_query(f: Filters) -> str:
    """The URL query string of filters (with its `?`, or empty when nothing is set)."""
    pairs = []
    if f.since:
        pairs.append(("from", f.since.isoformat()))
    if f.until:
        pairs.append(("to", f.until.isoformat()))
    for key, values in (("c", f.countries), ("k", f.kinds), ("lang", f.langs), ("prec", f.precisions)):
        if values:
            pairs.append((key, ",".join(values)))
    if f.planned:
        pairs.append(("planned", "1"))
    if f.event:
        pairs.append(("event", f.event))
    return "?" + urlencode(pairs, safe=",") if pairs else ""
