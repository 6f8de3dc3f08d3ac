"""An import's new entries go into the register's search index once a chunk, not row by row
(`services.import_writes`: on SQLite the insert trigger is dropped for the chunk's insert and
the index filled by one statement, in one savepoint). What an import writes is found as every
other entry is; an import that fails, at any point, leaves the index and its triggers as they
were; and the import names the likely duplicates its preview named."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from monitor.core import search_text
from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.services import evidence, import_writes, importer
from tests.db.test_evidence import valid
from tests.db.test_import import TODAY, count, csv_bytes, rows
from tests.db.test_import_duplicates import BODY
from tests.db.test_import_duplicates import csv_bytes as duplicates_csv
from tests.db.test_import_duplicates import row as duplicate_row
from tests.db.test_search_index import found
from tests.factories import make_actor

CHUNK = 7  # rows a chunk here, so that a file of 30 rows is written in five


@pytest.fixture(autouse=True)
def _small_chunks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(importer, "CHUNK", CHUNK)


def index_state(engine: sa.Engine) -> list[tuple[Any, ...]]:
    """What keeps the search index: SQLite's triggers on evidence and the FTS table (checked
    whole against the entries), PostgreSQL's indexes on evidence."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            name = search_text.SQLITE_INDEX
            # raises if the index and the entries disagree (the external content checked too)
            conn.exec_driver_sql(f"INSERT INTO {name}({name}, rank) VALUES ('integrity-check', 1)")
            query = (
                "SELECT type, name, sql FROM sqlite_master WHERE tbl_name IN ('evidence', ?) "
                "AND type IN ('trigger', 'table') ORDER BY name"
            )
            return [tuple(r) for r in conn.exec_driver_sql(query, (name,))]
        query = "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'evidence'"
        return sorted(tuple(r) for r in conn.exec_driver_sql(query))


def _import(session: Session, data: bytes) -> importer.ImportReport:
    table = importer.read_table("partner.csv", data)
    return importer.import_rows(
        session=session,
        actor=make_actor(session, "importer", Role.EDITOR),
        table=table,
        mapping=importer.suggest_mapping(table.columns),
        today=TODAY,
    )


def _stored_entry(engine: sa.Engine, title: str) -> int:
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        entry = evidence.create(session=session, actor=actor, data=valid(title=title), today=TODAY)
        assert entry.id is not None
        return entry.id


def test_imported_entries_are_found_by_the_search(engine: sa.Engine) -> None:
    before = _stored_entry(engine, "Блокпост на Чонгарі")
    state = index_state(engine)
    with session_scope(engine) as session:
        report = _import(session, csv_bytes(rows(30)))
    assert report.created == 30
    assert index_state(engine) == state  # the same triggers, the index whole
    for i in (0, 6, 7, 29):  # the first and last rows of chunks
        assert len(found(engine, f"Row {i} «ЛАПКИ»", total=0)) == 1  # through the index
        assert found(engine, f"Row {i} «ЛАПКИ»", total=0) == found(engine, f"row {i} «лапки»")
    assert len(found(engine, "«лапки»", total=0)) == 30
    assert found(engine, "чонгар", total=0) == {before}
    # the trigger is back: an entry saved after the import is indexed as it is written
    after = _stored_entry(engine, "Черга на в'їзд")
    assert found(engine, "В’ЇЗД", total=0) == {after}


def test_a_refused_import_leaves_the_index_and_its_triggers(engine: sa.Engine) -> None:
    before = _stored_entry(engine, "Блокпост на Чонгарі")
    state = index_state(engine)
    body = rows(30)
    body[24][4] = "2025-02-30"  # row 25: three chunks were written before it
    with pytest.raises(importer.ImportRefused), session_scope(engine) as session:
        _import(session, csv_bytes(body))
    assert count(engine) == 1
    assert index_state(engine) == state
    assert found(engine, "«лапки»", total=0) == set()
    assert found(engine, "чонгар", total=0) == {before}


class _FailingSecondFill:
    """`search_text` as the import's writer sees it, but the second chunk's fill fails."""

    def __init__(self) -> None:
        self.fills = 0

    def __getattr__(self, name: str) -> Any:
        if name == "SQLITE_INDEX_AFTER":
            self.fills += 1
            if self.fills == 2:
                return "INSERT INTO no_such_table VALUES (?)"
        return getattr(search_text, name)


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)  # its trigger and FTS table
def test_a_fill_that_fails_leaves_the_trigger_and_the_index_even_if_committed(
    engine: sa.Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    state = index_state(engine)
    monkeypatch.setattr(import_writes, "search_text", _FailingSecondFill())
    with Session(engine) as session:
        with pytest.raises(sa.exc.OperationalError):
            _import(session, csv_bytes(rows(30)))
        session.commit()  # a caller that keeps what was written: the first chunk
    monkeypatch.undo()
    assert count(engine) == CHUNK  # the second chunk's rows went with its savepoint
    assert index_state(engine) == state
    assert len(found(engine, "«лапки»", total=0)) == CHUNK
    assert found(engine, "«лапки»", total=0) == found(engine, "«лапки»", total=10**9)
    after = _stored_entry(engine, "Черга на в'їзд")
    assert found(engine, "в'їзд", total=0) == {after}


def _said(report: importer.ImportReport) -> dict[int, set[tuple[str, object]]]:
    return {
        r: {(m.reason.value, m.row_of or f"#{m.entry_of}") for m in matches}
        for r, matches in report.likely.items()
    }


def test_an_import_of_many_chunks_names_the_duplicates_its_preview_named(
    engine: sa.Engine,
) -> None:
    """Rows like rows of earlier chunks are named with those rows, as the preview names them,
    not again as the entries the import wrote from them a moment before."""
    stored = _stored_entry(engine, "Stored report")
    with engine.begin() as conn:  # at the place and time of the rows' copy of it
        conn.execute(
            sa.text(
                "UPDATE evidence SET region_code = 'kherson', event_start = '2025-03-04', "
                "description = 'Described.', source_url = NULL WHERE id = :id"
            ),
            {"id": stored},
        )
    filler = [duplicate_row(f"Unrelated report {i}", "2025-06-01") for i in range(8)]
    body = [
        *BODY,  # rows 2 and 3 like row 1, 5 like a stored entry by its address
        *filler,
        duplicate_row("School closed in Skadovsk", "2025-03-02"),  # like row 1, a chunk on
        duplicate_row("Teacher detained", "2025-03-03", "https://www.news.example.org/a"),
        duplicate_row("Stored report", "2025-03-05"),  # the stored entry's title, place, time
    ]
    data = duplicates_csv(body)
    with session_scope(engine) as session:
        editor = make_actor(session, "importer", Role.EDITOR)
        table = importer.read_table("file.csv", data)
        mapping = importer.suggest_mapping(table.columns)
        preview = importer.check_rows(
            session=session, actor=editor, table=table, mapping=mapping, today=TODAY
        )
    with session_scope(engine) as session:
        report = _import(session, data)
    assert report.created == len(body)
    assert _said(report) == _said(preview)
    assert report.likely_rows == preview.likely_rows
    later = len(BODY) + len(filler)
    assert {reason for reason, _ in _said(report)[later + 1]} == {"text"}
    assert all(isinstance(of, int) for _, of in _said(report)[later + 1])  # rows, not entries
    assert _said(report)[later + 3] == {("text", f"#{stored}")}
