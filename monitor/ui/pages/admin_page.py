"""Admin: users and roles, the four-eyes setting, the audit log, backups, the open data
publication."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from monitor.core import storage
from monitor.core.permissions import Action, may
from monitor.i18n import t
from monitor.services import app_settings, backup
from monitor.ui import actions, inert, state
from monitor.ui.actions import phrase, success
from monitor.ui.components import audit_trail, organisation_admin, publication_admin, user_admin

SLOT = user_admin.SLOT
lang = state.lang()
actor = state.actor()
if not may(actor.role, Action.ADMINISTER):
    inert.message("error", inert.said("error.forbidden", lang, message=actor.role.value))
    st.stop()
st.title(t("admin.title", lang))
actions.show(SLOT)


@actions.callback(SLOT)
def four_eyes_changed() -> None:
    """Save the toggle as it now stands."""
    actions.run(
        SLOT,
        app_settings.set_value,
        done=success("entry.done", action=phrase("action.four_eyes")),
        key=app_settings.FOUR_EYES,
        value="on" if st.session_state["admin.four_eyes"] else "off",
    )


st.subheader(t("admin.users", lang))
usernames = user_admin.show(actor.username, lang=lang)
st.toggle(
    t("admin.four_eyes", lang),
    value=state.four_eyes(),
    key="admin.four_eyes",
    on_change=four_eyes_changed,
)

st.subheader(t("org.title", lang))
organisation_admin.show(usernames, lang=lang)

st.subheader(t("admin.audit", lang))
audit_trail.show(usernames, lang=lang)

st.subheader(t("admin.backup", lang))
st.caption(t("admin.backup_help", lang))
now = datetime.now(UTC)
st.download_button(
    t("admin.backup_download", lang),
    data=actions.download(
        backup.create,
        data_dir=state.settings().data_dir,
        now=now,
        stores=storage.for_settings(state.settings()),
    ),
    file_name=f"demands-monitor-backup-{now:%Y%m%d-%H%M}.zip",
    mime="application/zip",
    on_click="ignore",
    key="admin.backup",
)

st.subheader(t("admin.publication", lang))
publication_admin.show(lang=lang)
