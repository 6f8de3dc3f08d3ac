"""Writing many rows at once, for the import: one driver executemany a table on SQLite, and a
larger page cache while an import writes. (Pure mechanics: what is written is the importer's.)"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from monitor.core import search_text

CONVERSIONS_KEPT = 4096  # converted values remembered per column while writing
IMPORT_CACHE_KIB = 16 * 1024  # SQLite's page cache while an import writes


def _converter(column_type: sa.types.TypeEngine[Any], dialect: sa.Dialect) -> Any:
    """A column type's bind processor; for a value that repeats (an enum, a date, the time of
    the import) each distinct value is converted once. A JSON value is converted each time."""
    process = column_type.bind_processor(dialect)
    if process is None or isinstance(column_type, sa.JSON):
        return process
    done: dict[Any, Any] = {}

    def convert(value: Any) -> Any:
        try:
            return done[value]
        except KeyError:
            out = done[value] = process(value)
            if len(done) > CONVERSIONS_KEPT:
                done.clear()
            return out

    return convert


def bulk_insert(conn: sa.Connection, table: sa.Table, rows: list[dict[str, Any]]) -> None:
    """Rows (all with the same keys) as one executemany of the driver, each value converted by
    its column type's own bind processor (the enums, the UTC times, the JSON): what
    `conn.execute(insert, rows)` does, without its per-row bookkeeping, half of a new row's
    cost on SQLite. (RETURNING in row order would cost a statement a row there.) Other
    engines take the ordinary statement, which they batch as multi-row VALUES."""
    if not rows:
        return
    if table.name == "evidence":  # new entries carry their search text (core.search_text)
        rows = [{**row, "search_text": search_text.build(row)} for row in rows]
    dialect = conn.dialect
    if dialect.name != "sqlite":  # psycopg adapts JSON itself; SQLAlchemy batches well there
        conn.execute(sa.insert(table), rows)
        return
    compiled = sa.insert(table).compile(dialect=dialect, column_keys=list(rows[0]))
    keys = list(compiled.positiontup or ())  # SQLite's "?" placeholders, in their order
    converters = [_converter(table.c[key].type, dialect) for key in keys]
    pairs = list(zip(keys, converters, strict=True))
    converted = [
        tuple([row[key] if convert is None else convert(row[key]) for key, convert in pairs])
        for row in rows
    ]
    conn.exec_driver_sql(compiled.string, converted)


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
