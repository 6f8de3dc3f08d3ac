"""The sign-in form shown before any page when sign-in is on."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from monitor.auth import sign_in
from monitor.errors import Forbidden
from monitor.i18n import t
from monitor.ui import state


def _submit(lang: str) -> None:
    username = st.session_state.get("signin.user") or ""
    password = st.session_state.get("signin.password") or ""
    st.session_state["signin.password"] = ""  # never kept in the session
    try:
        actor = sign_in(state.engine(), username, password, now=datetime.now(UTC))
    except Forbidden as err:
        st.session_state["signin.error"] = t(err.key, lang, message=str(err))
        return
    st.session_state["actor"] = actor
    st.session_state["last_seen"] = datetime.now(UTC)
    st.session_state.pop("signin.error", None)


def show(lang: str) -> None:
    st.title(t("app.title", lang))
    st.caption(t("app.tagline", lang))
    if st.session_state.pop("signed_out_expired", False):
        st.info(t("auth.expired", lang))
    error = st.session_state.get("signin.error")
    if error:
        st.error(error)
    with st.form("signin"):
        st.text_input(t("auth.username", lang), key="signin.user", max_chars=64)
        st.text_input(
            t("auth.password", lang), type="password", key="signin.password", max_chars=1024
        )
        st.form_submit_button(
            t("auth.sign_in", lang), type="primary", on_click=_submit, args=(lang,)
        )
