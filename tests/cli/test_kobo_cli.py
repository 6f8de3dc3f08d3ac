"""`monitor kobo` as a user runs it, against the local KoboToolbox server: configure, pull, pull
again, a refused token (one line, exit 1, nothing changed); the token never printed."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import sqlalchemy as sa

from monitor.core.db import make_engine
from monitor.core.models import Evidence
from tests.cli.runner import monitor
from tests.db.test_kobo import PNG, answers
from tests.kobo_server import ASSET, TOKEN, serve_kobo


def run(url: str, data: Path, *args: str, token: str = TOKEN) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "MONITOR_DATABASE_URL": url,
        "MONITOR_DATA_DIR": str(data),
        "MONITOR_KOBO_TOKEN": token,
        "MONITOR_CAPTURE_ALLOWED_HOSTS": "127.0.0.1",
    }
    return monitor(["kobo", *args], env=env)


def _entries(url: str) -> int:
    engine = make_engine(url)
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(Evidence)).scalar()
    engine.dispose()
    return int(count or 0)


def test_configure_pull_and_a_refused_token(tmp_path: Path, sqlite_template: Path) -> None:
    shutil.copy(sqlite_template, tmp_path / "monitor.db")
    url, data = f"sqlite:///{tmp_path / 'monitor.db'}", tmp_path / "data"
    with serve_kobo() as server:
        server.add(answers(1), submitted="2026-11-20T08:00:00", files={"photo.png": PNG})
        server.add(answers(2), submitted="2026-11-21T08:00:00")
        server.add(answers(3, title=""), submitted="2026-11-22T08:00:00")
        unset = run(url, data, "pull")
        assert unset.returncode == 1 and "not set up yet" in unset.stderr
        configured = run(url, data, "configure", "--server", server.base, "--asset", ASSET)
        assert configured.returncode == 0, configured.stderr
        pulled = run(url, data, "pull")
        assert pulled.returncode == 0, pulled.stderr
        assert "2 created" in pulled.stdout and "1 refused" in pulled.stdout
        assert "refused: kobo:" in pulled.stderr and "title: required" in pulled.stderr
        again = run(url, data, "pull")
        assert "0 created" in again.stdout and "0 updated" in again.stdout
        status = run(url, data, "status")
        assert "token (MONITOR_KOBO_TOKEN): set" in status.stdout
        assert "pulled up to: 2026-11-22T08:00:00 UTC" in status.stdout
        server.add(answers(4), submitted="2026-11-23T08:00:00")
        refused = run(url, data, "pull", token="not-the-token")
    assert refused.returncode == 1
    assert refused.stderr.startswith("Error: KoboToolbox refused the token (HTTP 401)")
    assert "Traceback" not in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    for said in (unset, configured, pulled, again, status, refused):
        assert TOKEN not in said.stdout + said.stderr
        assert "not-the-token" not in said.stdout + said.stderr
    assert _entries(url) == 2
