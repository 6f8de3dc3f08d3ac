"""Admin: users and roles, the four-eyes setting, the audit log, backups."""

from __future__ import annotations

from datetime import UTC, datetime

import streamlit as st

from monitor.auth import hash_password
from monitor.db import read_session
from monitor.i18n import t
from monitor.models import Role
from monitor.queries import registers
from monitor.services import app_settings, backup, users
from monitor.ui import state
from monitor.ui.feedback import run_service, show_flash

lang = state.lang()
actor = state.actor()
if actor.role != Role.ADMIN:
    st.error(t("error.forbidden", lang, message=actor.role.value))
    st.stop()
st.title(t("admin.title", lang))
show_flash("admin.flash")


def run(action, done: str) -> None:  # type: ignore[no-untyped-def]
    run_service(action, done=done, lang=lang, flash="admin.flash")


st.subheader(t("admin.users", lang))
with read_session(state.engine()) as session:
    people = [(u.username, u.role.value, u.is_active) for u in users.all_users(session)]
    four_eyes = app_settings.four_eyes(session)
st.dataframe(
    [
        {t("auth.username", lang): n, t("admin.role", lang): r, t("admin.active", lang): a}
        for n, r, a in people
    ],
    hide_index=True,
)
roles = [r.value for r in Role]
with st.expander(t("admin.add_user", lang)):
    st.text_input(t("auth.username", lang), key="admin.new_user", max_chars=64)
    st.selectbox(t("admin.role", lang), roles, key="admin.new_role")
    st.text_input(
        t("auth.password", lang), type="password", key="admin.new_password", max_chars=1024
    )

    def create() -> None:
        s = st.session_state
        password = s.get("admin.new_password") or ""
        s["admin.new_password"] = ""
        run(
            lambda session, a: users.add_user(
                session,
                a,
                s.get("admin.new_user") or "",
                Role(s["admin.new_role"]),
                password_hash=hash_password(users.check_password(password)),
            ),
            t("admin.created", lang, name=s.get("admin.new_user") or ""),
        )

    st.button(t("admin.create", lang), on_click=create, key="admin.create")
with st.expander(t("admin.change", lang)):
    others = [n for n, _, _ in people if n != actor.username]
    who = st.selectbox(t("auth.username", lang), others, key="admin.who") if others else None
    new_role = st.selectbox(t("admin.role", lang), roles, key="admin.role")
    active = st.checkbox(t("admin.active", lang), value=True, key="admin.is_active")
    if who:
        st.button(
            t("admin.apply", lang),
            key="admin.apply",
            on_click=lambda: run(
                lambda s, a: users.change(s, a, who, role=Role(new_role), active=active),
                t("entry.done", lang, action=who),
            ),
        )

st.toggle(
    t("admin.four_eyes", lang),
    value=four_eyes,
    key="admin.four_eyes",
    on_change=lambda: run(
        lambda s, a: app_settings.set_value(
            s, a, app_settings.FOUR_EYES, "on" if st.session_state["admin.four_eyes"] else "off"
        ),
        t("entry.done", lang, action="four-eyes"),
    ),
)

st.subheader(t("admin.audit", lang))
a, b, c, d = st.columns(4)
who_filter = a.selectbox(
    t("admin.audit_user", lang), ["", *[n for n, _, _ in people]], key="audit.user"
)
entity = b.selectbox(
    t("admin.audit_entity", lang),
    [
        "",
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
    ],
    key="audit.entity",
)
action = c.text_input(t("admin.audit_action", lang), key="audit.action")
since = d.date_input(t("admin.audit_since", lang), value=None, key="audit.since")
log = registers.audit_log(
    state.engine(),
    username=who_filter or None,
    entity=entity or None,
    action=action.strip() or None,
    since=datetime.combine(since, datetime.min.time(), UTC) if since else None,
)
st.dataframe(log, hide_index=True, width="stretch")

st.subheader(t("admin.backup", lang))
st.caption(t("admin.backup_help", lang))
st.download_button(
    t("admin.backup_download", lang),
    data=lambda: backup.create(
        state.engine(), actor, data_dir=state.settings().data_dir, now=datetime.now(UTC)
    ),
    file_name=f"demands-monitor-backup-{datetime.now(UTC):%Y%m%d-%H%M}.zip",
    mime="application/zip",
    on_click="ignore",
    key="admin.backup",
)
