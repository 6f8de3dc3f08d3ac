"""One save, few statements: what a new entry writes and audits is what reading it back gives,
and the statements it takes stay few (each one is a round trip to PostgreSQL under load).

The statement counts are structure, not speed: a change that adds a query to every save shows
here, with the list of statements, before it shows in `bench/concurrency.py`.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import col, select

from monitor.core import audit, demand_mask
from monitor.core.db import read_session, session_scope
from monitor.core.models import AuditEvent, DataVersion, Evidence, EvidenceDemand, Role
from monitor.core.permissions import Actor
from monitor.errors import InvalidInput
from monitor.services import evidence
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
FORM = {
    "demands": ["D08", "D01", "D03"],  # not in demand order: the audit lists them in order
    "title": "Counted save",
    "description": "Written to count statements.",
    "event_start": "2025-10-02",
    "region_code": "kherson",
    "source_type": "media",
    "reliability": "C",
    "credibility": "3",
    "direction": "regression",
}
# statements a save sends through the driver (BEGIN and COMMIT are the driver's own):
# SQLite also sends BEGIN IMMEDIATE, and counts the change and inserts the audit event apart
STATEMENTS = {"postgresql": 4, "sqlite": 6}


@pytest.fixture
def editor(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "counter", Role.EDITOR)


@pytest.fixture
def statements(engine: sa.Engine) -> Iterator[list[str]]:
    sent: list[str] = []

    def count(_conn: Any, _cursor: Any, statement: str, *_: Any) -> None:
        sent.append(" ".join(statement.split())[:90])

    event.listen(engine, "before_cursor_execute", count)
    yield sent
    event.remove(engine, "before_cursor_execute", count)


def _save(engine: sa.Engine, actor: Actor, **overrides: Any) -> int:
    with session_scope(engine) as session:
        entry = evidence.create(
            session=session, actor=actor, data={**FORM, **overrides}, today=TODAY
        )
        assert entry.id is not None
        return entry.id


def test_a_save_takes_few_statements(
    engine: sa.Engine, editor: Actor, statements: list[str]
) -> None:
    _save(engine, editor)  # the first save of an engine may read what the dialect needs
    statements.clear()
    _save(engine, editor)
    assert len(statements) <= STATEMENTS[engine.dialect.name], statements


def test_what_a_save_audits_is_what_reading_it_back_gives(engine: sa.Engine, editor: Actor) -> None:
    entry_id = _save(engine, editor)
    with read_session(engine) as session:
        entry = evidence.load(session=session, evidence_id=entry_id)
        read_back = evidence.view(session=session, entry=entry)
        (after,) = session.exec(
            select(AuditEvent.after).where(
                AuditEvent.action == "create", AuditEvent.entity_id == str(entry_id)
            )
        ).all()
        links = session.exec(
            select(EvidenceDemand.demand_id).where(EvidenceDemand.evidence_id == entry_id)
        ).all()
        assert demand_mask.mismatches(session) == 0
    assert read_back["demands"] == ["D01", "D03", "D08"]
    assert after == audit.jsonable(read_back)
    assert len(links) == 3
    assert entry.demand_mask == demand_mask.mask(links)


def test_a_save_counts_one_change_and_two_saves_in_one_transaction_one_slot(
    engine: sa.Engine, editor: Actor
) -> None:
    def slots() -> dict[int, int]:
        with engine.connect() as conn:
            rows = conn.execute(sa.select(col(DataVersion.id), col(DataVersion.version)))
            return {int(slot): int(count) for slot, count in rows}

    before = slots()
    _save(engine, editor)
    with session_scope(engine) as session:
        for title in ("one", "two"):
            evidence.create(
                session=session, actor=editor, data={**FORM, "title": title}, today=TODAY
            )
    after = slots()
    moved = sorted(after[slot] - before[slot] for slot in after if after[slot] != before[slot])
    # the transaction of two saves counted both in the slot it held (the lone save may have
    # taken the same slot, and on SQLite every change is counted in slot 1)
    assert moved in ([1, 2], [3])


def test_a_refused_save_writes_nothing(engine: sa.Engine, editor: Actor) -> None:
    with engine.connect() as conn:
        version = audit.data_version(conn)
    with pytest.raises(InvalidInput):
        _save(engine, editor, demands=["D99"])
    with read_session(engine) as session:
        assert session.exec(select(Evidence)).all() == []
    with engine.connect() as conn:
        assert audit.data_version(conn) == version
