"""The audit log as an admin reads it: filter by user, record kind, action and time."""

from __future__ import annotations

import json

import streamlit as st

from monitor.core.permissions import SYSTEM_USERNAME
from monitor.i18n import CATALOGUE, t
from monitor.ui import inert, state

COLUMNS = ("id", "at", "user", "action", "entity", "record", "before", "after")
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
    every = t("admin.audit_every", lang)
    who = a.selectbox(
        t("admin.audit_user", lang),
        ["", *usernames, SYSTEM_USERNAME],  # reference loads and demo data are the system's
        format_func=lambda name: name or every,
        key="audit.user",
    )
    entity = b.selectbox(
        t("admin.audit_entity", lang),
        ["", *ENTITIES],
        format_func=lambda kind: _kind(kind, lang) if kind else every,
        key="audit.entity",
    )
    action = c.text_input(
        t("admin.audit_action", lang),
        placeholder=t("admin.audit_action_hint", lang),
        key="audit.action",
    )
    since = d.date_input(t("admin.audit_since", lang), value=None, key="audit.since")
    events = state.audit_events(
        username=who or None, entity=entity or None, action=action.strip() or None, since=since
    )
    shown = events.assign(
        entity=[_kind(e, lang) for e in events["entity"]],
        before=[_json(v) for v in events["before"]],
        after=[_json(v) for v in events["after"]],
    )
    st.dataframe(
        inert.blanked(shown),
        hide_index=True,
        width="stretch",
        column_config={c: t(f"audit.col.{c}", lang) for c in COLUMNS},
    )


def _kind(entity: object, lang: str) -> str:
    """A record kind in words; one the catalogue does not know yet as it is stored."""
    key = f"audit.entity.{entity}"
    return t(key, lang) if key in CATALOGUE else str(entity)


def _json(value: object) -> str:
    """What was stored, as the JSON it is (Ukrainian letters as letters), not Python's repr."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)
