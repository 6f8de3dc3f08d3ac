"""The chain of custody: every handling of a stored attachment or capture, appended.

Following the Berkeley Protocol, each time an item is attached, captured, viewed, downloaded,
exported, re-hashed or restored, one event says who did it, when, the SHA-256 of the bytes
read (against the one the item's row records), and the SHA-256 of the copy handed out when it
differs from the original (a working copy without metadata). `record` is the only writer and
runs in the caller's transaction; the database refuses UPDATE and DELETE (migration 0011), as
it does for the audit log.
"""

from __future__ import annotations

import io
from collections.abc import Collection, Iterable

import pandas as pd
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.core.db import session_scope
from monitor.core.models import (
    Attachment,
    Capture,
    CustodyAction,
    CustodyEvent,
    CustodyItem,
    Evidence,
)
from monitor.core.permissions import Action, Actor, Visibility, require, visibility
from monitor.domain import csv_files
from monitor.domain.filters import EvidenceFilters
from monitor.errors import NotFound
from monitor.queries import custody as custody_queries

DETAIL = 200


def record(
    *,
    session: Session,
    actor: Actor | None,
    action: CustodyAction,
    item_kind: CustodyItem,
    item_id: int,
    evidence_id: int | None,
    recorded: str | None,
    seen: str | None,
    out: str | None = None,
    detail: str = "",
) -> CustodyEvent:
    """Append one event in the caller's transaction; `out` is kept only when the copy handed
    out differs from the bytes read."""
    event = CustodyEvent(
        actor_id=actor.id if actor else None,
        action=action,
        item_kind=item_kind,
        item_id=item_id,
        evidence_id=evidence_id,
        sha256_recorded=recorded,
        sha256_seen=seen,
        sha256_out=out if out is not None and out != seen else None,
        matched=seen is not None and seen == recorded,
        detail=detail[:DETAIL],
    )
    session.add(event)
    session.flush()
    return event


def record_restore(*, session: Session, present: Collection[tuple[str, str]]) -> int:
    """After a restore, one event per stored item: the hash it was restored with, checked
    against the archive's manifest, or none when the archive lacked its file. `present` holds
    (folder, sha256) of every file the archive carried. Returns the events written."""
    written = 0
    for row in session.exec(select(Attachment).order_by(col(Attachment.id))).all():
        found = ("attachments", row.sha256) in present
        _restored(session, CustodyItem.ATTACHMENT, row.id, row.evidence_id, row.sha256, found)
        written += 1
    captured = select(Capture).where(col(Capture.sha256).is_not(None)).order_by(col(Capture.id))
    for capture in session.exec(captured).all():
        found = ("captures", str(capture.sha256)) in present
        _restored(
            session, CustodyItem.CAPTURE, capture.id, capture.evidence_id, capture.sha256, found
        )
        written += 1
    return written


def _restored(
    session: Session,
    kind: CustodyItem,
    item_id: int | None,
    evidence_id: int | None,
    digest: str | None,
    found: bool,
) -> None:
    assert item_id is not None
    record(
        session=session,
        actor=None,
        action=CustodyAction.RESTORE,
        item_kind=kind,
        item_id=item_id,
        evidence_id=evidence_id,
        recorded=digest,
        seen=digest if found else None,
        detail="from a backup, checked against its manifest" if found else "file not in backup",
    )


def csv_bytes(frame: pd.DataFrame) -> bytes:
    """Custody events as a CSV file (the one formula guard: a file name is someone's text)."""
    buffer = io.BytesIO()
    rows: Iterable[list[object]] = (
        ["" if pd.isna(v) else v for v in row]
        for row in frame.astype(object).itertuples(index=False, name=None)
    )
    csv_files.write_csv(buffer, list(frame.columns), rows)
    return buffer.getvalue()


def _exported(engine: Engine, actor: Actor, frame: pd.DataFrame, detail: str) -> None:
    """An item whose log leaves the system in a file: an export event for each, once."""
    items = frame[["item", "item_id", "evidence_id"]].drop_duplicates()
    with session_scope(engine) as session:
        digests = _recorded_hashes(session, items)
        for kind, item_id, evidence_id in items.itertuples(index=False, name=None):
            key = (CustodyItem(kind), int(item_id))
            record(
                session=session,
                actor=actor,
                action=CustodyAction.EXPORT,
                item_kind=key[0],
                item_id=key[1],
                evidence_id=int(evidence_id) if pd.notna(evidence_id) else None,
                recorded=digests.get(key),
                seen=None,
                detail=detail,
            )


def _recorded_hashes(
    session: Session, items: pd.DataFrame
) -> dict[tuple[CustodyItem, int], str | None]:
    ids = {kind: [int(i) for i in items[items["item"] == kind]["item_id"]] for kind in CustodyItem}
    found: dict[tuple[CustodyItem, int], str | None] = {}
    for a_id, a_sha in session.exec(
        select(Attachment.id, Attachment.sha256).where(
            col(Attachment.id).in_(ids[CustodyItem.ATTACHMENT])
        )
    ).all():
        found[(CustodyItem.ATTACHMENT, int(a_id or 0))] = a_sha
    for c_id, c_sha in session.exec(
        select(Capture.id, Capture.sha256).where(col(Capture.id).in_(ids[CustodyItem.CAPTURE]))
    ).all():
        found[(CustodyItem.CAPTURE, int(c_id or 0))] = c_sha
    return found


def entry_for(session: Session, actor: Actor, evidence_id: int | None) -> Evidence | None:
    """The entry, if the actor may read its text (the same policy as the register's); an entry
    they may not see is not found, exactly as its text is not. A capture of no entry is for
    editors only (only they capture)."""
    require(actor, Action.READ)
    if evidence_id is None:
        require(actor, Action.EDIT)
        return None
    entry = session.get(Evidence, evidence_id)
    if entry is None or not visibility(actor).admits(entry.sensitivity, entry.organisation_id):
        raise NotFound(key="not_found.evidence", id=evidence_id)
    return entry


def entry_csv(*, engine: Engine, actor: Actor, evidence_id: int) -> bytes:
    """One entry's custody log as CSV, for the entry panel's download (whoever may read the
    entry); each item in it gets an export event, since its log left the system."""
    with session_scope(engine) as session:
        entry_for(session, actor, evidence_id)
    frame = custody_queries.for_evidence(engine, evidence_id, visible=visibility(actor))
    data = csv_bytes(frame)
    if not frame.empty:
        _exported(engine, actor, frame, "custody log of the entry (CSV)")
    return data


def pack_member(
    *,
    engine: Engine,
    actor: Actor,
    filters: EvidenceFilters,
    carried: Visibility,
) -> bytes:
    """custody.csv of a briefing pack: the events of the items of every entry it carries."""
    frame = custody_queries.for_entries(engine, filters, visible=carried)
    data = csv_bytes(frame)
    if not frame.empty:
        _exported(engine, actor, frame, "custody log in a briefing pack")
    return data
