"""Apply and check Alembic migrations from code, so the app and `monitor` upgrade at start."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from monitor.config import PROJECT_ROOT
from monitor.core.db import MIGRATIONS_DIR, make_engine
from monitor.errors import ConfigError

# any constant will do, as long as nothing else on the server takes the same advisory lock
STARTUP_LOCK_KEY = 0x6D6F6E69746F72  # "monitor"


def alembic_config() -> Config:
    """The project's Alembic configuration, wherever the process was started from."""
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def upgrade(url: str) -> bool:
    """Bring the database to the newest revision; True when something was applied.

    Runs on its own engine with SQLite foreign keys off (batch rebuilds would cascade),
    then checks that no foreign key was broken.
    """
    if _current(url) == head_revision():
        return False
    with one_at_a_time(url):
        if _current(url) == head_revision():  # another host migrated while this one waited
            return False
        _move(url, command.upgrade, "head")
    return True


@contextmanager
def one_at_a_time(url: str) -> Iterator[None]:
    """Hold the database's start-up lock: app hosts started together on a new database
    would otherwise all create the same tables and load the same demands, and all but one
    would stop with a duplicate-table or duplicate-key error.

    PostgreSQL: a session advisory lock on a connection of its own (released when it closes,
    even if the process dies). SQLite: an exclusive lock on a file beside the database, since
    its own locks last one transaction and a migration is several.
    """
    parsed = sa.make_url(url)
    if parsed.get_backend_name() == "postgresql":
        engine = make_engine(url)
        try:
            with engine.connect() as conn:
                conn.execute(sa.text("SELECT pg_advisory_lock(:key)"), {"key": STARTUP_LOCK_KEY})
                conn.commit()
                try:
                    yield
                finally:
                    conn.execute(
                        sa.text("SELECT pg_advisory_unlock(:key)"), {"key": STARTUP_LOCK_KEY}
                    )
                    conn.commit()
        finally:
            engine.dispose()
        return
    database = parsed.database
    if not database or database == ":memory:" or database.startswith("file:"):
        yield  # a database of one process: nobody to wait for
        return
    lock_path = Path(database).with_name(Path(database).name + ".start-lock")
    with lock_path.open("a") as lock_file:
        fcntl.flock(lock_file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock_file, fcntl.LOCK_UN)


def downgrade(url: str, revision: str) -> None:
    """Take the database back to `revision` ("base": empty), the same way as `upgrade`."""
    _move(url, command.downgrade, revision)


def _current(url: str) -> str | None:
    engine = make_engine(url, foreign_keys=False)
    try:
        return current_revision(engine)
    finally:
        engine.dispose()


def _move(url: str, step: Callable[[Config, str], None], revision: str) -> None:
    engine = make_engine(url, foreign_keys=False)
    try:
        cfg = alembic_config()
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            step(cfg, revision)
            conn.commit()
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise ConfigError(key="config.broken_keys", n=len(broken))
    finally:
        engine.dispose()
