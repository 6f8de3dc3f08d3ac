"""The Overview of an empty database: what to do first, instead of charts with nothing to draw.

"Empty" is no evidence entry (that the reader may see) and no assessment; the reference data
(demands, drafts) is always there. Each step links to its page only for those who may open it.
"""

from __future__ import annotations

import streamlit as st

from monitor.core.permissions import Action, may
from monitor.i18n import t
from monitor.ui import state

# as typed in the project's folder, where `python3 tasks.py run` made .venv: a new user has
# not activated it, and a bare `monitor` is then not found
DEMO_COMMAND = ".venv/bin/monitor demo-data --evidence 1000"


def show(lang: str) -> None:
    """The first steps: log an entry, import a file, code a draft, or load demo data."""
    role = state.actor().role
    with st.container(border=True):
        st.subheader(t("start.title", lang))
        st.markdown(t("start.intro", lang))
        if may(role, Action.EDIT):
            st.page_link(
                "monitor/ui/pages/evidence_page.py", label=t("nav.log_evidence", lang), icon="➡️"
            )
            st.caption(t("start.log", lang))
            st.page_link("monitor/ui/pages/import_page.py", label=t("nav.import", lang), icon="➡️")
            st.caption(t("start.import", lang))
        else:  # a reader: the two pages are not theirs to open
            st.caption(t("start.viewer", lang))
        st.page_link("monitor/ui/pages/drafts_page.py", label=t("nav.drafts", lang), icon="➡️")
        st.caption(t("start.drafts", lang))
        st.markdown(t("start.demo", lang))
        st.code(DEMO_COMMAND, language="bash")
