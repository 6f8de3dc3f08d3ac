"""Filters kept across pages, through AppTest: the Overview and the register left for another
page and come back to show what they showed, in both languages, and a shared link's filters
outlive the same round trip.

Streamlit drops the value of a widget the page being drawn does not draw; the Overview read its
URL only on a session's first arrival, so coming back its two include boxes were unticked and
the URL said `include=none`: no entries at all (the figures of an empty register)."""

from __future__ import annotations

from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Verification
from monitor.i18n import t
from tests.factories import make_actor, make_assessment, make_evidence

APP = "../../app.py"
OVERVIEW = "monitor/ui/pages/overview_page.py"
REGISTER = "monitor/ui/pages/register_page.py"


def _seed(url: str) -> None:
    """Four unverified entries in Crimea, two verified in Kherson."""
    engine = make_engine(url)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for _ in range(4):
            make_evidence(session, actor, demands=("D01",))
        for _ in range(2):
            make_evidence(
                session,
                actor,
                demands=("D10",),
                region_code="kherson",
                verification=Verification.VERIFIED,
            )
        make_assessment(session, actor, "D01", 2, date(2025, 10, 1))
    engine.dispose()


def _open(url: str, lang: str, **query: str) -> AppTest:
    _seed(url)
    at = AppTest.from_file(APP, default_timeout=30)
    for name, value in query.items():
        at.query_params[name] = value
    at.run()
    if lang == "en":
        at.sidebar.selectbox[0].set_value("en").run()
    assert not at.exception
    return at


def _there_and_back(at: AppTest, away: str, back: str) -> None:
    at.switch_page(away).run()
    assert not at.exception
    at.switch_page(back).run()
    assert not at.exception


def _evidence(at: AppTest, lang: str) -> str:
    return str({m.label: m.value for m in at.metric}[t("overview.metric.evidence", lang)])


def _query(at: AppTest) -> dict[str, str]:
    return {k: v for k, v in at.query_params.items() if k != "lang"}  # type: ignore[misc]


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_overview_comes_back_from_the_register_as_it_was_left(app_env: str, lang: str) -> None:
    at = _open(app_env, lang)
    assert _evidence(at, lang) == "6"
    _there_and_back(at, REGISTER, OVERVIEW)
    assert _evidence(at, lang) == "6"  # not 0: nothing was narrowed
    assert "include" not in at.query_params
    assert at.session_state["ov.corroborated"] and at.session_state["ov.unverified"]

    at.session_state["ov.regions"] = ["kherson"]
    at.run()
    assert _evidence(at, lang) == "2"
    _there_and_back(at, REGISTER, OVERVIEW)
    assert _evidence(at, lang) == "2"
    assert at.session_state["ov.regions"] == ["kherson"]
    assert _query(at) in ({"region": "kherson"}, {"region": ["kherson"]})  # the URL follows


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_shared_link_keeps_its_filters_after_another_page(app_env: str, lang: str) -> None:
    at = _open(app_env, lang, region="crimea", include="none")
    assert _evidence(at, lang) == "0"  # none of the Crimean entries is verified
    _there_and_back(at, REGISTER, OVERVIEW)
    assert _evidence(at, lang) == "0"
    assert at.session_state["ov.regions"] == ["crimea"]
    assert not at.session_state["ov.corroborated"] and not at.session_state["ov.unverified"]
    assert _query(at) == {"region": "crimea", "include": "none"}


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_register_keeps_its_filters_after_the_overview(app_env: str, lang: str) -> None:
    at = _open(app_env, lang)
    at.switch_page(REGISTER).run()
    at.session_state["reg.regions"] = ["kherson"]
    at.session_state["reg.text"] = "Evidence"
    at.session_state["reg.sort"] = "title"
    at.session_state["reg.withdrawn"] = True
    at.run()
    assert not at.exception
    count = t("register.count", lang, count=2, total="2", page=1, pages=1)
    assert any(c.value == count for c in at.caption)
    _there_and_back(at, OVERVIEW, REGISTER)
    assert at.session_state["reg.regions"] == ["kherson"]
    assert at.session_state["reg.text"] == "Evidence"
    assert at.session_state["reg.sort"] == "title"
    assert at.session_state["reg.withdrawn"] is True
    assert any(c.value == count for c in at.caption)
    assert _evidence_after_overview(at, lang) == "6"  # the register's filters are its own


def _evidence_after_overview(at: AppTest, lang: str) -> str:
    at.switch_page(OVERVIEW).run()
    return _evidence(at, lang)
