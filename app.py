"""Streamlit entry: page config, language switch, the acting user, navigation. Nothing else."""

from __future__ import annotations

import streamlit as st

from monitor.errors import MonitorError
from monitor.i18n import LANGUAGES, t
from monitor.ui import state

st.set_page_config(page_title="Demands Monitor", layout="wide")

lang = state.lang()
try:
    engine = state.engine()
    actor = state.actor()
except MonitorError as exc:
    st.error(t(exc.key, lang, message=str(exc)))
    st.stop()

with st.sidebar:
    st.selectbox(
        t("sidebar.language", lang),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
        index=list(LANGUAGES).index(lang),
        on_change=lambda: st.query_params.update(lang=st.session_state["lang"]),
    )
    st.caption(t("sidebar.local_user", lang, name=actor.username, role=actor.role.value))
    st.caption(t("sidebar.database", lang, backend=engine.dialect.name))

pages = [
    st.Page("monitor/ui/pages/overview_page.py", title=t("nav.overview", lang), default=True),
    st.Page("monitor/ui/pages/evidence_page.py", title=t("nav.log_evidence", lang), url_path="log"),
    st.Page(
        "monitor/ui/pages/register_page.py", title=t("nav.register", lang), url_path="register"
    ),
]
st.navigation(pages).run()
