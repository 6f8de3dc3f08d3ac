"""Apply and check Alembic migrations from code, so the app and `monitor` upgrade at start."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory

from monitor.config import PROJECT_ROOT
from monitor.db import MIGRATIONS_DIR, make_engine
from monitor.errors import ConfigError
from monitor.models import SQLModel


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
    engine = make_engine(url, foreign_keys=False)
    try:
        if current_revision(engine) == head_revision():
            return False
        cfg = alembic_config()
        with engine.connect() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            conn.commit()
            if conn.dialect.name == "sqlite":
                broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                if broken:
                    raise ConfigError(f"migration left {len(broken)} broken foreign keys")
        return True
    finally:
        engine.dispose()


def schema_differences(engine: sa.Engine) -> list[object]:
    """What autogenerate would still change: empty when models and migrations agree."""
    with engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": True})
        return list(compare_metadata(ctx, SQLModel.metadata))
