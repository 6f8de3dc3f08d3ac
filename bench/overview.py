"""Time the Overview on N synthetic entries in a fresh SQLite file.

Prints one JSON line: {"evidence": N, "data_s": ..., "raw_sql_s": ..., "ratio": ...,
"page_s": ..., "page_cached_s": ...}. data_s is all Overview data through monitor.overview;
raw_sql_s the same evidence aggregates as hand-written SQL run one after the other in one
connection (the floor; the Overview runs its two scans side by side, so the ratio can be < 1);
page_s the whole page through AppTest with empty caches; page_cached_s a rerun with caches.
The map of the regions adds no query (its counts come from the same facets): map_parse_ms is
reading the packaged outlines (once per process), map_figure_ms the figure from the Overview's
data and its JSON for the browser (on every run of the page), map_share_of_cached_page that
figure against page_cached_s. Medians of --repeat runs. chart_bytes: what each chart of the
page (its lower ones opened) costs the websocket, its element as Streamlit sends it (spec and
Arrow cells), by its title, in English and in Ukrainian. --database reuses a SQLite file made
before (the page only reads it).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench._common import loaded_database, timed  # noqa: E402
from monitor.core.db import make_engine  # noqa: E402
from monitor.core.permissions import EVERY_ENTRY  # noqa: E402
from monitor.domain import region_map  # noqa: E402
from monitor.domain.filters import EvidenceFilters  # noqa: E402
from monitor.queries.lookups import regions  # noqa: E402
from monitor.queries.overview import overview_data  # noqa: E402

BY_DAY = (
    "SELECT demand_mask, direction, event_start, count(*) n, sum(verification = 'verified') v, "
    "sum(created_at >= :since) r, max(created_at) c FROM evidence WHERE withdrawn_at IS NULL "
    "GROUP BY 1, 2, 3"
)
BY_MONTH = (
    "SELECT demand_mask, direction, substr(event_start, 1, 7) m, sum(n) n, sum(v) v, sum(r) r, "
    f"max(c) c FROM ({BY_DAY}) GROUP BY 1, 2, 3"
)
RAW = [
    "SELECT d.code, g.m, g.direction, sum(n), sum(v), sum(r), max(c) "
    f"FROM ({BY_MONTH}) g JOIN demand d ON (g.demand_mask & (1 << d.id)) != 0 GROUP BY 1, 2, 3",
    "SELECT region_code, source_type, reliability, count(*) FROM evidence "
    "WHERE withdrawn_at IS NULL GROUP BY 1, 2, 3",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--database", type=Path, help="an existing SQLite file to use instead")
    args = parser.parse_args()
    if args.database:
        url = f"sqlite:///{args.database.resolve()}"
        engine = make_engine(url)
    else:
        url, engine = loaded_database(args.evidence)
    today = date.today()

    data_s = timed(
        lambda: overview_data(
            engine,
            EvidenceFilters(),
            visible=EVERY_ENTRY,
            lang="en",
            today=today,
            stale_days=60,
        ),
        args.repeat,
    )
    parse_s = timed(lambda: region_map.parse(_outline_svg()), args.repeat)
    data = overview_data(
        engine, EvidenceFilters(), visible=EVERY_ENTRY, lang="en", today=today, stale_days=60
    )
    named = regions(engine, "en")

    def map_figure() -> None:
        counts = dict(zip(data.region_counts["region_code"], data.region_counts["n"], strict=True))
        json.dumps(region_map.spec(counts, named, "en"))  # what st.vega_lite_chart sends

    map_figure()  # the outlines are read once per process, before the first page
    map_s = timed(map_figure, max(args.repeat, 20))
    since = (today - timedelta(days=30)).isoformat()

    def raw() -> None:
        with engine.connect() as conn:
            for sql in RAW:
                conn.exec_driver_sql(sql.replace(":since", f"'{since}'")).all()

    raw_s = timed(raw, args.repeat)

    # single-user mode: with sign-in on, the page would time the first-run screen instead
    os.environ.update(MONITOR_DATABASE_URL=url, MONITOR_AUTH="off")
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    def page(clear: bool) -> None:
        if clear:
            st.cache_data.clear()
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
        assert not at.exception, at.exception
        assert len(at.get("vega_lite_chart")) >= 5, "the Overview's charts were not drawn"

    page(True)  # warm the process (imports, engine, codifier) once
    page_s = timed(lambda: page(True), args.repeat)
    cached_s = timed(lambda: page(False), args.repeat)

    def chart_bytes(lang: str) -> dict[str, int]:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
        at.query_params["lang"] = lang
        at.session_state["ov.more"] = True  # the lower charts too
        at.run()
        assert not at.exception, at.exception
        sent = {}
        for chart in at.get("vega_lite_chart"):  # by its title, top to bottom
            title = json.loads(chart.proto.spec).get("title") or "map"
            name = title if isinstance(title, str) else title.get("text", "")
            sent[name[:48]] = len(chart.proto.SerializeToString())
        return sent

    sizes = {lang: chart_bytes(lang) for lang in ("en", "uk")}
    print(
        json.dumps(
            {
                "evidence": None if args.database else args.evidence,
                "data_s": round(data_s, 3),
                "raw_sql_s": round(raw_s, 3),
                "ratio": round(data_s / raw_s, 2),
                "page_s": round(page_s, 3),
                "page_cached_s": round(cached_s, 3),
                "map_parse_ms": round(parse_s * 1000, 1),
                "map_figure_ms": round(map_s * 1000, 1),
                "map_share_of_cached_page": round(map_s / cached_s, 3),
                "chart_bytes": sizes,
            },
            ensure_ascii=False,
        )
    )


def _outline_svg() -> str:
    return resources.files(region_map.PACKAGE).joinpath(region_map.FILE_NAME).read_text("utf-8")


if __name__ == "__main__":
    main()
