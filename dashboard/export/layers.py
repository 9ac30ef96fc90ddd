"""The static map's folium elements: the events layer (basemap, areas, flows, markers) and its boxes.

For a still image (`still`) the layer draws the same and leaves out what only a person at the
page uses: popups, hover tips and the time slider.

Data reaches JavaScript only through Jinja's `tojson` (which escapes `<`, `>`, `&`, `'`), and the
script builds every label and popup with `textContent`, never `innerHTML`: article text is
untrusted and always shows as text.
"""

from __future__ import annotations

import json
import math

from branca.element import MacroElement
from jinja2 import Template

from dashboard.export.inline import Inlined

LEGEND_ROWS = 16  # entries in a column of the legend


def page_json(data: object) -> str:
    """JSON to put in a page's `<script>` element: compact, `<`, `>`, `&` and `'` escaped as Jinja's `tojson` does."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")


class Verbatim(MacroElement):
    """A folium element whose rendered macros go into the page as they are.

    branca's MacroElement makes a Jinja template of each rendered macro and renders it again: data
    in it holding `{{`, `{%` or `{#` (an article's text, a title) would be evaluated or break the page,
    and Leaflet-sized data would be lexed for nothing.
    """

    def render(self, **kwargs) -> None:
        figure = self.get_root()
        macros = self._template.module.__dict__
        for part in ("header", "html", "script"):
            if part in macros:
                getattr(figure, part).add_child(Inlined(macros[part](self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class EventLayer(Verbatim):
    """Basemap outlines, country-precision areas, flows with heads, markers with date labels and popups, a time slider.

    The data is a JSON script element the page parses (a browser reads megabytes of JSON several
    times faster than the same data written as a JavaScript literal). A still page's flows are
    `[colour, count, dashed, lines]`, drawn by one layer on the map's canvas.
    """

    _template = Template("""
{% macro html(this, kwargs) %}<script type="application/json" id="dm-data-{{ this.get_name() }}">{{ this.json }}</script>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var data = JSON.parse(document.getElementById({{ ('dm-data-' ~ this.get_name())|tojson }}).textContent);
  var still = {{ this.still|tojson }};
  var map = {{ this._parent.get_name() }};
  if (still) { map.options.renderer = L.canvas({padding: 0}); }  // one canvas the size of the image
  // The frame, set before any layer is drawn (fitting later would draw every layer twice): a box as
  // given, or the events kept clear of the title above and of the legend on the right.
  if (data.frame) {
    var fit = {animate: false}, bounds = L.latLngBounds(data.frame.bounds);
    if (data.frame.clear) {
      var title = document.querySelector('.dm-title'), legend = document.querySelector('.dm-legend');
      var top = (title ? title.offsetTop + title.offsetHeight : 0) + 12, room = 130;  // for a date label
      var wide = legend ? legend.offsetWidth + 10 : 0, high = legend ? legend.offsetHeight + 20 : 0;
      // The legend holds the bottom right corner: the events go left of it or above it, whichever is larger.
      var beside = map.getBoundsZoom(bounds, false, L.point(20 + wide + room, top + 20));
      var above = map.getBoundsZoom(bounds, false, L.point(20 + room, top + high));
      if (above > beside) {
        fit.paddingTopLeft = [20, top]; fit.paddingBottomRight = [room, high];
      } else if (beside > -Infinity) {
        fit.paddingTopLeft = [20, top]; fit.paddingBottomRight = [wide + room, 20];
      }  // else a map too small for its boxes: the events fill it, under the boxes
    }
    map.fitBounds(bounds, fit);
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function popup(ids) {
    var box = el('div', 'dm-popup');
    ids.forEach(function (id) {
      var ev = data.events[id];
      if (!ev) { return; }
      var item = el('div', 'dm-event');
      item.appendChild(el('h4', null, ev.heading));
      ev.facts.forEach(function (fact) { item.appendChild(el('div', null, fact)); });
      ev.reports.forEach(function (r) {
        var src = el('div', 'dm-source');
        src.setAttribute('dir', r.dir);
        var head = el('div');
        if (r.url) {
          var a = el('a', null, r.title);
          a.href = r.url; a.target = '_blank'; a.rel = 'noopener noreferrer';
          head.appendChild(a);
        } else {
          head.appendChild(el('span', null, r.title));
        }
        head.appendChild(el('span', null, r.meta));
        src.appendChild(head);
        var quote = el('blockquote');
        r.evidence.forEach(function (seg) {
          quote.appendChild(seg[1] ? el('mark', seg[1], seg[0]) : document.createTextNode(seg[0]));
        });
        src.appendChild(quote);
        item.appendChild(src);
      });
      box.appendChild(item);
    });
    return box;
  }
  function label(lines, place) {
    var box = el('div');
    box.appendChild(el('b', null, place));
    lines.forEach(function (line) { box.appendChild(el('div', null, line)); });
    return box;
  }
  var timed = [];  // [layer, its group, the first date it shows] for the time slider
  function first(dates) {
    var known = (dates || []).filter(function (d) { return d; }).sort();
    return known.length ? known[0] : null;
  }
  L.geoJSON(data.basemap, {interactive: false, style: function () {
    return {color: '#9aa5b1', weight: 0.6, fillColor: '#f7f5ef', fillOpacity: 1};
  }}).addTo(map);
  var areas = L.geoJSON(data.areas, {
    style: function (f) {
      return {color: f.properties.color, weight: 1.5, dashArray: '4 3', fillColor: f.properties.color, fillOpacity: 0.25};
    },
    onEachFeature: function (f, layer) {
      layer.bindTooltip(label(f.properties.lines, f.properties.place + ' (country)'),
                        {permanent: true, direction: 'center', className: 'dm-label dm-area-label'});
      if (still) { return; }
      layer.bindPopup(function () { return popup(f.properties.events); }, {maxWidth: 360});
      timed.push([layer, function () { return areas; }, first(f.properties.dates)]);
    }
  }).addTo(map);
  function flowStyle(color, count, dashed) {
    return {color: color, weight: 1.5 + Math.min(count, 4) * 0.5, opacity: 0.85, dashArray: dashed ? '6 5' : null};
  }
  // A still image's flows, thousands of lines, are one layer on the map's canvas that draws each line
  // between the areas and the markers as a Leaflet polyline is drawn (the same clipping, simplification
  // and stroke); a Leaflet layer per line would cost several times its drawing.
  var StillFlows = L.Path.extend({
    options: {interactive: false},
    initialize: function (items) {
      this._lines = items.map(function (f) {
        var style = L.extend({}, L.Polyline.prototype.options, flowStyle(f[0], f[1], f[2]));
        style._dashArray = f[2] ? [6, 5] : null;
        return {options: style, coords: f[3]};
      });
    },
    _project: function () {
      var map = this._map, renderer = this._renderer, all = new L.Bounds();
      this._lines.forEach(function (line) {
        var bounds = new L.Bounds(), pad = L.point(line.options.weight / 2, line.options.weight / 2);
        line._rings = line.coords.map(function (ring) {
          return ring.map(function (c) { var p = map.latLngToLayerPoint([c[1], c[0]]); bounds.extend(p); return p; });
        });
        line._pxBounds = new L.Bounds(bounds.min.subtract(pad), bounds.max.add(pad));
        line._renderer = renderer;
        L.Polyline.prototype._clipPoints.call(line);
        L.Polyline.prototype._simplifyPoints.call(line);
        all.extend(line._pxBounds);
      });
      this._pxBounds = all.isValid() ? all : null;
    },
    _update: function () {},
    _empty: function () { return !this._lines.length; },
    _containsPoint: function () { return false; },
    _updatePath: function () {
      var renderer = this._renderer, ctx = renderer._ctx;
      if (!renderer._drawing) { return; }
      this._lines.forEach(function (line) {
        if (!line._parts.length) { return; }
        ctx.beginPath();
        line._parts.forEach(function (part) {
          part.forEach(function (p, j) { if (j) { ctx.lineTo(p.x, p.y); } else { ctx.moveTo(p.x, p.y); } });
        });
        renderer._fillStroke(ctx, line);
      });
    }
  });
  var flows = still ? new StillFlows(data.flows).addTo(map) : L.geoJSON(data.flows, {
    style: function (f) { return flowStyle(f.properties.color, f.properties.count, f.properties.dashed); },
    onEachFeature: function (f, layer) {
      layer.bindTooltip(el('span', null, f.properties.tip), {sticky: true});
      timed.push([layer, function () { return flows; }, f.properties.first]);
    }
  }).addTo(map);
  var markers = L.geoJSON(data.markers, {
    pointToLayer: function (f, latlng) {
      return L.circleMarker(latlng, {radius: 7, color: '#222', weight: 1.5, fillColor: f.properties.color,
                                     fillOpacity: f.properties.all_planned ? 0 : 0.9, className: 'dm-marker'});
    },
    onEachFeature: function (f, layer) {
      // A still image of a crowded map names its busiest places only (f.properties.label: the dashboard's rule).
      if (still && f.properties.label === false) { return; }
      layer.bindTooltip(label(f.properties.lines, f.properties.place),
                        {permanent: true, direction: 'right', offset: [8, 0], className: 'dm-label'});
      if (still) { return; }
      layer.bindPopup(function () { return popup(f.properties.events); }, {maxWidth: 360});
      timed.push([layer, function () { return markers; }, first(f.properties.dates)]);
    }
  }).addTo(map);
  // Labels of nearby places stay readable, by the dashboard's rule (its assets/dashboard/layers.js
  // lays out its own markers only): busiest place first, each marker's label goes to the first side
  // of its dot (right, left, then a line lower or higher) where it stays on the map and covers no dot,
  // no label placed before it, nor the title or the legend; then each country's label, from its
  // centre outwards. A label with no free side is hidden (as the dashboard's are) until a closer zoom.
  // Laid out again after a zoom, once the fonts are in and when the time slider moves.
  var DOT = 8;  // half a dot's size, its outline included
  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function labelled(group, kind) {
    var items = [];
    group.eachLayer(function (layer) {
      var tip = layer.getTooltip();
      if (!tip || !layer.isTooltipOpen() || !tip.getElement()) { return; }
      var p = kind === 'marker' ? map.latLngToContainerPoint(layer.getLatLng()) : null;
      items.push({tip: tip, kind: kind, p: p, busy: layer.feature.properties.count,
                  id: layer.feature.properties.place});
    });
    return items.sort(function (a, b) { return b.busy - a.busy || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
  }
  function layout() {
    var items = labelled(markers, 'marker').concat(labelled(areas, 'area'));
    var placed = items.filter(function (it) { return it.p; }).map(function (it) {
      return [it.p.x - DOT, it.p.y - DOT, it.p.x + DOT, it.p.y + DOT];
    });
    var origin = map.getContainer().getBoundingClientRect();
    function box(e) {
      var r = e.getBoundingClientRect();
      return [r.left - origin.left, r.top - origin.top, r.right - origin.left, r.bottom - origin.top];
    }
    // The title and the legend lie over the map: a label under them is not read.
    document.querySelectorAll('.dm-title, .dm-legend').forEach(function (e) { placed.push(box(e)); });
    items.forEach(function (it) {  // back where Leaflet puts them, shown, to be measured
      var base = L.point(it.kind === 'marker' ? [8, 0] : [0, 0]);
      it.tip.getElement().style.display = '';
      if (!L.point(it.tip.options.offset).equals(base)) { it.tip.options.offset = base; it.tip.update(); }
    });
    var boxes = items.map(function (it) { return box(it.tip.getElement()); });  // all read first: one layout
    items.forEach(function (it, i) {
      var b = boxes[i], w = b[2] - b[0], h = b[3] - b[1], spots;
      if (it.p) {
        var left = -(w + 2 * (b[0] - it.p.x));  // mirrored about the dot
        spots = [[0, 0], [left, 0], [0, h], [left, h], [0, -h], [left, -h], [0, 2 * h], [left, 2 * h]];
      } else {
        spots = [[0, 0]];  // the area's centre, then ever further out from it: below, above, left, right
        for (var d = 1; d <= 3; d++) {
          spots.push([0, d * (h / 2 + DOT)], [0, -d * (h / 2 + DOT)], [-d * (w / 2 + DOT), 0], [d * (w / 2 + DOT), 0],
                     [-d * (w / 2 + DOT), d * h / 2], [-d * (w / 2 + DOT), -d * h / 2]);
        }
      }
      var spot = null;
      for (var k = 0; k < spots.length; k++) {
        var at = [b[0] + spots[k][0], b[1] + spots[k][1], b[2] + spots[k][0], b[3] + spots[k][1]];
        var inside = at[0] >= 0 && at[1] >= 0 && at[2] <= origin.width && at[3] <= origin.height;
        if (inside && !placed.some(function (o) { return overlaps(at, o); })) { spot = spots[k]; break; }
      }
      var el = it.tip.getElement();
      if (!spot) { el.style.display = 'none'; return; }  // no free side: the label waits for a closer zoom
      placed.push([b[0] + spot[0], b[1] + spot[1], b[2] + spot[0], b[3] + spot[1]]);
      el.classList.toggle('dm-label-moved', !!(spot[0] || spot[1]));
      el.classList.toggle('dm-label-left', it.kind === 'marker' && spot[0] < 0);
      if (spot[0] || spot[1]) {
        it.tip.options.offset = L.point(it.tip.options.offset).add(spot);
        it.tip.update();
      }
    });
  }
  // Widths change once the fonts are in: a still page, which never zooms, lays out only then.
  if (!still || !document.fonts) { layout(); }
  map.on('zoomend', layout);
  if (document.fonts) { document.fonts.ready.then(layout); }
  // The time slider: what had happened by a date; play runs through the dates in order.
  var dates = data.dates;
  if (still || dates.length < 2) { return; }
  var slider = L.control({position: 'bottomleft'});
  slider.onAdd = function () {
    var box = el('div', 'dm-box dm-slider');
    var play = el('button', 'dm-play', '▶');
    play.type = 'button'; play.title = 'Play the meetings in order';
    var range = el('input');
    range.type = 'range'; range.min = 0; range.max = dates.length - 1; range.value = dates.length - 1;
    var shown = el('span', 'dm-slider-date', 'until ' + dates[dates.length - 1]);
    function show(i) {
      range.value = i;
      shown.textContent = 'until ' + dates[i];
      timed.forEach(function (t) {
        var group = t[1](), visible = !t[2] || t[2] <= dates[i];
        if (visible && !group.hasLayer(t[0])) { group.addLayer(t[0]); }
        if (!visible && group.hasLayer(t[0])) { group.removeLayer(t[0]); }
      });
      layout();
    }
    var timer = null;
    play.addEventListener('click', function () {
      if (timer) { clearInterval(timer); timer = null; play.textContent = '▶'; return; }
      var i = 0;
      show(i);
      play.textContent = '❚❚';
      timer = setInterval(function () {
        i += 1;
        if (i >= dates.length) { clearInterval(timer); timer = null; play.textContent = '▶'; return; }
        show(i);
      }, {{ this.step_ms }});
    });
    range.addEventListener('input', function () { show(parseInt(range.value, 10)); });
    box.appendChild(play); box.appendChild(range); box.appendChild(shown);
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  slider.addTo(map);
})();
{% endmacro %}
""")

    def __init__(self, data: dict, *, step_ms: int = 800, still: bool = False) -> None:
        super().__init__()
        self._name = "EventLayer"
        self.json = page_json(data)
        self.step_ms = int(step_ms)
        self.still = bool(still)


class Boxes(Verbatim):
    """The title box (title, time span, source line) and the legend of kinds and delegations (and how many
    more delegations there are, and a note)."""

    _template = Template("""
{% macro header(this, kwargs) %}<style>{{ this.css }}</style>{% endmacro %}
{% macro html(this, kwargs) %}
<div class="dm-box dm-title"><h1>{{ this.title|e }}</h1><div>{{ this.span|e }}</div>{% if this.source %}<div class="dm-source-line">{{ this.source|e }}</div>{% endif %}</div>
<div class="dm-box dm-legend" style="grid-template-rows: repeat({{ this.rows }}, auto)">
  {% for label, color in this.kinds %}<div><span class="dm-swatch" style="background: {{ color|e }}; border-radius: 50%"></span>{{ label|e }}</div>{% endfor %}
  <div><span class="dm-swatch" style="background: transparent; border-radius: 50%"></span>planned</div>
  <div><span class="dm-swatch" style="background: #8884; border-style: dashed"></span>known only to the country</div>
  {% for label, color in this.delegations %}<div><span class="dm-line" style="border-color: {{ color|e }}"></span>{{ label|e }}</div>{% endfor %}
  {% if this.more %}<div><span class="dm-line" style="border-color: transparent"></span>and {{ this.more }} more delegation{{ 's' if this.more != 1 }}</div>{% endif %}
  <div><span class="dm-line" style="border-top-style: dashed; border-color: #555"></span>phone call</div>
  {% if this.note %}<div class="dm-legend-note" style="color: #555">{{ this.note|e }}</div>{% endif %}
</div>
{% endmacro %}
""")

    def __init__(self, *, title: str, span: str, kinds: list[tuple[str, str]], delegations: list[tuple[str, str]],
                 css: str, source: str | None = None, more: int = 0, note: str | None = None) -> None:
        super().__init__()
        self._name = "Boxes"
        self.title, self.span, self.kinds, self.delegations, self.css = title, span, kinds, delegations, css
        self.source, self.more, self.note = source, more, note
        # Many delegations: the legend goes into columns of up to LEGEND_ROWS, not off the top of the map.
        entries = len(kinds) + len(delegations) + 3 + bool(more) + bool(note)  # + planned, country only, phone call
        self.rows = math.ceil(entries / math.ceil(entries / LEGEND_ROWS))
