"""`monitor serve-public`: Datasette as a real process on the published file, read-only.

Its JSON API answers a demand's statuses (timed), exports CSV, runs SQL within its limits and
refuses writes; after a new publication it serves the new file.
"""

from __future__ import annotations

import csv
import io
import os
import signal
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import Engine

from monitor.core.db import session_scope
from monitor.domain import publication as pub
from monitor.services import publication
from tests.db.publication_data import Filled, fill, publish
from tests.factories import make_assessment

DATABASE = pub.SQLITE_FILE.removesuffix(".db")
# Datasette reads only the published SQLite file, whichever engine it was published from (the
# publication itself is tested on both engines in the other publication tests)
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until(check: object, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            if check():  # type: ignore[operator]
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise AssertionError("Datasette did not answer in time")


@pytest.fixture
def served(engine: Engine, database_url: str, tmp_path: Path) -> Iterator[tuple[str, Path, Filled]]:
    filled = fill(engine)
    target = tmp_path / "public"
    publish(engine, filled, target)
    port = free_port()
    env = {**os.environ, "MONITOR_DATABASE_URL": database_url}
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "monitor.cli",
            "serve-public",
            str(target),
            "--port",
            str(port),
            "--check-seconds",
            "0.3",
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: httpx.get(f"{base}/-/versions.json", trust_env=False).status_code == 200)
        yield base, target, filled
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)


def test_json_api_csv_sql_and_no_writes(served: tuple[str, Path, Filled], engine: Engine) -> None:
    base, target, filled = served
    client = httpx.Client(base_url=base, trust_env=False, timeout=10)
    statuses = f"/{DATABASE}/statuses.json?demand=D01&_shape=array"
    rows = client.get(statuses).json()
    assert [(r["assessed_on"], r["score"], r["is_current"]) for r in rows] == [
        ("2025-01-01", 1, 0),
        ("2025-06-01", 2, 1),
    ]
    timings = []
    for _ in range(30):
        start = time.perf_counter()
        assert client.get(statuses).status_code == 200
        timings.append(time.perf_counter() - start)
    median_ms = statistics.median(timings) * 1000
    print(f"Datasette statuses of a demand: median {median_ms:.1f} ms over 30")
    assert median_ms < 100

    exported = client.get(f"/{DATABASE}/evidence.csv?_size=max")
    assert exported.status_code == 200
    table = list(csv.reader(io.StringIO(exported.text)))
    assert table[0] == pub.EVIDENCE.names
    assert {row[table[0].index("uid")] for row in table[1:]} == set(filled.public_uids)

    counted = client.get(
        f"/{DATABASE}.json", params={"sql": "select count(*) as n from evidence", "_shape": "array"}
    ).json()
    assert counted == [{"n": len(filled.public_uids)}]
    refused = client.get(f"/{DATABASE}.json", params={"sql": "delete from evidence"})
    assert refused.status_code == 400
    assert client.get(f"/{DATABASE}/evidence.json?_shape=array").json()  # still there

    meta = client.get("/-/metadata.json").json()
    assert meta["license"] == pub.LICENSE["title"] and meta["source"] == pub.SOURCE_TITLE
    described = meta["databases"][DATABASE]["tables"]["statuses"]["description"]
    assert described == pub.STATUSES.description
    databases = client.get("/-/databases.json").json()
    assert [(d["name"], d["is_mutable"]) for d in databases] == [(DATABASE, False)]
    assert Path(databases[0]["path"]).resolve() == (target / pub.SQLITE_FILE).resolve()
    assert str(engine.url.database or "") not in databases[0]["path"]


def test_a_new_publication_is_served_after_it_replaces_the_old(
    served: tuple[str, Path, Filled], engine: Engine
) -> None:
    base, target, filled = served
    assert filled.admin is not None
    with session_scope(engine) as session:
        make_assessment(
            session,
            filled.admin,
            "D04",
            3,
            date(2025, 8, 1),
            decided_at=datetime(2025, 8, 2, tzinfo=UTC),
        )
    assert publication.publish(engine=engine, actor=filled.admin, target=target).changed
    url = f"{base}/{DATABASE}/statuses.json?demand=D04&_shape=array"
    wait_until(lambda: len(httpx.get(url, trust_env=False).json()) == 1)
