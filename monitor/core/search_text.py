"""The register's search text: an entry's searched texts folded once, when they are written.

The search box finds a text anywhere in an entry's title, description, settlement, source title
or stable id, in any case and whatever apostrophe either side has (`monitor.core.text.fold`).
Folding every row's five texts at each search cost 13.6 s at a million entries; so every writer
of those texts stores their folded form in `evidence.search_text` (`build`), and the database
indexes that one column: SQLite an FTS5 trigram table over it (`SQLITE_INDEX`, kept in step by
triggers), PostgreSQL a pg_trgm GIN index (`POSTGRES_INDEX`). Both find substrings, so the
search matches exactly what folding each text at search time matched.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import sqlalchemy as sa

from monitor.core.text import fold

SEARCHED = ("title", "description", "settlement_name", "source_title", "uid")
# between the folded texts: a search never spans two of them unless it holds this itself
# (`queries.evidence` then tests each text on its own); the search box is one line
SEPARATOR = "\n"
SQLITE_INDEX = "evidence_search"  # the FTS5 table; its shadow tables start with this name
POSTGRES_INDEX = "ix_evidence_search_text_trgm"
CHUNK = 5_000


def build(values: Mapping[Any, Any]) -> str:
    """The stored search text of an entry with these values (missing or None texts are empty).

    The texts are joined, then folded at once: folding goes character by character and leaves
    the separator as it is, so that is each text folded, in one call instead of five."""
    return fold(SEPARATOR.join([str(values.get(name) or "") for name in SEARCHED]))


def refresh(conn: sa.Connection) -> int:
    """Rebuild every entry's search text (a migration, a restore of an older backup)."""
    names = ", ".join(SEARCHED)
    done, last = 0, 0
    while True:
        rows = (
            conn.execute(
                sa.text(f"SELECT id, {names} FROM evidence WHERE id > :last ORDER BY id LIMIT :n"),
                {"last": last, "n": CHUNK},
            )
            .mappings()
            .all()
        )
        if not rows:
            return done
        conn.execute(
            sa.text("UPDATE evidence SET search_text = :text WHERE id = :id"),
            [{"id": row["id"], "text": build(row)} for row in rows],
        )
        done += len(rows)
        last = int(rows[-1]["id"])


# SQLite: an FTS5 table of trigrams over `evidence.search_text` (external content: the text is
# stored once, in evidence), exact bytes (the text is folded already), no positions (a GLOB is
# checked against the text itself anyway). Triggers keep it in step with every write. A later
# migration that rebuilds the evidence table (batch mode) drops its triggers: run SQLITE_DROP
# before and SQLITE_CREATE after it.
SQLITE_INSERT_TRIGGER = f"{SQLITE_INDEX}_insert"
SQLITE_ON_INSERT = (
    f"CREATE TRIGGER {SQLITE_INSERT_TRIGGER} AFTER INSERT ON evidence BEGIN "
    f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) VALUES (new.id, new.search_text); END"
)
# A bulk insert (the import) indexes its rows at once instead: the insert trigger dropped, the
# rows written, the entries past the last id before them indexed by one statement (`?`: that
# id), the trigger created again, in one savepoint (`services.import_writes`). Row by row the
# trigger cost 0.1 ms an entry, four fifths of the entry's INSERT; in one statement 12 µs.
SQLITE_INDEX_AFTER = (
    f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) "
    "SELECT id, search_text FROM evidence WHERE id > ? ORDER BY id"
)
SQLITE_CREATE = (
    f"CREATE VIRTUAL TABLE {SQLITE_INDEX} USING fts5(search_text, content='evidence', "
    "content_rowid='id', tokenize='trigram case_sensitive 1', detail=none)",
    f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}) VALUES ('rebuild')",
    SQLITE_ON_INSERT,
    f"CREATE TRIGGER {SQLITE_INDEX}_delete AFTER DELETE ON evidence BEGIN "
    f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); END",
    f"CREATE TRIGGER {SQLITE_INDEX}_update AFTER UPDATE OF search_text ON evidence BEGIN "
    f"INSERT INTO {SQLITE_INDEX}({SQLITE_INDEX}, rowid, search_text) "
    "VALUES ('delete', old.id, old.search_text); "
    f"INSERT INTO {SQLITE_INDEX}(rowid, search_text) VALUES (new.id, new.search_text); END",
)
SQLITE_DROP = (
    f"DROP TRIGGER IF EXISTS {SQLITE_INDEX}_update",
    f"DROP TRIGGER IF EXISTS {SQLITE_INDEX}_delete",
    f"DROP TRIGGER IF EXISTS {SQLITE_INSERT_TRIGGER}",
    f"DROP TABLE IF EXISTS {SQLITE_INDEX}",
)
POSTGRES_CREATE = f"CREATE INDEX {POSTGRES_INDEX} ON evidence USING gin (search_text gin_trgm_ops)"
POSTGRES_DROP = f"DROP INDEX IF EXISTS {POSTGRES_INDEX}"
