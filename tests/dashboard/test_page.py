"""The page Dash serves (dashboard/app/page.py): the layout asked for early, the lazy parts preloaded."""

from __future__ import annotations

from dashboard.app.page import LAZY_SCRIPTS, POLYFILL, index_string, regenerator_runtime, slim_scripts


def test_the_page_asks_for_its_layout_early_and_preloads_after_the_scripts():
    page = index_string("/", fetches=("/basemap/countries.geojson",))
    for placeholder in ("{%metas%}", "{%css%}", "{%app_entry%}", "{%config%}", "{%scripts%}", "{%renderer%}"):
        assert page.count(placeholder) == 1
    assert '["/_dash-layout", "/_dash-dependencies"]' in page
    assert page.index("_dash-layout") < page.index("{%css%}")  # asked for before anything loads
    preloads = [f'href="/_dash-component-suites/{p}"' for p in LAZY_SCRIPTS] + ['href="/basemap/countries.geojson"']
    assert all(page.index("{%renderer%}") < page.index(p) for p in preloads)  # not queued before the scripts
    assert '"/app/_dash-layout"' in index_string("/app/")



def test_the_page_loads_the_regenerator_runtime_instead_of_the_polyfill_and_no_dash_table():
    scripts = "\n".join(f'<script src="/_dash-component-suites/dash/{p}"></script>' for p in (
        "deps/polyfill@7.v4_4_1m1.12.1.min.js", "deps/react@18.v4_4_1m1.3.1.min.js",
        "dash_table/bundle.v7_4_1m1.js", "dash-renderer/build/dash_renderer.v4_4_1m1.min.js"))
    slim = slim_scripts(scripts, regenerator_url="/vendor/regenerator-runtime.js")
    assert "polyfill" not in slim and "dash_table" not in slim
    assert slim.index("regenerator-runtime.js") < slim.index("react@18") < slim.index("dash_renderer")
    assert "polyfill" in slim_scripts(scripts, regenerator_url=None)  # no runtime to serve: the polyfill stays


def test_the_regenerator_runtime_is_cut_whole_out_of_the_installed_polyfill():
    runtime = regenerator_runtime(POLYFILL.read_text(encoding="utf-8"))
    assert runtime is not None and runtime.count("regeneratorRuntime=e") == 1
    assert "function wrap(" in runtime and "asyncIterator" in runtime
    assert "_babelPolyfill" not in runtime and "core-js" not in runtime  # nothing else of the polyfill
    assert regenerator_runtime("var x = 1;") is None
