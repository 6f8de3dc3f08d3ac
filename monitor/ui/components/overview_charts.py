"""The Overview's charts, each drawn only when it has something to draw (otherwise one line
says why not): status and index, evidence by demand and month, region (map and bars), source,
and the gap matrix.

Drawn with Vega-Lite (`monitor.domain.vega_charts`), not plotly: a new tab then parses no
plotly script, which was most of the Overview's first load. Streamlit's toolbar over each chart
downloads it as PNG; Streamlit draws these small charts as SVG (a canvas only past 2,000
values), so their words are text in the page.

Each spec is built on every run, not cached: the six cost about 4 ms together, where a cache
hit cost about 9 ms, most of it Streamlit hashing the frames for the key (measured on the demo
data; the frames are aggregates, as large at a million entries).
"""

from __future__ import annotations

import streamlit as st

from monitor.domain import charts, vega_charts
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import inert
from monitor.ui.components import region_map


def status(data: OverviewData, *, assessed: bool, empty: bool, lang: str) -> None:
    """Status of each demand by month and the implementation index."""
    if assessed:
        spec = vega_charts.status_heatmap(data.status_grid, data.titles, lang)
        st.vega_lite_chart(spec, width="stretch", key="ov.status")
        st.vega_lite_chart(
            vega_charts.index_line(data.index, lang), width="stretch", key="ov.index"
        )
    elif not empty:  # an empty database: the first steps say what to do
        st.info(t("overview.no_status", lang))


def evidence(data: OverviewData, filters: EvidenceFilters, *, empty: bool, lang: str) -> None:
    """Entries by demand and month, then by region (map beside the bars)."""
    if data.evidence_total:
        spec = vega_charts.evidence_by_month(data.by_month, lang, data.titles)
        st.vega_lite_chart(spec, width="stretch", key="ov.month")
        left, right = st.columns([3, 2])
        with left:
            region_map.show(data, filters, lang=lang)
        spec = vega_charts.evidence_by_region(data.by_region, lang)
        right.vega_lite_chart(spec, width="stretch", key="ov.region")
    elif data.evidence_exists:
        st.info(t("register.empty", lang))
    elif not empty:
        st.info(t("overview.no_evidence", lang))


def sources(data: OverviewData, *, lang: str) -> None:
    """Entries by source type and source reliability (nothing when no entry is shown)."""
    if data.evidence_total:
        spec = vega_charts.evidence_by_source(data.by_source, lang)
        st.vega_lite_chart(spec, width="stretch", key="ov.source")


def gaps(data: OverviewData, *, lang: str) -> None:
    """Which demand each draft covers, how, with the legend of its letters (no click to pick a
    cell here: the Drafts page, linked below, shows a cell's points and notes)."""
    if data.drafts:
        spec = vega_charts.gap_matrix(
            data.coverage, data.titles, lang, drafts=data.drafts, select=False
        )
        st.vega_lite_chart(spec, width="stretch", key="ov.gaps")
        inert.caption(charts.gap_legend(lang))
