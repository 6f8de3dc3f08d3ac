"""Overview: where each demand stands, read through the query layer."""

from __future__ import annotations

import streamlit as st

from monitor.i18n import status_label, t
from monitor.ui import state

lang = state.lang()
st.title(t("overview.title", lang))
st.caption(t("overview.caption", lang))

frame = state.demand_overview(lang)
if frame.empty:
    st.info(t("overview.empty", lang))
    st.stop()

cols = st.columns(3)
cols[0].metric(t("overview.metric.demands", lang), len(frame))
cols[1].metric(t("overview.metric.evidence", lang), f"{state.count_evidence():,}")
cols[2].metric(t("overview.metric.assessed", lang), int(frame["score"].notna().sum()))

table = frame.assign(status=[status_label(s if s == s else None, lang) for s in frame["score"]])
st.dataframe(
    table[["code", "title", "status", "assessed_on", "evidence"]],
    hide_index=True,
    width="stretch",
    column_config={
        "code": st.column_config.TextColumn(t("col.code", lang), width="small"),
        "title": st.column_config.TextColumn(t("col.title", lang), width="large"),
        "status": st.column_config.TextColumn(t("col.status", lang)),
        "assessed_on": st.column_config.DateColumn(t("col.assessed_on", lang)),
        "evidence": st.column_config.NumberColumn(t("col.evidence", lang), format="%d"),
    },
)
