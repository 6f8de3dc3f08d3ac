"""The chain of custody of stored items, read: who handled which file, when, how, the hashes.

One entry's events for its panel and its CSV, and the events of every entry a briefing
carries (the pack's custody.csv), both oldest first.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core.models import (
    Attachment,
    Capture,
    CustodyAction,
    CustodyEvent,
    CustodyItem,
    Evidence,
    User,
)
from monitor.core.permissions import Visibility
from monitor.domain.filters import EvidenceFilters
from monitor.queries.evidence import entry_is_held, evidence_conditions

COLUMNS = [
    "at",
    "user",
    "action",
    "evidence_id",
    "item",
    "item_id",
    "file",
    "sha256_recorded",
    "sha256_seen",
    "sha256_out",
    "matched",
    "detail",
]


_READS = (CustodyAction.VIEW, CustodyAction.DOWNLOAD, CustodyAction.REHASH, CustodyAction.RESTORE)


def _events() -> Any:  # a Select of twelve typed columns
    """Every event with its user's name and the item's file name or captured address."""
    return (
        sa.select(
            col(CustodyEvent.at),
            col(User.username),
            col(CustodyEvent.action),
            col(CustodyEvent.evidence_id),
            col(CustodyEvent.item_kind),
            col(CustodyEvent.item_id),
            sa.func.coalesce(col(Attachment.filename), col(Capture.requested_url)),
            col(CustodyEvent.sha256_recorded),
            col(CustodyEvent.sha256_seen),
            col(CustodyEvent.sha256_out),
            # an export sends the item's log, a file kept from a merge is moved by its record:
            # nothing was read, so nothing matched or not (a read that found no file did not)
            sa.case(
                (
                    sa.and_(
                        col(CustodyEvent.sha256_seen).is_(None),
                        col(CustodyEvent.action).not_in(_READS),
                    ),
                    sa.null(),
                ),
                else_=col(CustodyEvent.matched),
            ),
            col(CustodyEvent.detail),
        )
        .outerjoin(User, col(User.id) == col(CustodyEvent.actor_id))
        .outerjoin(
            Attachment,
            sa.and_(
                col(CustodyEvent.item_kind) == CustodyItem.ATTACHMENT,
                col(Attachment.id) == col(CustodyEvent.item_id),
            ),
        )
        .outerjoin(
            Capture,
            sa.and_(
                col(CustodyEvent.item_kind) == CustodyItem.CAPTURE,
                col(Capture.id) == col(CustodyEvent.item_id),
            ),
        )
        .order_by(col(CustodyEvent.id))
    )


def _frame(engine: Engine, query: Any) -> pd.DataFrame:
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame([tuple(r) for r in rows], columns=COLUMNS)
    for name in ("action", "item"):  # the enumerations' values, not their Python names
        frame[name] = frame[name].map(lambda v: getattr(v, "value", v))
    return frame


def for_evidence(engine: Engine, evidence_id: int, *, visible: Visibility) -> pd.DataFrame:
    """The custody events of one entry's attachments and captures, oldest first."""
    held = entry_is_held(evidence_id, visible=visible)
    return _frame(engine, _events().where(col(CustodyEvent.evidence_id) == evidence_id, *held))


def for_entries(engine: Engine, filters: EvidenceFilters, *, visible: Visibility) -> pd.DataFrame:
    """The custody events of the items of every entry these filters select (what a briefing
    carries), limited to the sensitivities it may carry."""
    chosen = sa.select(col(Evidence.id)).where(*evidence_conditions(filters, visible))
    return _frame(engine, _events().where(col(CustodyEvent.evidence_id).in_(chosen)))


def stored_captures(
    engine: Engine, evidence_id: int, *, visible: Visibility
) -> list[dict[str, Any]]:
    """The captures of one entry that stored bytes, newest first."""
    query = (
        sa.select(col(Capture.id), col(Capture.fetched_at), col(Capture.sha256))
        .where(col(Capture.evidence_id) == evidence_id, col(Capture.sha256).is_not(None))
        .where(*entry_is_held(evidence_id, visible=visible))
        .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
    )
    with engine.connect() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def entries_with_items(engine: Engine) -> list[int]:
    """Every entry that has a stored attachment or capture, in id order."""
    with_files = sa.select(col(Attachment.evidence_id))
    with_captures = sa.select(col(Capture.evidence_id)).where(
        col(Capture.sha256).is_not(None), col(Capture.evidence_id).is_not(None)
    )
    with engine.connect() as conn:
        found = conn.execute(sa.union(with_files, with_captures)).scalars()
        return sorted(int(i) for i in found if i is not None)
