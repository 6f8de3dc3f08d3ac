"""Time what the across-drafts strip adds to the Demand page, on N synthetic entries (SQLite).

Prints one JSON line: {"evidence": N, "strip_uncached_ms": ..., "strip_cached_ms": ...,
"overview_data_s": ...}. strip_uncached_ms is everything the strip does on a fresh cache (the
drafts, the approved codes, the demands and every draft's points read, the strip computed and
one demand's chart built); strip_cached_ms what a rerun with caches does (the chart only).
overview_data_s is the Overview's data with the strip and the evidence beside coverage in it.
Medians of --repeat runs.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import loaded_database, timed  # noqa: E402
from monitor.core.permissions import EVERY_ENTRY  # noqa: E402
from monitor.domain import across_drafts, vega_charts  # noqa: E402
from monitor.domain.filters import EvidenceFilters  # noqa: E402
from monitor.queries import lookups  # noqa: E402
from monitor.queries.overview import overview_data  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    _url, engine = loaded_database(args.evidence)
    titles = lookups.demand_titles(engine, "en")
    names = dict(zip(titles["code"], titles["title"], strict=True))

    def uncached() -> None:
        demands = list(lookups.demand_titles(engine, "en")["code"])
        frame = across_drafts.strip(
            lookups.drafts_table(engine, "en"),
            lookups.coverage_matrix(engine, "en"),
            demands,
            lookups.all_points(engine, "en"),
        )
        vega_charts.draft_strip(frame[frame["demand"] == "D02"], names, "en")

    frame = across_drafts.strip(
        lookups.drafts_table(engine, "en"),
        lookups.coverage_matrix(engine, "en"),
        list(names),
        lookups.all_points(engine, "en"),
    )

    def cached() -> None:
        vega_charts.draft_strip(frame[frame["demand"] == "D02"], names, "en")

    def overview() -> None:
        overview_data(
            engine,
            EvidenceFilters(),
            visible=EVERY_ENTRY,
            lang="en",
            today=date.today(),
            stale_days=90,
        )

    uncached()  # warm the imports and the connection pool
    result = {
        "evidence": args.evidence,
        "strip_uncached_ms": round(timed(uncached, args.repeat) * 1000, 1),
        "strip_cached_ms": round(timed(cached, args.repeat) * 1000, 1),
        "overview_data_s": round(timed(overview, max(3, args.repeat // 5)), 3),
    }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
