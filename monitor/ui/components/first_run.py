"""The first-run screen: while no account can sign in, create the first admin with the
one-time setup code printed in the server's terminal (never shown in the browser)."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.services import accounts
from monitor.ui import actions

SLOT = "first_run"
FIELDS = ("code", "user", "password", "password_again")


@actions.callback(SLOT)
def _submit() -> None:
    """Create the admin in the submit callback; passwords never stay in the session."""
    typed = {name: st.session_state.get(f"first_run.{name}") or "" for name in FIELDS}
    for name in ("password", "password_again"):
        st.session_state[f"first_run.{name}"] = ""
    now = datetime.now(UTC)
    actor = actions.run(
        SLOT,
        accounts.create_first_admin,
        refresh=False,
        setup_code=typed["code"],
        username=typed["user"],
        password=typed["password"],
        password_again=typed["password_again"],
        now=now,
    )
    if actor is not None:
        st.session_state["actor"] = actor
        st.session_state["last_seen"] = now


def show(lang: str) -> None:
    """What a first run is, where the code is, and the form."""
    st.title(t("first_run.title", lang))
    st.info(t("first_run.explain", lang, hours=accounts.SETUP_CODE_HOURS))
    actions.show(SLOT)
    with st.form("first_run"):
        st.text_input(t("first_run.code", lang), key="first_run.code", max_chars=32)
        st.text_input(t("auth.username", lang), key="first_run.user", max_chars=limits.USERNAME)
        for name in ("password", "password_again"):
            st.text_input(
                t(f"first_run.{name}", lang),
                type="password",
                key=f"first_run.{name}",
                max_chars=limits.PASSWORD,
            )
        st.form_submit_button(t("first_run.create", lang), type="primary", on_click=_submit)
