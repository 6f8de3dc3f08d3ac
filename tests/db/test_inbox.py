"""The inbox against a fake reports API and RSS/Atom feeds served on 127.0.0.1."""

from __future__ import annotations

import json

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import InboxItem, InboxState, Role
from monitor.errors import InvalidInput
from monitor.queries import lookups
from monitor.services import inbox
from tests.factories import make_actor, make_evidence
from tests.local_server import serve

REPORTS = json.dumps(
    {
        "data": [
            {
                "id": "4001",
                "fields": {
                    "title": "Detentions in Melitopol",
                    "url": "https://example.org/r/4001",
                    "date": {"created": "2026-11-20T10:00:00+00:00"},
                    "body": "Three civilians.",
                },
            },
            {
                "id": "4002",
                "fields": {
                    "title": "Passportisation in Kherson",
                    "url": "https://example.org/r/4002",
                },
            },
            {"id": "4003", "fields": {"title": "", "url": ""}},
        ]
    }
).encode()
RSS = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>NGO</title>
<item><title>Report on deportations</title><link>https://ngo.example.org/a</link><guid>a-1</guid>
<pubDate>Mon, 16 Nov 2026 09:00:00 +0200</pubDate>
<description>Children moved to Russia.</description></item>
</channel></rss>"""
ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>ZMINA</title>
<entry><title>Звіт про переслідування</title><link href="https://zmina.example.org/b"/><id>urn:b</id>
<updated>2026-11-18T12:00:00Z</updated>
<summary>Кримські татари.</summary></entry></feed>""".encode()
ROUTES = {
    "/api/reports": ("application/json", REPORTS),
    "/feed.rss": ("application/rss+xml", RSS),
    "/feed.atom": ("application/atom+xml", ATOM),
    "/broken.rss": ("application/rss+xml", b"<rss><channel><item>"),
}


def _feeds(base: str) -> list[inbox.Feed]:
    return [
        inbox.Feed("reports-api", f"{base}/api/reports", "occupied"),
        inbox.Feed("rss", f"{base}/feed.rss"),
        inbox.Feed("rss", f"{base}/feed.atom"),
        inbox.Feed("rss", f"{base}/broken.rss"),
    ]


def test_fetch_twice_adds_each_item_once(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    with serve(ROUTES) as base:
        first = inbox.pull_feeds(
            engine=engine, actor=actor, feeds=_feeds(base), allowed_hosts=["127.0.0.1"]
        )
        second = inbox.pull_feeds(
            engine=engine, actor=actor, feeds=_feeds(base), allowed_hosts=["127.0.0.1"]
        )
    assert (first.new, first.known) == (4, 0)
    assert (second.new, second.known) == (0, 4)
    assert first.failed and "not valid XML" in first.failed[0]
    with Session(engine) as session:
        items = {i.title: i for i in session.exec(select(InboxItem)).all()}
    assert set(items) == {
        "Detentions in Melitopol",
        "Passportisation in Kherson",
        "Report on deportations",
        "Звіт про переслідування",
    }
    assert items["Report on deportations"].published_at is not None
    assert items["Report on deportations"].published_at.hour == 7  # +0200 stored as UTC
    assert items["Detentions in Melitopol"].summary == "Three civilians."


def test_accept_and_dismiss_are_final(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    with serve(ROUTES) as base:
        inbox.pull_feeds(
            engine=engine, actor=actor, feeds=_feeds(base)[:2], allowed_hosts=["127.0.0.1"]
        )
    waiting = [int(i) for i in lookups.inbox_waiting(engine)["id"]]
    with session_scope(engine) as session:
        entry = make_evidence(session, actor)
        inbox.accept(session=session, actor=actor, item_id=waiting[0], evidence_id=entry.id)
        inbox.dismiss(session=session, actor=actor, item_id=waiting[1], note="not about the TOT")
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        inbox.dismiss(session=session, actor=actor, item_id=waiting[0])
    with Session(engine) as session:
        states = sorted(i.state for i in session.exec(select(InboxItem)).all())
    assert states == sorted([InboxState.ACCEPTED, InboxState.DISMISSED, InboxState.NEW])


def test_the_reports_api_request_carries_the_query() -> None:
    url = inbox._request_url(
        inbox.Feed("reports-api", "https://api.example.org/v1/reports", "Kherson detention")
    )
    assert "query%5Bvalue%5D=Kherson+detention" in url or "query[value]=Kherson" in url
    assert "appname=demands-monitor" in url
