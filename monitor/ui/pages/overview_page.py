"""Overview: where each demand stands, how it moves, what the evidence and the drafts say."""

from __future__ import annotations

import streamlit as st

from monitor.domain.organisations import recorded_by
from monitor.i18n import t
from monitor.ui import inert, state
from monitor.ui.components import (
    across_drafts,
    brief_download,
    evidence_filters,
    first_steps,
    overview_charts,
    scorecard,
)

lang = state.lang()
st.title(t("overview.title", lang))
st.caption(t("overview.caption", lang))

demands = state.demand_titles(lang)
if demands.empty:
    st.info(t("overview.empty", lang))
    st.stop()
filters = evidence_filters.for_overview(lang=lang, demands=demands, regions=state.regions(lang))
data = state.overview_data(filters, lang)
if data.empty:  # reference data only: what to do first
    first_steps.show(lang)

scorecard.show(data, assessed=data.assessed, lang=lang)
overview_charts.status(data, assessed=data.assessed, empty=data.empty, lang=lang)
overview_charts.evidence(data, filters, empty=data.empty, lang=lang)
if credit := recorded_by(state.credits(data, lang), lang):
    inert.caption(credit)  # organisation names an admin typed: never Markdown
overview_charts.gaps(data, lang=lang)
across_drafts.for_overview(data, lang=lang, demands=filters.demands)
brief_download.for_overview(filters, lang=lang)
st.page_link("monitor/ui/pages/drafts_page.py", label=t("overview.gaps_link", lang), icon="➡️")
