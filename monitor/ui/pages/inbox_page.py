"""Inbox: new public reports to log as evidence or dismiss."""

from __future__ import annotations

import streamlit as st

from monitor.db import read_session, session_scope
from monitor.errors import MonitorError
from monitor.i18n import t
from monitor.models import Role
from monitor.services import inbox
from monitor.ui import state

lang = state.lang()
actor = state.actor()
settings = state.settings()
st.title(t("inbox.title", lang))
st.caption(t("inbox.caption", lang))
flash = st.session_state.pop("inbox.flash", None)
if flash:
    getattr(st, flash[0])(flash[1])


def fetch_now() -> None:
    feeds = (
        [inbox.Feed("reports-api", settings.inbox_reports_url, settings.inbox_reports_query)]
        if settings.inbox_reports_url
        else []
    )
    feeds += [inbox.Feed("rss", url) for url in settings.inbox_feeds]
    try:
        report = inbox.fetch(
            state.engine(), state.actor(), feeds, allowed_hosts=settings.capture_allowed_hosts
        )
    except MonitorError as err:
        st.session_state["inbox.flash"] = ("error", t(err.key, lang, message=str(err)))
        return
    kind = "warning" if report.failed else "success"
    st.session_state["inbox.flash"] = (
        kind,
        t("inbox.fetched", lang, report=str(report)) + " " + " ".join(report.failed or []),
    )


def accept(item_id: int, title: str, url: str, summary: str, published: object) -> None:
    """Pre-fill the evidence form; the item is marked accepted when the entry is saved."""
    st.session_state.update(
        {
            "log.title": title[:300],
            "log.source_url": url,
            "log.source_title": title[:500],
            "log.description": summary,
            "log.inbox_item": item_id,
        }
    )
    if published is not None:
        st.session_state["log.event_start"] = published.date()  # type: ignore[attr-defined]
    st.session_state["inbox.flash"] = ("success", t("inbox.prefilled", lang, title=title[:300]))


def dismiss(item_id: int) -> None:
    try:
        with session_scope(state.engine()) as session:
            inbox.dismiss(session, state.actor(), item_id)
    except MonitorError as err:
        st.session_state["inbox.flash"] = ("error", t(err.key, lang, message=str(err)))


if st.session_state.get("log.inbox_item"):
    st.page_link("monitor/ui/pages/evidence_page.py", label=t("inbox.open_form", lang), icon="✍️")
if actor.role != Role.VIEWER:
    st.button(t("inbox.fetch", lang), on_click=fetch_now, key="inbox.fetch")
with read_session(state.engine()) as session:
    items = inbox.waiting(session)
if not items:
    st.info(t("inbox.empty", lang))
for item in items:
    with st.container(border=True):
        when = item.published_at.date().isoformat() if item.published_at else "—"
        st.markdown(f"**{item.title}**  \n{when} · {item.source} · {item.url}")
        if item.summary:
            st.caption(item.summary[:600])
        if actor.role != Role.VIEWER:
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
