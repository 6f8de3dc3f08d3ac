"""Evidence by region on a map of the oblasts (Overview): the same entries as every other
Overview chart, drawn from outlines shipped in a package, so the browser fetches nothing."""

from __future__ import annotations

from typing import Any

import streamlit as st

from monitor.domain import region_map
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import state


def show(
    data: OverviewData, filters: EvidenceFilters, *, lang: str, config: dict[str, Any]
) -> None:
    """The map, coloured by `data.region_counts` (the Overview's filters and what this reader
    may see already applied), and one line on how to read it."""
    counts = dict(
        zip(data.region_counts["region_code"], data.region_counts["n"].astype(int), strict=True)
    )
    figure = region_map.figure(counts, state.regions(lang), lang, chosen=filters.regions)
    st.plotly_chart(figure, config=config, key="ov.map")
    st.caption(t("region_map.caption", lang))
