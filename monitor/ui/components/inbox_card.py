"""One inbox item: what it says, and (for editors) log it as evidence or dismiss it.

Feed text is shown as it came, inert (`monitor.ui.inert`); the form it pre-fills validates it
like anything typed.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.services import inbox
from monitor.ui import actions, inert
from monitor.ui.actions import success

SLOT = "inbox"
SUMMARY_SHOWN = 600  # characters of a summary on the card (the whole of it goes into the form)


@actions.callback(SLOT)
def accept(item_id: int, title: str, url: str, summary: str, published: pd.Timestamp) -> None:
    """Pre-fill the evidence form; the item is marked accepted when the entry is saved."""
    st.session_state.update(
        {
            "log.title": title[: limits.EVIDENCE_TITLE],
            "log.source_url": url,
            "log.source_title": title[: limits.SOURCE_TITLE],
            "log.description": summary,
            "log.inbox_item": item_id,
        }
    )
    if pd.notna(published):
        st.session_state["log.event_start"] = published.date()
    actions.leave(SLOT, success("inbox.prefilled", title=title[: limits.EVIDENCE_TITLE]))


@actions.callback(SLOT)
def dismiss(item_id: int) -> None:
    """Out of the inbox, with who and when audited."""
    actions.run(SLOT, inbox.dismiss, item_id=item_id)


def show(item: Any, *, lang: str, editor: bool) -> None:
    """The card of one item (a row of `state.inbox_waiting()`)."""
    with st.container(border=True):
        when = item.published_at.date().isoformat() if pd.notna(item.published_at) else "—"
        st.markdown(f"**{inert.line(item.title)}**")
        inert.caption(f"{when} · {item.source}")
        inert.link(item.url)
        if item.summary:
            inert.caption(item.summary[:SUMMARY_SHOWN])
        if editor:
            a, b = st.columns(2)
            a.button(
                t("inbox.accept", lang),
                key=f"inbox.accept.{item.id}",
                on_click=accept,
                args=(item.id, item.title, item.url, item.summary, item.published_at),
            )
            b.button(
                t("inbox.dismiss", lang),
                key=f"inbox.dismiss.{item.id}",
                on_click=dismiss,
                args=(item.id,),
            )
