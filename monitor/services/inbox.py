"""The inbox: recent public reports pulled from a JSON reports API and RSS/Atom feeds.

An editor accepts an item (it pre-fills a new evidence entry, whose source is then captured) or
dismisses it. An item is keyed by (source, its id in the feed), so it never appears twice.
"""

from __future__ import annotations

import asyncio
import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from typing import Any

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.core import audit, fetching, limits
from monitor.core.db import session_scope
from monitor.core.inputs import DismissInput, InboxItemInput
from monitor.core.models import InboxItem, InboxState, utcnow
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import clean_feed_text, parse
from monitor.errors import CaptureError, InvalidInput, NotFound

_ATOM = "{http://www.w3.org/2005/Atom}"


@dataclass(frozen=True)
class Feed:
    """Where to pull from: kind 'reports-api' (ReliefWeb's shape) or 'rss' (RSS 2.0 or Atom)."""

    kind: str
    url: str
    query: str = ""

    @property
    def name(self) -> str:
        return f"{self.kind}:{httpx.URL(self.url).host}"


@dataclass(frozen=True)
class Item:
    external_id: str
    url: str
    title: str
    summary: str
    published_at: datetime | None


@dataclass
class FetchReport:
    new: int = 0
    known: int = 0
    failed: list[str] | None = None

    def __str__(self) -> str:
        failed = f", {len(self.failed)} feeds failed" if self.failed else ""
        return f"{self.new} new items, {self.known} already in the inbox{failed}"


def _date(value: Any) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            parsed = parsedate_to_datetime(value)
        except (TypeError, ValueError):
            return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def _item(
    external_id: str, url: str, title: str | None, summary: str | None, published: Any
) -> Item | None:
    """One item as the inbox stores it: the feed's text cleaned by the one text rule
    (`validation.clean_feed_text`), then checked by the input model. None when it cannot be
    stored as it came: no title, no link, or a link that is not a whole http(s) address (a link
    is never cut or mended, a wrong link is worse than none)."""
    try:
        checked = parse(
            InboxItemInput,
            {
                "external_id": clean_feed_text(external_id, limits.INBOX_EXTERNAL_ID)
                or clean_feed_text(url, limits.INBOX_EXTERNAL_ID),
                "url": url,
                "title": clean_feed_text(title, limits.INBOX_TITLE),
                "summary": clean_feed_text(summary, limits.INBOX_SUMMARY),
            },
        )
    except InvalidInput:
        return None
    return Item(checked.external_id, checked.url, checked.title, checked.summary, _date(published))


def parse_reports_api(body: bytes) -> list[Item]:
    """{"data": [{"id": ..., "fields": {"title", "url", "date": {"created"}, "body"}}]}."""
    try:
        payload = json.loads(body)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise CaptureError(key="capture.not_json", detail=str(exc)[:200]) from exc
    found = []
    for record in payload.get("data", []) if isinstance(payload, dict) else []:
        fields = record.get("fields", {}) if isinstance(record, dict) else {}
        url = str(fields.get("url") or fields.get("url_alias") or "")
        date = fields.get("date", {})
        found.append(
            _item(
                str(record.get("id") or ""),
                url,
                fields.get("title"),
                fields.get("body"),
                date.get("created") if isinstance(date, dict) else date,
            )
        )
    return [item for item in found if item is not None]


def parse_feed(body: bytes) -> list[Item]:
    """RSS 2.0 <item>s or Atom <entry>s; anything unparsable is a clear error, not a crash."""
    try:
        root = ET.fromstring(body)
    except ET.ParseError as exc:
        raise CaptureError(key="capture.not_xml", detail=str(exc)[:200]) from exc
    found = []
    for node in root.iter("item"):
        url = (node.findtext("link") or "").strip()
        guid = (node.findtext("guid") or "").strip()
        found.append(
            _item(
                guid,
                url,
                node.findtext("title"),
                node.findtext("description"),
                node.findtext("pubDate"),
            )
        )
    for node in root.iter(f"{_ATOM}entry"):
        link = node.find(f"{_ATOM}link")
        url = (link.get("href") if link is not None else "") or ""
        published = node.findtext(f"{_ATOM}updated") or node.findtext(f"{_ATOM}published")
        found.append(
            _item(
                (node.findtext(f"{_ATOM}id") or "").strip(),
                url,
                node.findtext(f"{_ATOM}title"),
                node.findtext(f"{_ATOM}summary"),
                published,
            )
        )
    return [item for item in found if item is not None]


def _request_url(feed: Feed) -> str:
    if feed.kind != "reports-api":
        return feed.url
    params = {
        "appname": "demands-monitor",
        "limit": "50",
        "sort[]": "date:desc",
        "query[value]": feed.query,
        "fields[include][]": "title",
    }
    url = httpx.URL(feed.url).copy_merge_params(params)
    for field in ("url", "date.created", "body"):
        url = url.copy_add_param("fields[include][]", field)
    return str(url)


async def _pull(
    feeds: Sequence[Feed], allowed_hosts: Iterable[str]
) -> list[tuple[Feed, list[Item] | str]]:
    async with fetching.make_client(allowed_hosts) as client:

        async def one(feed: Feed) -> tuple[Feed, list[Item] | str]:
            try:
                fetched = await fetching.fetch(
                    client, _request_url(feed), max_bytes=limits.FEED_MB * 2**20
                )
                if fetched.status_code != 200:
                    return feed, f"HTTP {fetched.status_code}"
                parser = parse_reports_api if feed.kind == "reports-api" else parse_feed
                return feed, parser(fetched.body)
            except CaptureError as err:
                return feed, str(err)

        return list(await asyncio.gather(*(one(f) for f in feeds)))


def pull_feeds(
    *, engine: Engine, actor: Actor, feeds: Sequence[Feed], allowed_hosts: Iterable[str] = ()
) -> FetchReport:
    """Pull every feed concurrently; add the items not seen before, in one transaction.

    It owns that transaction because it waits on the network first, holding no lock meanwhile.
    """
    require(actor, Action.EDIT)
    results = asyncio.run(_pull(feeds, allowed_hosts))
    report = FetchReport(failed=[])
    with session_scope(engine) as session:
        for feed, found in results:
            if isinstance(found, str):
                assert report.failed is not None
                report.failed.append(f"{feed.url}: {found}")
                continue
            known = set(
                session.exec(
                    select(InboxItem.external_id).where(InboxItem.source == feed.name)
                ).all()
            )
            for item in found:
                if item.external_id in known:
                    report.known += 1
                    continue
                known.add(item.external_id)
                session.add(
                    InboxItem(
                        source=feed.name,
                        external_id=item.external_id,
                        url=item.url,
                        title=item.title,
                        summary=item.summary,
                        published_at=item.published_at,
                    )
                )
                report.new += 1
        audit.record(
            session,
            actor,
            "inbox-fetch",
            "inbox",
            after={"new": report.new, "known": report.known, "failed": report.failed},
        )
    return report


def _open(session: Session, item_id: int) -> InboxItem:
    item = session.get(InboxItem, item_id)
    if item is None:
        raise NotFound(key="not_found.inbox_item", id=item_id)
    if item.state != InboxState.NEW:
        raise InvalidInput({"state": ("inbox.decided", {"state": item.state})})
    return item


def accept(*, session: Session, actor: Actor, item_id: int, evidence_id: int) -> InboxItem:
    """Mark an item as taken into the evidence entry an editor just saved from it."""
    require(actor, Action.EDIT)
    item = _open(session, item_id)
    item.state, item.evidence_id, item.decided_by, item.decided_at = (
        InboxState.ACCEPTED,
        evidence_id,
        actor.id,
        utcnow(),
    )
    session.add(item)
    session.flush()
    audit.record(session, actor, "accept", "inbox", item_id, after=audit.snapshot(item))
    return item


def dismiss(*, session: Session, actor: Actor, item_id: int, note: str = "") -> InboxItem:
    """Set an item aside; it stays recorded, so the feed cannot bring it back."""
    require(actor, Action.EDIT)
    checked = parse(DismissInput, {"note": note})
    item = _open(session, item_id)
    item.state, item.decided_by, item.decided_at, item.note = (
        InboxState.DISMISSED,
        actor.id,
        utcnow(),
        checked.note,
    )
    session.add(item)
    session.flush()
    audit.record(session, actor, "dismiss", "inbox", item_id, after=audit.snapshot(item))
    return item
