"""Time the evidence briefing of N entries written to a file, and the process's peak memory.

Prints one JSON line: {"evidence": N, "rows": ..., "export_s": ..., "peak_rss_mb": ...,
"baseline_rss_mb": ..., "file_mb": ...} (median of --repeat runs; peak RSS from the kernel).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import median
from monitor.core.db import make_engine
from monitor.services import briefings
from monitor.services.startup import command_actor


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    # the database is filled in a child process, so this process's peak memory is the export's
    code = f"from bench._common import loaded_database; print(loaded_database({args.evidence})[0])"
    root = Path(__file__).resolve().parent.parent
    url = subprocess.run(
        [sys.executable, "-c", code], cwd=root, check=True, capture_output=True, text=True
    )
    engine = make_engine(url.stdout.strip().splitlines()[-1])
    admin = command_actor(engine=engine, username=None)  # the system user: an admin
    options = briefings.BriefingOptions(lang="uk", include_confidential=True)
    out = Path(tempfile.mkdtemp()) / "evidence.csv"
    baseline = rss_mb()
    runs, rows = [], 0
    for _ in range(args.repeat):
        start = time.perf_counter()
        rows = briefings.export_to(
            engine=engine, actor=admin, kind="evidence", options=options, path=out
        )
        runs.append(time.perf_counter() - start)
    print(
        json.dumps(
            {
                "evidence": args.evidence,
                "rows": rows,
                "export_s": round(median(runs), 3),
                "peak_rss_mb": round(rss_mb(), 1),
                "baseline_rss_mb": round(baseline, 1),
                "file_mb": round(out.stat().st_size / 2**20, 1),
            }
        )
    )


if __name__ == "__main__":
    main()
