"""Sign-in and what each role receives: a viewer never gets confidential text, anywhere."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role, User
from monitor.core.passwords import hash_password
from tests.factories import make_actor, make_evidence

APP = "../../app.py"
SECRET = "Named witness Halyna P. in Nova Kakhovka"


@pytest.fixture
def signed_app(app_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MONITOR_AUTH", "on")
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        for name, role in (("vika", Role.VIEWER), ("ed", Role.EDITOR), ("ada", Role.ADMIN)):
            session.add(
                User(username=name, role=role, password_hash=hash_password(f"{name}-password-1"))
            )
        owner = make_actor(session, "owner", Role.ADMIN)
        make_evidence(session, owner, title="Public entry", demands=("D01",))
        make_evidence(
            session,
            owner,
            title=SECRET,
            description=SECRET,
            sensitivity="confidential",
            demands=("D01",),
        )
    engine.dispose()
    return app_env


def _sign_in(name: str, lang: str | None = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    if lang is not None:
        at.query_params["lang"] = lang
    at.run()
    at.text_input(key="signin.user").input(name)
    at.text_input(key="signin.password").input(f"{name}-password-1")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    return at


def _everything(at: AppTest) -> str:
    parts = [str(v) for v in at.session_state.to_dict().values()]
    parts += [e.value.to_string() for e in at.dataframe] + [e.value.to_string() for e in at.table]
    parts += [
        str(getattr(e, "value", "")) for e in (*at.markdown, *at.caption, *at.text, *at.metric)
    ]
    return "\n".join(parts)


def test_without_sign_in_nothing_is_shown(signed_app: str) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.run()
    assert [t.value for t in at.title] == ["Demands Monitor"]
    assert not at.dataframe and not at.table
    at.text_input(key="signin.user").input("vika")
    at.text_input(key="signin.password").input("wrong")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert any("Wrong user name or password" in e.value for e in at.error)
    assert "signin.password" not in at.session_state or not at.session_state["signin.password"]


def test_the_sign_in_screen_has_the_language_switch(signed_app: str) -> None:
    """A fresh browser opens in Ukrainian; an English reader switches before signing in, and
    the choice holds after the sign-in (the address keeps it, the account does not override)."""
    at = AppTest.from_file(APP, default_timeout=30).run()
    assert not at.exception
    assert at.text_input(key="signin.user").label == "Ім'я користувача"
    at.selectbox(key="lang").set_value("en").run()
    assert not at.exception
    assert at.query_params["lang"] == "en"
    assert at.text_input(key="signin.user").label == "User name"
    at.text_input(key="signin.user").input("vika")
    at.text_input(key="signin.password").input("vika-password-1")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    assert at.session_state["lang"] == "en" and at.query_params["lang"] == "en"
    assert "Signed in as" in " ".join(c.value for c in at.caption)


def test_a_viewer_never_receives_confidential_text(signed_app: str) -> None:
    at = _sign_in("vika")
    for page in (
        "overview_page.py",
        "register_page.py",
        "demand_page.py",
        "briefings_page.py",
        "drafts_page.py",
    ):
        at.switch_page(f"monitor/ui/pages/{page}").run()
        assert not at.exception, page
        assert SECRET not in _everything(at), page
        assert "Halyna" not in _everything(at), page
    at.switch_page("monitor/ui/pages/register_page.py").run()
    assert "1 entry matches" in at.caption[0].value
    assert at.session_state["actor"].role == Role.VIEWER


def test_roles_see_their_pages(signed_app: str) -> None:
    viewer = _sign_in("vika")
    with pytest.raises(ValueError):
        viewer.switch_page("monitor/ui/pages/evidence_page.py")  # not in a viewer's navigation
    editor = _sign_in("ed")
    editor.switch_page("monitor/ui/pages/evidence_page.py").run()
    assert not editor.exception
    with pytest.raises(ValueError):
        editor.switch_page("monitor/ui/pages/admin_page.py")
    editor.switch_page("monitor/ui/pages/register_page.py").run()
    assert "2 entries match" in editor.caption[0].value  # editors see confidential entries
    admin = _sign_in("ada")
    admin.switch_page("monitor/ui/pages/admin_page.py").run()
    assert not admin.exception
    assert any(d.value.shape[0] >= 1 for d in admin.dataframe)


def test_an_idle_session_ends(signed_app: str) -> None:
    from datetime import UTC, datetime, timedelta

    at = _sign_in("ed")
    assert at.session_state["actor"].username == "ed"
    at.session_state["last_seen"] = datetime.now(UTC) - timedelta(minutes=61)
    at.run()
    assert "actor" not in at.session_state
    assert any("without activity" in i.value for i in at.info)


def test_the_language_chosen_is_kept_on_the_account_for_the_next_sign_in(signed_app: str) -> None:
    at = _sign_in("vika", "uk")
    at.selectbox(key="lang").set_value("en").run()  # chosen away from the default
    assert not at.exception and at.query_params["lang"] == "en"
    fresh = _sign_in("vika", None)  # the bare address, as a provider's return has it
    assert fresh.selectbox(key="lang").value == "en" and fresh.query_params["lang"] == "en"
    assert "Where the ten demands stand" in [h.value for h in fresh.title]
    named = _sign_in("vika", "uk")  # an address that names a language wins over the account's
    assert named.selectbox(key="lang").value == "uk"
