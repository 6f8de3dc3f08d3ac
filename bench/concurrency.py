"""W writers saving evidence at once for S seconds; then check that nothing was lost or doubled.

Each writer is a process, or with `--processes P` the writers are threads spread over P
processes (as app hosts serve their sessions). Prints one JSON line: {"engine", "writers",
"processes", "seconds", "acknowledged", "rows", "lost", "duplicated", "unacknowledged",
"version_counted", "locked_errors", "other_errors", "saves_per_s", "p50_ms", "p95_ms",
"p99_ms", "writer_cpu_ms_per_save" (the writers' own CPU), "one_writer_saves_per_s",
"one_writer_p50_ms", "ratio_to_one_writer"}: all writers start together (a barrier), and one
writer alone first is the floor of the same run (`--floor-seconds`). The database is a fresh
SQLite file, or on PostgreSQL a fresh database made next to MONITOR_TEST_POSTGRES_URL and
dropped afterwards.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

READY_SECONDS = 600  # for every writer to import and connect, on a busy machine

FORM = {
    "demands": ["D01"],
    "title": "Concurrent save",
    "description": "Written by a benchmark writer.",
    "event_start": "2025-10-02",
    "region_code": "kherson",
    "source_type": "media",
    "reliability": "C",
    "credibility": "3",
    "direction": "regression",
}


def writer(
    url: str,
    seconds: float,
    index: int,
    results: mp.Queue,  # type: ignore[type-arg]
    ready: Any,
    threads: int = 1,
) -> None:
    """Save entries until time is up; report acknowledged ids, latencies, errors and CPU.

    Every writer imports and connects first and then waits at `ready` (a barrier), so all of
    them save during the same `seconds`: 50 processes starting on 2 cores take longer to
    import than the run lasts, and without it most of them saved alone. With `threads`, this
    process runs that many writers as threads on one engine, as an app host serves its
    sessions.
    """
    import threading

    from monitor.core.db import make_engine
    from monitor.services.startup import command_actor

    engine = make_engine(url)
    actor = command_actor(engine=engine, username=None)  # the system user, as the CLI acts
    reports: list[dict[str, Any]] = []
    ready.wait(timeout=READY_SECONDS)
    cpu = time.process_time()
    deadline = time.monotonic() + seconds
    workers = [
        threading.Thread(target=lambda: reports.append(_save_until(engine, actor, deadline, index)))
        for _ in range(threads)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    cpu = time.process_time() - cpu
    engine.dispose()
    results.put(
        {
            "acked": [uid for r in reports for uid in r["acked"]],
            "latencies": [ms for r in reports for ms in r["latencies"]],
            "locked": sum(r["locked"] for r in reports),
            "other": sum(r["other"] for r in reports),
            "cpu": cpu,
        }
    )


def _save_until(engine: Any, actor: Any, deadline: float, index: int) -> dict[str, Any]:
    """One writer's loop: save, time it, count what failed."""
    from datetime import date

    from sqlalchemy.exc import OperationalError

    from monitor.core.db import session_scope
    from monitor.services import evidence

    acked, latencies, locked, other = [], [], 0, 0
    while time.monotonic() < deadline:
        uid = str(uuid.uuid4())
        began = time.perf_counter()
        try:
            with session_scope(engine) as session:
                evidence.create(
                    session=session,
                    actor=actor,
                    data={**FORM, "title": f"Save {index}"},
                    today=date.today(),
                    uid=uid,
                )
        except OperationalError as exc:
            if "locked" in str(exc).lower():
                locked += 1
            else:
                other += 1
            continue
        except Exception:  # counted, so the run reports it instead of dying
            other += 1
            continue
        latencies.append((time.perf_counter() - began) * 1000)
        acked.append(uid)
    return {"acked": acked, "latencies": latencies, "locked": locked, "other": other}


def prepare(url: str) -> None:
    from monitor.config import Settings
    from monitor.core import migrate
    from monitor.core.db import make_engine, session_scope
    from monitor.core.models import Role
    from monitor.services.accounts import get_or_create_user
    from monitor.services.startup import seed

    migrate.upgrade(url)
    engine = make_engine(url)
    seed(engine=engine, settings=Settings(database_url=url, data_dir=Path(tempfile.gettempdir())))
    with session_scope(engine) as session:
        get_or_create_user(session=session, username="bench", role=Role.EDITOR)
    engine.dispose()


def _phase(url: str, writers: int, seconds: float, processes: int = 0) -> list[dict[str, Any]]:
    """`writers` saving together for `seconds`, one process each, or as threads spread over
    `processes` processes; each process's report."""
    processes = processes or writers
    context = mp.get_context("spawn")
    results: mp.Queue = context.Queue()  # type: ignore[type-arg]
    ready = context.Barrier(processes + 1)
    shares = [writers // processes + (i < writers % processes) for i in range(processes)]
    procs = [
        context.Process(target=writer, args=(url, seconds, i, results, ready, share))
        for i, share in enumerate(shares)
    ]
    for p in procs:
        p.start()
    ready.wait(timeout=READY_SECONDS)
    reports = [results.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    return reports


class WaitSampler:
    """What PostgreSQL's backends of this database wait on, sampled every 20 ms during a run.

    Counts (wait type:event, and the statement for lock waits) over the samples: the places
    where writers queue, found by measuring instead of guessing.
    """

    def __init__(self, url: str) -> None:
        import threading

        from monitor.core.db import make_engine

        self._engine = make_engine(url)
        self._stop = threading.Event()
        self.counts: collections.Counter[str] = collections.Counter()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> WaitSampler:
        self._thread.start()
        return self

    def __exit__(self, *_exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._engine.dispose()

    def _sample(self) -> None:
        import sqlalchemy as sa

        query = sa.text(
            "SELECT coalesce(wait_event_type || ':' || wait_event, 'cpu'), "
            "CASE WHEN wait_event_type = 'Lock' THEN left(query, 60) ELSE '' END "
            "FROM pg_stat_activity WHERE datname = current_database() AND state = 'active' "
            "AND pid <> pg_backend_pid()"
        )
        with self._engine.connect() as conn:
            while not self._stop.wait(0.02):
                for waiting, statement in conn.execute(query):
                    self.counts[f"{waiting} {statement}".strip()] += 1
                conn.rollback()


def _percentile(ordered: list[float], q: float) -> float:
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 2) if ordered else 0.0


def run(
    url: str,
    writers: int,
    seconds: float,
    floor_seconds: float = 0.0,
    *,
    waits: bool = False,
    processes: int = 0,
) -> dict[str, object]:
    """The whole measurement; also used by the short test in the suite.

    With `floor_seconds`, one writer saves alone first (the floor of the same run: what one
    writer does on this machine now). Every save of both phases is checked against the table,
    and against the data version, which must have grown by exactly one per save.
    """
    import sqlalchemy as sa

    from monitor.core import audit
    from monitor.core.db import make_engine

    prepare(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        version_before = audit.data_version(conn)
    floor = _phase(url, 1, floor_seconds) if floor_seconds else []
    sampler = WaitSampler(url) if waits else contextlib.nullcontext()
    with sampler:
        reports = _phase(url, writers, seconds, processes)
    acked = [uid for r in floor + reports for uid in r["acked"]]
    latencies = sorted(ms for r in reports for ms in r["latencies"])
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(sa.text("SELECT uid FROM evidence"))]
        counted = audit.data_version(conn) - version_before
    engine.dispose()
    present = set(stored)
    saves_per_s = round(sum(len(r["acked"]) for r in reports) / seconds, 1)
    result: dict[str, object] = {
        "engine": url.split(":", 1)[0].split("+")[0],
        "writers": writers,
        "processes": processes or writers,
        "seconds": seconds,
        "acknowledged": len(acked),
        "rows": len(stored),
        "lost": len(set(acked) - present),
        "duplicated": len(stored) - len(present),
        "unacknowledged": len(present - set(acked)),
        "version_counted": counted,
        "locked_errors": sum(r["locked"] for r in floor + reports),
        "other_errors": sum(r["other"] for r in floor + reports),
        "saves_per_s": saves_per_s,
        "p50_ms": _percentile(latencies, 0.5),
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
        "writer_cpu_ms_per_save": round(
            1000 * sum(r["cpu"] for r in reports) / max(1, sum(len(r["acked"]) for r in reports)),
            2,
        ),
    }
    if floor:
        alone = sorted(floor[0]["latencies"])
        one_per_s = round(len(floor[0]["acked"]) / floor_seconds, 1)
        result |= {
            "one_writer_saves_per_s": one_per_s,
            "one_writer_p50_ms": _percentile(alone, 0.5),
            "ratio_to_one_writer": round(saves_per_s / one_per_s, 2) if one_per_s else None,
        }
    if isinstance(sampler, WaitSampler):
        result["waits"] = dict(sampler.counts.most_common(8))
    return result


def fresh_postgres(base: str) -> tuple[str, object]:
    import sqlalchemy as sa

    from monitor.core.db import make_engine

    name = f"monitor_bench_{uuid.uuid4().hex[:10]}"
    admin = make_engine(base).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')

    def drop() -> None:
        with admin.connect() as conn:
            conn.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.dispose()

    return sa.make_url(base).set(database=name).render_as_string(hide_password=False), drop


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--engine", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--writers", type=int, default=10)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument(
        "--floor-seconds", type=float, default=3.0, help="one writer alone first (0: none)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=0,
        help="run the writers as threads in this many processes (0: one process each)",
    )
    parser.add_argument(
        "--waits", action="store_true", help="PostgreSQL: sample what the writers wait on"
    )
    args = parser.parse_args()
    drop = None
    if args.engine == "postgresql":
        base = os.environ.get("MONITOR_TEST_POSTGRES_URL")
        if not base:
            sys.exit("set MONITOR_TEST_POSTGRES_URL to a PostgreSQL database to bench next to")
        url, drop = fresh_postgres(base)
    else:
        url = f"sqlite:///{Path(tempfile.mkdtemp(prefix='monitor-conc-')) / 'bench.db'}"
    try:
        print(
            json.dumps(
                run(
                    url,
                    args.writers,
                    args.seconds,
                    args.floor_seconds,
                    waits=args.waits,
                    processes=args.processes,
                )
            )
        )
    finally:
        if drop:
            drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
