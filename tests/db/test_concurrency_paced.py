"""The writers' bench in its paced and pgbench phases: every save of every phase stored once and
counted once in the data version, and pgbench's saves are whole (one row a transaction).

Short runs, no timed assertions: the figures themselves are for `bench/concurrency.py`.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bench.concurrency import fresh_postgres, run
from tests.conftest import postgres_base_url


def _check(result: dict[str, object]) -> None:
    assert result["acknowledged"], result
    for key in ("lost", "duplicated", "unacknowledged", "locked_errors", "other_errors"):
        assert result[key] == 0, (key, result)
    assert result["rows"] == result["acknowledged"], result
    assert result["version_counted"] == result["acknowledged"], result
    paced = result["paced"]
    assert isinstance(paced, dict), result
    assert paced["offered_per_s"] == 20.0
    assert paced["achieved_per_s"] > 0 and paced["p50_ms"] > 0, paced
    assert {"p95_ms", "p99_ms", "behind_schedule", "not_started"} <= set(paced), paced


@pytest.mark.timeout(600)
def test_sqlite_writers_paced(tmp_path: Path) -> None:
    _check(run(f"sqlite:///{tmp_path / 'paced.db'}", 4, 2.0, rate=20.0))


@pytest.mark.timeout(600)
def test_postgresql_writers_paced_and_the_pgbench_floor() -> None:
    url, drop = fresh_postgres(postgres_base_url())
    try:
        result = run(
            url, 4, 2.0, processes=2, rate=20.0, pgbench=shutil.which("pgbench") is not None
        )
        _check(result)
        if "pgbench" in result:
            floor = result["pgbench"]
            assert isinstance(floor, dict) and "error" not in floor, floor
            assert floor["transactions"] > 0 and floor["failed"] == 0, floor
            assert floor["rows_added"] == floor["transactions"], floor  # one entry a save
    finally:
        drop()  # type: ignore[operator]
