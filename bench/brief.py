"""Time the PDF brief of all ten demands on N synthetic entries (SQLite).

Prints one JSON line: {"evidence": N, "brief_all_s": ..., "read_s": ..., "assemble_s": ...,
"render_s": ..., "overview_data_s": ..., "ratio_to_overview": ..., "pages": ..., "bytes": ...,
"brief_demand_s": ...}. brief_all_s is the whole brief as `monitor export brief` makes it
(check, read, assemble, render; the audit and the file write excluded), medians of --repeat
runs; read_s, assemble_s and render_s are its parts. overview_data_s is the floor measured in
the same run: the Overview's aggregates, which the brief reads (so the ratio says what the
brief adds). With --docs DIR, page 1 of the brief of D02 in Ukrainian and of all ten in
English is drawn to DIR/brief-demand-uk.png and DIR/brief-all-en.png (the README's pictures).
With --folder DIR, the database is DIR/bench.db, made there once and reused after.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import UTC, date, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pypdfium2 as pdfium  # noqa: E402

from bench._common import loaded_database, median  # noqa: E402
from monitor.core.db import make_engine, session_scope  # noqa: E402
from monitor.domain import brief_contents  # noqa: E402
from monitor.domain.brief_contents import BriefSubject  # noqa: E402
from monitor.domain.briefings import BriefingOptions  # noqa: E402
from monitor.queries import brief as brief_queries  # noqa: E402
from monitor.queries.overview import overview_data  # noqa: E402
from monitor.services import brief_pdf  # noqa: E402
from monitor.services.accounts import system_actor  # noqa: E402


def _engine(evidence: int, folder: Path | None):  # type: ignore[no-untyped-def]
    if folder is not None and (folder / "bench.db").exists():
        return make_engine(f"sqlite:///{folder / 'bench.db'}")
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
    return loaded_database(evidence, folder)[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--evidence", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--docs", type=Path, default=None)
    args = parser.parse_args()
    engine = _engine(args.evidence, args.folder)
    with session_scope(engine) as session:
        actor = system_actor(session=session)
    everything = BriefSubject("all")
    options = BriefingOptions(lang="en")
    today = date.today()
    parts: dict[str, list[float]] = {"read": [], "assemble": [], "render": [], "whole": []}
    floor: list[float] = []
    made = None
    brief_pdf.build(
        engine=engine, actor=actor, subject=everything, options=options, now=datetime.now(UTC)
    )
    for _ in range(args.repeat):
        start = time.perf_counter()
        overview_data(
            engine,
            options.filters,
            visible=options.visibility(),
            lang="en",
            today=today,
            stale_days=60,
        )
        floor.append(time.perf_counter() - start)
        now = datetime.now(UTC)
        start = time.perf_counter()
        subject, checked = brief_pdf.check_request(
            engine=engine, actor=actor, subject=everything, options=options
        )
        inputs = brief_queries.brief_inputs(engine, subject, checked, today=today, stale_days=60)
        read = time.perf_counter()
        contents = brief_contents.assemble(inputs, user=actor.username, now=now)
        assembled = time.perf_counter()
        made = brief_pdf.render(contents, now=now)
        done = time.perf_counter()
        parts["read"].append(read - start)
        parts["assemble"].append(assembled - read)
        parts["render"].append(done - assembled)
        parts["whole"].append(done - start)
    demand = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        brief_pdf.build(
            engine=engine,
            actor=actor,
            subject=BriefSubject("demand", "D02"),
            options=BriefingOptions(lang="uk"),
            now=datetime.now(UTC),
        )
        demand.append(time.perf_counter() - start)
    assert made is not None
    whole, base = median(parts["whole"]), median(floor)
    result = {
        "evidence": args.evidence,
        "brief_all_s": round(whole, 3),
        "read_s": round(median(parts["read"]), 3),
        "assemble_s": round(median(parts["assemble"]), 3),
        "render_s": round(median(parts["render"]), 3),
        "overview_data_s": round(base, 3),
        "ratio_to_overview": round(whole / base, 2),
        "pages": made[1],
        "bytes": len(made[0]),
        "brief_demand_s": round(median(demand), 3),
    }
    print(json.dumps(result))
    if args.docs is not None:
        for subject, lang, name in [
            (BriefSubject("demand", "D02"), "uk", "brief-demand-uk"),
            (everything, "en", "brief-all-en"),
        ]:
            brief = brief_pdf.build(
                engine=engine,
                actor=actor,
                subject=subject,
                options=BriefingOptions(lang=lang),
                now=datetime.now(UTC),
            )
            page = pdfium.PdfDocument(brief.data)[0]
            page.render(scale=1.6).to_pil().save(args.docs / f"{name}.png", optimize=True)


if __name__ == "__main__":
    main()
