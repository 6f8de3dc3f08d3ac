"""The Log evidence form (and the edit form, and the Drafts form) as a new user meets it: nothing
typed is lost (a long paste, a visit to another page), a refusal names the field as it is
labelled with the rule the import uses, and the messages beside the fields are the latest
save's only. In both languages."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core import limits
from monitor.core.db import make_engine, session_scope
from monitor.core.inputs import EvidenceInput
from monitor.core.validation import parse
from monitor.errors import InvalidInput
from monitor.i18n import field_label, t
from tests.factories import make_actor, make_evidence
from tests.ui.test_evidence_pages import PROGRAM, _fill, _rows, _uploader

APP = "../../app.py"
PAGES = "monitor/ui/pages"
LANGS = ["uk", "en"]


def _open(lang: str, page: str = "evidence_page.py") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"{PAGES}/{page}").run()
    assert not at.exception
    return at


def _beside(at: AppTest, lang: str, key: str, **params: object) -> bool:
    """Whether the message `key` is shown alone, as beside a field (`_problem` draws it so)."""
    return t(key, lang, **params) in [e.value for e in at.error]


def _text_boxes(at: AppTest) -> list[tuple[str, int]]:
    boxes = [*at.text_input, *at.text_area]
    return [(str(b.key), int(b.proto.max_chars)) for b in boxes]


@pytest.mark.parametrize("lang", LANGS)
def test_a_text_longer_than_its_limit_is_kept_and_refused_by_name(app_env: str, lang: str) -> None:
    """A browser refuses a paste longer than a box's `max_chars` without a word (the box
    stays empty, and the empty box was saved); AppTest's `input` does the same. The box takes
    the text, the save refuses it naming the field and its limit, and the text stays."""
    at = _open(lang)
    _fill(at)
    pasted = "Свідчення. " * (limits.EVIDENCE_DESCRIPTION // 11 + 5)
    assert len(pasted) > limits.EVIDENCE_DESCRIPTION
    at.text_area(key="log.description").input(pasted).run()
    assert at.text_area(key="log.description").value == pasted  # taken, not refused unsaid
    at.button(key="log.save").click().run()
    assert not at.exception
    too_long = t("invalid.too_long", lang, max=limits.EVIDENCE_DESCRIPTION)
    top = f"{field_label('description', lang)}: {too_long}"
    errors = [e.value for e in at.error]
    assert any(top in e for e in errors), errors  # the field as labelled, and the limit
    assert too_long in errors  # and beside the box
    assert at.text_area(key="log.description").value == pasted  # kept to shorten
    assert _rows(app_env) == []


def test_no_text_box_of_the_forms_has_a_browser_limit(app_env: str) -> None:
    """Every text box of Log evidence, of an entry's edit and reason tabs and of a new draft:
    none tells the browser a limit (which refuses a longer paste unsaid)."""
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        entry = make_evidence(session, make_actor(session), title="Entry to edit")
        entry_id = int(entry.id or 0)
    engine.dispose()
    log = _open("en")
    register = _open("en", "register_page.py")
    register.number_input(key="reg.open").set_value(entry_id).run()
    drafts = _open("en", "drafts_page.py")
    drafts.button_group(key="drafts.section").set_value("add").run()
    for at, shown in (
        (log, "log.description"),
        (register, f"withdraw.{entry_id}.reason"),
        (drafts, "new.proponent"),
    ):
        assert not at.exception
        boxes = _text_boxes(at)
        assert shown in dict(boxes), boxes
        assert [b for b in boxes if b[1]] == [], boxes
    edited = [k for k, _ in _text_boxes(register) if k.startswith(f"edit.{entry_id}.")]
    assert any(k.endswith(".description") for k in edited), edited  # the edit form was drawn


@pytest.mark.parametrize("lang", LANGS)
def test_a_corrected_field_loses_its_old_message(app_env: str, lang: str) -> None:
    at = _open(lang)
    _fill(at)
    at.checkbox(key="log.is_range").check().run()
    at.date_input(key="log.event_end").set_value(date(2025, 8, 1))
    at.button(key="log.save").click().run()
    assert _beside(at, lang, "invalid.range_order")

    at.date_input(key="log.event_end").set_value(date(2025, 9, 3))
    _uploader(at).set_value([("photo.jpg", PROGRAM, "image/jpeg")]).run()
    at.button(key="log.save").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert t("form.files_refused", lang, names="photo.jpg") in errors
    assert not _beside(at, lang, "invalid.range_order"), errors
    assert _rows(app_env) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_future_date_is_refused_as_the_import_refuses_it(app_env: str, lang: str) -> None:
    today = date.today()
    later = today + timedelta(days=181)
    at = _open(lang)
    _fill(at, event_start=later)
    at.run()
    assert at.date_input(key="log.event_start").value == later  # the widget takes it
    at.button(key="log.save").click().run()
    assert not at.exception
    with pytest.raises(InvalidInput) as refused:  # the import's rule, through the same model
        parse(EvidenceInput, {"event_start": later}, context={"today": today})
    key, params = refused.value.problems["event_start"]
    assert (key, params) == ("invalid.future_date", {"today": today.isoformat()})
    assert _beside(at, lang, key, **params)
    assert not _beside(at, lang, "invalid.date")
    assert _rows(app_env) == []


@pytest.mark.parametrize("lang", LANGS)
def test_a_half_typed_entry_outlives_a_visit_to_another_page(app_env: str, lang: str) -> None:
    at = _open(lang)
    _fill(at)
    at.run()
    at.switch_page(f"{PAGES}/overview_page.py").run()
    assert not at.exception
    at.switch_page(f"{PAGES}/evidence_page.py").run()
    assert not at.exception
    assert at.text_input(key="log.title").value == "Teacher detained in Melitopol"
    assert str(at.text_area(key="log.description").value).startswith("Detained after")
    assert at.selectbox(key="log.region_code").value == "zaporizhzhia"
    assert at.selectbox(key="log.reliability").value == "B"
    assert at.date_input(key="log.event_start").value == date(2025, 9, 1)

    at.button(key="log.save").click().run()  # a save still empties the form
    assert not at.exception
    assert len(_rows(app_env)) == 1
    assert at.text_input(key="log.title").value == ""
    at.switch_page(f"{PAGES}/overview_page.py").run()
    at.switch_page(f"{PAGES}/evidence_page.py").run()
    assert at.text_input(key="log.title").value == ""
    assert at.text_area(key="log.description").value == ""


CHOSEN = ("region_code", "source_type", "reliability", "credibility", "direction")


@pytest.mark.parametrize("lang", LANGS)
def test_an_empty_save_asks_to_choose_in_each_dropdown(app_env: str, lang: str) -> None:
    at = _open(lang)
    at.button(key="log.save").click().run()
    assert not at.exception
    errors = [e.value for e in at.error]
    choose = t("invalid.choose_one", lang)
    for field in CHOSEN:
        assert f"{field_label(field, lang)}: {choose}" in " ".join(errors), (field, errors)
    for wrong in ("invalid.text", "invalid.number", "invalid.date"):
        assert t(wrong, lang) not in " ".join(errors), (wrong, errors)
    assert errors.count(choose) == len(CHOSEN)  # beside each
    assert f"{field_label('event_start', lang)}: {t('invalid.required', lang)}" in " ".join(errors)


@pytest.mark.parametrize("lang", LANGS)
def test_a_draft_refusal_names_the_field_as_labelled(app_env: str, lang: str) -> None:
    at = _open(lang, "drafts_page.py")
    at.button_group(key="drafts.section").set_value("add").run()
    at.text_input(key="new.code").input("NOPROPONENT")
    at.text_input(key="new.title").input("A draft without its author")
    at.button(key="new.save").click().run()
    assert not at.exception
    label = at.text_input(key="new.proponent").label
    errors = " ".join(e.value for e in at.error)
    assert f"{label}: {t('invalid.required', lang)}" in errors, (label, errors)
