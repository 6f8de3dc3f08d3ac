"""W writers saving evidence at once; then check that nothing was lost or doubled.

Two ways of loading the database, in the same run and on the same fresh database:
- closed loop (`--seconds`): every writer saves back to back, so this is the most the writers
  can do together: "saves_per_s", "p50_ms", "p95_ms", "p99_ms". With W writers always busy,
  Little's law ties the two figures (p50 is about W / throughput), so a closed loop measures
  the ceiling, not the latency a team sees;
- paced (`--rate R`, open loop): the W writers together offer R saves a second, each writer
  starting a save every W/R seconds whether or not the one before was quick; the latency is
  measured from the save's scheduled start, so time spent queued behind a slow save counts
  (no coordinated omission): "paced": {"offered_per_s", "achieved_per_s", "p50_ms", "p95_ms",
  "p99_ms", "behind_schedule" (saves that began late), "not_started" (saves still due when a
  writer gave up catching up, CATCH_UP_SECONDS after the end: an overloaded run says so instead
  of running on)}.
Each writer is a process, or with `--processes P` the writers are threads spread over P
processes (as app hosts serve their sessions). On PostgreSQL `--pgbench` also runs the same
statements as one save, captured from a real one, through `pgbench -c W` for as long: the
database's own floor on this machine now ("pgbench": {"tps", "latency_ms"}). One writer alone
first (`--floor-seconds`) is the Python floor. Every save of every phase is checked against the
table ("lost", "duplicated", "unacknowledged") and against the data version, which must have
grown by exactly one per save ("version_counted"); a refused save is counted ("locked_errors":
SQLite's "database is locked", "other_errors") and its message kept ("error_messages": how
many times each first line was seen, e.g. a PostgreSQL deadlock). "connections_opened" counts
the database connections the writers opened during a phase (their pools are filled before it).
Prints one JSON line, with the load average before, between the phases and after. The database
is a fresh SQLite file, or on PostgreSQL a fresh database made next to MONITOR_TEST_POSTGRES_URL
and dropped afterwards.
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
import types
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

READY_SECONDS = 600  # for every writer to import and connect, on a busy machine
READY_GRACE = 0.5  # seconds between the barrier opening and the first save, for every process
CATCH_UP_SECONDS = 5.0  # a paced writer still behind this long after the end gives up the rest

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
    start: Any = None,
    pace: tuple[float, int, int] | None = None,
) -> None:
    """Save entries until time is up; report acknowledged ids, latencies, errors and CPU.

    Every writer imports and connects first and then waits at `ready` (a barrier), so all of
    them save during the same `seconds`: 50 processes starting on 2 cores take longer to
    import than the run lasts, and without it most of them saved alone. The run starts at
    `start` (a shared monotonic time set before the barrier opens). With `threads`, this
    process runs that many writers as threads on one engine, as an app host serves its
    sessions. With `pace` (the saves a second all writers offer together, how many writers
    there are, and this process's first writer's number among them), each writer starts a
    save every writers / rate seconds, the writers staggered so that together they start one
    every 1 / rate seconds.
    """
    import threading

    from sqlalchemy import event

    from monitor.core.db import make_engine
    from monitor.services import evidence  # noqa: F401  (imported before the run, not in it)
    from monitor.services.startup import command_actor

    engine = make_engine(url)
    actor = command_actor(engine=engine, username=None)  # the system user, as the CLI acts
    reports: list[dict[str, Any]] = []
    connections = [0]  # opened during the run: a pool too small for the writers opens many

    @event.listens_for(engine, "connect")
    def _opened(*_: Any) -> None:
        connections[0] += 1

    # connect before the run, as a serving app host has: the pool keeps what it may keep idle
    idle = getattr(engine.pool, "size", lambda: 1)()
    held = [engine.connect() for _ in range(min(threads, idle))]
    for conn in held:
        conn.close()
    ready.wait(timeout=READY_SECONDS)
    connections[0] = 0
    while start is not None and not start.value:
        time.sleep(0.001)
    began = start.value if start is not None else time.monotonic()
    while time.monotonic() < began:
        time.sleep(0.001)
    cpu = time.process_time()

    def one(number: int) -> None:
        if pace is None:
            schedule = None
        else:
            rate, writers, first = pace
            schedule = (began + (first + number) / rate, writers / rate)
        reports.append(_save_until(engine, actor, began + seconds, index, schedule))

    workers = [threading.Thread(target=one, args=(n,)) for n in range(threads)]
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
            "late": sum(r["late"] for r in reports),
            "not_started": sum(r["not_started"] for r in reports),
            "connections": connections[0],
            "began": began,
            "ended": max(r["ended"] for r in reports),
            "locked": sum(r["locked"] for r in reports),
            "other": sum(r["other"] for r in reports),
            "messages": [m for r in reports for m in r["messages"]],
            "cpu": cpu,
        }
    )


def _save_until(
    engine: Any,
    actor: Any,
    deadline: float,
    index: int,
    schedule: tuple[float, float] | None = None,
) -> dict[str, Any]:
    """One writer's loop: save, time it, count what failed.

    Closed loop (no `schedule`): the next save starts when the last ended; its latency is its
    own duration. Paced (`schedule`: the first start and the interval): the save due at t
    starts at t, or at once if the writer is still busy with an earlier one, and its latency
    counts from t, so a queue behind a slow save is measured, not hidden.
    """
    from datetime import date

    from sqlalchemy.exc import OperationalError

    from monitor.core.db import session_scope
    from monitor.services import evidence

    acked, latencies, late, locked, other = [], [], 0, 0, 0
    messages: list[str] = []
    due = schedule[0] if schedule else time.monotonic()
    while due < deadline:
        now = time.monotonic()
        if schedule is not None and now > deadline + CATCH_UP_SECONDS:
            break  # the saves still due are counted as not started, not waited for
        if schedule is not None:
            if now < due:
                time.sleep(due - now)
            elif now - due > 0.001:
                late += 1
            began = due
        else:
            began = now
        uid = str(uuid.uuid4())
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
            # SQLite's "database is locked"; PostgreSQL's messages say "blocked by" in a detail
            if "database is locked" in str(exc).lower():
                locked += 1
            else:
                other += 1
            messages.append(_first_line(exc))
            continue
        except Exception as exc:  # counted, so the run reports it instead of dying
            other += 1
            messages.append(_first_line(exc))
            continue
        finally:
            ended = time.monotonic()
            due = due + schedule[1] if schedule else ended
        latencies.append((ended - began) * 1000)
        acked.append(uid)
    not_started = 0
    while schedule is not None and due < deadline:
        not_started += 1
        due += schedule[1]
    return {
        "acked": acked,
        "latencies": latencies,
        "late": late,
        "not_started": not_started,
        "locked": locked,
        "other": other,
        "messages": messages,
        "ended": time.monotonic(),
    }


def _first_line(exc: BaseException) -> str:
    """What failed, short enough to count by message: the driver's first line, with its type."""
    orig = getattr(exc, "orig", None) or exc
    return f"{type(orig).__name__}: {str(orig).strip().splitlines()[0][:120] if str(orig) else ''}"


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


@contextlib.contextmanager
def _plain_main() -> Iterator[None]:
    """Start children with an empty `__main__`: a spawned child runs the parent's main script
    again first, and in a process that ran Streamlit's AppTest that script is the app (the
    child then exits before the barrier). The writers need nothing of it."""
    main = sys.modules["__main__"]
    sys.modules["__main__"] = types.ModuleType("__main__")
    try:
        yield
    finally:
        sys.modules["__main__"] = main


def _all_ready(ready: Any, procs: list[Any]) -> None:
    """Wait until every writer process stands at the barrier; one that exits first (it could
    not import or connect) stops the run at once with its exit code, instead of leaving the
    others at the barrier for READY_SECONDS."""
    deadline = time.monotonic() + READY_SECONDS
    while ready.n_waiting < len(procs):
        exited = [p.exitcode for p in procs if p.exitcode is not None]
        if exited or time.monotonic() > deadline:
            for p in procs:
                p.kill()
            why = f"exited with code {exited[0]}" if exited else "was not ready in time"
            raise RuntimeError(f"a writer process {why} before the start")
        time.sleep(0.05)


def _phase(
    url: str, writers: int, seconds: float, processes: int = 0, rate: float = 0.0
) -> list[dict[str, Any]]:
    """`writers` saving together for `seconds`, one process each, or as threads spread over
    `processes` processes, back to back or (with `rate`) paced; each process's report."""
    processes = processes or writers
    context = mp.get_context("spawn")
    results: mp.Queue = context.Queue()  # type: ignore[type-arg]
    ready = context.Barrier(processes + 1)
    start = context.Value("d", 0.0)
    shares = [writers // processes + (i < writers % processes) for i in range(processes)]
    firsts = [sum(shares[:i]) for i in range(processes)]
    procs = [
        context.Process(
            target=writer,
            args=(url, seconds, i, results, ready, share, start),
            kwargs={"pace": (rate, writers, first) if rate else None},
        )
        for i, (share, first) in enumerate(zip(shares, firsts, strict=True))
    ]
    with _plain_main():
        for p in procs:
            p.start()
    _all_ready(ready, procs)
    ready.wait(timeout=READY_SECONDS)
    start.value = time.monotonic() + READY_GRACE  # the processes wait for it after the barrier
    reports = [results.get(timeout=seconds + READY_SECONDS) for _ in procs]
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


def _load() -> float:
    return round(os.getloadavg()[0], 2)


def _summary(reports: list[dict[str, Any]], seconds: float) -> dict[str, Any]:
    saves = sum(len(r["acked"]) for r in reports)
    latencies = sorted(ms for r in reports for ms in r["latencies"])
    return {
        "saves": saves,
        "saves_per_s": round(saves / seconds, 1),
        "p50_ms": _percentile(latencies, 0.5),
        "p95_ms": _percentile(latencies, 0.95),
        "p99_ms": _percentile(latencies, 0.99),
        "writer_cpu_ms_per_save": round(1000 * sum(r["cpu"] for r in reports) / max(1, saves), 2),
        "connections_opened": sum(r["connections"] for r in reports),
    }


def run(
    url: str,
    writers: int,
    seconds: float,
    floor_seconds: float = 0.0,
    *,
    waits: bool = False,
    processes: int = 0,
    rate: float = 0.0,
    pgbench: bool = False,
) -> dict[str, object]:
    """The whole measurement; also used by the short test in the suite.

    With `floor_seconds`, one writer saves alone first (the floor of the same run: what one
    writer does on this machine now). Then the writers in a closed loop for `seconds`, then
    (with `rate`) paced at `rate` saves a second for as long, then (with `pgbench`) the floor
    of the database. Every save of every phase is checked against the table, and against the
    data version, which must have grown by exactly one per save.
    """
    import sqlalchemy as sa

    from monitor.core import audit
    from monitor.core.db import make_engine

    prepare(url)
    engine = make_engine(url)
    with engine.connect() as conn:
        version_before = audit.data_version(conn)
    load_before = _load()
    floor = _phase(url, 1, floor_seconds) if floor_seconds else []
    sampler = WaitSampler(url) if waits else contextlib.nullcontext()
    with sampler:
        reports = _phase(url, writers, seconds, processes)
    load_closed = _load()
    paced = _phase(url, writers, seconds, processes, rate) if rate else []
    load_paced = _load()
    acked = [uid for r in floor + reports + paced for uid in r["acked"]]
    with engine.connect() as conn:
        stored = [row[0] for row in conn.execute(sa.text("SELECT uid FROM evidence"))]
        counted = audit.data_version(conn) - version_before
    present = set(stored)
    closed = _summary(reports, seconds)
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
        "locked_errors": sum(r["locked"] for r in floor + reports + paced),
        "other_errors": sum(r["other"] for r in floor + reports + paced),
        "error_messages": dict(
            collections.Counter(m for r in floor + reports + paced for m in r["messages"])
        ),
        "load_average": [load_before, load_closed, load_paced],
        **{key: closed[key] for key in closed if key != "saves"},
    }
    if floor:
        alone = sorted(floor[0]["latencies"])
        one_per_s = round(len(floor[0]["acked"]) / floor_seconds, 1)
        result |= {
            "one_writer_saves_per_s": one_per_s,
            "one_writer_p50_ms": _percentile(alone, 0.5),
            "ratio_to_one_writer": (
                round(closed["saves_per_s"] / one_per_s, 2) if one_per_s else None
            ),
        }
    if paced:
        summary = _summary(paced, seconds)
        lasted = max(r["ended"] for r in paced) - min(r["began"] for r in paced)
        result["paced"] = {
            "offered_per_s": rate,
            "achieved_per_s": round(summary["saves"] / lasted, 1),
            **{key: summary[key] for key in ("p50_ms", "p95_ms", "p99_ms")},
            "behind_schedule": sum(r["late"] for r in paced),
            "not_started": sum(r["not_started"] for r in paced),
            "writer_cpu_ms_per_save": summary["writer_cpu_ms_per_save"],
            "connections_opened": summary["connections_opened"],
        }
    if isinstance(sampler, WaitSampler):
        result["waits"] = dict(sampler.counts.most_common(8))
    if pgbench:
        result["pgbench"] = run_pgbench(engine, url, writers, seconds, processes or 2)
        result["load_average"] = [*result["load_average"], _load()]  # type: ignore[misc]
    engine.dispose()
    return result


def save_statements(engine: Any) -> list[str]:
    """The statements of one real save, as literal SQL for pgbench (`:id` the new entry's id,
    a fresh uid each time): captured from the driver, so they are the ones the app sends."""
    import re
    from datetime import date

    import psycopg
    from sqlalchemy import event

    from monitor.core.db import session_scope
    from monitor.services import evidence
    from monitor.services.startup import command_actor

    actor = command_actor(engine=engine, username=None)
    captured: list[tuple[str, Any]] = []

    def capture(_conn: Any, _cursor: Any, statement: str, parameters: Any, *_: Any) -> None:
        captured.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", capture)
    try:
        with session_scope(engine) as session:
            evidence.create(session=session, actor=actor, data=FORM, today=date.today())
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    sql = []
    with engine.connect() as conn:
        raw = conn.connection.driver_connection
        for statement, parameters in captured:
            text = re.sub(r"%\((e_)?uid\)s", "gen_random_uuid()::text", statement)
            text = re.sub(r"%\((evidence_id|entity_id)\)s", "(:id)", text)
            literal = psycopg.ClientCursor(raw).mogrify(text, parameters)
            literal = " ".join(literal.split())
            if literal.startswith("INSERT INTO evidence ("):
                literal += " \\gset"
            else:
                literal += ";"
            sql.append(literal)
    return sql


def run_pgbench(
    engine: Any, url: str, clients: int, seconds: float, threads: int
) -> dict[str, Any]:
    """The same statements as one save, from `pgbench -c clients`: what the database alone can
    commit a second on this machine now, and how many rows it added (one a transaction)."""
    import re
    import shutil
    import subprocess

    import sqlalchemy as sa

    if shutil.which("pgbench") is None:
        return {"error": "pgbench not found"}
    script = "\n".join(["BEGIN;", *save_statements(engine), "COMMIT;", ""])
    with engine.connect() as conn:
        rows_before = conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar_one()
    libpq = sa.make_url(url).set(drivername="postgresql").render_as_string(hide_password=False)
    with tempfile.NamedTemporaryFile("w", suffix=".sql", delete=False) as handle:
        handle.write(script)
    try:
        command = ["pgbench", "-n", "-M", "prepared", "-c", str(clients), "-j", str(threads)]
        command += ["-T", str(max(1, round(seconds))), "-f", handle.name, libpq]
        done = subprocess.run(command, capture_output=True, text=True, timeout=seconds + 300)
    finally:
        os.unlink(handle.name)
    out = done.stdout + done.stderr
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar_one() - rows_before
    found = {
        key: re.search(pattern, out)
        for key, pattern in {
            "tps": r"tps = ([\d.]+)",
            "latency_ms": r"latency average = ([\d.]+) ms",
            "transactions": r"number of transactions actually processed: (\d+)",
            "failed": r"number of failed transactions: (\d+)",
        }.items()
    }
    if done.returncode or found["tps"] is None:
        return {"error": out.strip()[-400:]}
    report: dict[str, Any] = {k: float(m.group(1)) for k, m in found.items() if m}
    report["rows_added"] = rows
    return report


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
    parser.add_argument(
        "--rate",
        type=float,
        default=0.0,
        help="then the writers paced: this many saves a second offered together (0: none)",
    )
    parser.add_argument(
        "--pgbench",
        action="store_true",
        help="PostgreSQL: then the same statements through pgbench -c WRITERS (the floor)",
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
                    rate=args.rate,
                    pgbench=args.pgbench and args.engine == "postgresql",
                )
            )
        )
    finally:
        if drop:
            drop()  # type: ignore[operator]


if __name__ == "__main__":
    main()
