"""The second editor's review of proposed coverage codes: how many wait in all, and for the cell
being coded each proposal with approve (not one's own under four-eyes) and reject with a reason."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.i18n import enum_label, t
from monitor.services import coverage
from monitor.ui import actions, inert, state
from monitor.ui.actions import success

SLOT = "drafts"
WAITING = ["draft", "demand", "level", "points", "author", "proposed_at"]


def show(draft: str, demand: str, draft_title: str, *, lang: str) -> None:
    """Everything waiting (a short table), then this cell's proposals with their buttons."""
    pending = state.coverage_proposals()
    if pending.empty:
        return
    with st.expander(t("drafts.pending", lang, n=len(pending))):
        inert.table(_waiting(pending, lang))
    here = pending[(pending["draft"] == draft) & (pending["demand"] == demand)]
    if here.empty:
        return
    st.markdown(f"**{t('drafts.pending_cell', lang)}**")
    me = state.actor().id
    for row in here.itertuples():
        with st.container(border=True):
            level = enum_label("coverage", row.level, lang) + (" ?" if row.uncertain else "")
            inert.text(f"{row.author} · {level} · {row.points or '—'} · {row.note}")
            if row.legal_review:
                inert.labelled("drafts.legal_note", lang, row.legal_note)
            a, b = st.columns(2)
            if row.author_id == me and state.four_eyes():
                a.caption(t("drafts.own_proposal", lang))
            else:
                a.button(
                    t("drafts.approve", lang),
                    key=f"cov.approve.{row.id}",
                    on_click=_approve,
                    args=(int(row.id), demand, draft_title),
                )
            b.text_input(
                t("drafts.reject_reason", lang),
                key=f"cov.reject.{row.id}.reason",  # no max_chars: the save names the limit
            )
            b.button(
                t("drafts.reject", lang),
                key=f"cov.reject.{row.id}",
                on_click=_reject,
                args=(int(row.id),),
            )


def _waiting(pending: pd.DataFrame, lang: str) -> pd.DataFrame:
    shown = pending.assign(
        level=[enum_label("coverage", v, lang) for v in pending["level"]],
        proposed_at=[str(v)[:16] for v in pending["proposed_at"]],
    )[WAITING]
    names = {
        "draft": t("drafts.draft", lang),
        "demand": t("col.code", lang),
        "level": t("history.col.level", lang),
        "points": t("history.col.points", lang),
        "author": t("history.col.author", lang),
        "proposed_at": t("history.col.proposed_at", lang),
    }
    return shown.rename(columns=names)


@actions.callback(SLOT)
def _approve(proposal_id: int, demand: str, draft_title: str) -> None:
    """Publish a colleague's proposed code (the service refuses one's own under four-eyes)."""
    actions.run(
        SLOT,
        coverage.approve,
        done=success("drafts.approved", demand=demand, draft=draft_title),
        proposal_id=proposal_id,
    )


@actions.callback(SLOT)
def _reject(proposal_id: int) -> None:
    """Reject with the reason typed beside the button, read when it is clicked."""
    actions.run(
        SLOT,
        coverage.reject,
        done=success("drafts.rejected"),
        proposal_id=proposal_id,
        reason=st.session_state.get(f"cov.reject.{proposal_id}.reason") or "",
    )
