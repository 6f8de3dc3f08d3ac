"""The gap matrix of every draft against every demand; a clicked cell shows its points and note."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.domain import charts
from monitor.domain.points import cited_point, normalise_labels
from monitor.i18n import enum_label, t
from monitor.ui import inert, state


def show(
    coverage: pd.DataFrame, titles: dict[str, str], drafts: dict[str, str], *, lang: str
) -> None:
    """The heat map; a click (or the two pickers) chooses the cell shown below it."""
    picked = st.plotly_chart(
        charts.gap_heatmap(coverage, titles, lang, drafts=drafts),
        on_select="rerun",
        selection_mode="points",
        key="drafts.matrix",
    )
    st.caption(t("drafts.cell_hint", lang))
    chosen = (picked.selection.points if picked else None) or []
    if chosen:  # the chart names a draft by its title
        by_title = {charts.plain(v): k for k, v in drafts.items()}
        st.session_state["drafts.cell_draft"] = by_title.get(
            str(chosen[0].get("y")), st.session_state.get("drafts.cell_draft")
        )
        st.session_state["drafts.cell_demand"] = chosen[0].get("x")
    a, b = st.columns(2)
    draft = a.selectbox(
        t("drafts.draft", lang),
        list(drafts),
        format_func=drafts.__getitem__,
        key="drafts.cell_draft",
    )
    demand = b.selectbox(
        t("col.title", lang),
        list(titles),
        format_func=lambda c: f"{c} · {titles[c]}",
        key="drafts.cell_demand",
    )
    if draft is not None and demand is not None:
        _cell(coverage[(coverage["draft"] == draft) & (coverage["demand"] == demand)], draft, lang)


def _cell(cell: pd.DataFrame, draft: str, lang: str) -> None:
    """One cell: its level (and doubt), the coder's note, and the text of each point cited."""
    with st.container(border=True):
        if cell.empty:
            st.write(f"**{t('drafts.level', lang)}:** {t('drafts.not_coded', lang)}")
            return
        row = cell.iloc[0]
        st.write(
            f"**{t('drafts.level', lang)}:** {enum_label('coverage', row['level'], lang)}"
            + (f" ({t('drafts.uncertain', lang)})" if row["uncertain"] else "")
        )
        inert.labelled("drafts.note", lang, row["note"])
        points = state.draft_points(draft).set_index("label")["text"]
        for label in normalise_labels(row["points"]):
            point = cited_point(label, set(points.index))
            text = inert.escape(points[point]) if point else "—"
            st.markdown(f"**{inert.line(label)}.** {text}")
