"""Streamlit entry: page config, language switch, the acting user, navigation. Nothing else."""

from __future__ import annotations

import streamlit as st

from monitor.auth import ROLE_RANK
from monitor.errors import MonitorError
from monitor.i18n import LANGUAGES, t
from monitor.models import Role
from monitor.ui import sign_in, state

st.set_page_config(page_title="Demands Monitor", layout="wide")

lang = state.lang()
try:
    engine = state.engine()
except MonitorError as exc:
    st.error(t(exc.key, lang, message=str(exc)))
    st.stop()
auth = state.auth_enabled()
if auth and state.signed_in() is None:
    sign_in.show(lang)
    st.stop()
actor = state.actor()

with st.sidebar:
    st.selectbox(
        t("sidebar.language", lang),
        options=list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key="lang",
        index=list(LANGUAGES).index(lang),
        on_change=lambda: st.query_params.update(lang=st.session_state["lang"]),
    )
    if auth:
        st.caption(t("sidebar.signed_in", lang, name=actor.username, role=actor.role.value))
        st.button(t("auth.sign_out", lang), on_click=state.sign_out, key="signout")
    else:
        st.caption(t("sidebar.local_user", lang, name=actor.username, role=actor.role.value))
    st.caption(t("sidebar.database", lang, backend=engine.dialect.name))

PAGES = [  # file, title, URL path, the least role that sees it
    ("overview_page.py", "nav.overview", "", Role.VIEWER),
    ("evidence_page.py", "nav.log_evidence", "log", Role.EDITOR),
    ("demand_page.py", "nav.demand", "demand", Role.VIEWER),
    ("drafts_page.py", "nav.drafts", "drafts", Role.VIEWER),
    ("register_page.py", "nav.register", "register", Role.VIEWER),
    ("import_page.py", "nav.import", "import", Role.EDITOR),
    ("inbox_page.py", "nav.inbox", "inbox", Role.EDITOR),
    ("briefings_page.py", "nav.briefings", "briefings", Role.VIEWER),
    ("admin_page.py", "nav.admin", "admin", Role.ADMIN),
]
pages = [
    st.Page(f"monitor/ui/pages/{file}", title=t(key, lang), url_path=path or None, default=not path)
    for file, key, path, least in PAGES
    if ROLE_RANK[actor.role] >= ROLE_RANK[least]
]
st.navigation(pages).run()
