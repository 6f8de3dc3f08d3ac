"""The sign-in screen shown before any page when sign-in is on: an organisation's OpenID
Connect provider (Streamlit's st.login) when one is set up, and the local accounts' form.

After the provider has signed the person in, Streamlit holds the identity (`st.user`, from
its signed cookie) and the page reloads; the identity is then mapped once to the local
account with its verified e-mail (`services.accounts.sign_in_with_identity`), and that
account, with its role, is who acts. Nothing else is signed in: a refused identity only
reads the refusal. The session then ends as a password session does (idle for
MONITOR_SESSION_MINUTES), and signing out ends both this session and Streamlit's identity.
"""

from __future__ import annotations

import importlib
from collections.abc import Mapping
from datetime import UTC, datetime

import streamlit as st

from monitor.config import Settings
from monitor.core import limits, oidc
from monitor.domain import region_map
from monitor.i18n import t
from monitor.services import accounts
from monitor.ui import actions, inert, state
from monitor.ui.components import language

SLOT = "signin"
OIDC_SLOT = "signin.oidc"
TRIED = "signin.oidc_tried"  # the identity this browser session has already mapped (or not)
LAUNCHER = "python3 tasks.py run"


@actions.callback(SLOT)
def _submit() -> None:
    """Check the password in the submit callback; the password never stays in the session."""
    username = st.session_state.get("signin.user") or ""
    password = st.session_state.get("signin.password") or ""
    st.session_state["signin.password"] = ""
    now = datetime.now(UTC)
    actor = actions.run(
        SLOT, accounts.sign_in, refresh=False, username=username, password=password, now=now
    )
    if actor is not None:
        st.session_state["actor"] = actor
        st.session_state["last_seen"] = now
        language.follow_account(actor)


def show(lang: str) -> None:
    """The title, why a session ended (if it did), the provider's button and the last refusal
    (when a provider is set up), then the local accounts' form."""
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    expired = st.session_state.pop("signed_out_expired", False)
    if expired:
        st.info(t("auth.expired", lang))
    settings = state.settings()
    if settings.oidc:
        _provider(settings, lang, expired=expired)
    actions.show(SLOT)
    with st.form("signin"):
        st.text_input(t("auth.username", lang), key="signin.user", max_chars=limits.USERNAME)
        st.text_input(
            t("auth.password", lang),
            type="password",
            key="signin.password",
            max_chars=limits.PASSWORD,
        )
        st.form_submit_button(t("auth.sign_in", lang), type="primary", on_click=_submit)


def _provider(settings: Settings, lang: str, *, expired: bool) -> None:
    """Take the identity the provider just gave (once), or offer to sign in with it."""
    label = settings.oidc_label or t("oidc.default_label", lang)
    if not ready(settings):
        said = inert.said("oidc.not_started", lang, provider=label, command=LAUNCHER)
        inert.message("warning", said)
        return
    claims = identity()
    if claims is not None and not expired:
        _take(claims, settings)
    actions.show(OIDC_SLOT)
    words = inert.said("oidc.sign_in_with", lang, provider=label)
    if st.button(words, key="signin.oidc", type="primary"):
        st.login()
    st.caption(t("oidc.or_local", lang))


# what the Overview, the first page after a sign-in, loads on its first run in a process: the
# PDF brief's renderer (matplotlib, fpdf2: about 1 s) and its charts' and map's code
FIRST_PAGE_MODULES = (
    "monitor.ui.components.brief_download",
    "monitor.ui.components.overview_charts",
    "monitor.ui.components.region_map",
)


def warm_up() -> None:
    """While someone types a name and password, load in the background what the first page
    after the sign-in needs, once a process: the first sign-in after a start then waits for
    its data, not for imports (3.0 s, 0.96 s of it importing the PDF stack). Reads nothing
    of the database: who signs in, and so what they may see, is not known yet."""
    actions.read_ahead(("warm-up", FIRST_PAGE_MODULES), _load_first_page)


def _load_first_page() -> None:
    for name in FIRST_PAGE_MODULES:
        importlib.import_module(name)
    region_map.topology()  # the oblasts' outlines, parsed once a process (0.37 s)


def ready(settings: Settings) -> bool:
    """Whether Streamlit started with the `[auth]` these settings make (`secrets.files`)."""
    if not settings.oidc or not st.secrets.load_if_toml_exists():
        return False
    loaded = st.secrets.get("auth")
    return isinstance(loaded, Mapping) and oidc.matches(settings, loaded)


def identity() -> dict[str, object] | None:
    """The claims of the identity Streamlit holds for this browser, or None."""
    claims: dict[str, object] = dict(st.user.to_dict())
    return claims if claims.get("is_logged_in") is True else None


def _take(claims: dict[str, object], settings: Settings) -> None:
    """Map a fresh identity to its account once per browser session; on success the app
    reruns signed in, a refusal stays under OIDC_SLOT to be read."""
    seen = (claims.get("iss"), claims.get("sub"), claims.get("iat"))
    if st.session_state.get(TRIED) == seen:
        return
    st.session_state[TRIED] = seen
    now = datetime.now(UTC)
    if not accounts.identity_is_fresh(claims, now=now, minutes=settings.session_minutes):
        return  # an old identity from the cookie: the person signs in with the provider again
    actor = actions.run(OIDC_SLOT, accounts.sign_in_with_identity, refresh=False, claims=claims)
    if actor is not None:
        st.session_state["actor"] = actor
        st.session_state["last_seen"] = now
        language.follow_account(actor)
        st.rerun()


def sign_out() -> None:
    """The sidebar's Sign out: this session's user, and Streamlit's identity with the
    provider's session when there is one (st.logout goes through the provider's sign-out)."""
    state.sign_out()
    if ready(state.settings()) and identity() is not None:
        st.logout()
