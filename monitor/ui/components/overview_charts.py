"""The Overview's charts, each drawn only when it has something to draw (otherwise one line
says why not): status and index, evidence by demand and month, region (map and bars), source,
and the gap matrix.

Each figure is built once per content and language (`_figure`, keyed by the frames it draws,
which the Overview's cached data gives unchanged until the data, the filters or the reader
change): a rerun that changed nothing it shows sends the figure it built before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import plotly.graph_objects as go
import streamlit as st

from monitor.domain import charts
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import inert
from monitor.ui.components import region_map

# the mode bar holds only the PNG download: a reader still zooms by dragging (a double click
# resets), and the browser builds one button per chart instead of eight
PNG = {
    "displaylogo": False,
    "modeBarButtons": [["toImage"]],
    "toImageButtonOptions": {"format": "png", "scale": 2},
}
BUILDERS: dict[str, Callable[..., go.Figure]] = {
    "status": charts.status_heatmap,
    "index": charts.index_line,
    "month": charts.evidence_by_month,
    "region": charts.evidence_by_region,
    "source": charts.evidence_by_source,
    "gaps": charts.gap_heatmap,
}


@st.cache_resource(ttl=600, max_entries=64, show_spinner=False)
def _figure(kind: str, *args: Any, **kwargs: Any) -> go.Figure:
    """`BUILDERS[kind](*args, **kwargs)`, built once for the same arguments (Streamlit hashes
    the frames by content). Shared, so never changed after it is built: `st.plotly_chart`
    only reads it."""
    return BUILDERS[kind](*args, **kwargs)


def status(data: OverviewData, *, assessed: bool, empty: bool, lang: str) -> None:
    """Status of each demand by month and the implementation index."""
    if assessed:
        st.plotly_chart(
            _figure("status", data.status_grid, data.titles, lang), config=PNG, key="ov.status"
        )
        st.plotly_chart(_figure("index", data.index, lang), config=PNG, key="ov.index")
    elif not empty:  # an empty database: the first steps say what to do
        st.info(t("overview.no_status", lang))


def evidence(data: OverviewData, filters: EvidenceFilters, *, empty: bool, lang: str) -> None:
    """Entries by demand and month, then by region (map beside the bars)."""
    if data.evidence_total:
        st.plotly_chart(
            _figure("month", data.by_month, lang, data.titles), config=PNG, key="ov.month"
        )
        left, right = st.columns([3, 2])
        with left:
            region_map.show(data, filters, lang=lang, config=PNG)
        right.plotly_chart(_figure("region", data.by_region, lang), config=PNG, key="ov.region")
    elif data.evidence_exists:
        st.info(t("register.empty", lang))
    elif not empty:
        st.info(t("overview.no_evidence", lang))


def sources(data: OverviewData, *, lang: str) -> None:
    """Entries by source type and source reliability (nothing when no entry is shown)."""
    if data.evidence_total:
        st.plotly_chart(_figure("source", data.by_source, lang), config=PNG, key="ov.source")


def gaps(data: OverviewData, *, lang: str) -> None:
    """Which demand each draft covers, how, with the legend of its letters."""
    if data.drafts or not data.coverage.empty:
        st.plotly_chart(
            _figure("gaps", data.coverage, data.titles, lang, drafts=data.drafts),
            config=PNG,
            key="ov.gaps",
        )
        inert.caption(charts.gap_legend(lang))
