"""The audit log as an admin reads it: filter by user, record kind, action and time."""

from __future__ import annotations

import json

import streamlit as st

from monitor.core.permissions import SYSTEM_USERNAME
from monitor.i18n import CATALOGUE, t
from monitor.ui import inert, state

COLUMNS = ("id", "at", "user", "action", "entity", "record", "before", "after")
ACTION, ENTITY = "audit.action.", "audit.entity."  # the words of every code the log stores


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
        ["", *_codes(ENTITY, lang)],
        format_func=lambda kind: _words(ENTITY, kind, lang) if kind else every,
        key="audit.entity",
    )
    action = c.selectbox(
        t("admin.audit_action", lang),
        ["", *_codes(ACTION, lang)],
        format_func=lambda code: _words(ACTION, code, lang) if code else every,
        key="audit.action",
    )
    since = d.date_input(
        t("admin.audit_since", lang), value=None, key="audit.since", format="YYYY-MM-DD"
    )
    events = state.audit_events(
        username=who or None, entity=entity or None, action=action or None, since=since
    )
    shown = events.assign(
        action=[_words(ACTION, code, lang) for code in events["action"]],
        entity=[_words(ENTITY, kind, lang) for kind in events["entity"]],
        before=[_json(v) for v in events["before"]],
        after=[_json(v) for v in events["after"]],
    )
    st.dataframe(
        inert.blanked(shown),
        hide_index=True,
        width="stretch",
        column_config={c: t(f"audit.col.{c}", lang) for c in COLUMNS},
    )


def _codes(prefix: str, lang: str) -> list[str]:
    """Every code the catalogue has words for, in the order of those words (a unit test holds
    that every action and record kind the services write has them)."""
    codes = [key.removeprefix(prefix) for key in CATALOGUE if key.startswith(prefix)]
    return sorted(codes, key=lambda code: t(prefix + code, lang).casefold())


def _words(prefix: str, code: object, lang: str) -> str:
    """A code in words; one the catalogue does not know yet (an older release's) as stored."""
    key = f"{prefix}{code}"
    return t(key, lang) if key in CATALOGUE else str(code)


def _json(value: object) -> str:
    """What was stored, as the JSON it is (Ukrainian letters as letters), not Python's repr."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return json.dumps(value, ensure_ascii=False, default=str)
