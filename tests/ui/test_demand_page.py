"""The demand page: both texts, propose an assessment, a second editor publishes it."""

from __future__ import annotations

import json

from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor
from monitor.i18n import t
from tests.factories import make_actor
from tests.views import demand_overview

APP = "../../app.py"


def _open(app_env: str, actor: Actor | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["demand"] = "D07"
    at.query_params["lang"] = "en"
    if actor is not None:
        at.session_state["actor"] = actor
    at.run()
    at.switch_page("monitor/ui/pages/demand_page.py").run()
    assert not at.exception
    return at


def _steps_drawn(at: AppTest) -> bool:
    """Whether the page draws D07's status over time (the chart is known by its title)."""
    title = t("demand.history_chart", "en", code="D07")
    return any(json.loads(c.proto.spec).get("title") == title for c in at.get("vega_lite_chart"))


def test_propose_then_second_editor_publishes(app_env: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        author = make_actor(session, "olha", Role.EDITOR)
        reviewer = make_actor(session, "taras", Role.EDITOR)
    at = _open(app_env, author)
    assert at.title[0].value == "D07 · Demining"
    # nothing published yet: one line says so instead of an empty chart of bare grid lines
    assert any(i.value == t("demand.no_history", "en") for i in at.info)
    assert _steps_drawn(at) is False
    assert any("Розмінування населених пунктів" in m.value for m in at.markdown)
    at.radio(key="assess.score").set_value(1)
    at.text_area(key="assess.rationale").input("Two villages cleared by a UN team.")
    at.button(key="assess.submit").click().run()
    assert not at.exception
    assert any("second editor" in s.value for s in at.success)
    approve = [b for b in at.button if b.key and b.key.startswith("approve.")]
    approve[0].click().run()
    assert any("cannot approve their own" in e.value for e in at.error)
    assert demand_overview(engine, "en").set_index("code").loc["D07", "score"] is not None

    other = _open(app_env, reviewer)
    next(b for b in other.button if b.key and b.key.startswith("approve.")).click().run()
    assert not other.exception
    assert demand_overview(engine, "en").set_index("code").loc["D07", "score"] == 1
    drawn = _open(app_env, reviewer)
    assert not any(i.value == t("demand.no_history", "en") for i in drawn.info)
    assert _steps_drawn(drawn) is True
    engine.dispose()
