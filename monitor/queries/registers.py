"""The evidence register: filtered, sorted, paginated in SQL so it stays fast at 100,000 rows."""

from __future__ import annotations

from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.auth import Actor
from monitor.models import (
    Attachment,
    AuditEvent,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
    User,
)
from monitor.queries.filters import EvidenceFilters, evidence_conditions, visible_sensitivities

SORTS = {
    "event_start": (col(Evidence.event_start).desc(), col(Evidence.id).desc()),
    "updated_at": (col(Evidence.updated_at).desc(), col(Evidence.id).desc()),
    "id": (col(Evidence.id).desc(),),
    "title": (col(Evidence.title).asc(), col(Evidence.id).asc()),
}
PAGE_COLUMNS = [
    "id",
    "uid",
    "title",
    "demands",
    "event_start",
    "event_end",
    "region",
    "settlement_name",
    "source_type",
    "reliability",
    "credibility",
    "direction",
    "verification",
    "sensitivity",
    "people_count",
    "version",
    "withdrawn",
    "updated_at",
]


def demand_codes_of(conn: sa.Connection, ids: list[int]) -> dict[int, str]:
    """'D01; D08' per entry, for one page of ids (portable; no string_agg vs group_concat)."""
    if not ids:
        return {}
    rows = conn.execute(
        sa.select(EvidenceDemand.evidence_id, Demand.code)
        .join(Demand, col(Demand.id) == col(EvidenceDemand.demand_id))
        .where(col(EvidenceDemand.evidence_id).in_(ids))
        .order_by(col(EvidenceDemand.evidence_id), col(Demand.position))
    ).all()
    joined: dict[int, list[str]] = {}
    for evidence_id, code in rows:
        joined.setdefault(evidence_id, []).append(code)
    return {k: "; ".join(v) for k, v in joined.items()}


def evidence_page(
    engine: Engine,
    actor: Actor,
    filters: EvidenceFilters,
    *,
    page: int = 1,
    page_size: int = 50,
    sort: str = "event_start",
    lang: str = "en",
) -> tuple[pd.DataFrame, int]:
    """One page of the register and the number of entries the filters select."""
    where = evidence_conditions(filters, actor)
    region_name = col(Region.name_uk) if lang == "uk" else col(Region.name_en)
    query = (
        sa.select(
            Evidence.id,
            Evidence.uid,
            Evidence.title,
            Evidence.event_start,
            Evidence.event_end,
            region_name.label("region"),
            Evidence.settlement_name,
            Evidence.source_type,
            Evidence.reliability,
            Evidence.credibility,
            Evidence.direction,
            Evidence.verification,
            Evidence.sensitivity,
            Evidence.people_count,
            Evidence.version,
            col(Evidence.withdrawn_at).is_not(None).label("withdrawn"),
            Evidence.updated_at,
        )
        .join(Region, col(Region.code) == col(Evidence.region_code))
        .where(*where)
        .order_by(*SORTS.get(sort, SORTS["event_start"]))
        .limit(page_size)
        .offset(max(page - 1, 0) * page_size)
    )
    count = sa.select(sa.func.count()).select_from(Evidence).where(*where)
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
        total = int(conn.execute(count).scalar() or 0)
        codes = demand_codes_of(conn, [r["id"] for r in rows])
    frame = pd.DataFrame(
        [{**r, "demands": codes.get(r["id"], "")} for r in rows], columns=PAGE_COLUMNS
    )
    return frame, total


def evidence_detail(engine: Engine, actor: Actor, evidence_id: int) -> dict[str, Any] | None:
    """All fields of one entry with its demands and attachments, if the actor may see it."""
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(Evidence.__table__).where(  # type: ignore[attr-defined]
                    col(Evidence.id) == evidence_id,
                    col(Evidence.sensitivity).in_(visible_sensitivities(actor)),
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        detail = dict(row)
        detail["demands"] = demand_codes_of(conn, [evidence_id]).get(evidence_id, "")
        detail["attachments"] = [
            dict(a)
            for a in conn.execute(
                sa.select(
                    Attachment.filename,
                    Attachment.media_type,
                    Attachment.size,
                    Attachment.sha256,
                    Attachment.created_at,
                )
                .where(col(Attachment.evidence_id) == evidence_id)
                .order_by(col(Attachment.id))
            ).mappings()
        ]
    return detail


def evidence_history(engine: Engine, evidence_id: int) -> pd.DataFrame:
    """The audit trail of one entry, oldest first: who did what, when, before and after."""
    query = (
        sa.select(
            AuditEvent.at, User.username, AuditEvent.action, AuditEvent.before, AuditEvent.after
        )
        .outerjoin(User, col(User.id) == col(AuditEvent.actor_id))
        .where(col(AuditEvent.entity) == "evidence", col(AuditEvent.entity_id) == str(evidence_id))
        .order_by(col(AuditEvent.id))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["at", "user", "action", "before", "after"])


def evidence_captures(engine: Engine, evidence_id: int) -> pd.DataFrame:
    """The captures of one entry's source, newest first."""
    from monitor.models import Capture

    names = [
        "fetched_at",
        "final_url",
        "status_code",
        "size",
        "title",
        "sha256",
        "changed",
        "error",
    ]
    query = (
        sa.select(*(Capture.__table__.c[name] for name in names))
        .where(col(Capture.evidence_id) == evidence_id)
        .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=names)


def audit_log(
    engine: Engine,
    *,
    username: str | None = None,
    entity: str | None = None,
    action: str | None = None,
    since: Any = None,
    until: Any = None,
    limit: int = 500,
) -> pd.DataFrame:
    """Audit events, newest first, filtered by user, record kind, action and time."""
    query = (
        sa.select(
            AuditEvent.id,
            AuditEvent.at,
            User.username,
            AuditEvent.action,
            AuditEvent.entity,
            AuditEvent.entity_id,
            AuditEvent.before,
            AuditEvent.after,
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
