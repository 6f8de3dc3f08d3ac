"""Alembic environment: the URL comes from Settings, SQLite runs in batch mode."""

from __future__ import annotations

from typing import Any

from alembic import context

from monitor.config import get_settings
from monitor.core import models
from monitor.core.db import make_engine

target_metadata = models.SQLModel.metadata


def render_item(type_: str, obj: Any, _autogen_context: Any) -> str | bool:
    """Render our UTC column type as a plain timezone-aware DateTime in revisions.

    Alembic calls this with three arguments (positionally); the context is not needed here.
    """
    if type_ == "type" and isinstance(obj, models.UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False


def run_migrations(connection: Any) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        render_as_batch=connection.dialect.name == "sqlite",
        render_item=render_item,
        compare_type=True,
    )
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    run_migrations(connection)
else:
    engine = make_engine(get_settings().database_url, foreign_keys=False)
    with engine.connect() as conn:
        run_migrations(conn)
        conn.commit()
