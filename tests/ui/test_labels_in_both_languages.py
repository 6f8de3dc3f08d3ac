"""Labels a new user meets, in the UI's language: a withdrawn entry, the audit log, a briefing's
filters, the import's results; no code where a name is meant and no "None" in a table."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import audit
from monitor.core.db import make_engine, session_scope
from monitor.services import importer
from monitor.ui.inert import WORD_JOINER
from tests.factories import make_actor, make_evidence

APP = "../../app.py"

WORDS = {
    "uk": {
        "done": "Виконано: запис відкликано.",
        "withdrawn": "Відкликаний запис не редагують",
        "region": "Херсонська область (окуповані частини)",
        "reference": "довідкові дані",
        "seed": "довідкові дані завантажено",
        "credibility": "2: імовірно правдиве",
        "created": "створено",
        "public": "чутливість: Публічний",
        "regions": "регіони: Херсонська область (окуповані частини)",
        "all": "вимоги: усі",
        "results": ["назва: обов'язкове поле"],
    },
    "en": {
        "done": "Done: entry withdrawn.",
        "withdrawn": "A withdrawn entry is not edited",
        "region": "Kherson oblast (occupied parts)",
        "reference": "reference data",
        "seed": "reference data loaded",
        "credibility": "2: probably true",
        "created": "created",
        "public": "sensitivity: Public",
        "regions": "regions: Kherson oblast (occupied parts)",
        "all": "demands: all",
        "results": ["title: required"],
    },
}


def _open(app_env: str, lang: str, page: str) -> tuple[AppTest, int]:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        actor = make_actor(session)
        entry = make_evidence(session, actor, region_code="kherson")
        audit.record(session, actor, "create", "evidence")
        entry_id = int(entry.id or 0)
    engine.dispose()
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"monitor/ui/pages/{page}").run()
    assert not at.exception
    return at, entry_id


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_withdrawn_entry_says_so_and_names_its_region(app_env: str, lang: str) -> None:
    at, entry = _open(app_env, lang, "register_page.py")
    words = WORDS[lang]
    at.number_input(key="reg.open").set_value(entry).run()
    fields = at.table[0].value
    assert words["region"] in list(fields.iloc[:, 0])
    # the credibility in words beside the reliability's, and the moments to the minute, in UTC
    shown = [str(v).replace("\\", "").replace(WORD_JOINER, "") for v in fields.iloc[:, 0]]
    assert words["credibility"] in shown  # as read: inert's escapes of the colon undone
    assert any(re.fullmatch(r"\d{4}-\d\d-\d\d \d\d:\d\d UTC", v) for v in shown), shown
    assert not any("+00:00" in v or re.search(r":\d\d\.\d{6}", v) for v in shown)
    assert "kherson" not in list(fields.iloc[:, 0])
    at.text_area(key=f"withdraw.{entry}.reason").input("A duplicate of another entry.")
    at.button(key=f"withdraw.{entry}").click().run()
    assert not at.exception
    assert [s.value for s in at.success] == [words["done"]]
    hints = [i.value for i in at.info]
    assert any(words["withdrawn"] in h for h in hints), hints
    assert not any("verified entry is locked" in h or "заблоковано" in h for h in hints)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_the_audit_log_names_record_kinds_and_shows_no_none(app_env: str, lang: str) -> None:
    at, _ = _open(app_env, lang, "admin_page.py")
    log = at.dataframe[-1].value
    assert WORDS[lang]["reference"] in list(log["entity"])
    assert not log.isin(["None"]).any().any()
    assert log.notna().all().all()
    kinds = at.selectbox(key="audit.entity")
    assert WORDS[lang]["reference"] in kinds.options
    assert "reference" not in kinds.options or lang == "en"
    assert {WORDS[lang]["seed"], WORDS[lang]["created"]} <= set(log["action"])
    assert not {"seed", "create"} & set(log["action"]) or lang == "en"
    # the action is chosen by its words, not typed as a code the reader has never seen
    at.selectbox(key="audit.action").set_value("create").run()
    assert not at.exception
    assert set(at.dataframe[-1].value["action"]) == {WORDS[lang]["created"]}
    assert WORDS[lang]["created"] in at.selectbox(key="audit.action").options


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_a_briefing_names_its_filters_in_words(app_env: str, lang: str) -> None:
    at, _ = _open(app_env, lang, "briefings_page.py")
    at.multiselect(key="brief.regions").set_value(["kherson"]).run()
    assert not at.exception
    captions = " ".join(c.value for c in at.caption)
    assert WORDS[lang]["public"] in captions
    assert WORDS[lang]["regions"] in captions
    assert WORDS[lang]["all"] in captions
    assert "kherson" not in captions


def _preview(checks, lang):  # type: ignore[no-untyped-def]  # AppTest runs its source alone
    from monitor.ui.components import import_check

    import_check.preview(checks, lang)


@pytest.mark.parametrize("lang", ["uk", "en"])
def test_import_results_are_words(lang: str) -> None:
    checks = importer.ImportReport(
        created=1, invalid=1, problems={3: {"title": ("invalid.required", {})}}
    )
    at = AppTest.from_function(_preview, args=(checks, lang), default_timeout=30).run()
    assert not at.exception
    assert list(at.dataframe[0].value.iloc[:, 1]) == WORDS[lang]["results"]
    summary = at.markdown[0].value
    assert summary.startswith("2 рядки:" if lang == "uk" else "2 rows:")
