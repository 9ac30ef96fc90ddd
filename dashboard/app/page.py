"""The HTML page Dash serves, arranged so the first render waits on as little as possible.

Dash's page loads its scripts, runs them (a second or more at 10,000 meetings: plotly.js, AG Grid,
Leaflet), and only then asks for the layout, the callback graph and the components' lazily loaded
parts, one after the other. Here the page asks for the layout and the callback graph while its
scripts load (`window.fetch` hands Dash those answers when it asks), and tells the browser to
fetch the lazily loaded parts and the basemap it will need right after the scripts. It also undoes
the babel-polyfill's replacement of a few built-ins the browser has right (see `_EARLY`).

Two of the scripts Dash lists are left out (`slim_scripts`): @babel/polyfill, which took 140-480 ms
of a first render to run, of which Dash's scripts use only the regenerator runtime (served alone,
cut out of the same file: `regenerator_runtime`), and dash_table's bundle, which the page does not use.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import dash

POLYFILL = Path(dash.__file__).parent / "deps" / "polyfill@7.12.1.min.js"
REGENERATOR_URL = "/vendor/regenerator-runtime.js"

# The components' parts Dash loads on first use, all of which the first view needs (not the table's grid:
# it is put in the page when scrolled to).
LAZY_SCRIPTS = ("dash/dcc/async-dropdown.js", "dash/dcc/async-slider.js", "dash/dcc/async-graph.js",
                "dash_leaflet/async-GeoJSON.js")

_EARLY = """<script>
(function () {
  // Dash's babel-polyfill (core-js 2) replaces parseInt, parseFloat and String.prototype.trim, finding the
  // browser's "wrong" about U+180E (Unicode dropped it from white space in 2013); plotly.js parses every
  // colour with parseInt, so each redraw paid for the replacement. _NATIVE puts the browser's own back.
  window.__dmNative = [[window, "parseInt"], [window, "parseFloat"], [String.prototype, "trim"],
                       [String.prototype, "trimStart"], [String.prototype, "trimEnd"]]
    .map(function (p) { return [p[0], p[1], p[0][p[1]]]; });
  // Ask for the layout and the callback graph now; Dash asks for them once its scripts have run.
  var early = {};
  %(paths)s.forEach(function (path) {
    early[path] = fetch(path, {credentials: "same-origin",
                               headers: {"Accept": "application/json", "Content-Type": "application/json"}});
  });
  var fetch0 = window.fetch;
  window.fetch = function (input, init) {
    var url = typeof input === "string" ? input : input && input.url;
    var path = url ? url.replace(location.origin, "") : null;
    if (path && early[path] && !(init && init.method && init.method !== "GET")) {
      var answer = early[path];
      delete early[path];
      var self = this, args = arguments;
      return answer.catch(function () { return fetch0.apply(self, args); });
    }
    return fetch0.apply(this, arguments);
  };
})();
</script>"""


_NATIVE = """<script>
(window.__dmNative || []).forEach(function (p) { if (p[2]) p[0][p[1]] = p[2]; });
</script>"""


def index_string(prefix: str = "/", *, fetches: tuple[str, ...] = ()) -> str:
    """Dash's index template with the early requests and the preloads (`prefix`: requests_pathname_prefix;
    `fetches`: more URLs the first view fetches, such as the basemap)."""
    paths = json.dumps([f"{prefix}_dash-layout", f"{prefix}_dash-dependencies"])
    # After the scripts, so that they are not queued behind these (six connections to one host).
    preloads = "\n".join([f'            <link rel="preload" as="script" href="{prefix}_dash-component-suites/{p}">'
                           for p in LAZY_SCRIPTS] +
                          [f'            <link rel="preload" as="fetch" crossorigin="anonymous" href="{url}">'
                           for url in fetches])
    return f"""<!DOCTYPE html>
<html>
    <head>
        {{%metas%}}
        <title>{{%title%}}</title>
        {{%favicon%}}
        {_EARLY % {"paths": paths}}
        {{%css%}}
    </head>
    <body>
        {{%app_entry%}}
        <footer>
            {{%config%}}
            {{%scripts%}}
            {_NATIVE}
            {{%renderer%}}
{preloads}
        </footer>
    </body>
</html>"""


# The regenerator runtime is one module of the polyfill's browserify bundle, with no dependencies: it sets
# the global `regeneratorRuntime` that Dash's scripts (compiled by Babel for old browsers) call.
_REGENERATOR = re.compile(r"(\d+):\[function\(t,n,r\)\{(var e=function\(u\)\{\"use strict\";.*?"
                          r"regeneratorRuntime=e\}catch\(t\)\{Function\(\"r\",\"regeneratorRuntime = r\"\)\(e\)\})"
                          r"\},\{\}\]", re.DOTALL)


def regenerator_runtime(polyfill: str) -> str | None:
    """The regenerator runtime of @babel/polyfill's bundle as a script of its own (None if the bundle has none)."""
    m = _REGENERATOR.search(polyfill)
    if m is None:
        return None
    return f"(function (t, n, r) {{{m.group(2)}}})(null, {{exports: {{}}}}, {{}});\n"


_SCRIPT = re.compile(r'<script src="[^"]*/_dash-component-suites/dash/(deps/polyfill@|dash_table/bundle)[^"]*">'
                     r'</script>')


def slim_scripts(scripts: str, *, regenerator_url: str | None) -> str:
    """Dash's script tags without @babel/polyfill (the regenerator runtime at `regenerator_url` in its place;
    the polyfill stays when there is none) and without dash_table's bundle."""
    def swap(m: re.Match) -> str:
        if m.group(1) == "dash_table/bundle":
            return ""
        return f'<script src="{regenerator_url}"></script>' if regenerator_url else m.group(0)

    return _SCRIPT.sub(swap, scripts)
