"""A save on PostgreSQL in four round trips, and a pool that pings only what sat idle.

The save: BEGIN, the read of the regions and demands, one statement that writes the entry, its
links, its audit event and the data version's count, and COMMIT. The ping before a transaction
is sent only for a connection that was idle in the pool (`db.PING_AFTER_IDLE_SECONDS`), and a
connection found dead then is replaced before the session sees it.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy import event
from sqlmodel import select

from monitor.core import audit, db
from monitor.core.db import make_engine, read_session, session_scope
from monitor.core.models import AuditEvent, Evidence, Role
from monitor.core.permissions import Actor
from monitor.services import evidence
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
FORM = {
    "demands": ["D08", "D01"],
    "title": "Round trips",
    "description": "Counted on the wire.",
    "event_start": "2025-10-02",
    "region_code": "kherson",
    "source_type": "media",
    "reliability": "C",
    "credibility": "3",
    "direction": "regression",
}


@pytest.fixture
def editor(postgres_engine: sa.Engine) -> Actor:
    with session_scope(postgres_engine) as session:
        return make_actor(session, "trips", Role.EDITOR)


@pytest.fixture
def wire(postgres_engine: sa.Engine, monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    """What each save sends: pings, BEGIN, statements, COMMIT, in order."""
    sent: list[str] = []
    ping = postgres_engine.dialect.do_ping

    def counted_ping(dbapi_connection: Any) -> bool:
        sent.append("ping")
        return ping(dbapi_connection)

    monkeypatch.setattr(postgres_engine.dialect, "do_ping", counted_ping)

    def statement(_conn: Any, _cursor: Any, text: str, *_: Any) -> None:
        sent.append(" ".join(text.split())[:40])

    listeners: list[tuple[Any, str, Any]] = [
        (postgres_engine, "before_cursor_execute", statement),
        (postgres_engine, "begin", lambda *_: sent.append("BEGIN")),
        (postgres_engine, "commit", lambda *_: sent.append("COMMIT")),
    ]
    for target, name, listener in listeners:
        event.listen(target, name, listener)
    yield sent
    for target, name, listener in listeners:
        event.remove(target, name, listener)


def _save(engine: sa.Engine, actor: Actor, **overrides: Any) -> Evidence:
    with session_scope(engine) as session:
        return evidence.create(
            session=session, actor=actor, data={**FORM, **overrides}, today=TODAY
        )


def test_a_save_is_four_round_trips(
    postgres_engine: sa.Engine, editor: Actor, wire: list[str]
) -> None:
    _save(postgres_engine, editor)  # the first save of an engine may read what the dialect needs
    wire.clear()
    _save(postgres_engine, editor)
    assert len(wire) == 4, wire
    assert wire[0] == "BEGIN" and wire[-1] == "COMMIT", wire
    assert wire[2].startswith("WITH new_entry AS (INSERT INTO evidence"), wire


def test_a_connection_idle_in_the_pool_is_pinged_and_a_dead_one_replaced(
    postgres_engine: sa.Engine, editor: Actor, wire: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    _save(postgres_engine, editor)
    with postgres_engine.connect() as conn:
        backends = {int(conn.execute(sa.select(sa.func.pg_backend_pid())).scalar_one())}
    monkeypatch.setattr(db, "PING_AFTER_IDLE_SECONDS", 0.0)  # every returned one is "idle"
    admin = make_engine(postgres_engine.url.render_as_string(hide_password=False))
    try:
        with admin.connect() as conn:  # the server closes the pooled connections meanwhile
            for backend in backends:
                conn.execute(sa.select(sa.func.pg_terminate_backend(backend)))
    finally:
        admin.dispose()
    wire.clear()
    entry = _save(postgres_engine, editor, title="After the server closed it")
    assert wire.count("ping") >= 1 and "COMMIT" in wire, wire
    with read_session(postgres_engine) as session:
        assert evidence.load(session=session, evidence_id=entry.id or 0).title == entry.title


def test_the_entry_returned_is_in_the_session_as_loaded(database_url: str) -> None:
    """Both engines: a caller may change the new entry in the same transaction, and find it."""
    engine = make_engine(database_url)
    try:
        with session_scope(engine) as session:
            actor = make_actor(session, "loaded", Role.EDITOR)
        queries: list[str] = []
        with session_scope(engine) as session:
            entry = evidence.create(session=session, actor=actor, data=FORM, today=TODAY)
            assert not session.new and not session.dirty
            event.listen(engine, "before_cursor_execute", lambda *a: queries.append(a[2]))
            assert session.get(Evidence, entry.id) is entry
            assert queries == []  # found in the session, not read again
            entry.source_title = "Changed in the same transaction"
        with read_session(engine) as session:
            stored = evidence.load(session=session, evidence_id=entry.id or 0)
            assert stored.source_title == "Changed in the same transaction"
            assert stored.search_text == entry.search_text and stored.uid == entry.uid
            (after,) = session.exec(
                select(AuditEvent.after).where(AuditEvent.entity_id == str(entry.id))
            ).all()
            assert after == audit.jsonable(
                {**evidence.view(session=session, entry=stored), "source_title": None}
            )
    finally:
        engine.dispose()
