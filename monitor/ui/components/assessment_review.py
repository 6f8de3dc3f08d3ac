"""A demand's assessments: the published and pending ones, the second editor's review of each
proposal, and the form that proposes a new status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.core import limits
from monitor.core.models import AssessmentState
from monitor.core.permissions import Action, may
from monitor.i18n import enum_label, status_label, t
from monitor.services import assessments
from monitor.ui import actions, inert, state
from monitor.ui.actions import phrase, success

SLOT = "demand"
COLUMNS = (
    "assessed_on",
    "score",
    "state",
    "rationale",
    "author",
    "approver",
    "evidence",
    "incidents",
)
HEADERS = {
    "assessed_on": "demand.assessed_on",
    "score": "demand.score",
    "state": "col.state",
    "rationale": "col.rationale",
    "author": "col.author",
    "approver": "col.approver",
    "evidence": "demand.evidence",
    "incidents": "col.incidents",  # the incidents its entries report (linked ones once)
}


def show(code: str, *, lang: str) -> None:
    """The table for everyone; the review and the proposal form for those who may edit."""
    table = state.assessments_for(code)
    st.subheader(t("demand.assessments", lang))
    actions.show(SLOT)
    if not table.empty:
        st.dataframe(_shown(table, lang), hide_index=True, width="stretch")
    if may(state.actor().role, Action.EDIT):
        _review(table[table["state"] == AssessmentState.PROPOSED], lang)
        _propose(code, lang)


def _shown(table: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Scores and states in words, self-approval marked, headers in `lang`."""
    self_approved = f" ({t('demand.self_approved', lang)})"
    shown = table.assign(
        score=[status_label(s, lang) for s in table["score"]],
        state=[
            enum_label("assessment_state", s, lang) + (self_approved if own else "")
            for s, own in zip(table["state"], table["self_approved"], strict=True)
        ],
    )[list(COLUMNS)]
    return shown.rename(columns={c: t(HEADERS[c], lang) for c in COLUMNS})


@actions.callback(SLOT)
def _approve(assessment_id: int) -> None:
    """Publish a colleague's proposal (the service refuses one's own under four-eyes)."""
    actions.run(
        SLOT,
        assessments.approve,
        done=success("entry.done", action=phrase("action.approve")),
        assessment_id=assessment_id,
    )


@actions.callback(SLOT)
def _reject(assessment_id: int) -> None:
    """Reject with the reason typed beside the button, read when it is clicked."""
    actions.run(
        SLOT,
        assessments.reject,
        done=success("entry.done", action=phrase("action.reject")),
        assessment_id=assessment_id,
        reason=st.session_state.get(f"reject.{assessment_id}.reason") or "",
    )


def _review(pending: pd.DataFrame, lang: str) -> None:
    """Each proposal waiting for a second editor, with approve and reject."""
    st.markdown(f"**{t('demand.pending', lang)}**")
    if pending.empty:
        st.caption(t("demand.no_pending", lang))
    for row in pending.itertuples():
        with st.container(border=True):
            inert.text(
                f"{row.assessed_on} · {status_label(row.score, lang)} · "
                f"{row.author}: {row.rationale}"
            )
            a, b = st.columns(2)
            a.button(
                t("demand.approve", lang),
                key=f"approve.{row.id}",
                on_click=_approve,
                args=(row.id,),
            )
            b.text_input(
                t("demand.reject_reason", lang),
                key=f"reject.{row.id}.reason",  # no max_chars: a long paste would vanish unsaid
            )
            b.button(
                t("demand.reject", lang), key=f"reject.{row.id}", on_click=_reject, args=(row.id,)
            )


def _propose(code: str, lang: str) -> None:
    """Score, date, rationale and the entries it rests on; published at once without four-eyes."""
    with st.expander(t("demand.propose", lang)):
        st.radio(
            t("demand.score", lang),
            list(range(limits.SCORE_MIN, limits.SCORE_MAX + 1)),
            format_func=lambda s: status_label(s, lang),
            horizontal=True,
            key="assess.score",
        )
        st.date_input(
            t("demand.assessed_on", lang),
            value=state.today(),
            max_value=state.today(),
            key="assess.on",
            format="YYYY-MM-DD",
        )
        st.text_area(
            t("demand.rationale", lang), key="assess.rationale"
        )  # no max_chars: the browser refuses a longer paste unsaid; the save names the limit
        st.text_input(
            t("demand.evidence_ids", lang), key="assess.evidence", placeholder="12, 15, 40"
        )
        st.button(
            t("demand.submit", lang),
            type="primary",
            on_click=_submit,
            args=(code,),
            key="assess.submit",
        )


@actions.callback(SLOT)
def _submit(code: str) -> None:
    """Read the form when the button is clicked; say whether a second editor must approve."""
    s = st.session_state
    actions.run(
        SLOT,
        assessments.propose,
        done=success("demand.proposed" if state.four_eyes() else "demand.proposed_self"),
        demand=code,
        score=s["assess.score"],
        assessed_on=s["assess.on"],
        rationale=s.get("assess.rationale") or "",
        evidence_ids=assessments.parse_ids(s.get("assess.evidence") or ""),
        today=state.today(),
    )
