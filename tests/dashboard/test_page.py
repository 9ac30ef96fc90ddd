"""The page Dash serves (dashboard/app/page.py): the layout asked for early, the lazy parts preloaded."""

from __future__ import annotations

from dashboard.app.page import LAZY_SCRIPTS, index_string


def test_the_page_asks_for_its_layout_early_and_preloads_after_the_scripts():
    page = index_string("/", fetches=("/basemap/countries.geojson",))
    for placeholder in ("{%metas%}", "{%css%}", "{%app_entry%}", "{%config%}", "{%scripts%}", "{%renderer%}"):
        assert page.count(placeholder) == 1
    assert '["/_dash-layout", "/_dash-dependencies"]' in page
    assert page.index("_dash-layout") < page.index("{%css%}")  # asked for before anything loads
    preloads = [f'href="/_dash-component-suites/{p}"' for p in LAZY_SCRIPTS] + ['href="/basemap/countries.geojson"']
    assert all(page.index("{%renderer%}") < page.index(p) for p in preloads)  # not queued before the scripts
    assert '"/app/_dash-layout"' in index_string("/app/")

