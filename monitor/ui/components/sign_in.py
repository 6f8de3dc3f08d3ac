"""The sign-in form shown before any page when sign-in is on."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.services import accounts
from monitor.ui import actions

SLOT = "signin"


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


def show(lang: str) -> None:
    """The title, why a session ended (if it did), the last refusal, and the form."""
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    if st.session_state.pop("signed_out_expired", False):
        st.info(t("auth.expired", lang))
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
