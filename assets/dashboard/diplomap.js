/* How the dashboard's map layers look: the basemap's style (dash-leaflet calls it by name), and the
   country areas, flows and markers that layers.js draws.
   Article and place text reaches the DOM only through textContent: never parsed as HTML. */
window.diplomap = Object.assign(window.diplomap || {}, (function () {
  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function tooltip(lines) {
    var box = el("div", "dm-tip");
    lines.forEach(function (line, i) { box.appendChild(el(i === 0 ? "b" : "div", null, line)); });
    return box;
  }
  var canvases = {};
  // The map's zoom level as data-zoom on its container, so CSS can thin labels out at a world view.
  function watchZoom(map) {
    if (!map || map._dmZoomWatched) return;
    map._dmZoomWatched = true;
    var set = function () { map.getContainer().setAttribute("data-zoom", String(Math.round(map.getZoom()))); };
    map.on("zoomend", set);
    set();
  }
  var api = {
    basemapStyle: function () {
      return {color: "#ffffff", weight: 0.7, fillColor: "#dfe3e8", fillOpacity: 1, className: "dm-country"};
    },
    areaStyle: function (feature) {
      var p = feature.properties;
      return {color: p.color, weight: 2, dashArray: "4 3", fillColor: p.color, fillOpacity: 0.22,
              className: "dm-area dm-area-" + p.country};
    },
    // Tooltips are made when they open, from the layer's feature of the moment (layers.js swaps it on a
    // change of view): a view change builds none.
    areaEach: function (feature, layer) {
      layer.bindTooltip(function (l) { return api.areaTip(l.feature || feature); }, {sticky: true});
    },
    flowStyle: function (feature) {
      var p = feature.properties;
      return {color: p.color, weight: Math.min(6, 1.6 + Math.log2(p.count)), opacity: 0.8,
              dashArray: p.dashed ? "6 6" : null, lineCap: "round",
              className: "dm-flow dm-flow-" + p.participant + (p.dashed ? " dm-call dm-flow-" + p.other : "")};
    },
    flowEach: function (feature, layer) {
      if (feature.properties.canvas) {  // many flows: one canvas for them all instead of an SVG path each
        var pane = "dm-flows";
        canvases[pane] = canvases[pane] || L.canvas({pane: pane, padding: 0.1});
        layer.options.renderer = canvases[pane];
      }
      layer.bindTooltip(function (l) { return api.flowTip(l.feature || feature); }, {sticky: true});
    },
    markerToLayer: function (feature, latlng) {
      var marker = L.marker(latlng, {icon: api.markerIcon(feature), title: "", riseOnHover: true, keyboard: true});
      marker.bindTooltip(function (l) { return api.markerTip(l.feature || feature); },
                         {direction: "top", offset: [0, -8]});
      marker.on("add", function () { watchZoom(marker._map); });
      return marker;
    },
    markerIcon: function (feature) {
      var p = feature.properties;
      var root = el("div", "dm-marker dm-prec-" + p.precision + (p.compact ? " dm-compact" : "") +
                   (p.all_planned ? " dm-planned" : ""));
      root.setAttribute("data-place", p.place);
      root.setAttribute("data-count", p.count);
      var dot = el("span", "dm-dot dm-shape-" + p.shape, p.count > 1 ? p.count : "");
      dot.style.background = p.color;
      root.appendChild(dot);
      if (p.label !== false) {  // on a crowded map only the busiest places are labelled
        var label = el("span", "dm-label");
        label.appendChild(el("span", "dm-label-place", p.place));
        p.lines.forEach(function (line) { label.appendChild(el("span", "dm-label-date", line)); });
        root.appendChild(label);
      }
      return L.divIcon({html: root, className: "dm-marker-icon", iconSize: null, iconAnchor: [8, 8]});
    },
    markerTip: function (feature) {
      var p = feature.properties;
      return tooltip([p.place + " — " + p.count + " meeting" + (p.count > 1 ? "s" : "")].concat(p.dates.slice(0, 12)));
    },
    areaTip: function (feature) {
      var p = feature.properties;
      return tooltip([p.place + " (country only)"].concat(p.lines));
    },
    flowTip: function (feature) {
      return tooltip([feature.properties.tip]);
    }
  };
  return api;
})());
