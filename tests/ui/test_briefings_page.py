"""The briefings page: filters change the row count, provenance is shown, download is there."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.i18n import t
from monitor.queries.lookups import drafts_table
from tests.factories import make_actor, make_evidence

APP = "../../app.py"


def test_filters_change_the_row_count(app_env: str) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for region in ("crimea", "crimea", "kherson"):
            make_evidence(session, actor, region_code=region)
        make_evidence(session, actor, sensitivity="confidential", title="secret")
    engine.dispose()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    at.switch_page("monitor/ui/pages/briefings_page.py").run()
    assert not at.exception
    assert at.metric[0].value == "3"
    assert "secret" not in at.dataframe[0].value.to_string()
    assert any("by **local**" in m.value for m in at.markdown)
    # (the caption is Markdown source: the release's dot is escaped there)
    assert any("Reference data: release 2026\\.12" in c.value for c in at.caption)
    assert at.get("download_button")
    at.multiselect(key="brief.regions").set_value(["kherson"]).run()
    assert at.metric[0].value == "1"
    at.radio(key="brief.kind").set_value("gaps").run()
    assert at.metric[0].value == "5"
    # a gap matrix reads the drafts' coverage of the chosen demands, nothing of the evidence:
    # no region, date or sensitivity is drawn or named, as if it had narrowed the file
    drawn = {w.key for w in (*at.multiselect, *at.checkbox, *at.date_input)}
    assert "brief.demands" in drawn
    assert not drawn & {"brief.regions", "brief.from", "brief.confidential", "brief.restricted"}
    assert any(c.value == "Filters: demands: all." for c in at.caption)
    at.radio(key="brief.kind").set_value("evidence").run()
    assert at.metric[0].value == "1"  # the region chosen before is still chosen
    assert any("regions: Kherson" in c.value for c in at.caption)
    at.checkbox(key="brief.confidential").check().run()  # the local user is an admin
    at.multiselect(key="brief.regions").set_value([]).run()
    assert at.metric[0].value == "4"


def _briefings(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page("monitor/ui/pages/briefings_page.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "event_end", "settlement"),
    [("uk", "кінець подій", "населений пункт"), ("en", "event end", "settlement")],
)
def test_the_preview_shows_nothing_as_an_empty_cell(
    app_env: str, lang: str, event_end: str, settlement: str
) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        actor = make_actor(session)
        make_evidence(session, actor, people_count=12)  # no end, no settlement
        make_evidence(session, actor)  # nor a count of people
    engine.dispose()
    at = _briefings(lang)
    frame = at.dataframe[0].value
    assert len(frame) == 2
    assert list(frame[event_end]) == ["", ""] and list(frame[settlement]) == ["", ""]
    cells = [str(v) for v in frame.to_numpy().ravel()]
    assert "None" not in cells and "nan" not in cells
    assert "12" in cells and "12.0" not in cells  # beside an empty cell, a count stays whole


def _comparison(lang: str) -> AppTest:
    at = _briefings(lang)
    at.radio(key="brief.kind").set_value("comparison").run()
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "labels"), [("uk", ["Попередня версія", "Пізніша версія"]),
                         ("en", ["Earlier version", "Later version"])]
)  # fmt: skip
def test_the_comparison_takes_two_drafts(app_env: str, lang: str, labels: list[str]) -> None:
    at = _comparison(lang)
    before, after = at.selectbox(key="brief.compare_from"), at.selectbox(key="brief.compare_to")
    assert [before.label, after.label] == labels
    engine = make_engine(app_env)
    table = drafts_table(engine, lang)
    engine.dispose()
    drafts = list(table["code"])
    # the latest, and the nearest draft up its supersedes chain whose text is known: UA20
    # supersedes GENEVA19 (not reported throughout), which supersedes US28
    assert table["supersedes"].iloc[-1] == "GENEVA19-2025-11"
    assert (before.value, after.value) == ("US28-2025-11", drafts[-1])
    assert at.metric[0].value == "10"  # one row per demand
    assert list(at.dataframe[0].value.iloc[:, 0]) == [f"D{n:02}" for n in range(1, 11)]
    assert at.get("download_button")
    before.set_value(drafts[0]).run()
    assert not at.exception and not at.error
    assert at.metric[0].value == "10"


@pytest.mark.parametrize(
    ("lang", "refusal"),
    [("uk", "оберіть два різні проєкти"), ("en", "choose two different drafts")],
)
def test_the_same_draft_twice_is_refused(app_env: str, lang: str, refusal: str) -> None:
    at = _comparison(lang)
    same = at.selectbox(key="brief.compare_to").value
    at.selectbox(key="brief.compare_from").set_value(same).run()
    assert not at.exception
    assert len(at.error) == 1 and refusal in at.error[0].value
    assert not at.get("download_button") and not at.dataframe  # nothing offered


@pytest.mark.parametrize(
    ("lang", "refusal"), [("uk", "немає проєкту з кодом"), ("en", "no draft has the code")]
)
def test_no_draft_to_compare_is_refused(app_env: str, lang: str, refusal: str) -> None:
    """A database without drafts: both pickers are empty, and the service refuses the pair."""
    engine = make_engine(app_env)
    with engine.begin() as conn:
        for table in ("coverage_proposal", "coverage", "draft_point", "draft"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    with session_scope(engine) as session:
        audit.record(session, make_actor(session), "delete", "draft")
    engine.dispose()
    at = _comparison(lang)
    assert at.selectbox(key="brief.compare_from").value is None
    assert not at.exception
    assert len(at.error) == 1 and refusal in at.error[0].value
    assert not at.get("download_button")


@pytest.mark.parametrize(
    ("lang", "label"),
    [
        ("en", "Add the chain of custody of the attachments (custody.csv)"),
        ("uk", "Додати ланцюг зберігання вкладень (custody.csv)"),
    ],
)
def test_the_pack_offers_its_custody_log(app_env: str, lang: str, label: str) -> None:
    at = _briefings(lang)
    assert not [c for c in at.checkbox if c.key == "brief.custody"]  # a CSV has no files
    at.radio(key="brief.kind").set_value("pack").run()
    box = at.checkbox(key="brief.custody")
    assert box.label == label
    box.check().run()
    assert not at.exception
    assert at.get("download_button")


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_sensitivity_boxes_wrap_their_labels_instead_of_cutting_them(
    app_env: str, lang: str
) -> None:
    """In a column Streamlit cuts a checkbox's label with an ellipsis: "Включити конфіденційні
    запи…" hid the warning that matters ("not for partners"). Here and under every PDF brief."""
    at = _briefings(lang)
    prefixes = set()
    for page in ("briefings_page.py", "overview_page.py", "demand_page.py"):
        at.switch_page(f"monitor/ui/pages/{page}").run()
        assert not at.exception
        scope = [
            box
            for box in at.checkbox
            if str(box.key).rsplit(".", 1)[-1] in {"restricted", "confidential", "organisation"}
        ]
        assert scope and all(box.proto.wrap for box in scope), (page, [b.key for b in scope])
        assert t("brief.include_confidential", lang) in [box.label for box in scope]
        prefixes |= {str(box.key).split(".")[0] for box in scope}
    assert prefixes == {"brief", "pdf"}  # the Briefings page's boxes and the PDF brief's
