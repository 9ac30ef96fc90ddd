/* The dashboard's view engine: what the map, timeline, table and summary show for the controls,
   computed in the browser from the snapshot the page was given (dashboard/app/client.py), so a
   filter or slider change needs no server round trip.

   It applies the rules of the Python functions it mirrors, and tests hold the two equal:
   filtersOf ~ views.filters_of, passes ~ filters.passes, markers ~ features.markers (as the
   dashboard trims it), flows ~ FlowIndex.flows, areas ~ features.country_areas, figure ~
   timeline.figure, row ~ data.table_row, fromQuery ~ filters.from_query, query ~ filters.to_query of
   views.filters_of, controlsOf ~ views.controls_of. Pure functions of (data, controls): no DOM. */
window.diplomap = window.diplomap || {};
window.diplomap.view = (function () {
  var ORDINAL_EPOCH = 719163;  // date(1970, 1, 1).toordinal(): slider values are Python ordinals
  var DAY = 86400000;

  function isoOfDay(n) { return new Date(n * DAY).toISOString().slice(0, 10); }
  function dayOfIso(s) { return Date.UTC(+s.slice(0, 4), +s.slice(5, 7) - 1, +s.slice(8, 10)) / DAY; }
  function isoOfOrdinal(n) { return isoOfDay(n - ORDINAL_EPOCH); }
  function cmpStr(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function plural(n, word) { return n.toLocaleString("en-US") + " " + word + (n === 1 ? "" : "s"); }
  // Python's round(x, 2) on the decimal expansion of the float (ties are rare enough not to matter)
  function round2(x) { var r = Number(x.toFixed(2)); return r === 0 ? 0 : r; }

  /* The parsed snapshot with what every view reuses, kept per JSON text. */
  var cache = {text: null, data: null};
  function load(text) {
    if (cache.text === text) return cache.data;
    var d = typeof text === "string" ? JSON.parse(text) : text;
    var ev = d.events, n = ev.id.length;
    d.n = n;
    d.kindIndex = {};
    d.kinds.forEach(function (k, i) { d.kindIndex[k] = i; });
    var styleOrder = Object.keys(d.styles);  // kinds are listed, and sorted, in KIND_STYLES' order
    d.styleRank = d.kinds.map(function (k) { return styleOrder.indexOf(k); });
    d.precisionOf = new Array(n);
    d.laneOf = new Int32Array(n);  // each event's timeline lane (timeline.lane_of), an index into laneNames
    d.laneNames = [];
    var sources = 0, laneIx = new Map();
    for (var i = 0; i < n; i++) {
      d.precisionOf[i] = ev.place[i] >= 0 ? d.places[ev.place[i]][5] : "none";
      var lane = ev.who[i].join("–") || "unknown", ix = laneIx.get(lane);
      if (ix === undefined) { ix = d.laneNames.length; laneIx.set(lane, ix); d.laneNames.push(lane); }
      d.laneOf[i] = ix;
      for (var j = 0; j < ev.src[i].length; j++) if (ev.src[i][j] >= sources) sources = ev.src[i][j] + 1;
    }
    d.rank = ranks(d);
    // Scratch space the views reuse (a view is computed at a time): per arc and per source article.
    d.arcCount = new Int32Array(d.arcs.length);
    d.arcFirst = new Int32Array(d.arcs.length);
    d.arcLast = new Int32Array(d.arcs.length);
    d.arcKinds = new Int32Array(d.arcs.length);
    d.sourceSeen = new Int32Array(sources);
    d.stamp = 0;
    d.laneCount = new Int32Array(d.laneNames.length);
    d.periods = {};
    d.hovers = new Array(n);
    d.curves = {};
    cache = {text: text, data: d};
    return d;
  }

  /* Each event's place in date order (undated first), then id: features._date_order. */
  function ranks(d) {
    var date = d.events.date, id = d.events.id, n = d.n, order = new Array(n), rank = new Int32Array(n);
    function cmp(a, b) {
      var da = date[a], db = date[b];
      if ((da === null) !== (db === null)) return da === null ? -1 : 1;
      if (da !== db) return da < db ? -1 : 1;
      return cmpStr(id[a], id[b]);
    }
    for (var i = 0; i < n; i++) order[i] = i;
    order.sort(cmp);  // the snapshot lists its events in this order already: one pass
    for (i = 0; i < n; i++) rank[order[i]] = i;
    return rank;
  }

  function orderer(d) {
    var rank = d.rank;
    return function (a, b) { return rank[a] - rank[b]; };
  }

  function dateLabel(dates, most) {
    var shown = dates.map(function (x) { return x || "date unknown"; });
    if (shown.length <= most) return shown;
    return shown.slice(0, most - 1).concat(["+" + (shown.length - most + 1) + " more"]);
  }

  /* The filters of the controls' values: everything ticked, or the whole span, is no restriction. */
  function filtersOf(d, countries, kinds, langs, precisions, planned, window) {
    var since = null, until = null;
    if (window && d.span[0]) {
      var lo = isoOfOrdinal(window[0]), hi = isoOfOrdinal(window[1]);
      since = lo > d.span[0] ? lo : null;
      until = hi < d.span[1] ? hi : null;
    }
    function choice(values, all) {
      values = values || [];
      if (all.every(function (x) { return values.indexOf(x) >= 0; })) return null;
      return new Set(values.length ? values : ["-"]);
    }
    return {since: since, until: until, countries: new Set(countries || []), kinds: choice(kinds, d.kinds),
            langs: choice(langs, d.langs), precisions: choice(precisions, d.precisions),
            planned: !!(planned && planned.length)};
  }

  function passes(d, f, i) {
    var ev = d.events, day = ev.date[i];
    if (!f.planned && ev.planned[i]) return false;
    if (f.since !== null && (day === null || day < f.since)) return false;
    if (f.until !== null && (day === null || day > f.until)) return false;
    if (f.countries.size && !ev.who[i].some(function (c) { return f.countries.has(c); })) return false;
    if (f.kinds && !f.kinds.has(d.kinds[ev.kind[i]])) return false;
    if (f.langs && !ev.langs[i].some(function (l) { return f.langs.has(l); })) return false;
    if (f.precisions && !f.precisions.has(d.precisionOf[i])) return false;
    return true;
  }

  function visible(d, f) {
    var out = [];
    for (var i = 0; i < d.n; i++) if (passes(d, f, i)) out.push(i);
    return out;
  }

  function kindsIn(d, idx) {
    var seen = {};
    idx.forEach(function (i) { seen[d.events.kind[i]] = (seen[d.events.kind[i]] || 0) + 1; });
    var kinds = Object.keys(seen).map(Number).sort(function (a, b) { return d.styleRank[a] - d.styleRank[b]; });
    return {kinds: kinds.map(function (k) { return d.kinds[k]; }), counts: kinds.map(function (k) { return seen[k]; })};
  }

  /* One Point per meeting place (not country-only ones), busiest first: features.markers. */
  function markers(d, vis) {
    var ev = d.events, s = d.settings, order = orderer(d), groups = new Map();
    for (var v = 0; v < vis.length; v++) {
      var i = vis[v], p = ev.place[i];
      if (p < 0 || d.precisionOf[i] === "country") continue;
      var g = groups.get(p);
      if (g) g.push(i); else groups.set(p, [i]);
    }
    var features = [];
    groups.forEach(function (g, p) {
      var key = d.places[p][0];
      g.sort(order);
      var pl = d.places[ev.place[g[0]]], k = kindsIn(d, g);
      var best = 0;
      k.counts.forEach(function (c, j) { if (c > k.counts[best]) best = j; });
      var dominant = k.kinds[best], style = d.styles[dominant];
      var dates = g.map(function (i) { return ev.date[i]; });
      var who = new Set();
      g.forEach(function (i) { ev.who[i].forEach(function (c) { who.add(c); }); });
      features.push({type: "Feature", id: key, geometry: {type: "Point", coordinates: [pl[3], pl[4]]},
        properties: {place: pl[1], precision: pl[5], country: pl[6], count: g.length, kind: dominant, kinds: k.kinds,
                     color: style.color, shape: style.shape, dates: dates.slice(0, s.markerDates),
                     lines: dateLabel(dates, s.markerLines),
                     all_planned: g.every(function (i) { return ev.planned[i] === 1; }),
                     participants: Array.from(who).sort(cmpStr)}});
    });
    features.sort(function (a, b) { return b.properties.count - a.properties.count || cmpStr(a.id, b.id); });
    var compact = features.length > s.compactOver;
    features.forEach(function (f, rank) {
      f.properties.compact = compact;
      f.properties.label = !compact || rank < s.labelled;
    });
    return {type: "FeatureCollection", features: features};
  }

  /* A quadratic Bézier bowed to the left of the direction of travel: features.curve. */
  function curve(x0, y0, x1, y1, bend) {
    if (x1 - x0 > 180) x1 -= 360; else if (x0 - x1 > 180) x1 += 360;
    var dx = x1 - x0, dy = y1 - y0, points = Math.max(5, Math.min(13, Math.floor(Math.hypot(dx, dy) / 6) + 5));
    var cx = (x0 + x1) / 2 - dy * bend, cy = (y0 + y1) / 2 + dx * bend, out = [];
    for (var i = 0; i < points; i++) {
      var t = i / (points - 1), u = 1 - t;
      out.push([round2(u * u * x0 + 2 * u * t * cx + t * t * x1),
                Math.max(-89, Math.min(89, round2(u * u * y0 + 2 * u * t * cy + t * t * y1)))]);
    }
    return out;
  }

  function arrowhead(line) {
    var a = line[line.length - 2], b = line[line.length - 1], angle = Math.atan2(b[1] - a[1], b[0] - a[0]), total = 0;
    for (var i = 1; i < line.length; i++) total += Math.hypot(line[i][0] - line[i - 1][0], line[i][1] - line[i - 1][1]);
    var size = Math.max(0.4, Math.min(2.5, total * 0.06));
    var wings = [Math.PI - 0.45, Math.PI + 0.45].map(function (turn) {
      return [round2(b[0] + size * Math.cos(angle + turn)), round2(b[1] + size * Math.sin(angle + turn))];
    });
    return [wings[0], [round2(b[0]), round2(b[1])], wings[1]];
  }

  function arcGeometry(d, a) {
    if (d.curves[a]) return d.curves[a];
    var arc = d.arcs[a], src = d.capitals[arc[2]], geometry;
    if (arc[1]) {
      var dst = d.capitals[arc[3]];
      geometry = {type: "LineString", coordinates: curve(src[1], src[2], dst[1], dst[2], 0.12)};
    } else {
      var pl = d.places[arc[4]], line = curve(src[1], src[2], pl[3], pl[4], 0.18);
      geometry = {type: "MultiLineString", coordinates: [line, arrowhead(line)]};
    }
    return (d.curves[a] = geometry);
  }

  /* Delegation and phone-call arcs, folded per arc, the busiest `maxFlows` kept: FlowIndex.flows. */
  function flows(d, vis) {
    var ev = d.events, rank = d.rank, limit = d.settings.maxFlows, seen = [];
    var count = d.arcCount, firstOf = d.arcFirst, lastOf = d.arcLast, kindsOf = d.arcKinds;
    for (var v = 0; v < vis.length; v++) {
      var i = vis[v], arcs = ev.arcs[i], bit = 1 << ev.kind[i];
      for (var j = 0; j < arcs.length; j++) {
        var a = arcs[j];
        if (count[a] === 0) {
          seen.push(a);
          count[a] = 1; firstOf[a] = i; lastOf[a] = i; kindsOf[a] = bit;
          continue;
        }
        count[a] += 1;
        kindsOf[a] |= bit;
        if (rank[i] < rank[firstOf[a]]) firstOf[a] = i;
        if (rank[i] > rank[lastOf[a]]) lastOf[a] = i;
      }
    }
    var kept = seen.map(function (a) { return [a, count[a], firstOf[a], lastOf[a], kindsOf[a]]; }), total = kept.length;
    for (v = 0; v < seen.length; v++) count[seen[v]] = 0;
    if (total > limit) {
      kept.sort(function (x, y) { return y[1] - x[1] || rank[y[3]] - rank[x[3]]; });
      kept = kept.slice(0, limit);
    }
    var canvas = kept.length > d.settings.canvasFrom, byStyle = d.kinds.map(function (_, k) { return k; })
      .sort(function (x, y) { return d.styleRank[x] - d.styleRank[y]; });
    var features = kept.map(function (st) {
      var a = st[0], arc = d.arcs[a], code = arc[2], call = !!arc[1];
      var first = ev.date[st[2]], last = ev.date[st[3]], count = st[1];
      var src = d.capitals[code], to = call ? d.capitals[arc[3]][0] : d.places[arc[4]][1];
      var when = count > 1 ? count + " meetings, " + (first === null ? "None" : first) + " … " +
                             (last === null ? "None" : last) : first || "date unknown";
      var who = d.names[code] || code;
      var tip = call ? "Phone call: " + who + " – " + (d.names[arc[3]] || arc[3]) + ", " + when
                     : who + " delegation: " + src[0] + " → " + to + ", " + when;
      var kind = byStyle.filter(function (k) { return st[4] & (1 << k); })[0];
      return {type: "Feature", id: arc[0], geometry: arcGeometry(d, a),
              properties: {participant: code, other: call ? arc[3] : null, color: d.colours[code],
                           kind: d.kinds[kind], dashed: call, from: src[0], to: to, count: count, first: first,
                           last: last, tip: tip, canvas: canvas}};
    });
    features.sort(function (x, y) { return cmpStr(x.id, y.id); });
    return {collection: {type: "FeatureCollection", features: features}, total: total};
  }

  /* The outline of each country where a meeting is known only to the country: features.country_areas. */
  function areas(d, vis) {
    var ev = d.events, order = orderer(d), groups = {};
    vis.forEach(function (i) {
      var p = ev.place[i];
      if (p < 0 || d.places[p][5] !== "country" || !d.places[p][6]) return;
      (groups[d.places[p][6]] = groups[d.places[p][6]] || []).push(i);
    });
    var features = [];
    d.areas.forEach(function (area) {
      var g = groups[area.cc];
      if (!g) return;
      g.sort(order);
      var dates = g.map(function (i) { return ev.date[i]; }), kinds = kindsIn(d, g).kinds;
      features.push({type: "Feature", id: "country:" + area.cc, geometry: area.geometry,
        properties: {country: area.cc, place: area.name, precision: "country", count: g.length, kind: kinds[0],
                     kinds: kinds, dates: dates.slice(0, d.settings.markerDates),
                     lines: dateLabel(dates, d.settings.markerLines), color: d.styles[kinds[0]].color}});
    });
    return {type: "FeatureCollection", features: features};
  }

  /* Timeline lanes, busiest first, the quiet ones folded into one (timeline.lanes): their names, and the
     row of each lane (`row[d.laneOf[i]]` is event i's). */
  function lanes(d, vis) {
    var own = d.laneOf, counts = d.laneCount, names = d.laneNames, max = d.settings.maxLanes, seen = [];
    for (var v = 0; v < vis.length; v++) {
      var lane = own[vis[v]];
      if (counts[lane]++ === 0) seen.push(lane);
    }
    var ordered = seen.sort(function (a, b) { return counts[b] - counts[a] || cmpStr(names[a], names[b]); });
    var kept = ordered.length <= max ? ordered : ordered.slice(0, max - 1), row = new Int32Array(names.length);
    for (v = 0; v < ordered.length; v++) { row[ordered[v]] = v < kept.length ? v : kept.length; counts[ordered[v]] = 0; }
    return {names: kept.map(function (l) { return names[l]; }).concat(kept.length < ordered.length ? [d.settings.other] : []),
            row: row};
  }

  function hoverText(d, i) {
    return d.hovers[i] || (d.hovers[i] = makeHover(d, i));
  }

  function makeHover(d, i) {
    var ev = d.events, p = ev.place[i], n = ev.src[i].length;
    return (ev.date[i] || "date unknown") + " · " + d.styles[d.kinds[ev.kind[i]]].label.toLowerCase() +
      (p >= 0 ? " in " + d.places[p][2] : "") + " · " +
      ev.who[i].map(function (c) { return d.names[c] || c; }).join(", ") + " · " + n + " source" + (n !== 1 ? "s" : "");
  }

  function weekOf(iso) { var n = dayOfIso(iso); return isoOfDay(n - ((n + 3) % 7 + 7) % 7); }
  function monthOf(iso) { return iso.slice(0, 8) + "01"; }
  /* The day number of the start of each event's week or month (weekOf, monthOf), worked out once. */
  function periodStarts(d, monthly) {
    var key = monthly ? "month" : "week";
    if (d.periods[key]) return d.periods[key];
    var date = d.events.date, out = new Int32Array(d.n), known = Object.create(null);
    for (var i = 0; i < d.n; i++) {
      var iso = date[i];
      if (iso === null) continue;
      var start = known[iso];
      if (start === undefined) start = known[iso] = dayOfIso(monthly ? monthOf(iso) : weekOf(iso));
      out[i] = start;
    }
    return (d.periods[key] = out);
  }

  /* The timeline figure: timeline.figure, its x axis on the filter's time range (views.timeline_figure). */
  function figure(d, vis, f, selected) {
    var ev = d.events, s = d.settings, ln = lanes(d, vis), rowOf = ln.row, laneOf = d.laneOf;
    var binned = vis.length >= s.binFrom, monthly = vis.length >= s.monthFrom;
    var periodName = monthly ? "month of" : "week of";
    // Lanes' rows in the order of their names: bins are listed by lane name, then period (timeline.figure).
    var byName = ln.names.map(function (_, r) { return r; }).sort(function (a, b) { return cmpStr(ln.names[a], ln.names[b]); });
    var nameRank = new Int32Array(ln.names.length);
    byName.forEach(function (r, k) { nameRank[r] = k; });
    var byTrace = [];
    for (var v = 0; v < vis.length; v++) {
      var i = vis[v];
      if (ev.date[i] === null) continue;
      var t = 2 * ev.kind[i] + ev.planned[i];
      (byTrace[t] = byTrace[t] || []).push(i);
    }
    var traces = [];
    Object.keys(d.styles).forEach(function (kind) {
      var style = d.styles[kind];
      [0, 1].forEach(function (planned) {
        var evs = byTrace[2 * d.kindIndex[kind] + planned];
        if (!evs) return;
        var label = style.label + (planned ? " (planned)" : "");
        var marker = {color: style.color, size: 8, line: {width: 0.5, color: "#222"},
                      symbol: style.shape + (planned ? "-open" : "")};
        var trace = {type: "scatter", mode: "markers", name: label, legendgroup: kind, marker: marker,
                     hoverinfo: "text"};
        if (binned) {
          // A bin's key is a number: its row's rank by name, then its period's first day (> -10^6 days).
          var starts = periodStarts(d, monthly), bins = new Map();
          evs.forEach(function (i) {
            var key = nameRank[rowOf[laneOf[i]]] * 4e6 + starts[i] + 2e6;
            bins.set(key, (bins.get(key) || 0) + 1);
          });
          var keys = Array.from(bins.keys()).sort(function (a, b) { return a - b; }).map(function (key) {
            var r = byName[Math.floor(key / 4e6)], first = isoOfDay(key % 4e6 - 2e6);
            return [ln.names[r], first, r, bins.get(key)];
          });
          trace.x = keys.map(function (k) { return k[1]; });
          trace.y = keys.map(function (k) { return k[2]; });
          trace.customdata = keys.map(function (k) { return s.bin + k[0] + "|" + k[1] + "|" + kind + "|" + planned; });
          trace.hovertext = keys.map(function (k) {
            return periodName + " " + k[1] + " · " + k[0] + " · " + k[3] + " × " + label.toLowerCase();
          });
          marker.size = keys.map(function (k) { return Math.min(18, 5 + 2 * Math.pow(k[3], 0.5)); });
        } else {
          trace.x = evs.map(function (i) { return ev.date[i]; });
          trace.y = evs.map(function (i) { return rowOf[laneOf[i]]; });
          trace.customdata = evs.map(function (i) { return ev.id[i]; });
          trace.hovertext = evs.map(function (i) { return hoverText(d, i); });
        }
        traces.push(trace);
      });
    });
    var chosen = vis.filter(function (i) { return ev.id[i] === selected && ev.date[i] !== null; });
    if (chosen.length) {
      traces.push({type: "scatter", mode: "markers", name: "selected", showlegend: false, hoverinfo: "skip",
                   x: [ev.date[chosen[0]]], y: [rowOf[laneOf[chosen[0]]]],
                   marker: {size: 16, symbol: "circle-open", color: "#111", line: {width: 2}}});
    }
    var xaxis = {type: "date", showgrid: true, ticklabeloverflow: "allow"};
    if (f.since || f.until) {
      var lo = f.since || d.span[0], hi = f.until || d.span[1];
      if (lo && hi) xaxis.range = [isoOfDay(dayOfIso(lo) - 1), isoOfDay(dayOfIso(hi) + 1)];
    }
    var count = ln.names.length, longest = 0;
    ln.names.forEach(function (name) { longest = Math.max(longest, name.length); });
    return {data: traces, layout: {
      height: Math.max(150, Math.min(230, 50 + 15 * count)),
      margin: {l: Math.min(220, Math.max(100, 16 + 7 * longest)), r: 10, t: 4, b: 24},  // timeline.lane_margin
      dragmode: "select", selectdirection: "h", hovermode: "closest", uirevision: "timeline",
      showlegend: false,
      xaxis: xaxis,
      yaxis: {tickmode: "array", tickvals: ln.names.map(function (_, i) { return i; }), ticktext: ln.names,
              range: [count - 0.5, -0.5], fixedrange: true, showgrid: true, zeroline: false, automargin: false,
              ticklabeloverflow: "allow"},
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "#fafafa"}};
  }

  /* One line: how many events, sources and languages are shown, out of how many. */
  function summary(d, vis) {
    var ev = d.events, seen = d.sourceSeen, stamp = ++d.stamp, sources = 0, langs = new Set();
    for (var v = 0; v < vis.length; v++) {
      var i = vis[v], src = ev.src[i], ls = ev.langs[i];
      for (var j = 0; j < src.length; j++) if (seen[src[j]] !== stamp) { seen[src[j]] = stamp; sources += 1; }
      for (j = 0; j < ls.length; j++) if (ls[j]) langs.add(ls[j]);
    }
    return vis.length.toLocaleString("en-US") + " of " + plural(d.n, "meeting") + " · " +
      plural(sources, "source") + " · " + plural(langs.size, "language");
  }

  /* The events table's row of an event: data.table_row (made once per event). */
  function row(d, i) {
    if (!d.rowCache) d.rowCache = new Array(d.n);
    return d.rowCache[i] || (d.rowCache[i] = makeRow(d, i));
  }

  function makeRow(d, i) {
    var ev = d.events, p = ev.place[i], pl = p >= 0 ? d.places[p] : null;
    var langs = Array.from(new Set(ev.langs[i].map(function (l) { return l || "?"; }))).sort(cmpStr);
    return {id: ev.id[i], date: ev.date[i], kind: d.styles[d.kinds[ev.kind[i]]].label,
            status: ev.planned[i] ? "planned" : "held", place: pl ? pl[1] : "—", precision: pl ? pl[5] : "none",
            country: pl ? pl[6] || "" : "", participants: ev.who[i].join(" · "),
            names: ev.who[i].map(function (c) { return d.names[c] || c; }).join(", "), sources: ev.src[i].length,
            langs: langs.join(" ")};
  }

  /* A URL query string's values as filters.from_query reads them (dates in the YYYY-MM-DD form). */
  function decode(text) {
    try { return decodeURIComponent(text.replace(/\+/g, " ")); } catch (e) { return text; }
  }
  function codes(values, allowed, upper) {
    var out = new Set();
    (values || []).forEach(function (v) {
      v.split(",").forEach(function (part) {
        part = part.trim();
        part = upper ? part.toUpperCase() : part.toLowerCase();
        if (part && (!allowed || allowed.indexOf(part) >= 0)) out.add(part);
      });
    });
    return Array.from(out).sort(cmpStr);
  }
  function isoDate(text) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || "");
    if (!m) return null;
    var t = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
    return t.getUTCFullYear() === +m[1] && t.getUTCMonth() === +m[2] - 1 && t.getUTCDate() === +m[3] ? text : null;
  }
  function fromQuery(d, search) {
    var q = {};
    (search || "").replace(/^\?/, "").split("&").forEach(function (pair) {
      var eq = pair.indexOf("=");
      if (eq < 0) return;
      var key = decode(pair.slice(0, eq)), value = decode(pair.slice(eq + 1));
      if (value) (q[key] = q[key] || []).push(value);  // parse_qs drops blank values
    });
    function one(key) { return q[key] ? q[key][q[key].length - 1] : null; }
    var letters = /^\p{L}+$/u;
    return {since: isoDate(one("from")), until: isoDate(one("to")),
            countries: codes(q.c, null, true).filter(function (c) {
              var n = Array.from(c).length;
              return n >= 2 && n <= 4 && letters.test(c);
            }),
            kinds: codes(q.k, d.kinds), langs: codes(q.lang).filter(function (c) { return letters.test(c); }),
            precisions: codes(q.prec, d.precisionValues), planned: ["1", "true", "yes"].indexOf(one("planned")) >= 0,
            event: one("event") || null};
  }

  /* The controls' values that show the filters of a query (views.controls_of), in callbacks.CONTROLS' order. */
  function controlsOf(d, f) {
    var today = new Date().toISOString().slice(0, 10), lo = d.span[0] || today, hi = d.span[1] || today;
    var since = f.since || lo, until = f.until || hi;
    since = since < lo ? lo : since > hi ? hi : since;
    until = until > hi ? hi : until;
    until = until < since ? since : until;
    return [f.countries.slice(), f.kinds.length ? f.kinds.slice() : d.kinds.slice(),
            d.langs.filter(function (x) { return !f.langs.length || f.langs.indexOf(x) >= 0; }),
            d.precisions.filter(function (p) { return !f.precisions.length || f.precisions.indexOf(p) >= 0; }),
            f.planned ? ["planned"] : [], [dayOfIso(since) + ORDINAL_EPOCH, dayOfIso(until) + ORDINAL_EPOCH]];
  }

  /* The URL query string of the controls' values and the selected event: filters.to_query(views.filters_of(…)). */
  function quotePlus(text) {
    return encodeURIComponent(text).replace(/%20/g, "+").replace(/%2C/g, ",")
      .replace(/[!'()*]/g, function (c) { return "%" + c.charCodeAt(0).toString(16).toUpperCase(); });
  }
  function query(d, controls, event) {
    var f = filtersOf.apply(null, [d].concat(controls)), pairs = [];
    if (f.since) pairs.push(["from", f.since]);
    if (f.until) pairs.push(["to", f.until]);
    [["c", f.countries], ["k", f.kinds], ["lang", f.langs], ["prec", f.precisions]].forEach(function (p) {
      if (p[1] && p[1].size) pairs.push([p[0], Array.from(p[1]).sort(cmpStr).join(",")]);
    });
    if (f.planned) pairs.push(["planned", "1"]);
    if (event) pairs.push(["event", event]);
    return pairs.length ? "?" + pairs.map(function (p) { return quotePlus(p[0]) + "=" + quotePlus(p[1]); }).join("&") : "";
  }

  /* Whether the snapshot holds an event. */
  function has(d, id) {
    if (!d.idIndex) {
      d.idIndex = new Map();
      d.events.id.forEach(function (x, i) { d.idIndex.set(x, i); });
    }
    return d.idIndex.has(id);
  }

  function windowLabel(window) {
    return window ? isoOfOrdinal(window[0]) + " – " + isoOfOrdinal(window[1]) : "";
  }

  /* Everything a view shows, for the controls' values (in the order of callbacks.CONTROLS); the
     timeline figure unless `{figure: false}`. */
  function compute(text, controls, selected, options) {
    var d = load(text), f = filtersOf.apply(null, [d].concat(controls)), vis = visible(d, f);
    var fl = flows(d, vis), shown = fl.collection.features.length;
    return {
      data: d, filters: f, visible: vis, markers: markers(d, vis), flows: fl.collection, areas: areas(d, vis),
      note: shown < fl.total ? "showing the " + shown.toLocaleString("en-US") + " busiest of " +
                               fl.total.toLocaleString("en-US") + " flows; narrow the filters to see all" : "",
      figure: options && options.figure === false ? null : figure(d, vis, f, selected), summary: summary(d, vis),
      window: windowLabel(controls[5])
    };
  }

  return {load: load, current: function () { return cache.text; }, compute: compute, filtersOf: filtersOf, visible: visible, markers: markers, flows: flows,
          areas: areas, figure: figure, lanes: lanes, summary: summary, row: row, curve: curve,
          windowLabel: windowLabel, fromQuery: fromQuery, controlsOf: controlsOf, query: query, has: has};
})();
