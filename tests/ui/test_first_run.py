"""A fresh install asks for the setup code from the terminal; sign-in is never off by accident."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.services import accounts

APP = "../../app.py"
PASSWORD = "пароль для першого запуску"


@pytest.fixture
def fresh_install(app_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    """The app as `python3 tasks.py run` starts it: MONITOR_AUTH unset, a code issued."""
    monkeypatch.delenv("MONITOR_AUTH")
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        code = accounts.issue_setup_code(session=session, now=datetime.now(UTC))
    engine.dispose()
    assert code is not None
    return code


def _open(lang: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    return at.run()


def _fill(at: AppTest, code: str, again: str = PASSWORD) -> AppTest:
    at.text_input(key="first_run.code").input(code)
    at.text_input(key="first_run.user").input("olena")
    at.text_input(key="first_run.password").input(PASSWORD)
    at.text_input(key="first_run.password_again").input(again)
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "title", "refusal"),
    [
        ("uk", "Перший запуск", "це не чинний код налаштування"),
        ("en", "First run", "this is not the current setup code"),
    ],
)
def test_first_run_creates_the_admin_with_the_code(
    fresh_install: str, lang: str, title: str, refusal: str
) -> None:
    at = _open(lang)
    assert title in at.title[0].value
    assert "signin.user" not in [w.key for w in at.text_input]  # no sign-in form yet
    at = _fill(at, "WRONG-CODE-0000")
    assert any(refusal in e.value for e in at.error)
    assert at.text_input(key="first_run.user").value == "olena"  # nothing typed is lost
    at = _fill(at, fresh_install)
    assert not at.error
    assert at.session_state["actor"].username == "olena"
    sidebar = " ".join(c.value for c in at.sidebar.caption)
    assert "olena" in sidebar  # signed in, pages shown


def test_sign_in_off_is_said_on_every_page(app_env: str) -> None:
    at = _open("en")
    warnings = [w.value for w in at.sidebar.warning]
    assert any("Sign-in is off (MONITOR_AUTH=off)" in w for w in warnings)
    at.switch_page("monitor/ui/pages/register_page.py").run()
    assert any("Sign-in is off" in w.value for w in at.sidebar.warning)


def test_once_an_account_exists_the_sign_in_form_shows(fresh_install: str) -> None:
    _fill(_open("en"), fresh_install)
    again = _open("en")  # a new browser session
    assert "signin.user" in [w.key for w in again.text_input]
    assert "first_run.code" not in [w.key for w in again.text_input]
