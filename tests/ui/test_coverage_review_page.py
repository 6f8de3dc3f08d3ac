"""The drafts page in both languages: not reported has its mark and legend, each draft's
confidence shows, a colleague's proposed code is approved or rejected by a second editor."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.domain import vega_charts
from monitor.i18n import t
from monitor.queries.lookups import coverage_matrix, coverage_proposals, demand_titles, drafts_table
from monitor.services import coverage
from tests.factories import make_actor
from tests.vega_cells import looked_up

APP = "../../app.py"


def _drafts_page(lang: str, section: str = "matrix") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    if section != "matrix":
        at.button_group(key="drafts.section").set_value(section).run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "not_reported", "confidence", "high", "low"),
    [
        ("en", "Not reported", "confidence: low", "high", "low"),
        ("uk", "Невідомо", "достовірність: низька", "висока", "низька"),
    ],
)
def test_not_reported_and_confidence_show_in_the_matrix(
    app_env: str, lang: str, not_reported: str, confidence: str, high: str, low: str
) -> None:
    at = _drafts_page(lang)
    listing = at.dataframe[0].value
    assert list(listing.iloc[:, 3])[:1] == [high]  # confidence of the US 28-point plan
    engine = make_engine(app_env)
    titles = dict(zip(*[demand_titles(engine, lang)[c] for c in ("code", "title")], strict=True))
    coverage, drafts = coverage_matrix(engine, lang), drafts_table(engine, lang)
    engine.dispose()
    spec = vega_charts.gap_matrix(
        coverage, titles, lang, drafts=dict(zip(drafts["code"], drafts["title"], strict=True))
    )
    drawn = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert drawn["encoding"]["y"]["sort"] == spec["encoding"]["y"]["sort"]  # the page draws it
    rows = spec["encoding"]["y"]["sort"]
    geneva = next(label for label in rows if "Geneva" in label or "Женева" in label)
    assert confidence in geneva
    cells = [v for v in looked_up(spec) if v["row"] == geneva]
    assert {v["mark"] for v in cells} == {"–"}  # not reported: its own mark in every cell
    legend = " ".join(c.value for c in at.caption)
    assert f"– {not_reported}" in legend
    at.selectbox(key="drafts.cell_draft").set_value("GENEVA19-2025-11").run()
    at.selectbox(key="drafts.cell_demand").set_value("D01").run()
    shown = " ".join(m.value for m in at.markdown)
    assert not_reported in shown
    assert any(low in c.value for c in at.caption)
    translated = t("drafts.translated_points", lang, original="")[:20]
    assert not any(translated in c.value for c in at.caption)  # no point cited: none announced
    at.selectbox(key="drafts.cell_draft").set_value("US28-2025-11").run()
    said = any(translated in c.value for c in at.caption)
    assert said == (lang == "uk")  # the plan's points are English; ours in Ukrainian only


def test_a_colleague_approves_a_proposed_code_in_the_page(app_env: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        coverage.propose(
            session=session,
            actor=make_actor(session, "olena"),
            draft_code="UA20-2025-12",
            demand_code="D07",
            level="partial",
            points="14",
            note="Special economic zones would need clearing",
            legal_review=True,
            legal_note="Does a demilitarised zone oblige demining?",
        )
    at = _drafts_page("uk", "code")
    at.selectbox(key="code.draft").set_value("UA20-2025-12").run()
    at.selectbox(key="code.demand").set_value("D07").run()
    assert any("Коди, що чекають на другого редактора: 1" in e.label for e in at.expander)
    proposal = int(coverage_proposals(engine)["id"].iloc[0])
    at.button(key=f"cov.approve.{proposal}").click().run()
    assert not at.exception
    assert any("Схвалено" in s.value for s in at.success)
    matrix = coverage_matrix(engine)
    cell = matrix[(matrix["draft"] == "UA20-2025-12") & (matrix["demand"] == "D07")].iloc[0]
    assert (cell["level"], cell["points"], cell["legal_review"]) == ("partial", "14", True)
    engine.dispose()


def test_a_rejection_needs_a_reason_in_the_readers_language(app_env: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        coverage.propose(
            session=session,
            actor=make_actor(session, "olena"),
            draft_code="UA20-2025-12",
            demand_code="D07",
            level="explicit",
            points="17",
        )
    proposal = int(coverage_proposals(engine)["id"].iloc[0])
    at = _drafts_page("uk", "code")
    at.selectbox(key="code.draft").set_value("UA20-2025-12").run()
    at.selectbox(key="code.demand").set_value("D07").run()
    at.button(key=f"cov.reject.{proposal}").click().run()
    assert any("причина" in e.value.lower() for e in at.error), [e.value for e in at.error]
    at.text_input(key=f"cov.reject.{proposal}.reason").input("17 — гуманітарний комітет")
    at.button(key=f"cov.reject.{proposal}").click().run()
    assert any("Відхилено" in s.value for s in at.success)
    assert coverage_proposals(engine).empty
    engine.dispose()
