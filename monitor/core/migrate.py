"""Apply and check Alembic migrations from code, so the app and `monitor` upgrade at start.

Every start (the app's, and each command's: a process of its own) asks whether the database is
at the newest revision, and it nearly always is. Alembic's answer costs a second: importing it,
then running all the revision files, which import what the migrations use (numpy, rapidfuzz).
So the question is first answered from the files' text and the alembic_version table
(`_up_to_date`), and Alembic is imported only when that does not say "at the head".
"""

from __future__ import annotations

import ast
import contextlib
import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import sqlalchemy as sa

from monitor.config import PROJECT_ROOT
from monitor.core.db import MIGRATIONS_DIR, make_engine
from monitor.errors import ConfigError

if TYPE_CHECKING:
    from alembic.config import Config

# any constant will do, as long as nothing else on the server takes the same advisory lock
STARTUP_LOCK_KEY = 0x6D6F6E69746F72  # "monitor"


def alembic_config() -> Config:
    """The project's Alembic configuration, wherever the process was started from."""
    from alembic.config import Config  # noqa: PLC0415 -- see the module's docstring

    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    return cfg


def head_revision() -> str | None:
    from alembic.script import ScriptDirectory  # noqa: PLC0415

    return ScriptDirectory.from_config(alembic_config()).get_current_head()


def current_revision(engine: sa.Engine) -> str | None:
    from alembic.runtime.migration import MigrationContext  # noqa: PLC0415

    with engine.connect() as conn:
        return MigrationContext.configure(conn).get_current_revision()


def head_in_files() -> str | None:
    """The newest revision as the revision files say it, read, not run: the one revision no
    other names as its `down_revision`; None when that is not exactly one (Alembic decides)."""
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        values: dict[str, object] = {}
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.Assign) and len(node.targets) == 1:
                target, value = node.targets[0], node.value
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                target, value = node.target, node.value
            else:
                continue
            if isinstance(target, ast.Name):
                with contextlib.suppress(ValueError, TypeError):  # not a literal: not one of ours
                    values[target.id] = ast.literal_eval(value)
        revision, down = values.get("revision"), values.get("down_revision")
        if not isinstance(revision, str) or values.get("depends_on"):
            return None
        revisions.add(revision)
        if isinstance(down, str):
            parents.add(down)
        elif down is not None:  # a merge: several parents
            return None
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def _up_to_date(url: str) -> bool:
    """True when the database's one recorded revision is the files' one head; False when
    unsure (no table yet, several rows, several heads), which leaves it to Alembic."""
    head = head_in_files()
    if head is None:
        return False
    engine = make_engine(url, foreign_keys=False)
    try:
        with engine.connect() as conn:
            if not sa.inspect(conn).has_table("alembic_version"):
                return False
            stored = conn.exec_driver_sql("SELECT version_num FROM alembic_version").all()
    finally:
        engine.dispose()
    return [tuple(row) for row in stored] == [(head,)]


def upgrade(url: str) -> bool:
    """Bring the database to the newest revision; True when something was applied.

    Runs on its own engine with SQLite foreign keys off (batch rebuilds would cascade),
    then checks that no foreign key was broken.
    """
    if _up_to_date(url):  # nearly every start: no Alembic at all
        return False
    if _current(url) == head_revision():
        return False
    with one_at_a_time(url):
        if _current(url) == head_revision():  # another host migrated while this one waited
            return False
        from alembic import command  # noqa: PLC0415

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
    from alembic import command  # noqa: PLC0415

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
