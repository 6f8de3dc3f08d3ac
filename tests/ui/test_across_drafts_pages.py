"""The strip on the Demand page and the Overview, in both languages (AppTest)."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

APP = "../../app.py"
TITLES = {"en": "Across every draft", "uk": "В усіх проєктах"}
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
    charts = [c for c in at.get("plotly_chart") if "demand.strip" in str(c.proto.id or "")]
    assert charts or len(at.get("plotly_chart")) >= 2


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_overview_draws_strip_and_evidence_beside_coverage(app_env: str, lang: str) -> None:
    at = _open("monitor/ui/pages/overview_page.py", lang)
    assert OVERVIEW[lang] in [s.value for s in at.subheader]
