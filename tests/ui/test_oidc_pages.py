"""The sign-in screen and the Admin page when an organisation's provider is set up (AppTest):
the e-mail an account signs in with there is set by an admin; a server started without the
`[auth]` file says so and local accounts still sign in. The flow through the provider itself
runs in the browser (tests/e2e/test_oidc_browser.py)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from monitor.config import Settings
from monitor.core import oidc
from monitor.core.db import make_engine, session_scope
from monitor.core.models import AuditEvent, Role, User
from monitor.core.passwords import hash_password
from monitor.core.permissions import Actor
from monitor.services import accounts

APP = "../../app.py"
OIDC = {
    "MONITOR_OIDC_ISSUER": "https://id.coalition.example/realms/ngo",
    "MONITOR_OIDC_CLIENT_ID": "demands-monitor",
    "MONITOR_OIDC_CLIENT_SECRET": "a-client-secret",
    "MONITOR_OIDC_LABEL": "Coalition ID",
}


@pytest.fixture
def oidc_app(app_env: str, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("MONITOR_AUTH", "on")
    for name, value in OIDC.items():
        monkeypatch.setenv(name, value)
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        for name, role in (("ada", Role.ADMIN), ("ed", Role.EDITOR)):
            session.add(
                User(username=name, role=role, password_hash=hash_password(f"{name}-password-1"))
            )
    engine.dispose()
    return app_env


def _sign_in(name: str, lang: str = "en") -> AppTest:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    at.text_input(key="signin.user").input(name)
    at.text_input(key="signin.password").input(f"{name}-password-1")
    at.get("form_submit_button")[0].click().run()  # type: ignore[attr-defined]
    assert not at.exception
    return at


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "started without it"), ("uk", "сервер запущено без нього")]
)
def test_a_server_started_without_the_auth_file_says_so_and_local_sign_in_works(
    oidc_app: str, lang: str, words: str
) -> None:
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = lang
    at.run()
    assert any(words in w.value and "Coalition ID" in w.value for w in at.warning)
    assert all(b.key != "signin.oidc" for b in at.button)  # no button that could not work
    signed = _sign_in("ed", lang)
    assert any("ed" in c.value for c in signed.sidebar.caption)


def _emails(app_env: str) -> dict[str, str | None]:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        found = {u.username: u.email for u in session.exec(select(User)).all()}
    engine.dispose()
    return found


def test_an_admin_gives_accounts_their_email(oidc_app: str) -> None:
    at = _sign_in("ada")
    at.switch_page("monitor/ui/pages/admin_page.py").run()
    assert not at.exception
    at.text_input(key="admin.new_user").input("olena")
    at.text_input(key="admin.new_password").input("olena-password-1")
    at.text_input(key="admin.new_email").input(" Olena@NGO-One.org")
    at.button(key="admin.create").click().run()
    assert not at.exception and not at.error
    assert _emails(oidc_app)["olena"] == "olena@ngo-one.org"
    table = next(d.value for d in at.dataframe if "E-mail for sign-in" in " ".join(d.value.columns))
    assert "olena@ngo-one.org" in table.to_string()

    # with an e-mail and no password: it signs in only through the provider
    at.text_input(key="admin.new_user").input("taras")
    at.text_input(key="admin.new_email").input("taras@ngo-two.org")
    at.button(key="admin.create").click().run()
    assert not at.error and _emails(oidc_app)["taras"] == "taras@ngo-two.org"
    engine = make_engine(oidc_app)
    with session_scope(engine) as session:
        assert (
            session.exec(select(User).where(User.username == "taras")).one().password_hash is None
        )
    engine.dispose()

    at.selectbox(key="admin.who").select("ed").run()
    at.text_input(key="admin.email").input("ed@ngo-one.org")
    at.button(key="admin.set_email").click().run()
    assert any("E-mail of ed saved" in s.value for s in at.success)
    assert _emails(oidc_app)["ed"] == "ed@ngo-one.org"


@pytest.mark.parametrize(
    ("lang", "taken", "bad"),
    [
        ("en", "another account has this e-mail already", "not an e-mail address"),
        ("uk", "вже належить іншому обліковому запису", "це не адреса електронної пошти"),
    ],
)
def test_a_bad_or_taken_email_is_refused_and_nothing_is_made(
    oidc_app: str, lang: str, taken: str, bad: str
) -> None:
    at = _sign_in("ada", lang)
    at.switch_page("monitor/ui/pages/admin_page.py").run()
    at.selectbox(key="admin.who").select("ed").run()
    at.text_input(key="admin.email").input("shared@ngo-one.org")
    at.button(key="admin.set_email").click().run()
    at.text_input(key="admin.new_user").input("olena")
    at.text_input(key="admin.new_password").input("olena-password-1")
    at.text_input(key="admin.new_email").input("SHARED@ngo-one.org")
    at.button(key="admin.create").click().run()
    assert any(taken in e.value for e in at.error), [e.value for e in at.error]
    at.text_input(key="admin.new_password").input("olena-password-1")  # emptied after a click
    at.text_input(key="admin.new_email").input("olena at ngo-one")
    at.button(key="admin.create").click().run()
    assert any(bad in e.value for e in at.error), [e.value for e in at.error]
    assert "olena" not in _emails(oidc_app)  # refused: no account without its e-mail


def _identity_app(email: str, *, minutes_ago: float = 0) -> AppTest:
    """The app in a browser session where Streamlit already holds a provider's identity (as
    after the provider's callback), with the `[auth]` the settings make loaded."""
    at = AppTest.from_file(APP, default_timeout=30)
    at.query_params["lang"] = "en"
    at.secrets["auth"] = oidc.auth_section(Settings.from_env(), cookie_secret="c" * 40)
    issued = datetime.now(UTC) - timedelta(minutes=minutes_ago)
    at.user = {
        "is_logged_in": True,
        "email": email,
        "email_verified": True,
        "iss": OIDC["MONITOR_OIDC_ISSUER"],
        "sub": email.split("@")[0],
        "iat": int(issued.timestamp()),
    }
    return at


def _audited(app_env: str, action: str) -> int:
    engine = make_engine(app_env)
    with session_scope(engine) as session:
        found = len(session.exec(select(AuditEvent).where(AuditEvent.action == action)).all())
    engine.dispose()
    return found


def test_an_identity_session_ends_after_the_idle_timeout_as_a_password_one(oidc_app: str) -> None:
    engine = make_engine(oidc_app)
    with session_scope(engine) as session:
        admin = Actor.of(session.exec(select(User).where(User.username == "ada")).one())
        accounts.set_email(session=session, actor=admin, username="ed", email="ed@ngo-one.org")
    engine.dispose()
    at = _identity_app("ed@ngo-one.org")
    at.run()
    assert not at.exception
    assert any("“ed” (editor)" in c.value for c in at.sidebar.caption)
    # idle for longer than MONITOR_SESSION_MINUTES: the session ends, and the identity
    # Streamlit still holds is not taken again in this browser session
    at.session_state["last_seen"] = datetime.now(UTC) - timedelta(hours=2)
    at.run()
    assert any("Your session ended" in i.value for i in at.info)
    at.run()
    assert not any("“ed”" in c.value for c in at.sidebar.caption)
    assert [b for b in at.button if b.key == "signin.oidc"]  # sign in with the provider again
    assert _audited(oidc_app, "sign-in") == 1  # through the provider, once

    # a new tab with an identity older than the timeout is not signed in from the cookie
    old = _identity_app("ed@ngo-one.org", minutes_ago=120)
    old.run()
    assert not old.exception and not old.error
    assert not any("“ed”" in c.value for c in old.sidebar.caption)
    assert _audited(oidc_app, "sign-in") == 1


def test_a_refused_identity_is_audited_once_per_browser_session(oidc_app: str) -> None:
    at = _identity_app("ivan@ngo-three.org")
    at.run()
    assert any("No account here has the e-mail" in e.value for e in at.error), [
        e.value for e in at.error
    ]
    at.text_input(key="signin.user").input("ed").run()  # any later rerun of the same screen
    assert _audited(oidc_app, "sign-in-refused") == 1
    assert not any("“" in c.value for c in at.sidebar.caption)
