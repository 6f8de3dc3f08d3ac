"""Time the open data publication at N synthetic entries (SQLite), and Datasette's JSON API on it.

Prints one JSON line per size: {"evidence": N, "public_entries": ..., "publish_s": median,
"floor_read_s": ..., "ratio": ..., "files_mb": ..., "datasette_statuses_ms": median,
"datasette_floor_ms": ..., "datasette_evidence_by_demand_ms": median, "load_average_1m": ...}.

publish_s is a whole `publish` run into a folder that already holds the previous run's
publication (read, write the SQLite file, the CSVs, the descriptors, the feed, hash, compare).
floor_read_s, measured in the same run, only streams the public entries out of the database
(the least any publication must do); ratio is publish_s / floor_read_s. The Datasette figures
are medians of --requests GETs on a real `datasette serve -i` process: a demand's statuses as
JSON, Datasette's own /-/versions.json (no query: the floor), and the first 100 public entries
of one demand through the link table.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import httpx  # noqa: E402

from bench._common import loaded_database, median, timed  # noqa: E402
from monitor.core.db import session_scope  # noqa: E402
from monitor.domain import publication as pub  # noqa: E402
from monitor.queries import publication as read  # noqa: E402
from monitor.services import publication  # noqa: E402
from monitor.services.accounts import system_actor  # noqa: E402


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _latency(client: httpx.Client, path: str, requests: int) -> float:
    client.get(path).raise_for_status()  # warm
    runs = []
    for _ in range(requests):
        start = time.perf_counter()
        client.get(path).raise_for_status()
        runs.append(time.perf_counter() - start)
    return median(runs) * 1000


def _datasette(folder: Path, requests: int) -> dict[str, float]:
    port = _free_port()
    command = publication.datasette_command(folder, host="127.0.0.1", port=port)
    process = subprocess.Popen(
        command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    database = pub.SQLITE_FILE.removesuffix(".db")
    try:
        with httpx.Client(base_url=base, trust_env=False, timeout=60) as client:
            started = time.perf_counter()
            while True:
                try:
                    if client.get("/-/versions.json").status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if time.perf_counter() - started > 300:
                    raise RuntimeError("Datasette did not start")
                time.sleep(0.2)
            ready_s = time.perf_counter() - started
            return {
                "datasette_ready_s": round(ready_s, 2),
                "datasette_statuses_ms": round(
                    _latency(
                        client, f"/{database}/statuses.json?demand=D01&_shape=array", requests
                    ),
                    2,
                ),
                "datasette_floor_ms": round(_latency(client, "/-/versions.json", requests), 2),
                "datasette_evidence_by_demand_ms": round(
                    _latency(
                        client, f"/{database}/evidence_demands.json?demand=D01&_size=100", requests
                    ),
                    2,
                ),
            }
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def measure(evidence: int, repeat: int, requests: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-publish-"))
    _url, engine = loaded_database(evidence, folder)
    with engine.connect() as conn:  # the load's write-ahead log into the file, as after a day
        conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
    with session_scope(engine) as session:
        actor = system_actor(session=session)
    target = folder / "site" / "public"
    publication.publish(engine=engine, actor=actor, target=target)  # the one already there
    publish_s = timed(
        lambda: publication.publish(engine=engine, actor=actor, target=target), repeat
    )
    floor_s = timed(lambda: sum(1 for _ in read.evidence_stream(engine)), repeat)
    report = publication.publish(engine=engine, actor=actor, target=target)
    size = sum(p.stat().st_size for p in report.folder.iterdir())
    return {
        "evidence": evidence,
        "public_entries": report.counts["evidence"],
        "publish_s": round(publish_s, 2),
        "floor_read_s": round(floor_s, 2),
        "ratio": round(publish_s / floor_s, 2),
        "files_mb": round(size / 1e6, 1),
        **_datasette(report.folder, requests),
        "repeat": repeat,
        "load_average_1m": round(os.getloadavg()[0], 1),  # the machine is shared: say how busy
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--requests", type=int, default=50)
    args = parser.parse_args()
    for n in args.evidence:
        print(json.dumps(measure(n, args.repeat, args.requests)), flush=True)


if __name__ == "__main__":
    main()
