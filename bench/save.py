"""Time saving one evidence entry (validation, insert, links, audit, commit) on a full database.

Prints one JSON line: {"saves": N, "evidence": E, "p50_ms": ..., "p95_ms": ...,
"register_first_page_ms": ..., "register_page_s": ...}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench._common import loaded_database, median, percentile
from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.core.permissions import EVERY_ENTRY, Actor
from monitor.domain import settlements
from monitor.domain.filters import EvidenceFilters
from monitor.queries.evidence import evidence_page
from monitor.services import evidence
from monitor.services.accounts import get_or_create_user


def register_page_seconds(url: str) -> float:
    """The whole register page through AppTest (empty caches), median of five."""
    import os

    import streamlit as st
    from streamlit.testing.v1 import AppTest

    os.environ.update(MONITOR_DATABASE_URL=url, MONITOR_AUTH="off")
    app = AppTest.from_file(
        str(Path(__file__).resolve().parent.parent / "app.py"), default_timeout=120
    ).run()
    runs = []
    for _ in range(5):
        st.cache_data.clear()
        start = time.perf_counter()
        app.switch_page("monitor/ui/pages/register_page.py").run()
        runs.append(time.perf_counter() - start)
    return round(median(runs), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--saves", type=int, default=200)
    args = parser.parse_args()
    _, engine = loaded_database(args.evidence)
    with session_scope(engine) as session:
        actor = Actor.of(get_or_create_user(session=session, username="bench", role=Role.EDITOR))
    settlements.lookup("UA23080070010092407")  # load the codifier once, as a running app has
    form = {
        "demands": ["D01", "D08"],
        "title": "Benchmark entry",
        "description": "x" * 2000,
        "event_start": "2025-10-02",
        "region_code": "zaporizhzhia",
        "settlement_code": "UA23080070010092407",
        "source_type": "ngo_report",
        "source_url": "https://example.org/r",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "people_count": "3",
        "sensitivity": "restricted",
    }
    timings = []
    for _ in range(args.saves):
        start = time.perf_counter()
        with session_scope(engine) as session:
            evidence.create(session=session, actor=actor, data=form, today=date.today())
        timings.append((time.perf_counter() - start) * 1000)
    pages = []
    for _ in range(7):
        start = time.perf_counter()
        evidence_page(engine, EvidenceFilters(), visible=EVERY_ENTRY, page=1, page_size=50)
        pages.append((time.perf_counter() - start) * 1000)
    page_s = register_page_seconds(engine.url.render_as_string(hide_password=False))
    print(
        json.dumps(
            {
                "saves": args.saves,
                "evidence": args.evidence,
                "p50_ms": round(median(timings), 2),
                "p95_ms": round(percentile(timings, 0.95), 2),
                "register_first_page_ms": round(median(pages), 1),
                "register_page_s": page_s,
            }
        )
    )


if __name__ == "__main__":
    main()
