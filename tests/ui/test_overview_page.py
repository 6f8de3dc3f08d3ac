"""The Overview page through AppTest, in both languages, against independent counts."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.domain.charts import DIRECTIONS
from monitor.i18n import enum_label, t
from tests.factories import make_actor, make_assessment, make_evidence
from tests.vega_cells import looked_up, order

APP = "../../app.py"


def _seed_some(url: str) -> None:
    engine = make_engine(url)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for _ in range(5):
            make_evidence(session, actor, demands=("D01",))
        make_evidence(session, actor, demands=("D01", "D10"))
        make_assessment(session, actor, "D01", 2, date(2025, 10, 1))
        audit.record(session, actor, "create", "evidence")  # as every service write does
    engine.dispose()


@pytest.fixture
def app(app_env: str) -> AppTest:
    _seed_some(app_env)
    return AppTest.from_file(APP, default_timeout=30).run()


def test_overview_in_ukrainian_by_default(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == "Стан десяти вимог"
    frame = app.table[0].value
    assert len(frame) == 10
    assert frame["Вимога"].iloc[0] == "Звільнення незаконно утримуваних цивільних"
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Записи доказів"] == "6"
    assert metrics["Індекс виконання"] == f"{2 / 30 * 100:.0f}%"
    assert any("Вхід вимкнено (MONITOR_AUTH=off)" in w.value for w in app.sidebar.warning)
    # status, index, by demand and month, the map, by region; Vega-Lite: no plotly script
    titles = _chart_titles(app)
    assert len(titles) == 5
    assert titles[0].startswith("Статус кожної вимоги")
    assert set(titles) >= {t(f"chart.{k}.title", "uk") for k in ("index", "region")}
    assert app.get("plotly_chart") == []  # the page loads no plotly script at all


def test_the_sources_and_the_drafts_are_drawn_once_opened(app: AppTest) -> None:
    """Closed, the expander runs nothing inside it; opened, its three charts are drawn."""
    assert "Докази за типом і надійністю джерела" not in _chart_titles(app)
    app.session_state["ov.more"] = True
    app.run()
    assert not app.exception
    titles = _chart_titles(app)
    assert len(titles) == 8  # and the source, the gap matrix and each demand across the drafts
    assert "Докази за типом і надійністю джерела" in titles
    gaps = next(title for title in titles if title.startswith("Матриця прогалин"))
    spec, cells = _vega(app)[gaps]
    assert "params" not in spec["layer"][0]  # no cell to pick here: the Drafts page shows it
    assert {c["demand"] for c in looked_up(spec, cells)} == {f"D{i:02d}" for i in range(1, 11)}


def test_evidence_by_month_is_one_heat_map_with_the_directions_in_its_hover(
    app: AppTest,
) -> None:
    spec, cells = _vega(app)[t("chart.evidence_month.heat_title", "uk")]
    assert spec["mark"]["type"] == "rect"  # one chart: not a panel per demand
    names = {r["demand"]: r["name"] for r in spec["transform"][0]["from"]["data"]["values"]}
    assert names["D01"] == "D01 Звільнення незаконно утримуваних цивільних"
    assert order(spec, "y", cells)[0] == names["D01"]
    cells = pd.DataFrame(looked_up(spec, cells))  # the numbers sent, named
    by_demand = cells.groupby("demand")[list(DIRECTIONS)].sum().sum(axis=1)
    assert by_demand["D01"] == 6
    assert by_demand["D10"] == 1
    # each cell's directions in its tooltip, named in the UI's language
    tips = [x["title"] for x in spec["encoding"]["tooltip"]]
    assert [enum_label("direction", d, "uk") for d in DIRECTIONS] == tips[-3:]


def test_switching_to_english(app: AppTest) -> None:
    app.sidebar.selectbox[0].set_value("en").run()
    assert not app.exception
    assert app.title[0].value == "Where the ten demands stand"
    frame = app.table[0].value
    assert frame.loc["D01", "Demand"] == "Release of detained civilians"
    assert frame.loc["D01", "Evidence"] == 6
    assert frame.loc["D10", "Evidence"] == 1
    assert frame.loc["D01", "Current status"] == "2 partial"
    assert frame.loc["D01", "Assessed on"] == "2025-10-01"
    assert frame.loc["D01", "Verified"] == "0%"
    assert frame.loc["D02", "Current status"] == "not assessed"
    assert frame.loc["D02", "Stale"] == "⚠"


def test_filters_go_into_the_url_and_change_the_figures(app: AppTest) -> None:
    app.session_state["ov.regions"] = ["kherson"]
    app.run()
    assert app.query_params["region"] in ("kherson", ["kherson"])
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Записи доказів"] == "0"  # the seeded entries are all in Crimea


def test_a_shared_link_opens_with_its_filters(app_env: str) -> None:
    _seed_some(app_env)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["region"] = "crimea"
    at.query_params["include"] = "none"
    at.run()
    assert at.session_state["ov.regions"] == ["crimea"]
    assert not at.session_state["ov.unverified"]
    metrics = {m.label: m.value for m in at.metric}
    assert metrics["Записи доказів"] == "0"  # none of them is verified


def test_page_sees_a_write_made_elsewhere(app: AppTest, app_env: str) -> None:
    _seed_some(app_env)  # another process (the CLI, a colleague) adds evidence
    app.run()
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["Записи доказів"] == "12"


def test_bad_configuration_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    st.cache_resource.clear()
    monkeypatch.setenv("MONITOR_DATABASE_URL", "postgresql://nobody@127.0.0.1:1/none")
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert len(at.error) == 1
    # in the UI's language (Ukrainian by default), as every message is
    assert "не вдається відкрити базу даних" in at.error[0].value
    st.cache_resource.clear()


def _vega(at: AppTest) -> dict[str, tuple[dict[str, Any], pd.DataFrame]]:
    """Each Vega-Lite chart drawn, by its title: its spec and the cells Streamlit sent apart
    from it (as Arrow)."""
    drawn = {}
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        data = chart.proto.data.data
        cells = pa.ipc.open_stream(data).read_all().to_pandas() if data else pd.DataFrame()
        title = spec["title"]
        drawn[title if isinstance(title, str) else title["text"]] = (spec, cells)
    return drawn


def _chart_titles(at: AppTest) -> list[str]:
    """The titles of the charts drawn, top to bottom (all Vega-Lite)."""
    assert at.get("plotly_chart") == []
    return list(_vega(at))


@pytest.mark.parametrize(
    ("lang", "first", "links", "gaps", "no_status"),
    [
        (
            "uk",
            "Ще нічого не внесено: з чого почати",
            ["Внести доказ", "Імпорт доказів", "Проєкти угод"],
            "Матриця прогалин",
            "Ще немає опублікованих оцінок",
        ),
        (
            "en",
            "Nothing logged yet: where to begin",
            ["Log evidence", "Import evidence", "Draft agreements"],
            "Gap matrix",
            "No published assessment yet",
        ),
    ],
)
def test_an_empty_database_says_what_to_do_first(
    app_env: str, lang: str, first: str, links: list[str], gaps: str, no_status: str
) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert first in [s.value for s in at.subheader]
    shown = [link.proto.label for link in at.get("page_link")]
    assert shown[:3] == links
    assert [c.value for c in at.code] == [".venv/bin/monitor demo-data --evidence 1000"]
    metrics = {m.proto.label: m.value for m in at.metric}
    assert "0%" not in metrics.values()  # no assessment: no index, not a 0 % one
    assert list(metrics.values())[-1] == "—"  # nothing logged: no demand counted as stale
    assert len(at.table[0].value) == 10  # the scorecard of the ten demands still shows
    # nothing to draw, nothing drawn: only the gap matrix and the strip of the reference drafts
    titles = _chart_titles(at)
    assert len(titles) == 2  # the gap matrix and the strip
    assert titles[0].startswith(gaps)
    assert not any(no_status in i.value for i in at.info)  # the first steps say it already


@pytest.mark.parametrize(
    ("lang", "no_status", "month"),
    [
        ("uk", "Ще немає опублікованих оцінок", "лист. 2025"),
        ("en", "No published assessment yet", "Nov 2025"),
    ],
)
def test_evidence_without_an_assessment_draws_the_evidence_only(
    app_env: str, lang: str, no_status: str, month: str
) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        actor = make_actor(session)
        make_evidence(session, actor, demands=("D01",), event_start=date(2025, 11, 3))
        audit.record(session, actor, "create", "evidence")
    engine.dispose()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    assert not at.exception
    assert not at.get("page_link")[:-1]  # no first steps: only the link under the gap matrix
    assert any(no_status in i.value for i in at.info)
    metrics = {m.proto.label: m.value for m in at.metric}
    assert "0%" not in metrics.values()
    titles = _chart_titles(at)
    assert len(titles) == 3  # by month, the map, by region (the rest is in the closed expander)
    spec, cells = _vega(at)[t("chart.evidence_month.heat_title", lang)]
    assert order(spec, "x", cells) == [month]
    assert [c["month"] for c in looked_up(spec, cells)] == [month]


@pytest.mark.parametrize(
    ("lang", "months"), [("uk", ["жовт. 2025", "лист. 2025"]), ("en", ["Oct 2025", "Nov 2025"])]
)
def test_status_charts_name_the_months_in_the_ui_language(
    app_env: str, lang: str, months: list[str]
) -> None:
    _seed_some(app_env)
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.query_params["from"] = "2025-10-01"
    at.query_params["to"] = "2025-11-30"
    at.run()
    assert not at.exception
    drawn = _vega(at)
    (status, grid), (index, steps) = (
        drawn[t(f"chart.{k}.title", lang)] for k in ("status", "index")
    )
    assert order(status, "x", grid) == months
    assert list(dict.fromkeys(c["month"] for c in looked_up(status, grid))) == months
    assert status["encoding"]["x"]["axis"]["values"] == months  # two months: both named
    assert index["encoding"]["x"]["sort"] == months
    assert list(steps["month"]) == months
