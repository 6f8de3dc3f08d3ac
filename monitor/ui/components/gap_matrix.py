"""The gap matrix of every draft against every demand; a clicked cell shows its points and note.

Drawn with Vega-Lite, not plotly: the Drafts page then needs no plotly script, whose parsing is
most of a new tab's wait (see `monitor.domain.vega_charts`)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.domain import charts, vega_charts
from monitor.domain.points import cited_point, normalise_labels
from monitor.i18n import confidence_label, enum_label, t
from monitor.ui import inert, state


def show(
    coverage: pd.DataFrame, titles: dict[str, str], drafts: dict[str, str], *, lang: str
) -> None:
    """The heat map; a click (or the two pickers) chooses the cell shown below it."""
    picked = st.vega_lite_chart(
        vega_charts.gap_matrix(coverage, titles, lang, drafts=drafts),
        width="stretch",
        on_select="rerun",
        selection_mode=vega_charts.CELL,
        key="drafts.matrix",
    )
    inert.caption(charts.gap_legend(lang))
    st.caption(t("drafts.cell_hint", lang))
    chosen = (picked.selection.get(vega_charts.CELL) if picked else None) or []
    if chosen:  # the cell names its draft and demand by their codes
        if chosen[0].get("draft_code") in drafts:
            st.session_state["drafts.cell_draft"] = chosen[0]["draft_code"]
        if chosen[0].get("demand") in titles:
            st.session_state["drafts.cell_demand"] = chosen[0]["demand"]
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
        chosen_cell = coverage[(coverage["draft"] == draft) & (coverage["demand"] == demand)]
        _cell(chosen_cell, draft, demand, lang)


def _cell(cell: pd.DataFrame, draft: str, demand: str, lang: str) -> None:
    """One cell: its level and doubts, the confidence of the draft's text, the notes, the text of
    each point cited, and every code ever proposed for it."""
    with st.container(border=True):
        if cell.empty:
            st.write(f"**{t('drafts.level', lang)}:** {t('drafts.not_coded', lang)}")
            return
        row = cell.iloc[0]
        st.write(
            f"**{t('drafts.level', lang)}:** {enum_label('coverage', row['level'], lang)}"
            + (f" ({t('drafts.uncertain', lang)})" if row["uncertain"] else "")
            + (f" · **{t('drafts.legal_review', lang)}**" if row["legal_review"] else "")
        )
        confidence = confidence_label(row["confidence"], lang)
        st.caption(inert.said("drafts.confidence_of", lang, confidence=confidence))
        inert.labelled("drafts.note", lang, row["note"])
        if row["legal_review"]:
            inert.labelled("drafts.legal_note", lang, row["legal_note"])
        _cited(draft, row["points"], lang)
        history = state.coverage_history(draft, demand)
        with st.expander(t("drafts.history", lang) + f" ({len(history)})"):
            inert.table(history_table(history, lang))


def _cited(draft: str, labels: str, lang: str) -> None:
    """The text of each point a code cites, saying when it is our translation."""
    points = state.draft_points(draft).set_index("label")
    known = set(points.index)
    cited = [(label, cited_point(label, known)) for label in normalise_labels(labels)]
    # said only above texts that are ours: a cell citing nothing, or only points in the
    # draft's own language, announced translations and then listed none
    if any(point and bool(points["translated"][point]) for _, point in cited):
        original = t("language.en" if lang == "uk" else "language.uk", lang)
        st.caption(t("drafts.translated_points", lang, original=original))
    for label, point in cited:
        text = inert.escape(points["text"][point]) if point else "—"
        st.markdown(f"**{inert.line(label)}.** {text}")


HISTORY = ["proposed_at", "author", "level", "points", "note", "state", "approver", "reason"]


def history_table(history: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A cell's codes, newest first, with words for the level and the state."""
    shown = history.assign(
        proposed_at=[str(v)[:16] for v in history["proposed_at"]],
        level=[
            enum_label("coverage", v, lang) + (" ?" if u else "")
            for v, u in zip(history["level"], history["uncertain"], strict=True)
        ],
        state=[enum_label("assessment_state", v, lang) for v in history["state"]],
        approver=[v if isinstance(v, str) else "—" for v in history["approver"]],
    )[HISTORY]
    return shown.rename(columns={c: t(f"history.col.{c}", lang) for c in HISTORY})
