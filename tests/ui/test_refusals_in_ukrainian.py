"""Refusals read in the reader's language: each one driven through its page in English and in
Ukrainian; the Ukrainian message is Cyrillic and repeats none of the English one's wording."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
PAGES = "monitor/ui/pages"
LATIN_WORD = re.compile(r"^[A-Za-z][A-Za-z'’-]*[,.:;)]?$")


def _open(lang: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.switch_page(f"{PAGES}/{page}").run()
    assert not at.exception
    return at


def add_user_with_a_bad_name(at: AppTest) -> None:
    at.text_input(key="admin.new_user").input("no spaces allowed")
    at.text_input(key="admin.new_password").input("a-long-enough-password")
    at.button(key="admin.create").click().run()


def add_user_with_a_short_password(at: AppTest) -> None:
    at.text_input(key="admin.new_user").input("olena")
    at.text_input(key="admin.new_password").input("short")
    at.button(key="admin.create").click().run()


def withdraw_without_a_reason(at: AppTest) -> None:
    entry = int(at.session_state["test.entry"])
    at.number_input(key="reg.open").set_value(entry).run()
    at.button(key=f"withdraw.{entry}").click().run()


def save_a_draft_without_points(at: AppTest) -> None:
    at.button_group(key="drafts.section").set_value("add").run()
    at.text_input(key="new.code").input("NOPOINTS")
    at.text_input(key="new.title").input("A draft with no points")
    at.text_input(key="new.proponent").input("Mediators")
    at.button(key="new.save").click().run()


def propose_without_a_rationale(at: AppTest) -> None:
    at.button(key="assess.submit").click().run()


def import_an_unreadable_file(at: AppTest) -> None:
    uploader = at.get("file_uploader")[0]
    uploader.set_value(("partner.xlsx", b"not a spreadsheet at all", "application/zip")).run()  # type: ignore[attr-defined]


def _case(page: str, act: Callable[[AppTest], None], *marks: Any) -> Any:
    """One page and what to do on it, named after the action."""
    return pytest.param(page, act, marks=marks, id=act.__name__)


CASES = [
    _case("admin_page.py", add_user_with_a_bad_name),
    _case("admin_page.py", add_user_with_a_short_password),
    _case("register_page.py", withdraw_without_a_reason),
    _case("drafts_page.py", save_a_draft_without_points),
    _case("demand_page.py", propose_without_a_rationale),
    _case("import_page.py", import_an_unreadable_file),
]


def _refusal(lang: str, page: str, act: Callable[[AppTest], None], entry: int) -> str:
    at = _open(lang, page)
    at.session_state["test.entry"] = entry
    act(at)
    assert not at.exception
    errors = [e.value for e in at.error]
    assert errors, f"{act.__name__} in {lang}: no refusal shown"
    return "\n".join(errors)


def _english_phrases(text: str) -> set[str]:
    """Every run of three English words in a row (a field name alone may be a loan word)."""
    words = text.split()
    return {
        " ".join(words[i : i + 3])
        for i in range(len(words) - 2)
        if all(LATIN_WORD.match(w) for w in words[i : i + 3])
    }


@pytest.mark.parametrize(("page", "act"), CASES)
def test_a_refusal_reads_in_ukrainian(
    app_env: str, page: str, act: Callable[[AppTest], None]
) -> None:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        entry = make_evidence(session, make_actor(session), title="Entry to withdraw")
        entry_id = int(entry.id or 0)
    engine.dispose()
    english = _refusal("en", page, act, entry_id)
    ukrainian = _refusal("uk", page, act, entry_id)
    assert re.search("[а-яєіїґ]", ukrainian, re.IGNORECASE), ukrainian
    leaked = sorted(p for p in _english_phrases(english) if p in ukrainian)
    assert not leaked, f"English in the Ukrainian refusal: {leaked}\n{ukrainian}"
    assert ukrainian != english
