"""The sign-in screen and the Admin page when an organisation's provider is set up (AppTest):
the e-mail an account signs in with there is set by an admin; a server started without the
`[auth]` file says so and local accounts still sign in. The flow through the provider itself
runs in the browser (tests/e2e/test_oidc_browser.py)."""

from __future__ import annotations

import pytest
from sqlmodel import select
from streamlit.testing.v1 import AppTest

from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role, User
from monitor.core.passwords import hash_password

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
