"""The audit log as admins read it: newest first, filtered by user, record, action and time."""

from __future__ import annotations

from datetime import datetime

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core.models import AuditEvent, User


def audit_log(
    engine: Engine,
    *,
    username: str | None = None,
    entity: str | None = None,
    action: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Audit events, newest first, filtered by user, record kind, action and time."""
    query = (
        sa.select(
            col(AuditEvent.id),
            col(AuditEvent.at),
            col(User.username),
            col(AuditEvent.action),
            col(AuditEvent.entity),
            col(AuditEvent.entity_id),
            col(AuditEvent.before),
            col(AuditEvent.after),
        )
        .outerjoin(User, col(User.id) == col(AuditEvent.actor_id))
        .order_by(col(AuditEvent.id).desc())
        .limit(limit)
    )
    if username:
        query = query.where(col(User.username) == username)
    if entity:
        query = query.where(col(AuditEvent.entity) == entity)
    if action:
        query = query.where(col(AuditEvent.action) == action)
    if since is not None:
        query = query.where(col(AuditEvent.at) >= since)
    if until is not None:
        query = query.where(col(AuditEvent.at) <= until)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        rows, columns=["id", "at", "user", "action", "entity", "record", "before", "after"]
    )
