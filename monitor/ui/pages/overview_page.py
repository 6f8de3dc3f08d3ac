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

table = frame.assign(
    status=[status_label(s, lang) for s in frame["score"]],
    assessed_on=[d.isoformat() if d else "" for d in frame["assessed_on"]],
)[["code", "title", "status", "assessed_on", "evidence"]]
headers = {c: t(f"col.{c}", lang) for c in table.columns}
st.table(table.rename(columns=headers).set_index(headers["code"]))
