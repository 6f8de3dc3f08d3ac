"""The Overview page through AppTest, in both languages, against independent counts."""

from __future__ import annotations

import json
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from tests.factories import make_actor, make_assessment, make_evidence

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
    charts = app.get("plotly_chart")
    assert len(charts) == 6
    spec = json.loads(charts[0].proto.spec)
    assert spec["layout"]["title"]["text"].startswith("Статус кожної вимоги")
    assert json.loads(charts[0].proto.config)["toImageButtonOptions"]["format"] == "png"


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
