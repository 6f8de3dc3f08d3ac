"""Time PDF briefs on N synthetic entries (SQLite), as the page prepares them and as the command
line makes them.

Prints one JSON line. Every figure is the median of --repeat runs (p95 beside the whole ones);
`*_cpu_s` are this process's CPU seconds for the same runs, and `load` is the load average
before and after (the machine is shared: read the wall times against it).

- `cli_*`: the command line's path (`monitor export brief`): check, read the Overview's figures
  afresh, assemble, render; a new process each time, so the charts are drawn each time too
  (their per-process cache is emptied before each run). `cli_read_s`, `cli_assemble_s` and
  `cli_render_s` are the parts of `cli_all_s`.
- `page_*`: the page's Prepare (`brief_download`): the same with the Overview's figures from
  a cache keyed by the data version and the FILE's visibility and filters (the UI's
  `state.brief_overview`, here the same `st.cache_data` over this engine), warm after the
  first run, as for a second brief on unchanged data. The first brief after any write takes
  the `cli_*` time instead.
- `all` is all ten in English, `demand` one demand (D02) in Ukrainian, `draft` the newest
  draft in English.
- `overview_data_s` is the floor measured in the same run: the Overview's aggregates for all
  ten read afresh, which `cli_all_s` includes; the ratios are against it.

The audit and the file write are excluded. With --docs DIR, page 1 of the brief of D02 in
Ukrainian and of all ten in English is drawn to DIR/brief-demand-uk.png and
DIR/brief-all-en.png (the README's pictures). With --folder DIR, the database is DIR/bench.db,
made there once and reused after (only read).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import os
import sys
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402
import streamlit as st  # noqa: E402
from sqlalchemy.engine import Engine  # noqa: E402

from bench._common import loaded_database, median, percentile  # noqa: E402
from monitor.core.db import make_engine, session_scope  # noqa: E402
from monitor.core.permissions import Actor, Visibility  # noqa: E402
from monitor.domain import brief_contents  # noqa: E402
from monitor.domain.brief_contents import BriefSubject  # noqa: E402
from monitor.domain.briefings import BriefingOptions  # noqa: E402
from monitor.domain.filters import EvidenceFilters  # noqa: E402
from monitor.queries import brief as brief_queries  # noqa: E402
from monitor.queries import lookups  # noqa: E402
from monitor.queries.brief import OverviewSource  # noqa: E402
from monitor.queries.overview import (  # noqa: E402
    EvidenceAggregates,
    OverviewData,
    evidence_aggregates,
    overview_data,
)
from monitor.services import brief_pdf  # noqa: E402
from monitor.services.accounts import system_actor  # noqa: E402

STALE_DAYS = 60


def _engine(evidence: int, folder: Path | None) -> Engine:
    if folder is not None and (folder / "bench.db").exists():
        return make_engine(f"sqlite:///{folder / 'bench.db'}")
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return loaded_database(evidence, folder)[1]


def _load() -> list[float]:
    return [round(x, 2) for x in os.getloadavg()]


def _cached_source(engine: Engine) -> OverviewSource:
    """The UI's `state.brief_overview` over this engine: the same two st.cache_data layers
    (the scans, then the figures in a language), so a hit costs what it costs on the page."""

    @st.cache_data(ttl=600, max_entries=32, show_spinner=False)
    def aggregates(
        version: int,  # noqa: ARG001 -- the cache key
        visible: Visibility,
        filters: EvidenceFilters,
        day: date,
    ) -> EvidenceAggregates:
        return evidence_aggregates(engine, filters, visible=visible, today=day)

    @st.cache_data(ttl=600, max_entries=32, show_spinner=False)
    def figures(
        version: int,
        visible: Visibility,
        filters: EvidenceFilters,
        lang: str,
        day: date,
        stale_days: int,
    ) -> OverviewData:
        return overview_data(
            engine,
            filters,
            visible=visible,
            lang=lang,
            today=day,
            stale_days=stale_days,
            aggregates=aggregates(version, visible, filters, day),
        )

    return figures


def _forget_charts() -> None:
    """A new process (the command line) draws its charts afresh."""
    brief_pdf.step_chart_png.cache_clear()
    brief_pdf.grid_chart_png.cache_clear()


def _timed(fn: Callable[[], object]) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - wall, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=7)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--docs", type=Path, default=None)
    args = parser.parse_args()
    logging.getLogger("streamlit").setLevel(logging.ERROR)  # "no runtime": a plain cache
    engine = _engine(args.evidence, args.folder)
    with session_scope(engine) as session:
        actor = system_actor(session=session)
    source = _cached_source(engine)
    today = date.today()
    drafts = lookups.drafts_table(engine, "en")
    briefs = {
        "all": (BriefSubject("all"), BriefingOptions(lang="en")),
        "demand": (BriefSubject("demand", "D02"), BriefingOptions(lang="uk")),
        **(
            {"draft": (BriefSubject("draft", str(drafts["code"].iloc[-1])), BriefingOptions())}
            if not drafts.empty
            else {}
        ),
    }
    load_before = _load()
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}

    def record(name: str, seconds: tuple[float, float]) -> None:
        wall.setdefault(name, []).append(seconds[0])
        cpu.setdefault(name, []).append(seconds[1])

    made = None
    for subject, options in briefs.values():  # warm: imports, fonts, the page's cache
        brief_pdf.build(
            engine=engine,
            actor=actor,
            subject=subject,
            options=options,
            now=datetime.now(UTC),
            source=source,
        )

    def one(subject: BriefSubject, options: BriefingOptions, cached: bool) -> None:
        brief_pdf.build(
            engine=engine,
            actor=actor,
            subject=subject,
            options=options,
            now=datetime.now(UTC),
            source=source if cached else None,
        )

    everything, file_options = briefs["all"]
    for _ in range(args.repeat):
        record(
            "overview_data",
            _timed(
                lambda: overview_data(
                    engine,
                    file_options.filters,
                    visible=file_options.visibility(),
                    lang="en",
                    today=today,
                    stale_days=STALE_DAYS,
                )
            ),
        )
        # the command line's all ten, part by part
        _forget_charts()
        now = datetime.now(UTC)
        start, start_cpu = time.perf_counter(), time.process_time()
        subject, checked = brief_pdf.check_request(
            engine=engine, actor=actor, subject=everything, options=file_options
        )
        inputs = brief_queries.brief_inputs(
            engine, subject, checked, today=today, stale_days=STALE_DAYS
        )
        read = time.perf_counter()
        contents = brief_contents.assemble(inputs, user=actor.username, now=now)
        assembled = time.perf_counter()
        made = brief_pdf.render(contents, now=now)
        done = time.perf_counter()
        record("cli_read", (read - start, 0.0))
        record("cli_assemble", (assembled - read, 0.0))
        record("cli_render", (done - assembled, 0.0))
        record("cli_all", (done - start, time.process_time() - start_cpu))
        for name, (subject, options) in briefs.items():
            if name != "all":
                _forget_charts()
                record(f"cli_{name}", _timed(functools.partial(one, subject, options, False)))
            record(f"page_{name}", _timed(functools.partial(one, subject, options, True)))
    assert made is not None
    result: dict[str, object] = {"evidence": args.evidence, "repeat": args.repeat}
    result |= _figures(wall, cpu, set(briefs))
    result |= {"pages": made[1], "bytes": len(made[0])}
    result["load"] = {"before": load_before, "after": _load()}
    print(json.dumps(result))
    if args.docs is not None:
        _draw_docs(engine, actor, args.docs)


def _figures(
    wall: dict[str, list[float]], cpu: dict[str, list[float]], briefs: set[str]
) -> dict[str, object]:
    """Medians of every timing; p95, CPU seconds and the ratio to the floor of whole briefs."""
    base = median(wall["overview_data"])
    result: dict[str, object] = {}
    for name in wall:
        result[f"{name}_s"] = round(median(wall[name]), 3)
        if name.startswith(("cli_", "page_")) and name.split("_")[1] in briefs:
            result[f"{name}_p95_s"] = round(percentile(wall[name], 0.95), 3)
            result[f"{name}_cpu_s"] = round(median(cpu[name]), 3)
            result[f"{name}_ratio_to_overview"] = round(median(wall[name]) / base, 2)
    result["overview_data_cpu_s"] = round(median(cpu["overview_data"]), 3)
    return result


def _draw_docs(engine: Engine, actor: Actor, docs: Path) -> None:
    """Page 1 of the brief of D02 in Ukrainian and of all ten in English (the README's)."""
    for subject, lang, name in [
        (BriefSubject("demand", "D02"), "uk", "brief-demand-uk"),
        (BriefSubject("all"), "en", "brief-all-en"),
    ]:
        brief = brief_pdf.build(
            engine=engine,
            actor=actor,
            subject=subject,
            options=BriefingOptions(lang=lang),
            now=datetime.now(UTC),
        )
        page = pdfium.PdfDocument(brief.data)[0]
        page.render(scale=1.6).to_pil().save(docs / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
