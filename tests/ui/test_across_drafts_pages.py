"""The strip on the Demand page and the Overview, in both languages (AppTest)."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from monitor.i18n import t

APP = "../../app.py"
TITLES = {"en": "Across every draft", "uk": "В усіх проєктах"}
STRIP = {"en": t("chart.strip.title", "en"), "uk": t("chart.strip.title", "uk")}
OVERVIEW = {"en": "Evidence beside coverage", "uk": "Докази поруч із покриттям"}


def _open(page: str, lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["lang"] = lang
    at.query_params["demand"] = "D02"
    at.run()
    at.switch_page(page).run()
    assert not at.exception
    return at


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_demand_page_draws_the_strip(app_env: str, lang: str) -> None:
    at = _open("monitor/ui/pages/demand_page.py", lang)
    assert TITLES[lang] in [s.value for s in at.subheader]
    # drawn with Vega-Lite: the page needs no plotly script (its largest first-load cost)
    assert at.get("plotly_chart") == []
    specs = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]
    assert STRIP[lang] in [s["title"] for s in specs]  # its cells: tests/unit/test_vega_charts


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_overview_draws_strip_and_evidence_beside_coverage(app_env: str, lang: str) -> None:
    at = _open("monitor/ui/pages/overview_page.py", lang)
    assert OVERVIEW[lang] in [s.value for s in at.subheader]
