/* The dashboard's view engine: what the map, timeline, table and summary show for the controls,
   computed in the browser from the snapshot the page was given (dashboard/app/client.py), so a
   filter or slider change needs no server round trip.

   It applies the rules of the Python functions it mirrors, and tests hold the two equal:
   filtersOf ~ views.filters_of, passes ~ filters.passes, markers ~ features.markers (as the
   dashboard trims it), flows ~ FlowIndex.flows, areas ~ features.country_areas, figure ~
   timeline.figure, row ~ data.table_row. Pure functions of (data, controls): no DOM. */
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
    for (var i = 0; i < n; i++) d.precisionOf[i] = ev.place[i] >= 0 ? d.places[ev.place[i]][5] : "none";
    d.curves = {};
    cache = {text: text, data: d};
    return d;
  }

  /* Events by date (undated first), then id: features._date_order. */
  function orderer(d) {
    var date = d.events.date, id = d.events.id;
    return function (a, b) {
      var da = date[a], db = date[b];
      if ((da === null) !== (db === null)) return da === null ? -1 : 1;
      if (da !== db) return da < db ? -1 : 1;
      return cmpStr(id[a], id[b]);
    };
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
    vis.forEach(function (i) {
      var p = ev.place[i];
      if (p < 0 || d.places[p][5] === "country") return;
      var key = d.places[p][0], g = groups.get(key);
      if (g) g.push(i); else groups.set(key, [i]);
    });
    var features = [];
    groups.forEach(function (g, key) {
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
    var ev = d.events, order = orderer(d), stats = new Map(), limit = d.settings.maxFlows;
    vis.forEach(function (i) {
      ev.arcs[i].forEach(function (a) {
        var st = stats.get(a);
        if (!st) { stats.set(a, [1, i, i, new Set([ev.kind[i]])]); return; }
        st[0] += 1;
        st[3].add(ev.kind[i]);
        if (order(i, st[1]) < 0) st[1] = i;
        if (order(i, st[2]) > 0) st[2] = i;
      });
    });
    var kept = Array.from(stats), total = kept.length;
    if (total > limit) {
      kept.sort(function (x, y) { return y[1][0] - x[1][0] || order(y[1][2], x[1][2]); });
      kept = kept.slice(0, limit);
    }
    var canvas = kept.length > d.settings.canvasFrom;
    var features = kept.map(function (entry) {
      var a = entry[0], st = entry[1], arc = d.arcs[a], code = arc[2], call = !!arc[1];
      var first = ev.date[st[1]], last = ev.date[st[2]], count = st[0];
      var src = d.capitals[code], to = call ? d.capitals[arc[3]][0] : d.places[arc[4]][1];
      var when = count > 1 ? count + " meetings, " + (first === null ? "None" : first) + " … " +
                             (last === null ? "None" : last) : first || "date unknown";
      var who = d.names[code] || code;
      var tip = call ? "Phone call: " + who + " – " + (d.names[arc[3]] || arc[3]) + ", " + when
                     : who + " delegation: " + src[0] + " → " + to + ", " + when;
      var kinds = Array.from(st[3]).sort(function (x, y) { return d.styleRank[x] - d.styleRank[y]; });
      return {type: "Feature", id: arc[0], geometry: arcGeometry(d, a),
              properties: {participant: code, other: call ? arc[3] : null, color: d.colours[code],
                           kind: d.kinds[kinds[0]], dashed: call, from: src[0], to: to, count: count, first: first,
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

  /* Timeline lanes, busiest first, the quiet ones folded into one: timeline.lanes. */
  function lanes(d, vis) {
    var ev = d.events, own = {}, counts = new Map(), max = d.settings.maxLanes;
    vis.forEach(function (i) {
      var lane = ev.who[i].join("–") || "unknown";
      own[i] = lane;
      counts.set(lane, (counts.get(lane) || 0) + 1);
    });
    var ordered = Array.from(counts.keys()).sort(function (a, b) { return counts.get(b) - counts.get(a) || cmpStr(a, b); });
    var kept = ordered.length <= max ? ordered : ordered.slice(0, max - 1), keep = new Set(kept), of = {};
    vis.forEach(function (i) { of[i] = keep.has(own[i]) ? own[i] : d.settings.other; });
    return {names: kept.concat(kept.length < ordered.length ? [d.settings.other] : []), of: of};
  }

  function hoverText(d, i) {
    var ev = d.events, p = ev.place[i], n = ev.src[i].length;
    return (ev.date[i] || "date unknown") + " · " + d.styles[d.kinds[ev.kind[i]]].label.toLowerCase() +
      (p >= 0 ? " in " + d.places[p][2] : "") + " · " +
      ev.who[i].map(function (c) { return d.names[c] || c; }).join(", ") + " · " + n + " source" + (n !== 1 ? "s" : "");
  }

  function weekOf(iso) { var n = dayOfIso(iso); return isoOfDay(n - ((n + 3) % 7 + 7) % 7); }
  function monthOf(iso) { return iso.slice(0, 8) + "01"; }

  /* The timeline figure: timeline.figure, its x axis on the filter's time range (views.timeline_figure). */
  function figure(d, vis, f, selected) {
    var ev = d.events, s = d.settings, ln = lanes(d, vis), row = {};
    ln.names.forEach(function (name, i) { row[name] = i; });
    var binned = vis.length >= s.binFrom, monthly = vis.length >= s.monthFrom;
    var period = monthly ? monthOf : weekOf, periodName = monthly ? "month of" : "week of";
    var byTrace = {};
    vis.forEach(function (i) {
      if (ev.date[i] === null) return;
      var key = ev.kind[i] + ":" + ev.planned[i];
      (byTrace[key] = byTrace[key] || []).push(i);
    });
    var traces = [];
    Object.keys(d.styles).forEach(function (kind) {
      var style = d.styles[kind];
      [0, 1].forEach(function (planned) {
        var evs = byTrace[d.kindIndex[kind] + ":" + planned];
        if (!evs) return;
        var label = style.label + (planned ? " (planned)" : "");
        var marker = {color: style.color, size: 8, line: {width: 0.5, color: "#222"},
                      symbol: style.shape + (planned ? "-open" : "")};
        var trace = {type: "scatter", mode: "markers", name: label, legendgroup: kind, marker: marker,
                     hoverinfo: "text"};
        if (binned) {
          var bins = new Map();
          evs.forEach(function (i) {
            var key = ln.of[i] + "\u0000" + period(ev.date[i]);
            bins.set(key, (bins.get(key) || 0) + 1);
          });
          var keys = Array.from(bins.keys()).map(function (k) { return k.split("\u0000"); })
            .sort(function (a, b) { return cmpStr(a[0], b[0]) || cmpStr(a[1], b[1]); });
          var count = function (k) { return bins.get(k[0] + "\u0000" + k[1]); };
          trace.x = keys.map(function (k) { return k[1]; });
          trace.y = keys.map(function (k) { return row[k[0]]; });
          trace.customdata = keys.map(function (k) { return s.bin + k[0] + "|" + k[1] + "|" + kind + "|" + planned; });
          trace.hovertext = keys.map(function (k) {
            return periodName + " " + k[1] + " · " + k[0] + " · " + count(k) + " × " + label.toLowerCase();
          });
          marker.size = keys.map(function (k) { return Math.min(18, 5 + 2 * Math.pow(count(k), 0.5)); });
        } else {
          trace.x = evs.map(function (i) { return ev.date[i]; });
          trace.y = evs.map(function (i) { return row[ln.of[i]]; });
          trace.customdata = evs.map(function (i) { return ev.id[i]; });
          trace.hovertext = evs.map(function (i) { return hoverText(d, i); });
        }
        traces.push(trace);
      });
    });
    var chosen = vis.filter(function (i) { return ev.id[i] === selected && ev.date[i] !== null; });
    if (chosen.length) {
      traces.push({type: "scatter", mode: "markers", name: "selected", showlegend: false, hoverinfo: "skip",
                   x: [ev.date[chosen[0]]], y: [row[ln.of[chosen[0]]]],
                   marker: {size: 16, symbol: "circle-open", color: "#111", line: {width: 2}}});
    }
    var xaxis = {type: "date", showgrid: true};
    if (f.since || f.until) {
      var lo = f.since || d.span[0], hi = f.until || d.span[1];
      if (lo && hi) xaxis.range = [isoOfDay(dayOfIso(lo) - 1), isoOfDay(dayOfIso(hi) + 1)];
    }
    var count = ln.names.length;
    return {data: traces, layout: {
      height: Math.max(150, Math.min(230, 50 + 15 * count)), margin: {l: 100, r: 10, t: 4, b: 24},
      dragmode: "select", selectdirection: "h", hovermode: "closest", uirevision: "timeline",
      showlegend: true, legend: {orientation: "h", y: 1.02, yanchor: "bottom", x: 1, xanchor: "right"},
      xaxis: xaxis,
      yaxis: {tickmode: "array", tickvals: ln.names.map(function (_, i) { return i; }), ticktext: ln.names,
              range: [count - 0.5, -0.5], fixedrange: true, showgrid: true, zeroline: false, automargin: true},
      paper_bgcolor: "rgba(0,0,0,0)", plot_bgcolor: "#fafafa"}};
  }

  /* One line: how many events, sources and languages are shown, out of how many. */
  function summary(d, vis) {
    var ev = d.events, sources = new Set(), langs = new Set();
    vis.forEach(function (i) {
      ev.src[i].forEach(function (s) { sources.add(s); });
      ev.langs[i].forEach(function (l) { if (l) langs.add(l); });
    });
    return vis.length.toLocaleString("en-US") + " of " + plural(d.n, "meeting") + " · " +
      plural(sources.size, "source") + " · " + plural(langs.size, "language");
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
          windowLabel: windowLabel};
})();
