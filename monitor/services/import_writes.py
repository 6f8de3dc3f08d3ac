"""Writing many rows at once, for the import: one driver executemany a table on SQLite (new
entries indexed for the register's search once, not row by row; into an empty register, its
other indexes built once after the rows), and a larger page cache while an import writes.
(Pure mechanics: what is written is the importer's.)"""

from __future__ import annotations

import gc
import operator
import sqlite3
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from monitor.core import search_text

CONVERSIONS_KEPT = 4096  # converted values remembered per column while writing
IMPORT_CACHE_KIB = 16 * 1024  # SQLite's page cache while an import writes
COLLECT_EVERY = 50_000  # new objects between two runs of the cycle collector, while importing


def _converter(column_type: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Any:
    """A column type's bind processor, then the driver's own adapter for what it gives (a
    date or a time, which sqlite3 turns into text by the adapter registered for its type, a
    Python call a value); for a value that repeats (an enum, a date, the time of the import)
    each distinct value is converted once. A JSON value is converted each time, but for None
    (a new row's "before"), converted once."""
    process = column_type.bind_processor(dialect)
    if isinstance(column_type, sa.JSON) and process is not None:
        none = process(None)
        json_process = process
        return lambda value: none if value is None else json_process(value)
    timed = isinstance(column_type, (sa.Date, sa.DateTime))
    if process is None and not timed:
        return None
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            out = process(value) if process is not None else value
            if isinstance(out, date):  # a datetime is a date too
                out = sqlite3.adapt(out, sqlite3.PrepareProtocol, out)
            done[value] = out
            if len(done) > CONVERSIONS_KEPT:
                done.clear()
            return out

    return convert


def bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Rows (all with the same keys; an entry's get their `search_text` added) as one
    executemany of the driver (`insert_values`)."""
    if not rows:
        return
    if table.name == "evidence":  # new entries carry their search text (core.search_text)
        for row in rows:
            row["search_text"] = search_text.build(row)
    keys = list(rows[0])
    take = operator.itemgetter(*keys)
    values = [take(row) for row in rows] if len(keys) > 1 else [(row[keys[0]],) for row in rows]
    insert_values(conn, table, keys, values, rows)


def insert_values(
    conn: sa.Connection,
    table: sa.Table,
    keys: Sequence[str],
    values: list[tuple[Any, ...]],
    rows: list[dict[str, Any]] | None = None,
) -> None:
    """Rows given as tuples of the values of `keys` (an entry's with its `search_text`) as one
    executemany of the driver, each value converted by its column type's own bind processor
    (the enums, the UTC times, the JSON): what `conn.execute(insert, rows)` does, without its
    per-row bookkeeping, half of a new row's cost on SQLite. (RETURNING in row order would
    cost a statement a row there.) Other engines take the ordinary statement, which they
    batch as multi-row VALUES (`rows`, the same rows as dicts, when the caller has them)."""
    if not values:
        return
    dialect = conn.dialect
    if dialect.name != "sqlite":  # psycopg adapts JSON itself; SQLAlchemy batches well there
        given = rows if rows is not None else [dict(zip(keys, v, strict=True)) for v in values]
        conn.execute(sa.insert(table), given)
        return
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(keys))
    placed = list(compiled.positiontup or ())  # SQLite's "?" placeholders, in their order
    where = {key: index for index, key in enumerate(keys)}
    order = [where[key] for key in placed]
    # only the columns with a bind processor converted (most are texts and numbers, which the
    # driver takes as they are); the values reordered only if the placeholders' order differs
    convert = [
        (i, c)
        for i, c in enumerate(_converter(table.c[key].type, dialect) for key in placed)
        if c is not None
    ]
    converted: list[Any] = values
    if order != list(range(len(keys))):
        take = operator.itemgetter(*order)
        converted = [take(v) if len(order) > 1 else (v[order[0]],) for v in values]
    if convert:
        out = []
        for value in converted:
            row = list(value)
            for i, process in convert:
                row[i] = process(row[i])
            out.append(tuple(row))
        converted = out
    if table.name == "evidence" and _search_trigger(conn):
        _insert_then_index(conn, compiled.string, converted)
    else:
        conn.exec_driver_sql(compiled.string, converted)


def _search_trigger(conn: sa.Connection) -> bool:
    """Whether the register's search index is kept by its insert trigger here (it is wherever
    migration 0017 ran; a database being migrated may not have it yet)."""
    query = "SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?"
    return conn.exec_driver_sql(query, (search_text.SQLITE_INSERT_TRIGGER,)).first() is not None


def _insert_then_index(conn: sa.Connection, statement: str, rows: list[Any]) -> None:
    """New entries into SQLite with the search index filled once for all of them
    (`search_text.SQLITE_INDEX_AFTER`) instead of by the insert trigger row by row.

    One savepoint holds it all: if any of it fails, the rows, the index and the trigger are
    as they were before, whatever the caller then does with its transaction. The dropped
    trigger is never seen by another connection: SQLite's schema changes are part of the
    transaction, and the write lock is held from the DROP to the commit, so nobody else can
    insert an entry meanwhile."""
    with conn.begin_nested():
        conn.exec_driver_sql(f"DROP TRIGGER {search_text.SQLITE_INSERT_TRIGGER}")
        last = conn.exec_driver_sql("SELECT coalesce(max(id), 0) FROM evidence").scalar()
        conn.exec_driver_sql(statement, rows)
        conn.exec_driver_sql(search_text.SQLITE_INDEX_AFTER, (last,))
        conn.exec_driver_sql(search_text.SQLITE_ON_INSERT)


@contextmanager
def indexes_built_after(session: Session, write: bool) -> Iterator[None]:
    """On SQLite, an import into a register with no entries builds the register's secondary
    indexes once, after its rows, instead of row by row: they are dropped before its first
    row and created again, by their own stored definitions, after its last, all in one
    savepoint of the import's transaction.

    Why: an entry goes into nine indexes, four of them in an order unlike the entries' own
    (hashes, the region first), so each row touched a page of each anywhere in the index;
    that was two thirds of an entry's INSERT, and more as the indexes outgrew the page cache
    at a million rows. Built after, each index is one sort of what the table holds.

    The same database after it: the same indexes (SQLite keeps the statement that made each
    one, and they are made by it again, in the order they were made), holding what an index
    holds of the same rows; the unique index on `uid`, which refuses a second entry with an
    id, is never dropped. Nothing between sees them missing: the write lock is held from the
    drop to the commit (schema changes are part of the transaction; other connections read
    the register as it was before), and nothing the import itself asks needs them: with no
    entry stored it looks up no stored entry but by `uid` and the primary key. If anything in
    between fails, the indexes are created again all the same, over the rows written so far
    (a caller that keeps what was written keeps it indexed, as before); should that fail too,
    the savepoint is rolled back, indexes and rows as they were, whatever the caller then does
    with its transaction. Only for an empty register: into one that holds entries, creating
    an index would sort those too, and the import's look-ups of the stored entries need the
    indexes. (Nor when the planner's statistics hold any for the table: dropping an index
    drops its statistics.)"""
    if not write or session.get_bind().dialect.name != "sqlite":
        yield
        return
    conn = session.connection()
    indexes = _deferrable_indexes(conn)
    if not indexes:
        yield
        return
    savepoint = conn.begin_nested()
    for name, _ in indexes:
        conn.exec_driver_sql(f'DROP INDEX "{name}"')
    try:
        yield
    finally:
        if savepoint.is_active:  # else the whole transaction was rolled back, indexes and all
            try:
                for _, statement in indexes:
                    conn.exec_driver_sql(statement)
            except BaseException:
                savepoint.rollback()
                raise
            savepoint.commit()


def _deferrable_indexes(conn: sa.Connection) -> list[tuple[str, str]]:
    """The evidence table's own non-unique indexes (name, the statement that made it), in
    the order they were made; none when the table holds an entry or has statistics."""
    if conn.exec_driver_sql("SELECT 1 FROM evidence LIMIT 1").first() is not None:
        return []
    stats = conn.exec_driver_sql(
        "SELECT name FROM sqlite_master WHERE type = 'table' "
        "AND name IN ('sqlite_stat1', 'sqlite_stat4')"
    ).all()
    for (stat,) in stats:
        if conn.exec_driver_sql(f"SELECT 1 FROM {stat} WHERE tbl = 'evidence'").first():
            return []
    unique = {
        row[1]
        for row in conn.exec_driver_sql("PRAGMA index_list(evidence)")
        if row[2] or row[3] != "c"
    }
    made = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'evidence' "
        "AND sql IS NOT NULL ORDER BY rowid"
    )
    return [(str(name), str(sql)) for name, sql in made if name not in unique]


@contextmanager
def page_cache(session: Session, write: bool) -> Iterator[None]:
    """A larger SQLite page cache while an import writes (the indexes of a million entries do
    not fit the default 2 MB, and every page read again costs a system call), then the
    connection's own again."""
    if not write or session.get_bind().dialect.name != "sqlite":
        yield
        return
    before = session.execute(sa.text("PRAGMA cache_size")).scalar()
    session.execute(sa.text(f"PRAGMA cache_size = -{IMPORT_CACHE_KIB}"))
    try:
        yield
    finally:
        session.execute(sa.text(f"PRAGMA cache_size = {int(before or -2000)}"))


_collector = threading.Lock()
_importing = 0  # passes over a file running now, in any thread
_threshold: tuple[int, int, int] | None = None  # the collector's own, restored by the last


@contextmanager
def collector_eased() -> Iterator[None]:
    """The cycle collector at ease while a file is read: the objects that exist before it
    (the process's modules, the models, the engine: a million or so) frozen out of its
    collections, and a collection every COLLECT_EVERY new objects instead of every 700. A
    pass over a file allocates a few objects a cell and keeps them a chunk; the collector,
    run by that count and walking every object the process holds, was an eighth of an
    import's CPU. Nothing is left uncollected: when the last pass running ends, the frozen
    objects are collected as usual again and the threshold is the collector's own."""
    global _importing, _threshold
    with _collector:
        if _importing == 0:
            _threshold = gc.get_threshold()
            gc.freeze()
            gc.set_threshold(COLLECT_EVERY, *_threshold[1:])
        _importing += 1
    try:
        yield
    finally:
        with _collector:
            _importing -= 1
            if _importing == 0 and _threshold is not None:
                gc.set_threshold(*_threshold)
                gc.unfreeze()
