"""Overview: where each demand stands, how it moves, what the evidence and the drafts say."""

from __future__ import annotations

import streamlit as st

from monitor.domain import charts
from monitor.i18n import status_label, t
from monitor.ui import inert, state
from monitor.ui.components import across_drafts, evidence_filters, first_steps

PNG = {"displaylogo": False, "toImageButtonOptions": {"format": "png", "scale": 2}}
lang = state.lang()
st.title(t("overview.title", lang))
st.caption(t("overview.caption", lang))

demands = state.demand_titles(lang)
if demands.empty:
    st.info(t("overview.empty", lang))
    st.stop()
filters = evidence_filters.for_overview(lang=lang, demands=demands, regions=state.regions(lang))
data = state.overview_data(filters, lang)
empty = not data.evidence_exists and not data.assessment_exists  # reference data only
if empty:
    first_steps.show(lang)
assessed = bool(data.status_grid.notna().to_numpy().any())

card = data.scorecard
cols = st.columns(4)
cols[0].metric(t("overview.metric.demands", lang), len(card))
cols[1].metric(t("overview.metric.evidence", lang), f"{data.evidence_total:,}")
cols[2].metric(t("overview.index_now", lang), f"{data.index.iloc[-1]:.0f}%" if assessed else "—")
cols[3].metric(t("overview.stale_demands", lang), int(card["stale"].sum()))

st.subheader(t("overview.scorecard", lang))
table = card.assign(
    status=[status_label(s, lang) for s in card["score"]],
    assessed_on=[d.isoformat() if d else "" for d in card["assessed_on"]],
    share_verified=[
        f"{s:.0%}" if s == s and s is not None else "—" for s in card["share_verified"]
    ],
    stale=["⚠" if s else "" for s in card["stale"]],
)[
    [
        "code",
        "title",
        "status",
        "change",
        "assessed_on",
        "evidence",
        "last_30_days",
        "share_verified",
        "stale",
    ]
]
inert.table(
    table.rename(columns={c: t(f"col.{c}", lang) for c in table.columns}).set_index(
        t("col.code", lang)
    )
)

# a chart is drawn only when it has something to draw; otherwise one line says why not
if assessed:
    st.plotly_chart(
        charts.status_heatmap(data.status_grid, data.titles, lang), config=PNG, key="ov.status"
    )
    st.plotly_chart(charts.index_line(data.index, lang), config=PNG, key="ov.index")
elif not empty:  # an empty database: the first steps above say what to do
    st.info(t("overview.no_status", lang))
if data.evidence_total:
    st.plotly_chart(charts.evidence_by_month(data.by_month, lang), config=PNG, key="ov.month")
    left, right = st.columns(2)
    left.plotly_chart(charts.evidence_by_region(data.by_region, lang), config=PNG, key="ov.region")
    right.plotly_chart(charts.evidence_by_source(data.by_source, lang), config=PNG, key="ov.source")
elif data.evidence_exists:
    st.info(t("register.empty", lang))
elif not empty:
    st.info(t("overview.no_evidence", lang))
if data.drafts or not data.coverage.empty:
    st.plotly_chart(
        charts.gap_heatmap(data.coverage, data.titles, lang, drafts=data.drafts),
        config=PNG,
        key="ov.gaps",
    )
    inert.caption(charts.gap_legend(lang))
across_drafts.for_overview(data, lang=lang)
st.page_link("monitor/ui/pages/drafts_page.py", label=t("overview.gaps_link", lang), icon="➡️")
