"""Shared by the benchmarks: a fresh SQLite file loaded with N demo entries."""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

from sqlalchemy.engine import Engine

from monitor.config import Settings
from monitor.core import migrate
from monitor.core.db import make_engine, session_scope
from monitor.services import demo_data
from monitor.services.accounts import system_actor
from monitor.services.startup import seed


def loaded_database(evidence: int, folder: Path | None = None) -> tuple[str, Engine]:
    """A new SQLite file with the reference data and `evidence` demo entries."""
    folder = folder or Path(tempfile.mkdtemp(prefix="monitor-bench-"))
    url = f"sqlite:///{folder / 'bench.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    seed(engine=engine, settings=Settings(database_url=url, data_dir=folder))
    with session_scope(engine) as session:
        demo_data.load_demo_data(
            session=session,
            actor=system_actor(session=session),
            evidence=evidence,
            seed=1,
            today=date.today(),
        )
    return url, engine


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def median(values: list[float]) -> float:
    return statistics.median(values)


def timed(fn: Callable[[], object], repeat: int) -> float:
    """The median wall time of `repeat` calls of `fn`, in seconds."""
    runs = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        runs.append(time.perf_counter() - start)
    return median(runs)
