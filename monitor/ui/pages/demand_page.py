"""One demand: its text in both languages, its status history, assessments and evidence."""

from __future__ import annotations

import streamlit as st

from monitor.domain.brief_contents import BriefSubject
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import enum_label, number, t
from monitor.ui import inert, state
from monitor.ui.components import across_drafts, assessment_review, brief_download, status_steps

SHOWN = 20  # the demand's latest entries; the register has them all
lang = state.lang()
demands = state.demand_titles(lang)
codes = list(demands["code"])
titles = dict(zip(demands["code"], demands["title"], strict=True))
if st.query_params.get("demand") in codes and "demand.code" not in st.session_state:
    st.session_state["demand.code"] = st.query_params["demand"]
code = st.selectbox(
    t("demand.choose", lang), codes, format_func=lambda c: f"{c} · {titles[c]}", key="demand.code"
)
st.query_params["demand"] = code
demand = state.demand_row(code) or {}
st.title(inert.line(f"{code} · {titles[code]}"))
left, right = st.columns(2)
left.markdown(f"**{t('demand.text_uk', lang)}**\n\n{inert.escape(demand.get('text_uk'))}")
right.markdown(f"**{t('demand.text_en', lang)}**\n\n{inert.escape(demand.get('text_en'))}")
if demand.get("text_uk_is_translation"):
    st.caption(t("demand.translation_note", lang))
st.caption(f"{t('demand.source', lang)}: {inert.escape(demand.get('source'))}")
st.caption(inert.said("demand.list_note", lang, release=state.reference_release() or "—"))
st.caption(
    inert.said(
        "demand.crosswalk",
        lang,
        pax=demand.get("pax_codes") or "—",
        pam=demand.get("pam_provision") or "—",
    )
)

st.subheader(t("demand.history", lang))
status_steps.show(code, lang=lang)
assessment_review.show(code, lang=lang)
across_drafts.for_demand(state.strip(lang), code, titles, lang=lang)
brief_download.show(BriefSubject("demand", code), lang=lang)

st.subheader(t("demand.evidence", lang))
frame, total = state.evidence_page(EvidenceFilters(demands=(code,)), 1, SHOWN, "event_start", lang)
pages = max(1, -(-total // SHOWN))
st.caption(
    inert.said("register.count", lang, count=total, total=number(total, lang), page=1, pages=pages)
)
EVIDENCE_COLUMNS = ["id", "title", "event_start", "region", "verification"]
st.dataframe(
    frame[EVIDENCE_COLUMNS].assign(
        verification=[enum_label("verification", v, lang) for v in frame["verification"]]
    ),
    hide_index=True,
    width="stretch",
    column_config={c: t(f"field.{c}", lang) for c in EVIDENCE_COLUMNS},
)
