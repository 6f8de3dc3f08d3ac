"""The drafts page: paste a draft, code one demand, see the gap count and matrix change."""

from __future__ import annotations

import json

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.i18n import t
from monitor.queries.lookups import coverage_matrix, coverage_proposals
from monitor.services import coverage
from tests.factories import make_actor

APP = "../../app.py"
TEXT = """Draft of 1 December
1. All civilian detainees are released within 30 days.
2. International human rights monitors get access to all occupied territories.
3) Demining of towns and villages."""


def test_add_code_and_see_the_gap_matrix_change(app_env: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    assert not at.exception
    listing = at.dataframe[0].value
    assert len(listing) == 5
    columns = json.loads(at.dataframe[0].proto.columns)  # the title stays while it scrolls
    assert columns["Title"]["pinned"] is True

    at.button_group(key="drafts.section").set_value("add").run()
    at.text_input(key="new.code").input("DEC1")
    at.text_input(key="new.title").input("December draft")
    at.text_input(key="new.proponent").input("Mediators")
    at.selectbox(key="new.supersedes").set_value("UA20-2025-12")
    at.text_area(key="new.text").input(TEXT).run()
    assert any("Points found: 3" in c.value for c in at.caption)
    at.button(key="new.save").click().run()
    assert not at.exception
    assert any("Saved draft DEC1 with 3 points" in s.value for s in at.success)
    listing = at.dataframe[0].value.set_index("Title")
    assert listing.loc["December draft", "Gaps"] == 10

    at.button_group(key="drafts.section").set_value("code").run()
    at.selectbox(key="code.draft").set_value("DEC1").run()
    at.selectbox(key="code.demand").set_value("D07").run()
    assert any("**Demining**" in m.value for m in at.markdown)  # the suggestion, highlighted
    at.radio(key="code.DEC1.D07.level").set_value("explicit")
    at.multiselect(key="code.DEC1.D07.points").set_value(["3"])
    at.button(key="code.DEC1.D07.save").click().run()
    assert not at.exception
    assert any("waits for a second editor" in i.value for i in at.info)
    # only an approved code counts: a second editor approves it, and the gap closes
    assert at.dataframe[0].value.set_index("Title").loc["December draft", "Gaps"] == 10
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        pending = coverage_proposals(engine)
        coverage.approve(
            session=session,
            actor=make_actor(session, "second-editor"),
            proposal_id=int(pending["id"].iloc[0]),
        )
    engine.dispose()
    at.run()
    assert at.dataframe[0].value.set_index("Title").loc["December draft", "Gaps"] == 9
    at.button_group(key="drafts.section").set_value("matrix").run()
    assert at.get("plotly_chart") == []  # Vega-Lite: the page needs no plotly script
    spec = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert "December draft" in spec["encoding"]["y"]["sort"]

    engine = make_engine(app_env)
    matrix = coverage_matrix(engine)
    engine.dispose()
    row = matrix[(matrix["draft"] == "DEC1") & (matrix["demand"] == "D07")].iloc[0]
    assert (row["level"], row["points"]) == ("explicit", "3")


def test_coding_contradicts_without_points_is_refused(app_env: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    at.button_group(key="drafts.section").set_value("code").run()
    at.selectbox(key="code.draft").set_value("UA20-2025-12").run()
    at.selectbox(key="code.demand").set_value("D08").run()
    at.radio(key="code.UA20-2025-12.D08.level").set_value("contradicts")
    at.button(key="code.UA20-2025-12.D08.save").click().run()
    assert any("cite at least one point" in e.value for e in at.error)


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_comparison_reads_earlier_then_later(app_env: str, lang: str) -> None:
    """The later draft was listed above the earlier one; they now sit left to right, and the
    earlier defaults to the nearest draft it supersedes whose text is known."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    at.button_group(key="drafts.section").set_value("compare").run()
    assert not at.exception
    boxes = [b for b in at.selectbox if b.key and b.key.startswith("cmp.")]
    assert [b.label for b in boxes] == [  # as drawn, left to right
        t("drafts.compare_from", lang),
        t("drafts.compare_to", lang),
    ]
    earlier, later = boxes
    assert later.value == "UA20-2025-12"  # the latest draft
    # it supersedes GENEVA19, whose text is not known (all "not reported"), which supersedes
    # US28: compared with GENEVA19 every change would be "unknown"
    assert earlier.value == "US28-2025-11"
    summary = at.table[-1].value  # one row per demand: before, after, change
    changes = set(summary[t("drafts.compare.change", lang)])
    assert len(summary) == 10 and changes - {t("drafts.change.unknown", lang)}


@pytest.mark.parametrize("lang", ["en", "uk"])
def test_a_text_with_no_numbered_points_asks_for_rows_not_corrections(
    app_env: str, lang: str
) -> None:
    """ "Points found: 0. Correct them below" asked to correct nothing; the table's columns
    were headed "label" and "text" on the Ukrainian page."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/drafts_page.py").run()
    at.button_group(key="drafts.section").set_value("add").run()
    at.text_area(key="new.text").input("A statement with no numbered points at all.").run()
    assert not at.exception
    captions = [c.value for c in at.caption]
    assert t("drafts.split_none", lang) in captions
    assert not any(t("drafts.split_preview", lang, n=0) in c for c in captions)
    editor = next(e for e in at.dataframe if e.proto.editing_mode)  # the points to correct
    columns = json.loads(editor.proto.columns)
    assert columns["label"]["label"] == t("drafts.point_label", lang)
    assert columns["text"]["label"] == t("drafts.point_text", lang)
