"""W processes saving evidence at once for S seconds; then check that nothing was lost or doubled.

Prints one JSON line: {"engine", "writers", "seconds", "acknowledged", "rows", "lost",
"duplicated", "unacknowledged", "locked_errors", "other_errors", "saves_per_s", "p50_ms",
"p95_ms", "p99_ms"}. `--url` names the database (default: a fresh SQLite file; for PostgreSQL
a fresh database is made next to MONITOR_TEST_POSTGRES_URL and dropped afterwards).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

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


def writer(url: str, seconds: float, index: int, results: mp.Queue) -> None:  # type: ignore[type-arg]
    """Save entries until time is up; report acknowledged ids, latencies and errors."""
    from datetime import date

    from sqlalchemy.exc import OperationalError

    from monitor.core.db import make_engine, session_scope
    from monitor.services import evidence
    from monitor.services.startup import command_actor

    engine = make_engine(url)
    actor = command_actor(engine=engine, username=None)  # the system user, as the CLI acts
    acked, latencies, locked, other = [], [], 0, 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        uid = str(uuid.uuid4())
        start = time.perf_counter()
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
        latencies.append((time.perf_counter() - start) * 1000)
        acked.append(uid)
    engine.dispose()
    results.put({"acked": acked, "latencies": latencies, "locked": locked, "other": other})


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


def run(url: str, writers: int, seconds: float) -> dict[str, object]:
    """The whole measurement; also used by the short test in the suite."""
    import sqlalchemy as sa

    from monitor.core.db import make_engine

    prepare(url)
    context = mp.get_context("spawn")
    results: mp.Queue = context.Queue()  # type: ignore[type-arg]
    procs = [
        context.Process(target=writer, args=(url, seconds, i, results)) for i in range(writers)
    ]
    for p in procs:
        p.start()
    reports = [results.get(timeout=seconds + 120) for _ in procs]
    for p in procs:
        p.join(timeout=30)
    acked = [uid for r in reports for uid in r["acked"]]
    latencies = sorted(ms for r in reports for ms in r["latencies"])
    engine = make_engine(url)
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(sa.text("SELECT uid FROM evidence"))]
    engine.dispose()
    present = set(stored)

    def pct(q: float) -> float:
        return (
            round(latencies[min(len(latencies) - 1, int(q * len(latencies)))], 2)
            if latencies
            else 0.0
        )

    return {
        "engine": url.split(":", 1)[0].split("+")[0],
        "writers": writers,
        "seconds": seconds,
        "acknowledged": len(acked),
        "rows": len(stored),
        "lost": len(set(acked) - present),
        "duplicated": len(stored) - len(present),
        "unacknowledged": len(present - set(acked)),
        "locked_errors": sum(r["locked"] for r in reports),
        "other_errors": sum(r["other"] for r in reports),
        "saves_per_s": round(len(acked) / seconds, 1),
        "p50_ms": pct(0.5),
        "p95_ms": pct(0.95),
        "p99_ms": pct(0.99),
    }


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
        print(json.dumps(run(url, args.writers, args.seconds)))
    finally:
        if drop:
            drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
