"""Events as map features: GeoJSON for markers, flows and country areas, and the colours they use.

Pure functions shared by every map diplomap draws (the Dash dashboard, the static HTML export,
the briefing images, the GeoJSON export): no Dash, no Leaflet, no I/O. Everything they need is
passed in: the events, the capitals (`Mapping[str, Place]`, see `dashboard.capitals`) and the
basemap outlines.

- `markers(events)`: one Point per meeting place (venue, city, region, water body), several
  meetings at one place folded into one feature that lists their dates and event ids, so that
  they stay distinguishable (stacked date labels) instead of hiding each other.
- `flows(events, capitals)`: per in-person meeting, a curved arc from each participant's capital
  to the place, with an arrowhead at the place (a MultiLineString: curve, then head); per phone
  call, a curve between each pair of capitals (`dashed: true`, no head). Arcs of the same
  participant to the same place are folded into one, with a count and the first and last dates.
- `country_areas(events, basemap)`: meetings known only to the country are the country's
  polygon, never a point.
- `evidence_segments(text, highlights)`: the evidence sentence cut into plain and highlighted
  runs, for surfaces to escape and mark up.

Coordinates are GeoJSON order (lon, lat), rounded to 0.01° for curves. A curve that crosses the
antimeridian takes the short way round and runs past ±180° (Leaflet and folium draw it whole);
an exporter that needs RFC 7946 cutting does that itself.
"""

from __future__ import annotations

import heapq
import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from functools import lru_cache

from extract.types import Event
from geo.types import Place

# Kinds: colour, marker shape (a CSS class suffix and a GeoJSON property), legend label.
KIND_STYLES: dict[str, dict[str, str]] = {
    "talks": {"color": "#1f5fa8", "shape": "circle", "label": "Talks"},
    "summit": {"color": "#8e2d9c", "shape": "star", "label": "Summit"},
    "visit": {"color": "#1d8a55", "shape": "square", "label": "Visit"},
    "phone_call": {"color": "#c96a00", "shape": "diamond", "label": "Phone call"},
}
# Countries that recur in the news get fixed, recognisable colours; the others one from PALETTE.
FIXED_COUNTRY_COLOURS = {"RU": "#d62728", "US": "#1f3fbf", "UA": "#e0a800", "SA": "#138a36", "QA": "#8a1538",
                         "TR": "#e8590c", "CN": "#b8002e", "BY": "#6a8f00", "EU": "#2b4fa8", "UN": "#2a9fd6",
                         "NATO": "#17305f"}
PALETTE = ("#9467bd", "#8c564b", "#e377c2", "#17becf", "#bcbd22", "#7f7f7f", "#2ca02c", "#ff7f0e",
           "#1f77b4", "#aa3377", "#228833", "#66ccee", "#4477aa", "#ee6677", "#ccbb44", "#0077bb")
PRECISION_LABELS = {"venue": "venue", "city": "city", "region": "region", "country": "country only",
                    "water": "water body", None: "no place (phone call)"}
IN_PERSON = ("talks", "summit", "visit")
SAME_PLACE_KM = 30.0  # a participant whose capital is this close to the place is the host: no arc
DIGITS = 2

Feature = dict
FeatureCollection = dict


@lru_cache(maxsize=1024)
def country_colour(code: str) -> str:
    """A stable colour for a participant (ISO alpha-2 code or UN/EU/NATO)."""
    if code in FIXED_COUNTRY_COLOURS:
        return FIXED_COUNTRY_COLOURS[code]
    h = 0
    for ch in code:
        h = (h * 31 + ord(ch)) % 1_000_003
    return PALETTE[h % len(PALETTE)]


def kind_style(kind: str) -> dict[str, str]:
    """Colour, marker shape and label of a meeting kind."""
    return KIND_STYLES[kind]


def feature_collection(features: Iterable[Feature]) -> FeatureCollection:
    """A GeoJSON FeatureCollection of the features."""
    return {"type": "FeatureCollection", "features": list(features)}


def place_label(place: Place) -> str:
    """How a place is named on the map: a venue with its city, anything else by its name."""
    if place.precision == "venue" and place.city and place.city not in place.name:
        return f"{place.name}, {place.city}"
    return place.name


def place_key(place: Place) -> str:
    """The identity of a place on the map (meetings with the same key share one marker)."""
    return place.id or f"{place.lat:.4f},{place.lon:.4f}"


def _iso(d: date | None) -> str | None:
    return d.isoformat() if d else None


def _date_order(e: Event) -> tuple:
    """Events by date (undated first, as an empty date string would sort), then id."""
    return (e.date is not None, e.date or date.min, e.id)


def date_label(dates: Sequence[str | None], *, max_dates: int = 3) -> list[str]:
    """The stacked date lines of a marker: every date if they fit, else the first ones and `+N more`."""
    shown = [d or "date unknown" for d in dates]
    if len(shown) <= max_dates:
        return shown
    return shown[: max_dates - 1] + [f"+{len(shown) - max_dates + 1} more"]


def markers(events: Iterable[Event], *, max_dates: int = 3, compact_over: int = 25,
            labelled: int = 40) -> FeatureCollection:
    """One Point per meeting place (not country-only places), with the dates and ids of its meetings.

    With more than `compact_over` places, features are marked `compact` (a world view labels them
    with their place only, the dates appear when zoomed in) and only the `labelled` busiest carry
    a label at all (`label: false` for the others: a dot with a count, named on hover), so that a
    map of thousands of meetings stays legible and light.
    """
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.place is not None and e.place.precision != "country":
            groups[place_key(e.place)].append(e)
    features = []
    for key, group in groups.items():
        group.sort(key=_date_order)
        place = group[0].place
        kinds = sorted({e.kind for e in group}, key=list(KIND_STYLES).index)
        dominant = max(kinds, key=lambda k: sum(e.kind == k for e in group))
        dates = [_iso(e.date) for e in group]
        features.append({
            "type": "Feature", "id": key,
            "geometry": {"type": "Point", "coordinates": [place.lon, place.lat]},
            "properties": {
                "place": place_label(place), "precision": place.precision, "country": place.country,
                "count": len(group), "kind": dominant, "kinds": kinds,
                "color": KIND_STYLES[dominant]["color"], "shape": KIND_STYLES[dominant]["shape"],
                "dates": dates, "lines": date_label(dates, max_dates=max_dates),
                "all_planned": all(e.status == "planned" for e in group),
                "events": [e.id for e in group],
                "participants": sorted({p for e in group for p in e.participants}),
            },
        })
    features.sort(key=lambda f: (-f["properties"]["count"], f["id"]))
    compact = len(features) > compact_over
    for rank, f in enumerate(features):
        f["properties"]["compact"] = compact
        f["properties"]["label"] = not compact or rank < labelled
    return feature_collection(features)


def _haversine_km(a: Place, b: Place) -> float:
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def curve(start: tuple[float, float], end: tuple[float, float], *, bend: float = 0.18,
          points: int | None = None) -> list[list[float]]:
    """A quadratic Bézier from start to end (lon, lat), bowed to the left of the direction of travel.

    The short way round the antimeridian is taken (the end's longitude may pass ±180°). Going
    there and coming back bow to opposite sides, so two opposite flows never overlap.
    """
    return [list(p) for p in _curve(tuple(start), tuple(end), bend, points)]


@lru_cache(maxsize=65536)  # the same capitals and places recur in every view
def _curve(start: tuple[float, float], end: tuple[float, float], bend: float,
           points: int | None) -> tuple[tuple[float, float], ...]:
    (x0, y0), (x1, y1) = start, end
    if x1 - x0 > 180:
        x1 -= 360
    elif x0 - x1 > 180:
        x1 += 360
    dx, dy = x1 - x0, y1 - y0
    length = math.hypot(dx, dy)
    if points is None:
        points = max(5, min(13, int(length / 6) + 5))
    cx, cy = (x0 + x1) / 2 - dy * bend, (y0 + y1) / 2 + dx * bend
    out = []
    for i in range(points):
        t = i / (points - 1)
        u = 1 - t
        x = u * u * x0 + 2 * u * t * cx + t * t * x1
        y = u * u * y0 + 2 * u * t * cy + t * t * y1
        out.append((round(x, DIGITS), max(-89.0, min(89.0, round(y, DIGITS)))))
    return tuple(out)


def arrowhead(line: Sequence[Sequence[float]], *, size: float | None = None) -> list[list[float]]:
    """A V-shaped head (wing, tip, wing) at the end of a line, pointing along its last segment."""
    (x0, y0), (x1, y1) = line[-2], line[-1]
    angle = math.atan2(y1 - y0, x1 - x0)
    if size is None:
        total = sum(math.hypot(b[0] - a[0], b[1] - a[1]) for a, b in zip(line, line[1:]))
        size = max(0.4, min(2.5, total * 0.06))
    wings = []
    for turn in (math.pi - 0.45, math.pi + 0.45):
        wings.append([round(x1 + size * math.cos(angle + turn), DIGITS), round(y1 + size * math.sin(angle + turn), DIGITS)])
    return [wings[0], [round(x1, DIGITS), round(y1, DIGITS)], wings[1]]


def _participant_label(code: str, names: Mapping[str, str]) -> str:
    return names.get(code, code)


def flows(events: Iterable[Event], capitals: Mapping[str, Place], *,
          names: Mapping[str, str] | None = None, limit: int | None = None) -> FeatureCollection:
    """Delegation arcs (capital → place, with a head) and phone-call arcs (capital ↔ capital).

    Participants without a known capital draw no arc, nor does a host at home. Each feature has:
    `participant` (the delegation's code; for calls, the first of the pair) and `other` (calls),
    `color`, `kind`, `dashed`, `from`, `to` (names), `count`, `first`, `last` (dates) and `tip`
    (the hover text: who, where to, when). Arcs of one delegation to one place (or one pair's
    calls) fold into one feature. With `limit`, only the busiest arcs are kept (most meetings,
    then most recent), and the collection's `total` says how many there were.
    """
    return FlowIndex(capitals, names=names).flows(events, limit=limit)


class FlowIndex:
    """`flows` for many subsets of the same events (a dashboard's views), each event's arcs and each
    arc's curve worked out once and remembered (by event id and arc)."""

    def __init__(self, capitals: Mapping[str, Place], *, names: Mapping[str, str] | None = None) -> None:
        self.capitals = capitals
        self.names = names or {}
        self._keys: dict[str, tuple[tuple, ...]] = {}
        self._arcs: dict[tuple, dict] = {}

    def _arc(self, key: tuple, code: str, other: str | None, src: Place, dst: Place) -> tuple:
        if key not in self._arcs:
            call = key[0] == "call"
            line = curve((src.lon, src.lat), (dst.lon, dst.lat), bend=0.12 if call else 0.18)
            self._arcs[key] = {
                "code": code, "other": other, "from": src, "to": dst, "call": call,
                "geometry": ({"type": "LineString", "coordinates": line} if call else
                             {"type": "MultiLineString", "coordinates": [line, arrowhead(line)]})}
        return key

    def arc(self, key: tuple) -> dict:
        """One arc of `keys`: its participant (`code`, `other` for a call), `from` and `to` places, `call`, `geometry`."""
        return self._arcs[key]

    def keys(self, e: Event) -> tuple[tuple, ...]:
        """The arcs an event draws."""
        found = self._keys.get(e.id)
        if found is not None:
            return found
        out = []
        if e.kind in IN_PERSON and e.place is not None:
            where = place_key(e.place)
            for code in e.participants:
                cap = self.capitals.get(code)
                if cap is not None and _haversine_km(cap, e.place) >= SAME_PLACE_KM:
                    out.append(self._arc(("in", code, where), code, None, cap, e.place))
        elif e.kind == "phone_call":
            codes = [c for c in e.participants if c in self.capitals]
            for i, a in enumerate(codes):
                for b in codes[i + 1:]:
                    out.append(self._arc(("call", a, b), a, b, self.capitals[a], self.capitals[b]))
        self._keys[e.id] = found = tuple(out)
        return found

    def flows(self, events: Iterable[Event], *, limit: int | None = None) -> FeatureCollection:
        """The flows of these events (see `flows`)."""
        stats: dict[tuple, list] = {}  # arc → [count, first event, last event, kinds]
        for e in events:
            for key in self.keys(e):
                st = stats.get(key)
                if st is None:
                    stats[key] = [1, e, e, {e.kind}]
                    continue
                st[0] += 1
                st[3].add(e.kind)
                order = _date_order(e)
                if order < _date_order(st[1]):
                    st[1] = e
                if order > _date_order(st[2]):
                    st[2] = e
        total = len(stats)
        kept = list(stats.items())
        if limit is not None and total > limit:
            kept = heapq.nlargest(limit, kept, key=lambda ks: (ks[1][0], _date_order(ks[1][2])))
        features = []
        for key, (count, first_e, last_e, kinds) in kept:
            arc = self._arcs[key]
            src, dst = arc["from"], arc["to"]
            first, last = _iso(first_e.date), _iso(last_e.date)
            when = first or "date unknown"
            if count > 1:
                when = f"{count} meetings, {first} … {last}"
            who = _participant_label(arc["code"], self.names)
            if arc["call"]:
                tip = f"Phone call: {who} – {_participant_label(arc['other'], self.names)}, {when}"
            else:
                tip = f"{who} delegation: {src.name} → {place_label(dst)}, {when}"
            features.append({
                "type": "Feature", "id": "|".join(key), "geometry": arc["geometry"],
                "properties": {
                    "participant": arc["code"], "other": arc["other"], "color": country_colour(arc["code"]),
                    "kind": sorted(kinds, key=list(KIND_STYLES).index)[0], "dashed": arc["call"],
                    "from": src.name, "to": place_label(dst), "count": count, "first": first, "last": last,
                    "tip": tip,
                },
            })
        features.sort(key=lambda f: f["id"])
        return {**feature_collection(features), "total": total}


def country_areas(events: Iterable[Event], basemap: FeatureCollection) -> FeatureCollection:
    """The outline of each country where a meeting is known only at country precision."""
    groups: dict[str, list[Event]] = defaultdict(list)
    for e in events:
        if e.place is not None and e.place.precision == "country" and e.place.country:
            groups[e.place.country].append(e)
    features = []
    for f in basemap["features"]:
        cc = f["properties"].get("cc")
        if cc in groups:
            evs = sorted(groups[cc], key=_date_order)
            dates = [_iso(e.date) for e in evs]
            kinds = sorted({e.kind for e in evs}, key=list(KIND_STYLES).index)
            features.append({"type": "Feature", "id": f"country:{cc}", "geometry": f["geometry"],
                             "properties": {"country": cc, "place": f["properties"]["name"], "precision": "country",
                                            "count": len(evs), "kind": kinds[0], "kinds": kinds, "dates": dates,
                                            "lines": date_label(dates), "events": [e.id for e in evs],
                                            "color": KIND_STYLES[kinds[0]]["color"]}})
    return feature_collection(features)


def bounds(events: Iterable[Event], capitals: Mapping[str, Place] | None = None
           ) -> tuple[tuple[float, float], tuple[float, float]] | None:
    """South-west and north-east corners (lat, lon) around the events' places (and capitals), or None."""
    lats, lons = [], []
    for e in events:
        if e.place is not None:
            lats.append(e.place.lat)
            lons.append(e.place.lon)
        for code in e.participants if capitals else ():
            if code in capitals:
                lats.append(capitals[code].lat)
                lons.append(capitals[code].lon)
    if not lats:
        return None
    return (min(lats), min(lons)), (max(lats), max(lons))


def evidence_segments(text: str, highlights: Iterable[Sequence]) -> list[tuple[str, str | None]]:
    """The evidence cut into runs: (text, None) plain, (text, "place"|"date"|"participant") highlighted.

    Overlapping or out-of-range highlights are clipped; the runs always join back to the text.
    """
    spans = sorted((max(0, int(s)), min(len(text), int(e)), str(k)) for s, e, k in highlights)
    out: list[tuple[str, str | None]] = []
    pos = 0
    for start, end, kind in spans:
        start = max(start, pos)
        if end <= start:
            continue
        if start > pos:
            out.append((text[pos:start], None))
        out.append((text[start:end], kind))
        pos = end
    if pos < len(text):
        out.append((text[pos:], None))
    return out


RTL_LANGS = frozenset({"ar", "fa", "he", "ur", "ps", "yi"})


def text_direction(lang: str | None) -> str:
    """`rtl` for a right-to-left language, else `ltr`."""
    return "rtl" if (lang or "").split("-")[0] in RTL_LANGS else "ltr"


def safe_url(url: str | None) -> str | None:
    """The URL if it is http(s), else None (a `javascript:` link in an article is never a link)."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None
