"""The Overview's charts, each drawn only when it has something to draw (otherwise one line
says why not): status and index, evidence by demand and month, region (map and bars), source,
and the gap matrix.

Drawn with Vega-Lite (`monitor.domain.vega_charts`), not plotly: a new tab then parses no
plotly script for them, which was most of the Overview's first load. Streamlit's toolbar over
each chart downloads it as PNG.

Each spec is built once per content and language (`_spec`, keyed by the frames it draws,
which the Overview's cached data gives unchanged until the data, the filters or the reader
change): a rerun that changed nothing it shows sends the spec it built before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import streamlit as st

from monitor.domain import charts, vega_charts
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.queries.overview import OverviewData
from monitor.ui import inert
from monitor.ui.components import region_map

BUILDERS: dict[str, Callable[..., vega_charts.Spec]] = {
    "status": vega_charts.status_heatmap,
    "index": vega_charts.index_line,
    "month": vega_charts.evidence_by_month,
    "region": vega_charts.evidence_by_region,
    "source": vega_charts.evidence_by_source,
    "gaps": vega_charts.gap_matrix,
}


@st.cache_resource(ttl=600, max_entries=64, show_spinner=False)
def _spec(kind: str, *args: Any, **kwargs: Any) -> vega_charts.Spec:
    """`BUILDERS[kind](*args, **kwargs)` as SVG, built once for the same arguments (Streamlit
    hashes the frames by content). Shared, so never changed after it is built:
    `st.vega_lite_chart` copies a spec before it takes the data out."""
    return vega_charts.as_svg(BUILDERS[kind](*args, **kwargs))


def _draw(where: Any, spec: vega_charts.Spec, key: str) -> None:
    where.vega_lite_chart(spec, width="stretch", key=key)


def status(data: OverviewData, *, assessed: bool, empty: bool, lang: str) -> None:
    """Status of each demand by month and the implementation index."""
    if assessed:
        _draw(st, _spec("status", data.status_grid, data.titles, lang), "ov.status")
        _draw(st, _spec("index", data.index, lang), "ov.index")
    elif not empty:  # an empty database: the first steps say what to do
        st.info(t("overview.no_status", lang))


def evidence(data: OverviewData, filters: EvidenceFilters, *, empty: bool, lang: str) -> None:
    """Entries by demand and month, then by region (map beside the bars)."""
    if data.evidence_total:
        _draw(st, _spec("month", data.by_month, lang, data.titles), "ov.month")
        left, right = st.columns([3, 2])
        with left:
            region_map.show(data, filters, lang=lang)
        _draw(right, _spec("region", data.by_region, lang), "ov.region")
    elif data.evidence_exists:
        st.info(t("register.empty", lang))
    elif not empty:
        st.info(t("overview.no_evidence", lang))


def sources(data: OverviewData, *, lang: str) -> None:
    """Entries by source type and source reliability (nothing when no entry is shown)."""
    if data.evidence_total:
        _draw(st, _spec("source", data.by_source, lang), "ov.source")


def gaps(data: OverviewData, *, lang: str) -> None:
    """Which demand each draft covers, how, with the legend of its letters (no click to pick a
    cell here: the Drafts page, linked below, shows a cell's points and notes)."""
    if data.drafts:
        spec = _spec("gaps", data.coverage, data.titles, lang, drafts=data.drafts, select=False)
        _draw(st, spec, "ov.gaps")
        inert.caption(charts.gap_legend(lang))
