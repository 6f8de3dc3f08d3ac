"""Capturing sources: fetch a URL, keep what was received with its SHA-256, say what changed.

Many captures run concurrently on one async client with a bounded pool. Every attempt is
recorded, failed ones with their reason, so a partner can later check what a source said.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import httpx
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.core import audit, fetching, limits, storage
from monitor.core.db import session_scope
from monitor.core.models import Capture, CustodyAction, CustodyItem, Evidence
from monitor.core.permissions import Action, Actor, require
from monitor.errors import CaptureError, ConfigError
from monitor.services import custody


@dataclass(frozen=True)
class Target:
    url: str
    evidence_id: int | None = None


@dataclass(frozen=True)
class Outcome:
    """What one capture attempt gave, before it is recorded."""

    target: Target
    fetched: fetching.Fetched | None
    error: str | None


async def _one(client: httpx.AsyncClient, target: Target, max_bytes: int) -> Outcome:
    try:
        return Outcome(target, await fetching.fetch(client, target.url, max_bytes=max_bytes), None)
    except CaptureError as err:
        return Outcome(target, None, str(err))


async def fetch_all(
    targets: Sequence[Target],
    *,
    allowed_hosts: Iterable[str] = (),
    concurrency: int = 10,
    max_bytes: int = fetching.MAX_BYTES,
) -> list[Outcome]:
    """Fetch every target, at most `concurrency` at a time, never raising for one bad URL."""
    async with fetching.make_client(allowed_hosts, max_connections=concurrency) as client:
        gate = asyncio.Semaphore(concurrency)

        async def guarded(target: Target) -> Outcome:
            async with gate:
                return await _one(client, target, max_bytes)

        return list(await asyncio.gather(*(guarded(t) for t in targets)))


def _stored(outcome: Outcome, folder: storage.Place) -> tuple[str | None, Outcome]:
    """The SHA-256 the fetched bytes are stored under; a store that refuses them turns the
    attempt into a failed one with the store's reason (recorded, so nothing goes unsaid)."""
    if outcome.fetched is None:
        return None, outcome
    try:
        return storage.resolve(folder).put(outcome.fetched.body), outcome
    except ConfigError as err:
        return None, Outcome(outcome.target, None, f"received but not stored: {err}")


def record(*, session: Session, actor: Actor, outcome: Outcome, folder: storage.Place) -> Capture:
    """Store the bytes under their hash and the attempt as a row, noting a change of content."""
    digest, outcome = _stored(outcome, folder)
    target, fetched = outcome.target, outcome.fetched
    row = Capture(requested_url=target.url, evidence_id=target.evidence_id, requested_by=actor.id)
    if fetched is None or digest is None:
        row.error = (outcome.error or "failed")[: limits.CAPTURE_ERROR]
    else:
        previous = session.exec(
            select(Capture.sha256)
            .where(Capture.requested_url == target.url, col(Capture.sha256).is_not(None))
            .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
        ).first()
        row.final_url = fetched.final_url[: limits.URL]
        row.status_code = fetched.status_code
        row.content_type = fetched.content_type
        row.size = len(fetched.body)
        row.title = fetched.title
        row.sha256 = digest
        row.changed = None if previous is None else previous != digest
        row.ok = 200 <= fetched.status_code < 300
        if not row.ok:
            row.error = f"the server answered HTTP {fetched.status_code}"
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "capture",
        "evidence" if target.evidence_id else "capture",
        target.evidence_id or row.id,
        after=audit.snapshot(row),
    )
    if row.sha256 is not None and row.id is not None:  # the first link of its custody chain
        custody.record(
            session=session,
            actor=actor,
            action=CustodyAction.CAPTURE,
            item_kind=CustodyItem.CAPTURE,
            item_id=row.id,
            evidence_id=target.evidence_id,
            recorded=row.sha256,
            seen=row.sha256,
            detail=f"fetched from {row.final_url or target.url}",
        )
    return row


def capture_sources(
    *,
    engine: Engine,
    actor: Actor,
    targets: Sequence[Target],
    folder: storage.Place,
    allowed_hosts: Iterable[str] = (),
    concurrency: int = 10,
    max_bytes: int = fetching.MAX_BYTES,
) -> list[Capture]:
    """Fetch concurrently, then record each attempt in its own transaction (one slow or bad
    source never holds a database lock while the network is waited on)."""
    require(actor, Action.EDIT)
    outcomes = asyncio.run(
        fetch_all(
            targets, allowed_hosts=allowed_hosts, concurrency=concurrency, max_bytes=max_bytes
        )
    )
    rows = []
    for outcome in outcomes:
        with session_scope(engine) as session:
            rows.append(record(session=session, actor=actor, outcome=outcome, folder=folder))
    return rows


def pending(*, session: Session) -> list[Target]:
    """Entries with a source URL and no successful capture yet."""
    captured = select(Capture.evidence_id).where(
        col(Capture.ok).is_(True), col(Capture.evidence_id).is_not(None)
    )
    rows = session.exec(
        select(Evidence.id, Evidence.source_url)
        .where(col(Evidence.source_url).is_not(None), col(Evidence.withdrawn_at).is_(None))
        .where(col(Evidence.id).not_in(captured))
        .order_by(col(Evidence.id))
    ).all()
    return [Target(str(url), int(i)) for i, url in rows if url and i is not None]
