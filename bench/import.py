"""Time importing the product's own evidence briefing of N rows into an empty SQLite database
(new rows), then the same file again (unchanged), with each run's peak memory.

The file is the evidence briefing (Ukrainian headers, labels, the formula guard) of N demo
entries. Each import runs in a child process of its own, so its peak RSS (the kernel's
ru_maxrss) is the import's alone; the floor is the same file read with the csv module and
nothing else, in the same run, so a ratio says what the import costs beyond reading.

Prints one JSON line per size: {"entries": N, "rows": ..., "file_mb": ..., "new": {"s",
"rows_per_s", "cpu_s", "rows_per_cpu_s", "peak_rss_mb"}, "unchanged": {...}, "read_floor_s":
..., "new_vs_floor": ..., ...}. CPU seconds beside wall seconds: on a shared machine the wall
time says as much about the neighbours as about the import.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

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

# runs in a child: an empty database (migrated, reference data loaded), its URL printed
_EMPTY = """
import sys
from pathlib import Path
from monitor.config import Settings
from monitor.core import migrate
from monitor.core.db import make_engine
from monitor.services.startup import seed
folder = Path(sys.argv[1])
url = f"sqlite:///{folder / 'target.db'}"
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


def measure(entries: int) -> dict[str, object]:
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-import-"))
    source = folder / "source"
    source.mkdir()
    briefing = source / "evidence.csv"
    _child(_SOURCE, str(entries), str(briefing))
    target = folder / "target"
    target.mkdir()
    url = _child(_EMPTY, str(target))
    floor = json.loads(_child(_FLOOR, str(briefing)))
    rows = floor["rows"]  # the briefing leaves the demo data's withdrawn entries out
    new = json.loads(_child(_IMPORT, url, str(briefing)))
    again = json.loads(_child(_IMPORT, url, str(briefing)))
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
        "rows": rows,
        "file_mb": round(briefing.stat().st_size / 2**20, 1),
        "new": phase(new),
        "unchanged": phase(again),
        "read_floor_s": round(floor["s"], 2),
        "new_vs_floor": round(new["s"] / floor["s"], 1),
        "unchanged_vs_floor": round(again["s"] / floor["s"], 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, nargs="+", default=[100_000, 1_000_000])
    args = parser.parse_args()
    for entries in args.evidence:
        print(json.dumps(measure(entries)), flush=True)


if __name__ == "__main__":
    main()
