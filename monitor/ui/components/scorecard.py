"""The Overview's head: five figures, then one row per demand (status, change, evidence)."""

from __future__ import annotations

import streamlit as st

from monitor.domain import across_drafts as across
from monitor.i18n import number, percent, status_label, t
from monitor.queries.overview import OverviewData
from monitor.ui import inert

COLUMNS = [
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


def show(data: OverviewData, *, assessed: bool, lang: str) -> None:
    """Demands, entries, the incidents they report, the index now (a dash before any
    assessment), stale demands; the table."""
    card = data.scorecard
    cols = st.columns(5)
    cols[0].metric(t("overview.metric.demands", lang), len(card))
    cols[1].metric(t("overview.metric.evidence", lang), number(data.evidence_total, lang))
    cols[2].metric(
        t("overview.metric.incidents", lang),
        number(data.incident_total, lang),
        help=t("overview.incidents_help", lang),
    )
    cols[3].metric(
        t("overview.index_now", lang), percent(data.index.iloc[-1] / 100, lang) if assessed else "—"
    )
    # nothing logged yet: every demand is "stale" by the rule, which tells a new user nothing
    empty = not assessed and data.evidence_total == 0
    cols[4].metric(t("overview.stale_demands", lang), "—" if empty else int(card["stale"].sum()))

    st.subheader(t("overview.scorecard", lang))
    table = card.assign(
        status=[status_label(s, lang) for s in card["score"]],
        assessed_on=[d.isoformat() if d else "" for d in card["assessed_on"]],
        share_verified=[across.share_text(s, lang) for s in card["share_verified"]],
        stale=["⚠" if s else "" for s in card["stale"]],
    )[COLUMNS]
    inert.table(
        table.rename(columns={c: t(f"col.{c}", lang) for c in table.columns}).set_index(
            t("col.code", lang)
        )
    )
