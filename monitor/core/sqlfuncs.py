"""Portable SQL functions where the dialects differ."""

from __future__ import annotations

import functools
import re
from typing import Any

from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import GenericFunction
from sqlalchemy.types import Boolean, Integer, NullType, String

from monitor.core.search_text import SQLITE_INDEX
from monitor.core.text import ASCII_APOSTROPHE, OTHER_APOSTROPHES, fold


class casefold(GenericFunction[str]):
    """Unicode case folding for search, the three apostrophes as one (core/text.py):
    SQLite's lower() folds only ASCII, not Cyrillic."""

    type = String()
    inherit_cache = True


@compiles(casefold, "sqlite")
def _casefold_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"monitor_casefold({compiler.process(element.clauses, **kw)})"


@compiles(casefold)
def _casefold_default(element: Any, compiler: Any, **kw: Any) -> str:
    # PostgreSQL's lower() folds Cyrillic; translate() turns ’ and ʼ into the ASCII apostrophe
    arg = compiler.process(element.clauses, **kw)
    others = OTHER_APOSTROPHES
    ascii_quoted = (ASCII_APOSTROPHE * len(others)).replace("'", "''")
    return f"translate(lower({arg}), '{others}', '{ascii_quoted}')"


def python_casefold(value: str | None) -> str | None:
    """The SQLite side of casefold, registered on every connection."""
    return fold(value) if value is not None else None


class year_month(GenericFunction[str]):
    """'YYYY-MM' of a date, for grouping by month on either engine."""

    type = String()
    inherit_cache = True


@compiles(year_month, "sqlite")
def _year_month_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    # SQLite stores dates as 'YYYY-MM-DD' text: a prefix is the month, and much cheaper
    # than strftime on every row
    return f"substr({compiler.process(element.clauses, **kw)}, 1, 7)"


@compiles(year_month, "postgresql")
def _year_month_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"to_char({compiler.process(element.clauses, **kw)}, 'YYYY-MM')"


class utc_iso(GenericFunction[str]):
    """'YYYY-MM-DDTHH:MM:SSZ' of a stored UTC timestamp, formatted by the database."""

    type = String()
    inherit_cache = True


@compiles(utc_iso, "sqlite")
def _utc_iso_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"(substr({arg}, 1, 10) || 'T' || substr({arg}, 12, 8) || 'Z')"


@compiles(utc_iso, "postgresql")
def _utc_iso_pg(element: Any, compiler: Any, **kw: Any) -> str:
    arg = compiler.process(element.clauses, **kw)
    return f"""to_char({arg} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')"""


class regexp_replace_all(GenericFunction[str]):
    """Every match of a pattern replaced, on either engine (the CSV formula guard in SQL).

    The pattern and the replacement must read the same to Python's re and to PostgreSQL:
    no backslashes, "-" last in a bracket expression.
    """

    type = String()
    inherit_cache = True


@compiles(regexp_replace_all, "sqlite")
def _regexp_replace_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"monitor_regexp_replace({compiler.process(element.clauses, **kw)})"


@compiles(regexp_replace_all, "postgresql")
def _regexp_replace_pg(element: Any, compiler: Any, **kw: Any) -> str:
    return f"regexp_replace({compiler.process(element.clauses, **kw)}, 'g')"


@functools.lru_cache(maxsize=32)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern)


def python_regexp_replace(value: str | None, pattern: str, replacement: str) -> str | None:
    """The SQLite side of regexp_replace_all, registered on every connection."""
    return _compiled(pattern).sub(replacement, value) if value is not None else None


class strpos(GenericFunction[int]):
    """Where a text first holds another (1-based, 0 when it does not), on either engine."""

    type = Integer()
    inherit_cache = True


@compiles(strpos, "sqlite")
def _strpos_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"instr({compiler.process(element.clauses, **kw)})"


class holds_pair(GenericFunction[bool]):
    """Whether a text holds a character of one bracket expression right before a character of
    another (`holds_pair(text, "[,;]", "[=+-]")`), on either engine: SQLite's GLOB, which is
    one C scan (ten `instr` calls cost 0.5 s over a 100,000-row briefing), PostgreSQL's `~`.

    Both bracket expressions must read the same to GLOB and to PostgreSQL: no "]", "^" or
    backslash, "-" last.
    """

    type = Boolean()
    inherit_cache = True


@compiles(holds_pair, "sqlite")
def _holds_pair_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    text, first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"({text} GLOB ('*' || {first} || {second} || '*'))"


@compiles(holds_pair, "postgresql")
def _holds_pair_pg(element: Any, compiler: Any, **kw: Any) -> str:
    text, first, second = (compiler.process(c, **kw) for c in element.clauses)
    return f"({text} ~ ({first} || {second}))"


class holds_folded(GenericFunction[Any]):
    """Whether an entry's stored search text holds a folded text, through the search index
    (`monitor.core.search_text`): `holds_folded(evidence.id, evidence.search_text, glob, like)`
    with the text as a GLOB pattern (`*text*`, for SQLite's FTS5 trigram table) and as a LIKE
    pattern (`%text%`, escaped by backslash, for PostgreSQL's pg_trgm index).

    Untyped, so SQLite gets the bare condition its planner can use (a Boolean would be
    compared `= 1`, which hides the rowid lookup from it)."""

    type = NullType()
    inherit_cache = True


@compiles(holds_folded, "sqlite")
def _holds_folded_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    entry_id, _, glob, _ = (compiler.process(c, **kw) for c in element.clauses)
    return f"({entry_id} IN (SELECT rowid FROM {SQLITE_INDEX} WHERE search_text GLOB {glob}))"


@compiles(holds_folded)
def _holds_folded_default(element: Any, compiler: Any, **kw: Any) -> str:
    _, text, _, like = (compiler.process(c, **kw) for c in element.clauses)
    return f"({text} LIKE {like} ESCAPE '\\')"


class scans_folded(GenericFunction[Any]):
    """`holds_folded` tested on each row read, not through the index: cheaper when so many
    entries match that the first page is found after a few hundred rows read in page order."""

    type = NullType()
    inherit_cache = True


@compiles(scans_folded, "sqlite")
def _scans_folded_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    _, text, glob, _ = (compiler.process(c, **kw) for c in element.clauses)
    return f"({text} GLOB {glob})"


@compiles(scans_folded)
def _scans_folded_default(element: Any, compiler: Any, **kw: Any) -> str:
    return _holds_folded_default(element, compiler, **kw)


class unindexed(GenericFunction[Any]):
    """A column the SQLite planner must not choose an index by (`+column`), so that it reads
    rows in the order of the ORDER BY's index instead; elsewhere the column itself."""

    type = NullType()
    inherit_cache = True


@compiles(unindexed, "sqlite")
def _unindexed_sqlite(element: Any, compiler: Any, **kw: Any) -> str:
    return f"+{compiler.process(element.clauses, **kw)}"


@compiles(unindexed)
def _unindexed_default(element: Any, compiler: Any, **kw: Any) -> str:
    return str(compiler.process(element.clauses, **kw))
