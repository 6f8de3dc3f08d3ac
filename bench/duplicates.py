"""Time the duplicate search a save adds, and an import's rate with its duplicate preview.

1. On a SQLite file of N demo entries: S saves of one entry (validation, insert, links, audit,
   commit: the floor, measured in this run), and the likely-duplicate search of the same form
   (`incidents.likely_duplicates`: the address, the file's SHA-256, the region's window and
   rapidfuzz), each probe a copy of a random stored entry (so windows are as full as the data
   makes them and the look-ups find what they should).
2. A file of R new rows (with repeated titles and addresses, so there is something to find):
   checked (the preview) against the N entries, and imported into an empty database, each
   with the duplicate scan and without it (the floor: the scan replaced by nothing), in child
   processes of their own.

Prints one JSON line: {"evidence": N, "save": {"p50_ms", "p95_ms"}, "search": {"p50_ms",
"p95_ms", "found_share"}, "search_vs_save_p50": ..., "preview": {"rows", "rows_per_s",
"floor_rows_per_s", "likely_rows"}, "import": {...}}.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import loaded_database, median, percentile  # noqa: E402
from monitor.config import Settings  # noqa: E402
from monitor.core import files, migrate  # noqa: E402
from monitor.core.db import make_engine, session_scope  # noqa: E402
from monitor.core.models import Role  # noqa: E402
from monitor.core.permissions import Actor  # noqa: E402
from monitor.services import evidence, incidents  # noqa: E402
from monitor.services.accounts import get_or_create_user  # noqa: E402
from monitor.services.startup import seed  # noqa: E402

HEADER = [
    "demands",
    "title",
    "description",
    "event start",
    "region",
    "source type",
    "source URL",
    "source reliability (A-F)",
    "information credibility (1-6)",
    "direction",
]
WORDS = [
    *("detained", "checkpoint", "school", "teacher", "passport", "pension", "search"),
    *("filtration", "deported", "property", "seized", "church", "closed", "journalist"),
    *("missing", "hospital", "court", "sentence", "camp"),
]

# runs in a child: check (preview) or import the file at PATH into URL, with or without scan
_CHILD = """
import json, sys, time
from datetime import date
from pathlib import Path
from monitor.core.db import make_engine, session_scope
from monitor.domain.import_mapping import suggested
from monitor.services import importer, incidents
from monitor.services.startup import command_actor
url, path, mode, scan = sys.argv[1], Path(sys.argv[2]), sys.argv[3], sys.argv[4] == "scan"
if not scan:  # the floor: no look-ups, nothing kept (the keys the insert writes, as a save)
    incidents.ImportScan.chunk = lambda self, session, rows: {n: {} for n, _ in rows}
    incidents.ImportScan.finish = lambda self: ({}, 0)
engine = make_engine(url)
actor = command_actor(engine=engine, username=None)
table = importer.read_table(path.name, path)
start = time.perf_counter()
with session_scope(engine) as session:
    run = importer.check_rows if mode == "check" else importer.import_rows
    report = run(session=session, actor=actor, table=table, mapping=suggested(table.header),
                 today=date.today())
    if mode == "check":
        session.rollback()
seconds = time.perf_counter() - start
print(json.dumps({"s": seconds, "created": report.created, "likely": report.likely_rows}))
"""


def write_file(path: Path, rows: int, regions: list[str], seed: int = 7) -> None:
    """R new rows; about one in fifty repeats an earlier row's title or address."""
    rng = random.Random(seed)
    first = date(2023, 1, 1)
    made: list[tuple[str, str, str, str]] = []
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(HEADER)
        for i in range(rows):
            if made and rng.random() < 0.02:
                title, url, region, day = rng.choice(made)
                url = url if rng.random() < 0.5 else ""
            else:
                title = " ".join(rng.choice(WORDS) for _ in range(6)) + f" {i}"
                url = f"https://news{i % 97}.example.org/item/{i}"
                region = rng.choice(regions)
                day = (first + timedelta(days=rng.randrange(900))).isoformat()
                made.append((title, url, region, day))
            writer.writerow(
                [
                    "D01",
                    title,
                    f"Imported as row {i}.",
                    day,
                    region,
                    "media",
                    url,
                    "C",
                    "3",
                    "regression",
                ]
            )


def child(url: str, path: Path, mode: str, scan: bool) -> dict[str, float]:
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, url, str(path), mode, "scan" if scan else "none"],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    if done.returncode:
        raise SystemExit(done.stderr)
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=1_000_000)
    parser.add_argument("--saves", type=int, default=200)
    parser.add_argument("--rows", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="monitor-bench-dups-"))
    empty_url = f"sqlite:///{folder / 'empty.db'}"
    migrate.upgrade(empty_url)
    full = folder / "full"
    full.mkdir()
    url, engine = loaded_database(args.evidence, full)
    with session_scope(engine) as session:
        actor = Actor.of(get_or_create_user(session=session, username="bench", role=Role.EDITOR))
    with engine.connect() as conn:
        ids = [r[0] for r in conn.exec_driver_sql("SELECT max(id) FROM evidence")]
        regions = [r[0] for r in conn.exec_driver_sql("SELECT code FROM region")]
    rng = random.Random(3)
    probes = []
    with engine.connect() as conn:
        for _ in range(args.saves):
            row = conn.exec_driver_sql(
                "SELECT title, description, event_start, region_code, source_url "
                "FROM evidence WHERE id = ?",
                (rng.randint(1, ids[0]),),
            ).one()
            probes.append(
                {
                    "demands": ["D01"],
                    "title": row[0],
                    "description": row[1],
                    "event_start": str(row[2]),
                    "region_code": row[3],
                    "source_type": "media",
                    "source_url": row[4] or "",
                    "reliability": "B",
                    "credibility": "2",
                    "direction": "regression",
                    "sensitivity": "public",
                }
            )
    sha = files.sha256(b"a file nobody attached")
    saves, searches, found = [], [], 0
    for form in probes:  # alternate, so both see the same machine
        start = time.perf_counter()
        with session_scope(engine) as session:
            frame = incidents.likely_duplicates(
                session=session, actor=actor, data=form, hashes=[sha]
            )
        searches.append((time.perf_counter() - start) * 1000)
        found += int(not frame.empty)
        start = time.perf_counter()
        with session_scope(engine) as session:
            evidence.create(session=session, actor=actor, data=form, today=date.today())
        saves.append((time.perf_counter() - start) * 1000)
    engine.dispose()
    path = folder / "rows.csv"
    write_file(path, args.rows, regions)
    preview = child(url, path, "check", True)
    preview_floor = child(url, path, "check", False)
    imported_into = []
    for scan in (True, False):
        target = folder / f"import-{scan}.db"
        shutil.copy(folder / "empty.db", target)
        seeded = f"sqlite:///{target}"
        seed_engine = make_engine(seeded)
        seed(engine=seed_engine, settings=Settings(database_url=seeded, data_dir=folder))
        seed_engine.dispose()
        imported_into.append(child(seeded, path, "import", scan))
    imported, imported_floor = imported_into
    rate = args.rows / preview["s"]
    print(
        json.dumps(
            {
                "evidence": args.evidence,
                "save": {
                    "p50_ms": round(median(saves), 2),
                    "p95_ms": round(percentile(saves, 0.95), 2),
                },
                "search": {
                    "p50_ms": round(median(searches), 2),
                    "p95_ms": round(percentile(searches, 0.95), 2),
                    "found_share": round(found / len(probes), 2),
                },
                "search_vs_save_p50": round(median(searches) / median(saves), 2),
                "preview": {
                    "rows": args.rows,
                    "rows_per_s": round(rate),
                    "floor_rows_per_s": round(args.rows / preview_floor["s"]),
                    "likely_rows": preview["likely"],
                },
                "import": {
                    "rows": args.rows,
                    "rows_per_s": round(args.rows / imported["s"]),
                    "floor_rows_per_s": round(args.rows / imported_floor["s"]),
                    "likely_rows": imported["likely"],
                },
            }
        )
    )
    shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
