"""Time importing the product's own evidence briefing of N rows into an empty SQLite database
(new rows), then the same file again (unchanged), with each run's peak memory.

The file is the evidence briefing (Ukrainian headers, labels, the formula guard) of N demo
entries. Each import runs in a child process of its own, so its peak RSS (the kernel's
ru_maxrss) is the import's alone; the floor is the same file read with the csv module and
nothing else, in the same run, so a ratio says what the import costs beyond reading.

`--keep FOLDER` keeps each size's briefing there (evidence-N.csv), and `--briefing FILE`
imports such a file instead of building the demo database again (at a million entries that
takes longer than the imports it is for).

With `--postgres URL` (a server's maintenance database, say
postgresql://postgres@127.0.0.1:5432/postgres) the import goes into a new PostgreSQL database
on that server instead (created for the run, dropped after it), so the cost of its indexes
(the search's pg_trgm GIN index among them) is measured too.

Prints one JSON line per size: {"entries": N, "rows": ..., "file_mb": ..., "new": {"s",
"rows_per_s", "cpu_s", "rows_per_cpu_s", "peak_rss_mb"}, "unchanged": {...}, "read_floor_s":
..., "new_vs_floor": ..., ...}. CPU seconds beside wall seconds: on a shared machine the wall
time says as much about the neighbours as about the import.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import sqlalchemy as sa

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# runs in a child: import the file into the database at URL, print seconds and peak RSS
_IMPORT = """
import json, resource, sys, time
from datetime import date
from pathlib import Path
from monitor.core.db import make_engine, session_scope
from monitor.domain.import_mapping import suggested
from monitor.services import importer
from monitor.services.startup import command_actor
url, path = sys.argv[1], Path(sys.argv[2])
engine = make_engine(url)
actor = command_actor(engine=engine, username=None)
start, cpu = time.perf_counter(), time.process_time()
table = importer.read_table(path.name, path)
with session_scope(engine) as session:
    report = importer.import_rows(
        session=session, actor=actor, table=table, mapping=suggested(table.header),
        today=date.today(), trusted=True,
    )
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"s": seconds, "cpu_s": cpu, "peak_rss_mb": peak, "created": report.created,
                  "unchanged": report.unchanged}))
"""

# runs in a child: a database of N demo entries, its evidence briefing written to PATH
_SOURCE = """
import sys
from pathlib import Path
from bench._common import loaded_database
from monitor.services import briefings
from monitor.services.startup import command_actor
rows, out = int(sys.argv[1]), Path(sys.argv[2])
url, engine = loaded_database(rows, out.parent)
admin = command_actor(engine=engine, username=None)
options = briefings.BriefingOptions(lang="uk", include_confidential=True)
briefings.export_to(engine=engine, actor=admin, kind="evidence", options=options, path=out)
"""

# runs in a child: an empty database (migrated, reference data loaded), its URL printed:
# a SQLite file in FOLDER, or the PostgreSQL database at the URL given after it
_EMPTY = """
import sys
from pathlib import Path
from monitor.config import Settings
from monitor.core import migrate
from monitor.core.db import make_engine
from monitor.services.startup import seed
folder = Path(sys.argv[1])
url = sys.argv[2] if len(sys.argv) > 2 else f"sqlite:///{folder / 'target.db'}"
migrate.upgrade(url)
seed(engine=make_engine(url), settings=Settings(database_url=url, data_dir=folder))
print(url)
"""

# runs in a child: the floor, the same file read with the csv module and nothing else
_FLOOR = """
import csv, json, sys, time
start = time.perf_counter()
with open(sys.argv[1], encoding="utf-8-sig", newline="") as handle:
    count = sum(1 for _ in csv.reader(handle))
print(json.dumps({"s": time.perf_counter() - start, "rows": count - 1}))
"""


def _child(code: str, *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], cwd=ROOT, check=True, capture_output=True, text=True
    )
    lines = done.stdout.strip().splitlines()
    return lines[-1] if lines else ""


@contextmanager
def _postgres(server: str | None) -> Iterator[str | None]:
    """A new, empty PostgreSQL database on the server at `server` (its URL), dropped after."""
    if server is None:
        yield None
        return
    name = f"monitor_bench_import_{os.getpid()}"
    admin = sa.create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name}")
        conn.exec_driver_sql(f"CREATE DATABASE {name}")
    try:
        yield sa.make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.exec_driver_sql(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        admin.dispose()


def measure(
    entries: int,
    postgres: str | None = None,
    given: Path | None = None,
    keep: Path | None = None,
) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-import-"))
    source = folder / "source"
    source.mkdir()
    briefing = given or source / "evidence.csv"
    if given is None:
        _child(_SOURCE, str(entries), str(briefing))
    target = folder / "target"
    target.mkdir()
    with _postgres(postgres) as database:
        url = _child(_EMPTY, str(target), *([database] if database else []))
        floor = json.loads(_child(_FLOOR, str(briefing)))
        rows = floor["rows"]  # the briefing leaves the demo data's withdrawn entries out
        new = json.loads(_child(_IMPORT, url, str(briefing)))
        again = json.loads(_child(_IMPORT, url, str(briefing)))
    file_mb = round(briefing.stat().st_size / 2**20, 1)
    if keep is not None and given is None:
        keep.mkdir(parents=True, exist_ok=True)
        shutil.move(briefing, keep / f"evidence-{entries}.csv")
    shutil.rmtree(folder, ignore_errors=True)
    assert new["created"] == rows and again["unchanged"] == rows, (new, again)

    def phase(run: dict[str, float]) -> dict[str, float]:
        return {
            "s": round(run["s"], 2),
            "rows_per_s": round(rows / run["s"]),
            "cpu_s": round(run["cpu_s"], 2),
            "rows_per_cpu_s": round(rows / run["cpu_s"]),
            "peak_rss_mb": round(run["peak_rss_mb"], 1),
        }

    return {
        "entries": entries,
        "engine": "postgresql" if postgres else "sqlite",
        "rows": rows,
        "file_mb": file_mb,
        "new": phase(new),
        "unchanged": phase(again),
        "read_floor_s": round(floor["s"], 2),
        "new_vs_floor": round(new["s"] / floor["s"], 1),
        "unchanged_vs_floor": round(again["s"] / floor["s"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, nargs="+", default=[100_000, 1_000_000])
    parser.add_argument("--postgres", help="a PostgreSQL server's URL: import into a new database")
    parser.add_argument(
        "--briefing",
        type=Path,
        help="an evidence briefing this script wrote before (of one size given by --evidence): "
        "imported instead of a new one, whose demo database takes minutes at a million",
    )
    parser.add_argument("--keep", type=Path, help="a folder: keep each size's briefing there")
    args = parser.parse_args()
    if args.briefing and len(args.evidence) != 1:
        parser.error("--briefing is one file: give the one size it holds with --evidence")
    for entries in args.evidence:
        result = measure(entries, args.postgres, args.briefing, args.keep)
        print(json.dumps(result), flush=True)


if __name__ == "__main__":
    main()
