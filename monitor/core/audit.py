"""The audit trail: who did what to which record, with values before and after. Append-only.

`record` is the only writer, and it runs inside the caller's transaction, so a change and its
audit event are committed together or not at all. There is no update or delete path.
"""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col

from monitor.core.models import AuditEvent, DataVersion
from monitor.core.permissions import Actor

ACCESS_ACTIONS = ("export", "sign-in", "sign-in-failed", "sign-out")


def jsonable(value: Any) -> Any:
    """Turn dates, enums and nested containers into plain JSON values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def snapshot(row: SQLModel) -> dict[str, Any]:
    """The column values of a row, JSON-ready, for before/after."""
    values = jsonable(row.model_dump())
    assert isinstance(values, dict)
    return values


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    changes_data: bool = True,
) -> AuditEvent:
    """Append one audit event in the caller's transaction.

    A change also bumps the data version in the same transaction; an event that only records
    an access (an export, a sign-in) passes changes_data=False and leaves caches valid.
    """
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
    )
    session.add(event)
    if changes_data:
        session.execute(
            sa.update(DataVersion)
            .where(col(DataVersion.id) == 1)
            .values(version=col(DataVersion.version) + 1)
        )
    session.flush()
    return event


def data_version(conn: sa.Connection | Session) -> int:
    """A counter that changes exactly when a change commits, in any process.

    Cached queries take it as an argument, so every process sees fresh data after a write
    from any other process (another app worker, the command line) without clearing caches.
    """
    value = conn.execute(
        sa.select(col(DataVersion.version)).where(col(DataVersion.id) == 1)
    ).scalar()
    return int(value or 0)
