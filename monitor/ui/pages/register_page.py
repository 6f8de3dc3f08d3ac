"""Evidence register: filter, sort and page through entries; open one to act on it."""

from __future__ import annotations

import math

import streamlit as st

from monitor.i18n import enum_label, number, t
from monitor.ui import inert, state
from monitor.ui.components import duplicate_choice, entry_panel, evidence_filters

PAGE_SIZE = 50
COLUMNS = [
    "id",
    "title",
    "demands",
    "event_start",
    "region",
    "settlement_name",
    "source_type",
    "reliability",
    "credibility",
    "direction",
    "verification",
    "sensitivity",
    "incident_id",
    "sources",
]
ENUMS = ("source_type", "verification", "sensitivity", "direction")


@st.fragment
def entries(lang: str) -> None:
    """The filters, the count, the table and the page turn: changing any of them reruns only
    this part (the entry open below is not read again). Opening an entry, by the table or by
    its id, reruns the whole page so that the entry is drawn."""
    filters, sort = evidence_filters.for_register(
        lang=lang, demands=state.demand_titles(lang), regions=state.regions(lang)
    )
    filters = duplicate_choice.incident_filter(filters, lang)
    page_number = int(st.session_state.get("reg.page") or 1)
    frame, total = state.evidence_page(filters, page_number, PAGE_SIZE, sort, lang)
    pages = max(1, math.ceil(total / PAGE_SIZE))
    if page_number > pages:  # the filters shrank the list below the page shown
        page_number = pages
        frame, total = state.evidence_page(filters, page_number, PAGE_SIZE, sort, lang)

    st.caption(
        inert.said(
            "register.count",
            lang,
            count=total,
            total=number(total, lang),
            page=page_number,
            pages=pages,
        )
    )
    duplicate_choice.register_incidents(filters, total, lang)
    if frame.empty:
        st.info(t("register.empty", lang))
    else:
        shown = duplicate_choice.with_sources(frame)
        shown = shown.assign(**{f: [enum_label(f, v, lang) for v in frame[f]] for f in ENUMS})
        shown = inert.blanked(shown)
        selection = st.dataframe(
            shown[COLUMNS],
            hide_index=True,
            width="stretch",
            on_select="rerun",
            selection_mode="single-row",
            key="reg.table",
            column_config={c: t(f"field.{c}", lang) for c in COLUMNS},
        )
        st.caption(t("register.select_hint", lang))
        rows = selection.selection.rows if selection else []
        if rows:
            st.session_state["reg.open"] = int(frame.iloc[rows[0]]["id"])
    a, b = st.columns(2)
    a.number_input(t("register.page", lang), min_value=1, max_value=pages, step=1, key="reg.page")
    b.number_input(t("register.open", lang), min_value=1, step=1, value=None, key="reg.open")
    if st.session_state.get("reg.open") != st.session_state.get("reg.drawn"):
        st.session_state["reg.drawn"] = st.session_state.get("reg.open")
        st.rerun(scope="app")  # another entry chosen: the whole page runs, to draw it below


lang = state.lang()
st.title(t("register.title", lang))
st.session_state["reg.drawn"] = st.session_state.get("reg.open")  # the entry drawn below
entries(lang)
if st.session_state.get("reg.open"):
    entry_panel.show(int(st.session_state["reg.open"]), lang=lang)
