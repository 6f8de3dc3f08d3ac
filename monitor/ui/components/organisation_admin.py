"""Organisations for an admin: the list, add one, rename one, remove an unused one, move an
account to one."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from monitor.core import limits
from monitor.core.models import Organisation
from monitor.i18n import t
from monitor.queries.organisations import name_in
from monitor.services import organisations
from monitor.ui import actions, state
from monitor.ui.actions import success

SLOT = "admin"


def _code(form: str) -> str:
    """The code a form's box holds when clicked."""
    return str(st.session_state.get(f"org.{form}.code") or "")


def _write_names(form: str, write: Callable[..., Organisation], done: actions.Note) -> None:
    """Run `add` or `rename` with the code and names the form's widgets hold when clicked."""
    s = st.session_state
    actions.run(
        SLOT,
        write,
        done=done,
        code=_code(form),
        name_en=s.get(f"org.{form}.name_en") or "",
        name_uk=s.get(f"org.{form}.name_uk") or "",
    )


@actions.callback(SLOT)
def _add() -> None:
    _write_names("new", organisations.add, success("org.added", code=_code("new")))


@actions.callback(SLOT)
def _rename() -> None:
    _write_names("rename", organisations.rename, success("org.renamed", code=_code("rename")))


def _names(form: str, lang: str) -> None:
    """The two name boxes of a form."""
    for name in ("name_en", "name_uk"):
        st.text_input(
            t(f"org.{name}", lang), key=f"org.{form}.{name}", max_chars=limits.ORGANISATION_NAME
        )


@actions.callback(SLOT)
def _remove() -> None:
    """Remove the organisation chosen (the service refuses one that anything names)."""
    code = st.session_state.get("org.remove.code") or ""
    actions.run(SLOT, organisations.remove, done=success("org.removed", code=code), code=code)


@actions.callback(SLOT)
def _assign() -> None:
    """The account chosen moves to the organisation chosen (both as the widgets hold them)."""
    username = st.session_state.get("org.assign_who") or ""
    code = st.session_state.get("org.assign_to") or ""
    actions.run(
        SLOT,
        organisations.assign,
        done=success("org.assigned", name=username, code=code),
        username=username,
        code=code,
    )


def show(usernames: list[str], *, lang: str) -> None:
    """The organisations table and the three forms."""
    rows = state.organisations().to_dict("records")
    st.caption(t("org.help", lang))
    st.dataframe(
        [
            {
                t("org.code", lang): r["code"],
                t("field.organisation", lang): name_in(r, lang),
                t("org.members", lang): int(r["members"]),
            }
            for r in rows
        ],
        hide_index=True,
    )
    codes = [str(r["code"]) for r in rows]
    with st.expander(t("org.add", lang)):
        st.text_input(t("org.code", lang), key="org.new.code", max_chars=limits.ORGANISATION_CODE)
        _names("new", lang)
        st.button(t("admin.create", lang), on_click=_add, key="org.create")
    with st.expander(t("org.rename", lang)):
        chosen = st.selectbox(t("org.code", lang), codes, key="org.rename.code") if codes else None
        _names("rename", lang)
        if chosen:
            st.button(t("org.save", lang), on_click=_rename, key="org.rename_save")
    with st.expander(t("org.remove", lang)):
        st.caption(t("org.remove_help", lang))
        if codes:
            st.selectbox(t("org.code", lang), codes, key="org.remove.code")
            st.button(t("org.remove_button", lang), on_click=_remove, key="org.remove_save")
    with st.expander(t("org.assign", lang)):
        who = (
            st.selectbox(t("auth.username", lang), usernames, key="org.assign_who")
            if usernames
            else None
        )
        st.selectbox(t("field.organisation", lang), codes, key="org.assign_to")
        if who and codes:
            st.button(t("org.save", lang), on_click=_assign, key="org.assign_save")
