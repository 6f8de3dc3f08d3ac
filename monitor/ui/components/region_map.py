"""Evidence by region on a map of the oblasts (Overview): the same entries as every other
Overview chart, drawn from outlines shipped in a package, so the browser fetches nothing."""

from __future__ import annotations

import streamlit as st

from monitor.domain import region_map
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import state


def show(data: OverviewData, filters: EvidenceFilters, *, lang: str) -> None:
    """The map, coloured by `data.region_counts` (the Overview's filters and what this reader
    may see already applied), and one line on how to read it. The spec is rebuilt on each run
    (27 features around geometry parsed once per process: well under a millisecond)."""
    counts = dict(
        zip(data.region_counts["region_code"], data.region_counts["n"].astype(int), strict=True)
    )
    spec = region_map.spec(counts, state.regions(lang), lang, chosen=filters.regions)
    st.vega_lite_chart(spec, width="stretch", key="ov.map")
    st.caption(t("region_map.caption", lang))
