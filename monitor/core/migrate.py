"""Apply and check Alembic migrations from code, so the app and `monitor` upgrade at start."""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from monitor.config import PROJECT_ROOT
from monitor.core.db import MIGRATIONS_DIR, make_engine
from monitor.errors import ConfigError


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
    _move(url, command.upgrade, "head")
    return True


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
