"""Writers on PostgreSQL each count their change in a free slot at the first try.

With fewer writers than slots, a slot is always free, so no writer should ever fall back to
waiting for one. Before the free slot was a FROM subquery, a save whose slot had just been
changed by another commit chose a second slot on PostgreSQL's recheck, held both and counted in
neither (about 1 save in 120 with 30 writers), and two such writers deadlocked.
"""

from __future__ import annotations

import threading
import time
from datetime import date

import pytest
import sqlalchemy as sa

from monitor.core import audit
from monitor.core.db import session_scope
from monitor.core.models import DATA_VERSION_SLOTS, Role
from monitor.services import evidence
from tests.factories import make_actor

WRITERS = 16
SECONDS = 2.0
FORM = {
    "demands": ["D01"],
    "title": "Slot",
    "event_start": "2025-10-02",
    "region_code": "kherson",
    "source_type": "media",
    "reliability": "C",
    "credibility": "3",
    "direction": "regression",
}


@pytest.mark.timeout(120)
def test_writers_fewer_than_slots_never_wait_for_one(
    postgres_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert WRITERS < DATA_VERSION_SLOTS
    with session_scope(postgres_engine) as session:
        actor = make_actor(session, "slots", Role.EDITOR)
    with postgres_engine.connect() as conn:
        before = audit.data_version(conn)
    waited: list[int] = []
    wait = audit._wait_for_a_slot

    def counted_wait(conn: sa.Connection) -> int:
        waited.append(1)
        return wait(conn)

    monkeypatch.setattr(audit, "_wait_for_a_slot", counted_wait)
    saves: list[int] = []
    errors: list[str] = []
    stop = time.monotonic() + SECONDS

    def write() -> None:
        while time.monotonic() < stop:
            try:
                with session_scope(postgres_engine) as session:
                    entry = evidence.create(
                        session=session, actor=actor, data=FORM, today=date(2026, 11, 23)
                    )
                saves.append(entry.id or 0)
            except Exception as exc:  # reported below, not lost in a thread
                errors.append(str(exc).splitlines()[0])

    threads = [threading.Thread(target=write) for _ in range(WRITERS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with postgres_engine.connect() as conn:
        counted = audit.data_version(conn) - before
    assert errors == []
    assert saves and waited == []
    assert counted == len(saves)
