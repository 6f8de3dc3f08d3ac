"""Overview: where each demand stands, how it moves, what the evidence and the drafts say."""

from __future__ import annotations

import pandas as pd
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


@st.fragment
def overview(lang: str, demands: pd.DataFrame) -> None:
    """The filters and all they narrow. A fragment: a filter change reruns this part only,
    not the sidebar and the navigation. The sources, the gap matrix and the drafts' strip sit
    in an expander whose content runs only when it is open: the browser draws five charts on
    arrival instead of eight (what a reader waits for is the browser drawing them)."""
    filters = evidence_filters.for_overview(lang=lang, demands=demands, regions=state.regions(lang))
    data = state.overview_data(filters, lang)
    if data.empty:  # reference data only: what to do first
        first_steps.show(lang)

    scorecard.show(data, assessed=data.assessed, lang=lang)
    overview_charts.status(data, assessed=data.assessed, empty=data.empty, lang=lang)
    overview_charts.evidence(data, filters, empty=data.empty, lang=lang)
    if credit := recorded_by(state.credits(data, lang), lang):
        inert.caption(credit)  # organisation names an admin typed: never Markdown
    more = st.expander(
        t("overview.more_charts", lang), expanded=data.empty, key="ov.more", on_change="rerun"
    )
    if more.open:
        with more:
            overview_charts.sources(data, lang=lang)
            overview_charts.gaps(data, lang=lang)
            across_drafts.for_overview(data, lang=lang, demands=filters.demands)
    brief_download.for_overview(filters, lang=lang)
    st.page_link("monitor/ui/pages/drafts_page.py", label=t("overview.gaps_link", lang), icon="➡️")


lang = state.lang()
st.title(t("overview.title", lang))
st.caption(t("overview.caption", lang))

demands = state.demand_titles(lang)
if demands.empty:
    st.info(t("overview.empty", lang))
    st.stop()
overview(lang, demands)
