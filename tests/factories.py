"""Factories with overrides: valid rows by default, any field changeable by a test."""

from __future__ import annotations

import itertools
import uuid
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from monitor.core import demand_mask, search_text
from monitor.core.db import make_engine
from monitor.core.models import (
    Assessment,
    AssessmentState,
    Demand,
    Direction,
    Evidence,
    Reliability,
    Role,
    SourceType,
)
from monitor.core.permissions import Actor
from monitor.services import backup
from monitor.services.accounts import get_or_create_user

_counter = itertools.count(1)


def make_actor(session: Session, username: str = "tester", role: Role = Role.EDITOR) -> Actor:
    return Actor.of(get_or_create_user(session=session, username=username, role=role))


def demand_id(session: Session, code: str) -> int:
    found = session.exec(select(Demand.id).where(Demand.code == code)).one()
    return int(found)  # type: ignore[arg-type]


def make_evidence(
    session: Session, actor: Actor, *, demands: tuple[str, ...] = ("D01",), **overrides: Any
) -> Evidence:
    n = next(_counter)
    values: dict[str, Any] = {
        "uid": str(uuid.uuid4()),
        "title": f"Evidence {n}",
        "description": "A documented fact.",
        "event_start": date(2025, 6, 1),
        "region_code": "crimea",
        "source_type": SourceType.NGO_REPORT,
        "reliability": Reliability.B,
        "credibility": 2,
        "direction": Direction.REGRESSION,
        "created_by": actor.id,
        "updated_by": actor.id,
    }
    values.update(overrides)
    values.setdefault("search_text", search_text.build(values))  # as every writer stores it
    entry = Evidence(**values)
    session.add(entry)
    session.flush()
    assert entry.id is not None
    demand_mask.set_links(session, entry.id, [demand_id(session, code) for code in demands])
    return entry


def make_assessment(
    session: Session, actor: Actor, code: str, score: int, on: date, **overrides: Any
) -> Assessment:
    values: dict[str, Any] = {
        "demand_id": demand_id(session, code),
        "assessed_on": on,
        "score": score,
        "rationale": f"Assessment of {code}",
        "state": AssessmentState.PUBLISHED,
        "author_id": actor.id,
        "approver_id": actor.id,
        "decided_at": datetime.now(UTC),
    }
    values.update(overrides)
    row = Assessment(**values)
    session.add(row)
    session.flush()
    return row


def restore_at(url: str, *, blob: bytes, data_dir: Path) -> dict[str, int]:
    """`backup.restore` into the database at `url`, on an engine made and disposed here."""
    engine = make_engine(url)
    try:
        return backup.restore(engine=engine, blob=blob, data_dir=data_dir)
    finally:
        engine.dispose()
