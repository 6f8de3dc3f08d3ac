"""One engine per backend: a real SQLite file, and a real PostgreSQL when its URL is set.

MONITOR_TEST_POSTGRES_URL names a server database the tests may create databases next to.
Where it is unset the PostgreSQL variants skip with that reason, except under CI=true, where a
missing PostgreSQL or browser is a failure, not a skip.
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor.config import PROJECT_ROOT, Settings
from monitor.core import migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import SQLModel
from monitor.services.reference import load_reference

POSTGRES_ENV = "MONITOR_TEST_POSTGRES_URL"
REFERENCE_DIR = PROJECT_ROOT / "data" / "reference"
IN_CI = os.environ.get("CI", "").lower() == "true"


def skip_or_fail(reason: str) -> None:
    """Skip locally with a visible reason; in CI the same gap fails the run."""
    if IN_CI:
        pytest.fail(f"CI=true but {reason}", pytrace=False)
    pytest.skip(reason)


def postgres_base_url() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        skip_or_fail(f"{POSTGRES_ENV} is not set, so PostgreSQL tests cannot run")
    return str(url)


@pytest.fixture(scope="session")
def sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A migrated and seeded SQLite file that each test copies (faster than migrating)."""
    path = tmp_path_factory.mktemp("template") / "template.db"
    url = f"sqlite:///{path}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        load_reference(session=session, folder=REFERENCE_DIR)
    with engine.connect() as conn:
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    engine.dispose()
    return path


def _create_pg_database(base_url: str) -> str:
    name = f"monitor_test_{uuid.uuid4().hex[:12]}"
    admin = make_engine(base_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        # a test database need not survive a crash: commits stop waiting for the disk
        conn.exec_driver_sql(f'ALTER DATABASE "{name}" SET synchronous_commit = off')
    admin.dispose()
    return sa.make_url(base_url).set(database=name).render_as_string(hide_password=False)


def _drop_pg_database(base_url: str, url: str) -> None:
    name = sa.make_url(url).database
    admin = make_engine(base_url).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.dispose()


# Databases a test asked to be new and has given back, emptied, for the next such test.
_EMPTY_DATABASES: list[tuple[str, str]] = []
_NOT_SYSTEM = "nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"
_USER_SCHEMAS = f"SELECT nspname FROM pg_namespace WHERE {_NOT_SYSTEM} AND nspname !~ '^pg_'"


def new_pg_database() -> str:
    """The URL of a PostgreSQL database with nothing in it, as CREATE DATABASE makes one.

    Give it back with `give_back_pg_database`: it is emptied and handed to the next test that
    asks, because dropping a migrated database and creating another takes seconds (a checkpoint)
    where emptying it takes a tenth of a second."""
    base = postgres_base_url()
    if _EMPTY_DATABASES:
        return _EMPTY_DATABASES.pop()[1]
    return _create_pg_database(base)


def give_back_pg_database(url: str) -> None:
    """Empty the database as new (its connections ended, every schema and extension dropped,
    public made again with its default owner and rights), or drop it if that fails."""
    base = postgres_base_url()
    engine = make_engine(url).execution_options(isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            extensions = "SELECT extname FROM pg_extension WHERE extname <> 'plpgsql'"
            for (name,) in conn.exec_driver_sql(extensions).all():
                conn.exec_driver_sql(f'DROP EXTENSION "{name}" CASCADE')
            for (name,) in conn.exec_driver_sql(_USER_SCHEMAS).all():
                conn.exec_driver_sql(f'DROP SCHEMA "{name}" CASCADE')
            conn.exec_driver_sql("CREATE SCHEMA public AUTHORIZATION pg_database_owner")
            conn.exec_driver_sql("GRANT USAGE ON SCHEMA public TO PUBLIC")
            left = conn.exec_driver_sql(
                "SELECT count(*) FROM pg_class JOIN pg_namespace ON relnamespace = pg_namespace.oid"
                f" WHERE {_NOT_SYSTEM} AND nspname !~ '^pg_(toast_)?temp_'"
            ).scalar_one()
            assert left == 0, f"{left} relations left in a database given back"
    except Exception:
        engine.dispose()
        _drop_pg_database(base, url)
        raise
    engine.dispose()
    _EMPTY_DATABASES.append((base, url))


@pytest.fixture(scope="session", autouse=True)
def _drop_the_empty_databases() -> Iterator[None]:
    """The databases given back are dropped when the session ends."""
    yield
    while _EMPTY_DATABASES:
        _drop_pg_database(*_EMPTY_DATABASES.pop())


# The tables copied into this schema after seeding, and put back before each test: the
# migrations never touch it, and only the test database has it.
SNAPSHOT = "test_seeded"
# Their triggers refuse a DELETE (migrations 0008, 0011): emptied by TRUNCATE, or with every
# trigger off (session_replication_role, a superuser's) in the same DELETE as the rest.
_APPEND_ONLY = ("audit_event", "custody_event")


def _snapshot_postgres(engine: Engine) -> str:
    """Copy the seeded rows and the sequences' positions aside; the SQL that puts them back.

    Emptying every table and loading the reference data again took about a second a test
    (TRUNCATE makes new files for each table and index); deleting the rows and copying the
    seeded ones back takes milliseconds, and leaves the same rows and the same next ids."""
    tables = [t.name for t in SQLModel.metadata.sorted_tables if t.name != "data_version"]
    with engine.begin() as conn:
        conn.exec_driver_sql(f'DROP SCHEMA IF EXISTS "{SNAPSHOT}" CASCADE')
        conn.exec_driver_sql(f'CREATE SCHEMA "{SNAPSHOT}"')
        copied: list[str] = []
        for name in tables:
            columns = ", ".join(
                f'"{c}"'
                for (c,) in conn.exec_driver_sql(
                    "SELECT column_name FROM information_schema.columns WHERE table_schema ="
                    " 'public' AND table_name = %s AND is_generated = 'NEVER' ORDER BY"
                    " ordinal_position",
                    (name,),
                ).all()
            )
            conn.exec_driver_sql(
                f'CREATE TABLE "{SNAPSHOT}"."{name}" AS SELECT {columns} FROM public."{name}"'
            )
            if conn.exec_driver_sql(f'SELECT count(*) FROM "{SNAPSHOT}"."{name}"').scalar_one():
                copied.append(
                    f'INSERT INTO public."{name}" ({columns})'
                    f' SELECT {columns} FROM "{SNAPSHOT}"."{name}"'
                )
        conn.exec_driver_sql(
            f'CREATE TABLE "{SNAPSHOT}".sequences AS SELECT sequencename, last_value'
            " FROM pg_sequences WHERE schemaname = 'public' AND last_value IS NOT NULL"
        )
        superuser = conn.exec_driver_sql("SELECT current_setting('is_superuser')").scalar_one()
    if superuser == "on":
        empty = ["SET LOCAL session_replication_role = replica"]
        deleted = tables
    else:
        empty = [f"TRUNCATE {', '.join(f'public.{t}' for t in _APPEND_ONLY)}"]
        deleted = [t for t in tables if t not in _APPEND_ONLY]
    return ";\n".join(
        [
            *empty,
            *(f'DELETE FROM public."{name}"' for name in reversed(deleted)),
            *copied,
            "SELECT setval(('public.' || quote_ident(sequencename))::regclass, start_value, false)"
            " FROM pg_sequences WHERE schemaname = 'public'",
            "SELECT setval(('public.' || quote_ident(sequencename))::regclass, last_value)"
            f' FROM "{SNAPSHOT}".sequences',
            # a change was committed, as reloading the reference data counted one
            "UPDATE data_version SET version = version + 1 WHERE id = 1",
        ]
    )


_RESTORE: dict[str, str] = {}  # per database name: the SQL that puts the seeded rows back


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A fresh, migrated, seeded PostgreSQL database for this test session, dropped afterwards."""
    base = postgres_base_url()
    url = _create_pg_database(base)
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        load_reference(session=session, folder=REFERENCE_DIR)
    _RESTORE[str(engine.url.database)] = _snapshot_postgres(engine)
    engine.dispose()
    yield url
    _drop_pg_database(base, url)


def _reset_postgres(engine: Engine) -> None:
    """The session database back to the reference data only, as it was after seeding."""
    with engine.begin() as conn:
        conn.exec_driver_sql(_RESTORE[str(engine.url.database)])


@pytest.fixture
def postgres_engine(postgres_url: str) -> Iterator[Engine]:
    """PostgreSQL only (round trips, pools, row locks): its engine, reset to the reference data."""
    engine = make_engine(postgres_url)
    _reset_postgres(engine)
    yield engine
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """The URL of a migrated, seeded database holding only the reference data."""
    if request.param == "sqlite":
        path = tmp_path / "monitor.db"
        shutil.copy(request.getfixturevalue("sqlite_template"), path)
        yield f"sqlite:///{path}"
    else:
        url = request.getfixturevalue("postgres_url")
        engine = make_engine(url)
        _reset_postgres(engine)
        engine.dispose()
        yield url


@pytest.fixture
def engine(database_url: str) -> Iterator[Engine]:
    eng = make_engine(database_url)
    yield eng
    eng.dispose()


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    return Settings(database_url=database_url, data_dir=tmp_path / "data")


@pytest.fixture
def app_env(database_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Point the app at the test database, with Streamlit's caches cleared before and after."""
    import streamlit as st

    from monitor.ui import actions

    monkeypatch.setenv("MONITOR_DATABASE_URL", database_url)
    monkeypatch.setenv("MONITOR_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("MONITOR_AUTH", "off")
    actions.stop_reading_ahead()  # a page's read ahead reads no other test's database
    st.cache_data.clear()
    st.cache_resource.clear()
    yield database_url
    actions.stop_reading_ahead()
    st.cache_data.clear()
    st.cache_resource.clear()
