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

PAGES = [
    ("overview_page.py", "nav.overview", ""),
    ("evidence_page.py", "nav.log_evidence", "log"),
    ("demand_page.py", "nav.demand", "demand"),
    ("drafts_page.py", "nav.drafts", "drafts"),
    ("register_page.py", "nav.register", "register"),
    ("import_page.py", "nav.import", "import"),
    ("inbox_page.py", "nav.inbox", "inbox"),
    ("briefings_page.py", "nav.briefings", "briefings"),
]
pages = [
    st.Page(f"monitor/ui/pages/{file}", title=t(key, lang), url_path=path or None, default=not path)
    for file, key, path in PAGES
]
st.navigation(pages).run()
