"""An import into an empty register builds the register's indexes after its rows
(`import_writes.indexes_built_after`): the database after it is the one row-by-row indexing
made (the same index definitions, each holding what it must, checked by SQLite's own integrity
check), and an import that is refused or fails, at any point, leaves the indexes as they were,
even for a caller that commits what was written. Into a register that holds entries, and where
the planner's statistics name the table, the indexes are kept throughout."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.services import evidence, import_writes, importer
from tests.db.test_evidence import valid
from tests.db.test_import import TODAY, count, csv_bytes, rows
from tests.db.test_import_speed_search import _FailingSecondFill
from tests.factories import make_actor

CHUNK = 7  # rows a chunk here, so that a file of 30 rows is written in five

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK", CHUNK)


@pytest.fixture
def statements(engine: sa.Engine) -> Iterator[list[str]]:
    """Every statement sent to the database while the test runs."""
    sent: list[str] = []

    def seen(*args: Any) -> None:
        sent.append(str(args[2]))

    sa.event.listen(engine, "before_cursor_execute", seen)
    yield sent
    sa.event.remove(engine, "before_cursor_execute", seen)


def indexes(engine: sa.Engine) -> list[tuple[Any, ...]]:
    """The evidence table's indexes as SQLite keeps them (by name: unique or not, how it was
    made, partial or not, its statement), after SQLite's integrity check of every index
    against the table's rows."""
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA integrity_check").scalar() == "ok"
        made = dict(
            conn.exec_driver_sql(
                "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence'"
            ).all()
        )
        listed = conn.exec_driver_sql("PRAGMA index_list(evidence)").all()
        return sorted((row[1], row[2], row[3], row[4], made[row[1]]) for row in listed)


def _import(session: Session, data: bytes) -> importer.ImportReport:
    table = importer.read_table("partner.csv", data)
    return importer.import_rows(
        session=session,
        actor=make_actor(session, "importer", Role.EDITOR),
        table=table,
        mapping=importer.suggest_mapping(table.columns),
        today=TODAY,
    )


def _dropped(sent: list[str]) -> list[str]:
    return [s for s in sent if s.startswith("DROP INDEX")]


def test_an_import_into_an_empty_register_builds_the_same_indexes(
    engine: sa.Engine, statements: list[str]
) -> None:
    before = indexes(engine)
    assert len(before) >= 10  # nine of its own and the unique one on uid
    with session_scope(engine) as session:
        assert _import(session, csv_bytes(rows(30))).created == 30
    assert indexes(engine) == before
    dropped = _dropped(statements)
    assert len(dropped) == len(before) - 1  # all but the unique one, which refuses a twin
    assert not any("uq_evidence_uid" in s or "autoindex" in s for s in dropped)
    with engine.connect() as conn:  # what each index holds: the rows found through it
        for name, *_ in before:
            if name.startswith("sqlite_autoindex"):
                continue
            columns = [r[2] for r in conn.exec_driver_sql(f"PRAGMA index_info({name})")]
            through = conn.exec_driver_sql(
                f"SELECT id FROM evidence INDEXED BY {name} "
                f"WHERE {columns[0]} IS NULL OR {columns[0]} IS NOT NULL"
            ).all()
            assert len(through) == 30, name


def test_entries_saved_after_such_an_import_are_indexed_as_ever(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        _import(session, csv_bytes(rows(30)))
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        evidence.create(session=session, actor=actor, data=valid(title="Later"), today=TODAY)
    assert count(engine) == 31
    indexes(engine)  # the integrity check of every index, the new entry in each


def test_an_import_into_a_register_with_entries_keeps_its_indexes(
    engine: sa.Engine, statements: list[str]
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        evidence.create(session=session, actor=actor, data=valid(title="Stored"), today=TODAY)
    before = indexes(engine)
    with session_scope(engine) as session:
        assert _import(session, csv_bytes(rows(30))).created == 30
    assert _dropped(statements) == []
    assert indexes(engine) == before


def test_a_refused_import_leaves_the_indexes(engine: sa.Engine, statements: list[str]) -> None:
    before = indexes(engine)
    body = rows(30)
    body[24][4] = "2025-02-30"  # row 25: three chunks were written before it
    with pytest.raises(importer.ImportRefused), session_scope(engine) as session:
        _import(session, csv_bytes(body))
    assert _dropped(statements)
    assert count(engine) == 0
    assert indexes(engine) == before


def test_a_failure_midway_leaves_the_indexes_even_if_committed(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = indexes(engine)
    monkeypatch.setattr(import_writes, "search_text", _FailingSecondFill())
    with Session(engine) as session:
        with pytest.raises(sa.exc.OperationalError):
            _import(session, csv_bytes(rows(30)))
        session.commit()  # a caller that keeps what was written: the first chunk
    monkeypatch.undo()
    assert count(engine) == CHUNK
    assert indexes(engine) == before  # indexed: the integrity check holds


def test_indexes_that_cannot_be_made_again_roll_the_import_back_to_before(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = indexes(engine)
    found = import_writes._deferrable_indexes

    def broken(conn: sa.Connection) -> list[tuple[str, str]]:
        made = found(conn)
        name, _ = made[-1]
        return [*made[:-1], (name, "CREATE INDEX broken ON no_such_table (x)")]

    monkeypatch.setattr(import_writes, "_deferrable_indexes", broken)
    with Session(engine) as session:
        with pytest.raises(sa.exc.OperationalError):
            _import(session, csv_bytes(rows(30)))
        session.commit()  # a caller that keeps what was written: nothing is left
    assert count(engine) == 0
    assert indexes(engine) == before


def test_statistics_of_the_table_keep_its_indexes(engine: sa.Engine, statements: list[str]) -> None:
    with engine.begin() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.exec_driver_sql(
            "INSERT INTO sqlite_stat1 (tbl, idx, stat) "
            "VALUES ('evidence', 'ix_evidence_event_start', '100 2')"
        )
    before = indexes(engine)
    with session_scope(engine) as session:
        assert _import(session, csv_bytes(rows(30))).created == 30
    assert _dropped(statements) == []
    assert indexes(engine) == before
    with engine.connect() as conn:
        stat = "SELECT stat FROM sqlite_stat1 WHERE idx = 'ix_evidence_event_start'"
        assert conn.exec_driver_sql(stat).scalar() == "100 2"
