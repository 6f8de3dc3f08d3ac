"""The PostgreSQL tests' reset (conftest's `_reset_postgres`) gives each test what seeding left.

It copies the seeded rows back from a snapshot instead of emptying every table and loading the
reference data again, so this checks what the old way promised: the same rows in every table,
append-only ones too, and the same next ids (as TRUNCATE ... RESTART IDENTITY gave).
"""

from __future__ import annotations

import sqlalchemy as sa

from monitor.core import audit
from monitor.core.db import session_scope
from monitor.core.models import Role, SQLModel
from tests.conftest import _reset_postgres
from tests.factories import make_actor, make_evidence


def _contents(engine: sa.Engine) -> dict[str, list[str]]:
    """Every row of every table but the change counter, and every sequence's position."""
    found: dict[str, list[str]] = {}
    with engine.connect() as conn:
        for table in SQLModel.metadata.sorted_tables:
            if table.name != "data_version":
                found[table.name] = sorted(repr(tuple(r)) for r in conn.execute(sa.select(table)))
        sequences = "SELECT sequencename, last_value FROM pg_sequences WHERE schemaname = 'public'"
        found["sequences"] = sorted(repr(tuple(r)) for r in conn.exec_driver_sql(sequences))
    return found


def test_the_reset_leaves_the_seeded_rows_and_the_next_ids(postgres_engine: sa.Engine) -> None:
    seeded = _contents(postgres_engine)
    assert seeded["demand"] and seeded["audit_event"]  # the reference data is there
    with session_scope(postgres_engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        first = make_evidence(session, admin, demands=("D01", "D02")).id
        audit.record(session, admin, "test", "evidence", first)  # an append-only table's row
    assert _contents(postgres_engine) != seeded
    _reset_postgres(postgres_engine)
    assert _contents(postgres_engine) == seeded
    with session_scope(postgres_engine) as session:
        again = make_evidence(session, make_actor(session, "admin", Role.ADMIN)).id
    assert again == first
