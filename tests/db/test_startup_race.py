"""Two app hosts started at once on a new database: one migrates and seeds, the other waits.

A team deployment starts its app processes together (a service manager, a rolling restart);
without a lock both would create the same tables and load the same demands, and one of them
would stop with a duplicate-table or duplicate-key error.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.core import migrate
from tests.conftest import give_back_pg_database, new_pg_database

HOSTS = 3

START = """
import sys, time
from monitor.config import get_settings
from monitor.services.startup import open_database, seed_if_empty
go = float(sys.argv[1])
time.sleep(max(0.0, go - time.time()))
settings = get_settings()
seed_if_empty(engine=open_database(settings), settings=settings)
print("READY")
"""


@pytest.fixture(params=["sqlite", "postgresql"])
def new_database(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'monitor.db'}"
        return
    url = new_pg_database()
    yield url
    give_back_pg_database(url)


def _start_together(url: str, data_dir: Path) -> list[subprocess.CompletedProcess[str]]:
    env = {**os.environ, "MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(data_dir)}
    go = time.time() + 6.0  # every interpreter imported before the first one starts
    hosts = [
        subprocess.Popen(
            [sys.executable, "-c", START, str(go)],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(HOSTS)
    ]
    done = []
    for host in hosts:
        out, err = host.communicate(timeout=120)
        done.append(subprocess.CompletedProcess(host.args, host.returncode, out, err))
    return done


def test_hosts_started_together_migrate_and_seed_once(new_database: str, tmp_path: Path) -> None:
    results = _start_together(new_database, tmp_path)
    for result in results:
        assert result.returncode == 0, result.stderr[-2000:]
        assert "READY" in result.stdout
    engine = sa.create_engine(new_database)
    with engine.connect() as conn:
        demands = conn.execute(sa.text("SELECT count(*) FROM demand")).scalar_one()
        organisations = conn.execute(sa.text("SELECT count(*) FROM organisation")).scalar_one()
    engine.dispose()
    assert demands == 10
    assert organisations == 1
    assert migrate.current_revision(sa.create_engine(new_database)) == migrate.head_revision()
