"""Writers at once: every acknowledged save is stored once and counted once in the data version,
and nobody sees "database is locked".

Short in the default run; MONITOR_LONG_TESTS=1 runs the issue's full variant (10 writers for
30 s on SQLite, 50 on PostgreSQL).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.concurrency import fresh_postgres, run
from tests.conftest import postgres_base_url

LONG = os.environ.get("MONITOR_LONG_TESTS") == "1"


def _check(result: dict[str, object]) -> None:
    assert result["acknowledged"], result
    assert result["lost"] == 0, result
    assert result["duplicated"] == 0, result
    assert result["unacknowledged"] == 0, result
    assert result["locked_errors"] == 0, result
    assert result["other_errors"] == 0, result
    assert result["rows"] == result["acknowledged"], result
    assert result["version_counted"] == result["acknowledged"], result  # one change, one count


@pytest.mark.timeout(600)
def test_sqlite_writers_at_once(tmp_path: Path) -> None:
    writers, seconds = (10, 30.0) if LONG else (4, 3.0)
    _check(run(f"sqlite:///{tmp_path / 'concurrent.db'}", writers, seconds))


@pytest.mark.timeout(600)
def test_postgresql_writers_at_once() -> None:
    url, drop = fresh_postgres(postgres_base_url())
    try:
        writers, seconds = (50, 30.0) if LONG else (8, 3.0)
        _check(run(url, writers, seconds))
    finally:
        drop()  # type: ignore[operator]
