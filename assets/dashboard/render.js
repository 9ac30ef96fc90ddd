/* The clientside callbacks that show a view: on every change of the filters or the time window the
   page computes the view (view.js) and draws it — map layers (layers.js), the timeline, the
   summary — and the table asks for the blocks of rows it shows (AG Grid's infinite row model,
   100 rows at a time, sorted and filtered by its column filters here), with no server round trip.
   The table is below the fold: the grid is put in the page when its box is first scrolled to, and
   while it is out of sight a change of view waits to be listed until it is back in sight.
   See dashboard/app/callbacks.py. */
window.diplomap = window.diplomap || {};
window.diplomap.table = (function () {
  var GRID = {type: "dm-grid", of: "meetings"};  // layout.TABLE_ID
  var view = null;  // the view the table lists (or will list once in sight)
  var listed = null;  // the view the grid last asked its rows of
  var inSight = false;

  /* Whether a cell passes one AG Grid column filter (text, number or date; simple or two joined). */
  function passes(value, flt) {
    if (flt.conditions) {
      var results = flt.conditions.map(function (c) { return passes(value, c); });
      return flt.operator === "AND" ? results.every(Boolean) : results.some(Boolean);
    }
    var kind = flt.filterType || "text", op = flt.type || "contains", a, b, v;
    if (op === "blank") return value === null || value === undefined || value === "";
    if (op === "notBlank") return !(value === null || value === undefined || value === "");
    if (kind === "number") {
      a = flt.filter; b = flt.filterTo; v = typeof value === "number" ? value : null;
    } else if (kind === "date") {
      a = (flt.dateFrom || "").slice(0, 10); b = (flt.dateTo || "").slice(0, 10); v = String(value || "");
    } else {
      a = String(flt.filter === undefined || flt.filter === null ? "" : flt.filter).toLowerCase(); b = null;
      v = String(value || "").toLowerCase();
    }
    if (v === null || a === null || a === undefined) return false;
    switch (op) {
      case "equals": return v === a;
      case "notEqual": return v !== a;
      case "contains": return v.indexOf(a) >= 0;
      case "notContains": return v.indexOf(a) < 0;
      case "startsWith": return v.slice(0, a.length) === a;
      case "endsWith": return a.length === 0 || v.slice(-a.length) === a;
      case "lessThan": return v < a;
      case "greaterThan": return v > a;
      case "lessThanOrEqual": return v <= a;
      case "greaterThanOrEqual": return v >= a;
      case "inRange": return b !== null && b !== undefined && a <= v && v <= b;
      default: return true;
    }
  }

  /* After its first rows the grid asks the page for its rows directly (a datasource answering at once), not
     through a Dash callback: after a change of view the rows come with the map. */
  var installed = null;
  function install(api) {
    if (!api || installed === api) return;
    installed = api;
    listed = view;  // a new datasource: the grid asks for its rows anew
    api.setGridOption("datasource", {getRows: function (params) {
      if (!view) { params.failCallback(); return; }
      var b = table.block(params);
      params.successCallback(b.rowData, b.rowCount);
    }});
  }

  function api() {
    try { return window.dash_ag_grid.getApi(GRID); } catch (e) { return null; }  // not up yet
  }

  function same(a, b) {
    if (!a || !b || a.data !== b.data || a.visible.length !== b.visible.length) return false;
    for (var i = 0; i < a.visible.length; i++) if (a.visible[i] !== b.visible[i]) return false;
    return true;
  }

  /* The grid lists the current view, if it is up and in sight and lists another. */
  function refilter() {
    if (!inSight || !listed || same(listed, view)) return;  // (no rows asked for yet: the grid is loading)
    var grid = api();
    if (!grid) return;
    if (installed === grid) {
      listed = view;
      // The grid asks again for the blocks it has, keeping its rows until the answer fills them in (a purge
      // drew them as loading first, and every row anew: 50-70 ms more a change at 10,000 meetings).
      grid.refreshInfiniteCache();
    } else {
      install(grid);  // the grid drops the blocks it has and asks the page's datasource
    }
  }

  /* The grid's box: the grid is wanted when it first comes in sight, and lists the view when it is. */
  var watched = null, wanted = false;
  function watch() {
    var box = document.getElementById("dm-table");
    if (!box || box === watched || !window.IntersectionObserver) return;
    watched = box;
    new IntersectionObserver(function (entries) {
      inSight = entries[entries.length - 1].isIntersecting;
      if (!inSight) return;
      if (!wanted && !api()) {
        // The grid asks for its first rows through Dash (the `rows` callback); the page's own datasource
        // is installed at the first change of view after that (installing it makes the grid ask again).
        wanted = true;
        window.dash_clientside.set_props("dm-table-wanted", {data: true});
      }
      refilter();
    }).observe(box);
  }

  var table = {
    show: function (v) {
      view = v;
      watch();
      refilter();
    },
    shown: function () { return view; },
    /* The block of rows an AG Grid infinite-model request asks for, after its column filters and sort. */
    block: function (request) {
      listed = view;
      var d = view.data, filters = request.filterModel || {}, cols = Object.keys(filters);
      var rows = view.visible.map(function (i) { return window.diplomap.view.row(d, i); }).filter(function (r) {
        return cols.every(function (c) { return passes(r[c], filters[c]); });
      });
      (request.sortModel || []).slice().reverse().forEach(function (sort) {
        var col = sort.colId, sign = sort.sort === "desc" ? -1 : 1;
        rows.sort(function (x, y) {
          var a = x[col], b = y[col], na = a === null || a === undefined, nb = b === null || b === undefined;
          if (na !== nb) return sign * (na ? 1 : -1);
          if (na) return 0;
          return sign * (a < b ? -1 : a > b ? 1 : 0);
        });
      });
      var start = +(request.startRow || 0), end = request.endRow === undefined ? 100 : +request.endRow;
      return {rowData: rows.slice(start, end), rowCount: rows.length};
    }
  };
  return table;
})();

/* The URL's query string follows the view: written once the view is painted, with a history entry, by
   history.pushState — not through the URL component, whose change Dash takes for a navigation (a
   callback round, loading marks on the controls: 80-150 ms after every view change). Back and forward
   are handed to the `url` callback through the `dm-nav` store. `written` is the query the page last
   wrote or applied, so the URL component's echo of a query already applied is not applied again. */
window.diplomap.url = (function () {
  var state = {written: null, wanted: null, pending: false}, navigations = 0;
  function write() {
    state.pending = false;
    var query = state.wanted;
    state.written = query;
    if (query !== window.location.search) {
      window.history.pushState({}, "", window.location.pathname + query + window.location.hash);
    }
  }
  window.addEventListener("popstate", function () {
    navigations += 1;
    window.dash_clientside.set_props("dm-nav", {data: navigations});
  });
  return {
    state: state,
    /* Put the view's query string in the URL after the next frame (the latest of several, once). */
    follow: function (query) {
      state.wanted = query;
      if (state.pending) return;
      state.pending = true;
      requestAnimationFrame(function () { setTimeout(write, 0); });
    }
  };
})();

window.dash_clientside = window.dash_clientside || {};
window.dash_clientside.diplomap = {
  /* Controls (and the snapshot, the selected event) → timeline figure, summary, map note, window label.
     On the page's first call the layout already holds the timeline; later calls redraw it. */
  render: function (countries, kinds, langs, precisions, planned, window_, text, selected) {
    var ctx = window.dash_clientside.callback_context, triggered = (ctx && ctx.triggered) || [];
    var first = !triggered.length || triggered[0].prop_id === ".";
    var controls = [countries, kinds, langs, precisions, planned, window_];
    var view = window.diplomap.view.compute(text, controls, (selected || {}).event, {figure: !first});
    window.diplomap.layers.show(view);
    window.diplomap.table.show(view);
    // On the page's first call the URL is the page's own (or is applied by `url` when the layout did not know it).
    if (!first) window.diplomap.url.follow(window.diplomap.view.query(view.data, controls, (selected || {}).event));
    return [first ? window.dash_clientside.no_update : view.figure, view.summary, view.note, view.window];
  },
  /* A newly selected meeting goes in the URL with the view (the panel shows it: callbacks.show). */
  selected: function (selected, text, countries, kinds, langs, precisions, planned, window_) {
    var controls = [countries, kinds, langs, precisions, planned, window_];
    window.diplomap.url.follow(window.diplomap.view.query(window.diplomap.view.load(text), controls,
                                                          (selected || {}).event));
    return window.dash_clientside.no_update;
  },
  /* The controls (and the selected meeting) the URL asks for, when the URL changes other than by the page's
     own writing (render): on load when the layout did not know the page's URL, on back and forward. The
     same rules as views.controls_of and filters.from_query. */
  url: function (_search, _nav, countries, kinds, langs, precisions, planned, window_, selected, text) {
    var nu = window.dash_clientside.no_update, state = window.diplomap.url.state, search = window.location.search;
    if ((search || "") === state.written) return [nu, nu, nu, nu, nu, nu, nu];
    state.written = search || "";
    var v = window.diplomap.view, d = v.load(text), f = v.fromQuery(d, search || "");
    var picked = f.event && v.has(d, f.event) && (selected || {}).event !== f.event ? {event: f.event} : nu;
    var current = [countries || [], kinds || [], langs || [], precisions || [], planned || [], window_];
    // Only what the URL changes: an unchanged control would recompute every view for nothing.
    return v.controlsOf(d, f).map(function (w, i) {
      return JSON.stringify(w) !== JSON.stringify(current[i]) ? w : nu;
    }).concat([picked]);
  },
  /* A block of the events table, as the grid asks for it through Dash before the page's own datasource
     is installed (rows are fetched as scrolled, 100 at a time). */
  rows: function (request, text, countries, kinds, langs, precisions, planned, window_) {
    if (!request) return window.dash_clientside.no_update;
    if (!window.diplomap.table.shown()) {  // the grid asked before the first view was drawn
      window.diplomap.table.show(window.diplomap.view.compute(
        text, [countries, kinds, langs, precisions, planned, window_], null, {figure: false}));
    }
    return window.diplomap.table.block(request);
  }
};
