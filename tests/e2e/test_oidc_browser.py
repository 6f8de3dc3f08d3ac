"""Sign-in with an organisation's OpenID Connect provider in headless Chromium, through
Streamlit's own st.login, against a real provider process (tests/oidc_provider.py): the
person types their subject at the provider, comes back signed in as the local account with
that verified e-mail and its role; unverified and unknown e-mails are refused in both
languages; local accounts sign in beside it; Sign out ends the provider's session too."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from tests.conftest import skip_or_fail
from tests.e2e.test_browser import ARTIFACTS, CHROMIUM, settle, streamlit_app
from tests.e2e.test_browser import browser as browser  # the shared Chromium fixture
from tests.oidc_provider import provider, settings_env

pytestmark = pytest.mark.browser

CLAIMS = {
    # the provider spells the address in another case: still the same account
    "olena": {"email": "Olena.K@NGO-One.org", "email_verified": True, "name": "Olena K."},
    "petro": {"email": "petro@ngo-two.org", "email_verified": False},
    "ivan": {"email": "ivan@ngo-three.org", "email_verified": True},
}
ACCOUNTS = {  # name: (role, e-mail given by an admin)
    "vika": ("viewer", ""),
    "olena": ("editor", "olena.k@ngo-one.org"),
    "petro": ("viewer", "petro@ngo-two.org"),
}


def _monitor(env: dict[str, str], *args: str, stdin: str = "") -> str:
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", *args],
        input=stdin,
        text=True,
        env=env,
        check=True,
        capture_output=True,
    )
    return done.stdout.strip()


@pytest.fixture(scope="module")
def oidc_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The app with sign-in on, the provider set up, and three accounts (two with e-mails)."""
    if not Path(CHROMIUM).exists():
        skip_or_fail(f"{CHROMIUM} is missing (apt-get install chromium)")
    data = tmp_path_factory.mktemp("e2e-oidc")
    with provider(data, CLAIMS) as issuer:
        env = {
            **os.environ,
            "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}",
            "MONITOR_DATA_DIR": str(data),
            "MONITOR_AUTH": "on",
            "NO_PROXY": "127.0.0.1",
            **settings_env(issuer),
        }
        for name, (role, email) in ACCOUNTS.items():
            _monitor(
                env,
                "user",
                "add",
                name,
                "--role",
                role,
                "--password-stdin",
                stdin=f"{name}-password-1\n",
            )
            if email:
                _monitor(env, "user", "email", name, email)
        secrets_file = _monitor(env, "oidc", "write-config")
        assert oct(Path(secrets_file).stat().st_mode & 0o777) == oct(0o600)
        extra = {k: v for k, v in env.items() if k.startswith(("MONITOR_OIDC", "NO_PROXY"))}
        extra |= {"MONITOR_DATA_DIR": str(data), "STREAMLIT_SECRETS_FILES": secrets_file}
        with streamlit_app(data, MONITOR_AUTH="on", **extra) as base:
            yield base, data


def _through_provider(page, base: str, subject: str) -> None:  # type: ignore[no-untyped-def]
    """Open the app, press the provider's button, type the subject at the provider."""
    page.goto(f"{base}/?lang=en")
    page.get_by_role("button", name="Sign in with Coalition ID").click()
    page.locator("input[name=sub]").fill(subject)
    page.get_by_role("button", name="Authorize").click()
    page.wait_for_url(f"{base}/**", timeout=60_000)
    settle(page)


def test_a_verified_email_signs_in_as_its_account_with_its_role(oidc_app, browser) -> None:  # type: ignore[no-untyped-def]
    base, data = oidc_app
    context = browser.new_context()
    page = context.new_page()
    _through_provider(page, base, "olena")
    # the provider sends the browser back to the app's root: its default language
    page.get_by_text("Стан десяти вимог").wait_for(timeout=60_000)
    sidebar = page.get_by_test_id("stSidebar").inner_text()
    assert "«olena» (редактор)" in sidebar
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert "Внести докази" in links or any("доказ" in link.lower() for link in links)
    assert page.get_by_test_id("stException").count() == 0
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "oidc-signed-in.png"), full_page=True)
    # a new tab of the same browser is the same person, signed in at once (Streamlit's cookie)
    second = context.new_page()
    second.goto(f"{base}/?lang=en")
    second.get_by_text("Where the ten demands stand").wait_for(timeout=60_000)
    assert "“olena” (editor)" in second.get_by_test_id("stSidebar").inner_text()
    second.close()

    # Sign out ends this session and the provider's: back through its End session page
    page.get_by_role("button", name="Вийти").click()
    page.get_by_role("button", name="End session").click()
    page.wait_for_url(f"{base}/**", timeout=60_000)
    settle(page)
    page.get_by_role("button", name="Увійти через Coalition ID").wait_for(timeout=60_000)
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    page.goto(f"{base}/?lang=en")  # the identity is gone: nobody is signed in again
    page.get_by_role("button", name="Sign in with Coalition ID").wait_for(timeout=60_000)
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    context.close()
    assert _audit(data, "sign-in", "olena") >= 2


def test_a_sign_in_through_the_provider_opens_in_the_accounts_language(oidc_app, browser) -> None:  # type: ignore[no-untyped-def]
    """The provider sends the browser back to the bare address: the account's last choice of
    language, kept when the person switched, says which language to open in."""
    base, _ = oidc_app
    context = browser.new_context()
    page = context.new_page()
    _through_provider(page, base, "olena")
    page.get_by_text("Стан десяти вимог").wait_for(timeout=60_000)
    page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").click()
    page.get_by_role("option", name="English").click()
    page.get_by_text("Where the ten demands stand").wait_for(timeout=60_000)
    context.close()
    again = browser.new_context()  # another browser: no cookie, no session, no ?lang=
    page = again.new_page()
    _through_provider(page, base, "olena")
    page.get_by_text("Where the ten demands stand").wait_for(timeout=60_000)
    assert "“olena” (editor)" in page.get_by_test_id("stSidebar").inner_text()
    assert "lang=en" in page.url
    again.close()


@pytest.mark.parametrize(
    ("subject", "english", "ukrainian"),
    [
        ("petro", "has not confirmed the e-mail", "не підтвердив адресу"),
        ("ivan", "No account here has the e-mail", "Жоден обліковий запис тут не має адреси"),
    ],
)
def test_an_unverified_or_unknown_email_is_refused_in_both_languages(  # type: ignore[no-untyped-def]
    oidc_app, browser, subject: str, english: str, ukrainian: str
) -> None:
    base, data = oidc_app
    page = browser.new_page()
    _through_provider(page, base, subject)
    error = page.get_by_test_id("stAlertContentError")
    error.first.wait_for(timeout=60_000)
    assert ukrainian in error.first.inner_text()
    assert page.get_by_test_id("stSidebarNavLink").count() == 0  # nothing signed in
    page.goto(f"{base}/?lang=en")  # the same identity, read in English
    settle(page)
    page.get_by_text(english).wait_for(timeout=60_000)
    assert page.get_by_test_id("stSidebarNavLink").count() == 0
    page.get_by_role("button", name="Sign in with Coalition ID").wait_for()
    page.get_by_label("User name").wait_for()  # and the local form beside it
    page.screenshot(path=str(ARTIFACTS / f"oidc-refused-{subject}.png"), full_page=True)
    page.close()
    assert _audit(data, "sign-in-refused", CLAIMS[subject]["email"]) >= 2


def test_a_local_account_still_signs_in_beside_the_provider(oidc_app, browser) -> None:  # type: ignore[no-untyped-def]
    base, _ = oidc_app
    page = browser.new_page()
    page.goto(f"{base}/?lang=en")
    page.get_by_role("button", name="Sign in with Coalition ID").wait_for(timeout=60_000)
    page.get_by_label("User name").fill("vika")
    page.get_by_role("textbox", name="Password").fill("vika-password-1")
    page.get_by_role("button", name="Sign in", exact=True).click()
    page.get_by_text("Where the ten demands stand").wait_for(timeout=60_000)
    assert "“vika” (viewer)" in page.get_by_test_id("stSidebar").inner_text()
    links = page.get_by_test_id("stSidebarNavLink").all_inner_texts()
    assert "Log evidence" not in links
    page.close()


def _audit(data: Path, action: str, entity: str) -> int:
    """How many audit events of `action` name `entity` (read straight from the database)."""
    engine = sa.create_engine(f"sqlite:///{data / 'monitor.db'}")
    with engine.connect() as conn:
        count = conn.execute(
            sa.text("SELECT count(*) FROM audit_event WHERE action = :a AND entity_id = :e"),
            {"a": action, "e": entity},
        ).scalar_one()
    engine.dispose()
    return int(count)
