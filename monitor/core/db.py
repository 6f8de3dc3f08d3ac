"""Engines and transactions: the one place that connects, commits or rolls back."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, DisconnectionError, NoSuchModuleError, OperationalError
from sqlmodel import Session

from monitor.config import PROJECT_ROOT
from monitor.core.sqlfuncs import python_casefold, python_regexp_replace
from monitor.errors import ConfigError

MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
_IMMEDIATE = "monitor_sqlite_immediate"


def normalise_url(url: str) -> sa.URL:
    """Parse a database URL, choosing psycopg 3 for PostgreSQL; refuse anything else."""
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(key="config.bad_url", url=url) from exc
    backend = parsed.get_backend_name()
    if backend == "postgres":
        backend = "postgresql"
    if backend == "postgresql" and parsed.drivername in {"postgresql", "postgres"}:
        parsed = parsed.set(drivername="postgresql+psycopg")
    elif backend not in {"sqlite", "postgresql"}:
        raise ConfigError(key="config.unsupported", backend=backend)
    return parsed


def _sqlite_path(url: sa.URL) -> Path | None:
    database = url.database
    if not database or database == ":memory:" or database.startswith("file:"):
        return None
    return Path(database)


def _check_sqlite_folder(path: Path) -> None:
    """Fail with one clear line, not a deep sqlite3 traceback, when the file cannot be made."""
    folder = path.resolve().parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError(key="config.folder", folder=str(folder), reason=exc.strerror) from exc
    if not os.access(folder, os.W_OK | os.X_OK) or (path.exists() and not os.access(path, os.W_OK)):
        raise ConfigError(key="config.unwritable", folder=str(folder))


def make_engine(url: str, *, foreign_keys: bool = True, check: bool = True) -> Engine:
    """One engine factory for both backends.

    SQLite gets WAL, foreign keys, a busy timeout and synchronous=NORMAL on every connection,
    and write sessions begin IMMEDIATE so concurrent writers queue instead of failing with
    "database is locked". Migrations pass foreign_keys=False: Alembic's batch rebuild of a
    parent table would otherwise cascade-delete its children.
    """
    parsed = normalise_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = _sqlite_path(parsed)
        if path is not None:
            _check_sqlite_folder(path)
        engine = sa.create_engine(parsed, connect_args={"timeout": 30})
        _install_sqlite_pragmas(engine, foreign_keys=foreign_keys)
    else:
        try:
            # At most 30 connections a process, as before, but each one kept once opened: with
            # 10 kept and 20 more on demand, a connection past the tenth was closed when its
            # session ended and opened again in the next burst of saves (a PostgreSQL backend
            # started each time: 310 in 10 s of 50 paced writers, bench/concurrency.py). The
            # pool still opens a connection only when a session needs one.
            engine = sa.create_engine(parsed, pool_size=30, max_overflow=0)
        except NoSuchModuleError as exc:
            raise ConfigError(key="config.driver", driver=parsed.drivername) from exc
        _ping_when_idle(engine)
    if check:
        check_connection(engine)
    return engine


PING_AFTER_IDLE_SECONDS = 1.0
_RETURNED_AT = "monitor_returned_at"


def _ping_when_idle(engine: Engine) -> None:
    """Ping a pooled connection before use only if it sat idle in the pool for a while.

    Why: a ping is a round trip, and `pool_pre_ping` sent one before every transaction (one of
    a save's seven). A connection returned less than PING_AFTER_IDLE_SECONDS ago was working
    then; one idle longer may have been closed by the server or the network meanwhile, and is
    pinged as before: a dead one is replaced before the session sees it (DisconnectionError
    makes the pool open another). What is left is a server restart in that second: the next
    statement on such a connection fails (the save is refused, nothing half-written), and the
    pool drops every connection opened before it, as a failed ping did.
    """

    @event.listens_for(engine, "checkin")
    def _returned(_dbapi_connection: Any, record: Any) -> None:
        record.info[_RETURNED_AT] = time.monotonic()

    @event.listens_for(engine, "checkout")
    def _checked_out(dbapi_connection: Any, record: Any, _proxy: Any) -> None:
        returned = record.info.get(_RETURNED_AT)
        if returned is None or time.monotonic() - returned < PING_AFTER_IDLE_SECONDS:
            return  # just opened, or used a moment ago
        try:
            engine.dialect.do_ping(dbapi_connection)
        except engine.dialect.loaded_dbapi.Error as exc:
            raise DisconnectionError(str(exc)) from exc


# SQLite reads the database file through a memory map of up to this size instead of a read
# call per page: a scan or a search that reads many rows at random copies no page (the
# register's count of a common word at 1,000,000 entries 0.5-1.0 s -> 0.4-0.7 s, the Overview's
# evidence scans 0.76-1.97 s -> 0.58-0.99 s, same window). Only the file's own size is mapped,
# and SQLite builds cap it (Python's: just under 2 GiB; past it, pages are read as before);
# pages read count as the process's resident (shared, file-backed) memory.
SQLITE_MMAP_BYTES = 2**31


def _install_sqlite_pragmas(engine: Engine, *, foreign_keys: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None  # we emit BEGIN ourselves, below
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA foreign_keys={'ON' if foreign_keys else 'OFF'}")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA mmap_size={SQLITE_MMAP_BYTES}")
        cursor.close()
        dbapi_connection.create_function("monitor_casefold", 1, python_casefold, deterministic=True)
        dbapi_connection.create_function(
            "monitor_regexp_replace", 3, python_regexp_replace, deterministic=True
        )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: sa.Connection) -> None:
        immediate = conn.get_execution_options().get(_IMMEDIATE, False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def check_connection(engine: Engine) -> None:
    """Connect once, turning an unreachable or refused database into one readable line."""
    try:
        with engine.connect() as conn:
            conn.execute(sa.text("SELECT 1"))
    except OperationalError as exc:
        reason = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
        where = engine.url.render_as_string(hide_password=True)
        raise ConfigError(key="config.unreachable", where=where, reason=reason) from exc


def writer(engine: Engine) -> Engine:
    """The same engine, but SQLite transactions take the write lock at BEGIN."""
    if engine.dialect.name == "sqlite":
        return engine.execution_options(**{_IMMEDIATE: True})
    return engine


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A write transaction: commit on success, roll back on any error; nothing half-saved."""
    session = Session(writer(engine), expire_on_commit=False)
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


@contextmanager
def read_session(engine: Engine) -> Iterator[Session]:
    """A read-only session (no write lock taken on SQLite); rows read stay usable after it."""
    session = Session(engine, expire_on_commit=False)
    try:
        yield session
    finally:
        session.close()  # ends the transaction without expiring what was loaded
