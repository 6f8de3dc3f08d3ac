"""Inbox: new public reports to log as evidence or dismiss."""

from __future__ import annotations

import streamlit as st

from monitor.core.permissions import Action, may
from monitor.i18n import t
from monitor.services import inbox
from monitor.ui import actions, state
from monitor.ui.actions import Note, note, phrase, success
from monitor.ui.components import inbox_card

SLOT = "inbox"
lang = state.lang()
editor = may(state.actor().role, Action.EDIT)
st.title(t("inbox.title", lang))
st.caption(t("inbox.caption", lang))
actions.show(SLOT)


def fetched(report: inbox.FetchReport) -> list[Note]:
    """How many items were new and known; a warning names the feeds that failed."""
    if not report.failed:
        return [
            success(
                "inbox.fetched", report=phrase("inbox.report", new=report.new, known=report.known)
            )
        ]
    failures = "; ".join(report.failed)
    said = phrase(
        "inbox.report_failed",
        new=report.new,
        known=report.known,
        n=len(report.failed),
        count=len(report.failed),
        failures=failures,
    )
    return [note("warning", "inbox.fetched", report=said)]


@actions.callback(SLOT)
def fetch_now() -> None:
    """Pull the reports API and every feed; the network is waited on outside any transaction."""
    settings = state.settings()
    feeds = [inbox.Feed("rss", url) for url in settings.inbox_feeds]
    if settings.inbox_reports_url:
        feeds.insert(
            0, inbox.Feed("reports-api", settings.inbox_reports_url, settings.inbox_reports_query)
        )
    actions.run(
        SLOT,
        inbox.pull_feeds,
        done=fetched,
        feeds=feeds,
        allowed_hosts=settings.capture_allowed_hosts,
    )


if st.session_state.get("log.inbox_item"):
    st.page_link("monitor/ui/pages/evidence_page.py", label=t("inbox.open_form", lang), icon="✍️")
if editor:
    st.button(t("inbox.fetch", lang), on_click=fetch_now, key="inbox.fetch")
items = list(state.inbox_waiting().itertuples(index=False))
if not items:
    st.info(t("inbox.empty", lang))
for item in items:
    inbox_card.show(item, lang=lang, editor=editor)
