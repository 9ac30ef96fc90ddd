/* The map's meeting layers (country areas, flows, markers), kept in step with the view in place.

   dash-leaflet's GeoJSON redraws every feature whenever its data changes; with hundreds of
   markers and flows that alone overran a filter change's time. Here each feature is a Leaflet
   layer kept by its id: a new view adds the features that appear, removes those that go and
   restyles those that changed, and leaves the rest alone. How they look: diplomap.js. A click
   on a marker or an area is handed to Dash as the `dm-map-click` store's data. */
window.diplomap = window.diplomap || {};
window.diplomap.layers = (function () {
  var MAP_ID = "dm-map", PANES = {areas: "dm-areas", flows: "dm-flows", markers: "dm-markers"};
  var map = null, last = null, clicks = 0, canvas = null;
  var kept = {areas: new Map(), flows: new Map(), markers: new Map()};

  function clicked(feature) {
    clicks += 1;
    window.dash_clientside.set_props("dm-map-click", {data: {id: feature.id, place: feature.properties.place,
                                                             n: clicks}});
  }

  var kinds = {
    areas: {
      create: function (f) {
        var layer = L.GeoJSON.geometryToLayer(f, {});
        layer.options.pane = PANES.areas;
        layer.setStyle(window.diplomap.areaStyle(f));
        window.diplomap.areaEach(f, layer);
        layer.on("click", function () { clicked(layer.feature); });
        return layer;
      },
      update: function (layer, f) {
        layer.setStyle(window.diplomap.areaStyle(f));
        return true;
      }
    },
    flows: {
      create: function (f) {
        var layer = L.GeoJSON.geometryToLayer(f, {});
        layer.options.pane = PANES.flows;
        layer.setStyle(window.diplomap.flowStyle(f));
        if (f.properties.canvas) {  // many flows: one canvas for them all instead of an SVG path each
          canvas = canvas || L.canvas({pane: PANES.flows, padding: 0.1});
          layer.options.renderer = canvas;
        }
        layer.bindTooltip(function (l) { return window.diplomap.flowTip(l.feature || f); }, {sticky: true});
        return layer;
      },
      update: function (layer, f, old) {
        if (old.properties.canvas !== f.properties.canvas) return false;  // drawn by the other renderer
        layer.setStyle(window.diplomap.flowStyle(f));
        return true;
      }
    },
    markers: {
      create: function (f) {
        var c = f.geometry.coordinates, layer = window.diplomap.markerToLayer(f, L.latLng(c[1], c[0]));
        layer.options.pane = PANES.markers;
        layer._setPos = placeFlat;
        layer.on("click", function () { clicked(layer.feature); });
        return layer;
      },
      update: function (layer, f) {
        var icon = window.diplomap.markerIcon(f), el = layer._icon;
        if (!el) { layer.setIcon(icon); return true; }
        // The marker's element stays (its place, z-index, listeners): only what it holds is new. setIcon
        // would take the element out of the page and put a new one in, for every marker of the view.
        var classes = el.className;
        layer.options.icon = icon;
        icon.createIcon(el);
        el.className = classes;
        return true;
      }
    }
  };

  /* A marker placed with a 2D translate, not Leaflet's translate3d: a 3D transform makes each marker a
     compositor layer of its own (185 of them at 10,000 meetings), and every frame after a change then
     lays out and hands over all of them; flat, the marker pane is one layer. */
  function placeFlat(pos) {
    var icon = this._icon;
    if (icon) {
      icon._leaflet_pos = pos;
      icon.style.transform = "translate(" + pos.x + "px," + pos.y + "px)";
    }
    this._zIndex = pos.y + this.options.zIndexOffset;
    this._resetZIndex();
  }

  function sync(name, collection) {
    var current = kept[name], seen = new Set(), how = kinds[name];
    collection.features.forEach(function (f) {
      seen.add(f.id);
      var sig = JSON.stringify(f.properties), entry = current.get(f.id);
      if (entry && entry.sig === sig) return;
      if (entry && how.update(entry.layer, f, entry.layer.feature)) {
        entry.layer.feature = f;
        entry.sig = sig;
        return;
      }
      if (entry) map.removeLayer(entry.layer);
      var layer = how.create(f);
      layer.feature = f;
      layer.addTo(map);
      current.set(f.id, {layer: layer, sig: sig});
    });
    current.forEach(function (entry, id) {
      if (!seen.has(id)) {
        map.removeLayer(entry.layer);
        current.delete(id);
      }
    });
  }

  function draw(view) {
    sync("areas", view.areas);
    sync("flows", view.flows);
    sync("markers", view.markers);
    soon();
  }

  /* Labels of nearby places stay readable: each label, busiest place first, goes to the first side of
     its dot (right, left, then right or left a line lower or higher) where it covers no dot and no
     label placed before it; when none is free it stays on the right, or on a crowded map is hidden
     until a closer zoom. Moved with a transform (no reflow); worked out again when the view or the
     zoom changes. */
  var GAP = 3, DOT = 8;  // px between dot and label; half a dot (its anchor is its centre)
  function overlaps(a, b) { return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3]; }
  function declutter() {
    if (!map) return;
    var items = [];
    kept.markers.forEach(function (entry) {
      var icon = entry.layer.getElement && entry.layer.getElement();
      if (!icon || !entry.layer._map) return;
      var pt = map.latLngToContainerPoint(entry.layer.getLatLng());
      var label = icon.querySelector(".dm-label");
      items.push({p: pt, label: label, dot: icon.querySelector(".dm-dot"), count: entry.layer.feature.properties.count,
                  id: entry.layer.feature.id, compact: entry.layer.feature.properties.compact});
    });
    items.sort(function (a, b) { return b.count - a.count || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0); });
    items.forEach(function (it) {
      if (it.label) { it.label.style.transform = ""; it.label.classList.remove("dm-label-hidden"); }
    });
    items.forEach(function (it) {  // read every size first: one layout, not one per label
      it.dw = it.dot ? it.dot.offsetWidth : 2 * DOT;  // a dot with a count of 100 or more is wider
      it.dh = it.dot ? it.dot.offsetHeight : 2 * DOT;
      it.w = it.label ? it.label.offsetWidth : 0;
      it.h = it.label ? it.label.offsetHeight : 0;
    });
    var placed = items.map(function (it) { return [it.p.x - DOT, it.p.y - DOT, it.p.x - DOT + it.dw, it.p.y - DOT + it.dh]; });
    items.forEach(function (it) {
      var w = it.w, h = it.h;
      if (!it.label || !w) return;
      var x = it.p.x, y = it.p.y, right = x - DOT + it.dw + GAP, left = x - DOT - GAP - w, top = y - DOT;
      var spots = [[right, top], [left, top], [right, top + h], [left, top + h], [right, top - h], [left, top - h],
                   [right, top + 2 * h], [left, top + 2 * h]];
      var spot = null;
      for (var k = 0; k < spots.length && !spot; k++) {
        var box = [spots[k][0], spots[k][1], spots[k][0] + w, spots[k][1] + h];
        if (!placed.some(function (b) { return overlaps(box, b); })) spot = spots[k];
      }
      // On a crowded map a label with no free side waits for a closer zoom (its place is named on hover).
      var hidden = !spot && it.compact;
      it.label.classList.toggle("dm-label-hidden", hidden);
      if (hidden) return;
      spot = spot || spots[0];
      placed.push([spot[0], spot[1], spot[0] + w, spot[1] + h]);
      var dx = spot[0] - right, dy = spot[1] - top;
      it.label.style.transform = dx || dy ? "translate(" + dx + "px," + dy + "px)" : "";
      it.label.classList.toggle("dm-label-left", dx < 0);
    });
  }
  var pending = false;
  function soon() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(function () { pending = false; declutter(); });
  }

  /* Show a view (a diplomap.view.compute result): now, or as soon as the map is there. */
  function show(view) {
    last = view;
    if (map) draw(view);
  }

  if (window.L && L.Map) {
    L.Map.addInitHook(function () {
      if (this.getContainer().id !== MAP_ID) return;
      map = this;  // a new map (the page's first, or a remounted one) starts with no meeting layers
      canvas = null;
      kept = {areas: new Map(), flows: new Map(), markers: new Map()};
      Object.keys(PANES).forEach(function (k) { map.createPane(PANES[k]); });
      map.on("zoomend", soon);
      if (last) draw(last);
    });
  }

  return {show: show, declutter: declutter,
          layer: function (name, id) { var e = kept[name].get(id); return e && e.layer; }};
})();
