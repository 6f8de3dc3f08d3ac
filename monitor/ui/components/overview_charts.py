"""The Overview's charts, each drawn only when it has something to draw (otherwise one line
says why not): status and index, evidence by month, region (map and bars) and source, and the
gap matrix."""

from __future__ import annotations

import streamlit as st

from monitor.domain import charts
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import inert
from monitor.ui.components import region_map

PNG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}


def status(data: OverviewData, *, assessed: bool, empty: bool, lang: str) -> None:
    """Status of each demand by month and the implementation index."""
    if assessed:
        st.plotly_chart(
            charts.status_heatmap(data.status_grid, data.titles, lang), config=PNG, key="ov.status"
        )
        st.plotly_chart(charts.index_line(data.index, lang), config=PNG, key="ov.index")
    elif not empty:  # an empty database: the first steps say what to do
        st.info(t("overview.no_status", lang))


def evidence(data: OverviewData, filters: EvidenceFilters, *, empty: bool, lang: str) -> None:
    """Entries by month, then by region (map beside the bars), then by source."""
    if data.evidence_total:
        st.plotly_chart(charts.evidence_by_month(data.by_month, lang), config=PNG, key="ov.month")
        left, right = st.columns([3, 2])
        with left:
            region_map.show(data, filters, lang=lang, config=PNG)
        right.plotly_chart(
            charts.evidence_by_region(data.by_region, lang), config=PNG, key="ov.region"
        )
        st.plotly_chart(
            charts.evidence_by_source(data.by_source, lang), config=PNG, key="ov.source"
        )
    elif data.evidence_exists:
        st.info(t("register.empty", lang))
    elif not empty:
        st.info(t("overview.no_evidence", lang))


def gaps(data: OverviewData, *, lang: str) -> None:
    """Which demand each draft covers, how, with the legend of its letters."""
    if data.drafts or not data.coverage.empty:
        st.plotly_chart(
            charts.gap_heatmap(data.coverage, data.titles, lang, drafts=data.drafts),
            config=PNG,
            key="ov.gaps",
        )
        inert.caption(charts.gap_legend(lang))
