"""Organisations for an admin: the list, add one, rename one, move an account to one."""

from __future__ import annotations

import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.queries.organisations import name_in
from monitor.services import organisations
from monitor.ui import actions, state
from monitor.ui.actions import success

SLOT = "admin"


@actions.callback(SLOT)
def _add() -> None:
    """The new organisation as the form holds it when clicked."""
    s = st.session_state
    code = s.get("org.new_code") or ""
    actions.run(
        SLOT,
        organisations.add,
        done=success("org.added", code=code),
        code=code,
        name_en=s.get("org.new_name_en") or "",
        name_uk=s.get("org.new_name_uk") or "",
    )


@actions.callback(SLOT)
def _rename() -> None:
    """New names for the organisation chosen, as the widgets hold them when clicked."""
    s = st.session_state
    code = s.get("org.rename_code") or ""
    actions.run(
        SLOT,
        organisations.rename,
        done=success("org.renamed", code=code),
        code=code,
        name_en=s.get("org.rename_en") or "",
        name_uk=s.get("org.rename_uk") or "",
    )


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
        st.text_input(t("org.code", lang), key="org.new_code", max_chars=limits.ORGANISATION_CODE)
        st.text_input(
            t("org.name_en", lang), key="org.new_name_en", max_chars=limits.ORGANISATION_NAME
        )
        st.text_input(
            t("org.name_uk", lang), key="org.new_name_uk", max_chars=limits.ORGANISATION_NAME
        )
        st.button(t("admin.create", lang), on_click=_add, key="org.create")
    with st.expander(t("org.rename", lang)):
        chosen = st.selectbox(t("org.code", lang), codes, key="org.rename_code") if codes else None
        st.text_input(
            t("org.name_en", lang), key="org.rename_en", max_chars=limits.ORGANISATION_NAME
        )
        st.text_input(
            t("org.name_uk", lang), key="org.rename_uk", max_chars=limits.ORGANISATION_NAME
        )
        if chosen:
            st.button(t("org.save", lang), on_click=_rename, key="org.rename_save")
    with st.expander(t("org.assign", lang)):
        who = (
            st.selectbox(t("auth.username", lang), usernames, key="org.assign_who")
            if usernames
            else None
        )
        st.selectbox(t("field.organisation", lang), codes, key="org.assign_to")
        if who and codes:
            st.button(t("org.save", lang), on_click=_assign, key="org.assign_save")
