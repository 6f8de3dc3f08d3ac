"""Streamlit entry: page config, language switch, the acting user, navigation. Nothing else."""

from __future__ import annotations

import streamlit as st

from monitor.core.permissions import Action, may
from monitor.i18n import enum_label, t
from monitor.ui import actions, inert, state
from monitor.ui.components import first_run, language, sign_in

st.set_page_config(page_title="Demands Monitor", layout="wide")

lang = state.lang()
engine = actions.read(state.engine)  # a bad database URL is one translated line, not a trace
if engine is None:
    st.stop()
auth = state.auth_enabled()
if not state.someone_acts():
    if state.first_run():
        first_run.show(lang)
    else:
        sign_in.show(lang)  # an identity the provider just gave reruns signed in from here
    sign_in.warm_up()  # the first page's modules load while the person types
    with st.sidebar:  # after: the sign-in may still set the account's language
        language.switch(lang)
    st.stop()
actor = state.actor()
if st.query_params.get("lang") != lang:  # a move to another page drops the address's query
    st.query_params["lang"] = lang  # so a link copied from any page opens in this language

with st.sidebar:
    language.switch(lang)
    who = {"name": actor.username, "role": enum_label("role", actor.role, lang)}
    if auth:  # a user name is a person's text: drawn inert
        st.caption(inert.said("sidebar.signed_in", lang, **who))
        # ends this session and, after sign-in with a provider, Streamlit's identity too
        st.button(t("auth.sign_out", lang), on_click=sign_in.sign_out, key="signout")
    else:  # on every page: sign-in is off only because someone chose MONITOR_AUTH=off
        inert.message("warning", inert.said("sidebar.auth_off", lang, **who))
    st.caption(t("sidebar.database", lang, backend=engine.dialect.name))

PAGES = [  # file, title, URL path, what a user must be allowed to do to see it
    ("overview_page.py", "nav.overview", "", Action.READ),
    ("evidence_page.py", "nav.log_evidence", "log", Action.EDIT),
    ("demand_page.py", "nav.demand", "demand", Action.READ),
    ("drafts_page.py", "nav.drafts", "drafts", Action.READ),
    ("register_page.py", "nav.register", "register", Action.READ),
    ("import_page.py", "nav.import", "import", Action.EDIT),
    ("inbox_page.py", "nav.inbox", "inbox", Action.EDIT),
    ("briefings_page.py", "nav.briefings", "briefings", Action.READ),
    ("admin_page.py", "nav.admin", "admin", Action.ADMINISTER),
]
pages = [
    st.Page(f"monitor/ui/pages/{file}", title=t(key, lang), url_path=path or None, default=not path)
    for file, key, path, needs in PAGES
    if may(actor.role, needs)
]
actions.page(st.navigation(pages))  # a fault becomes a translated line and an incident number
