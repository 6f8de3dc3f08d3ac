"""The audit log as an admin reads it: filter by user, record kind, action and time."""

from __future__ import annotations

import streamlit as st

from monitor.i18n import t
from monitor.ui import state

ENTITIES = (
    "evidence",
    "assessment",
    "draft",
    "coverage",
    "user",
    "briefing",
    "inbox",
    "capture",
    "setting",
    "reference",
)


def show(usernames: list[str], *, lang: str) -> None:
    """Four filters side by side, then the matching events, newest first."""
    a, b, c, d = st.columns(4)
    who = a.selectbox(t("admin.audit_user", lang), ["", *usernames], key="audit.user")
    entity = b.selectbox(t("admin.audit_entity", lang), ["", *ENTITIES], key="audit.entity")
    action = c.text_input(t("admin.audit_action", lang), key="audit.action")
    since = d.date_input(t("admin.audit_since", lang), value=None, key="audit.since")
    events = state.audit_events(
        username=who or None, entity=entity or None, action=action.strip() or None, since=since
    )
    st.dataframe(events, hide_index=True, width="stretch")
