"""Briefings for partners, as a use case: check who asks for what, build, write, audit.

The default is what may go to a partner: public entries only; restricted ones with a flag (an
editor); confidential ones only when an admin asks. Rows come from `monitor.queries.briefings`
(evidence, in SQL) and `monitor.domain.briefings` (status, history, gaps); the CSV bytes from
`monitor.domain.csv_files`.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any

from sqlalchemy.engine import Engine

from monitor.core import audit
from monitor.core.db import session_scope
from monitor.core.files import write_atomically
from monitor.core.permissions import Actor, require_export
from monitor.domain import across_drafts, csv_files, filters, gaps, status
from monitor.domain import briefings as briefing_rows
from monitor.domain.briefing_kinds import COMPARISON, KINDS, READS, SENSITIVITY
from monitor.domain.briefings import Briefing, BriefingOptions
from monitor.domain.organisations import recorded_by
from monitor.errors import InvalidInput
from monitor.i18n import LANGUAGES
from monitor.queries import assessments, lookups, settings
from monitor.queries import briefings as sql
from monitor.queries import organisations as organisation_queries
from monitor.services import custody as custody_log

__all__ = [
    "COMPARISON",
    "KINDS",
    "BriefingOptions",
    "build",
    "check_options",
    "export_to",
    "preview",
]


def check_options(*, engine: Engine, actor: Actor, options: BriefingOptions) -> BriefingOptions:
    """Refuse what the actor may not export and filters that cannot be right, before any file."""
    require_export(
        actor,
        include_restricted=options.include_restricted,
        include_confidential=options.include_confidential,
        include_organisation=options.include_organisation,
    )
    options = replace(options, reader=actor)  # never a reader the caller made up
    f = options.filters
    demands, regions = lookups.demand_and_region_codes(engine)
    unknown_demands = [d for d in f.demands if d not in demands]
    if unknown_demands:
        raise InvalidInput(
            {"demand": ("invalid.unknown_code", {"value": ", ".join(unknown_demands)})}
        )
    unknown_regions = [r for r in f.regions if r not in regions]
    if unknown_regions:
        raise InvalidInput(
            {"region": ("invalid.unknown_code", {"value": ", ".join(unknown_regions)})}
        )
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise InvalidInput({"to": ("invalid.range_order", {})})
    if options.lang not in LANGUAGES:
        raise InvalidInput({"lang": ("invalid.choice", {"choices": ", ".join(LANGUAGES)})})
    return replace(options, filters=replace(f, sensitivities=options.sensitivities()))


def _chosen_titles(engine: Engine, options: BriefingOptions) -> Any:
    titles = lookups.demand_titles(engine, options.lang)
    if options.filters.demands:
        titles = titles[titles["code"].isin(options.filters.demands)]
    return titles


def build(*, engine: Engine, kind: str, options: BriefingOptions, today: date) -> Briefing:
    """One checked briefing: its header and its rows (read as they are written)."""
    visible = options.visibility()
    if kind == "evidence":
        return sql.evidence_rows(engine, options.filters, visible=visible, lang=options.lang)
    if kind == "status":
        counts = sql.status_counts(engine, options.filters, visible=visible, today=today)
        latest = status.current_and_previous(lookups.status_history(engine)).set_index("demand")
        return briefing_rows.status_rows(
            _chosen_titles(engine, options), latest, counts, options.lang
        )
    if kind == "history":
        titles = _chosen_titles(engine, options)
        by_demand = {
            code: assessments.for_demand(engine, code, visible=visible) for code in titles["code"]
        }
        return briefing_rows.history_rows(titles, by_demand, options.filters, options.lang)
    if kind == "gaps":
        demands = list(_chosen_titles(engine, options)["code"])
        drafts = lookups.drafts_table(engine, options.lang)
        return briefing_rows.gaps_rows(
            drafts, lookups.coverage_matrix(engine, options.lang), demands, options.lang
        )
    if kind == "strip":
        demands = list(_chosen_titles(engine, options)["code"])
        drafts = lookups.drafts_table(engine, options.lang)
        return briefing_rows.strip_rows(
            drafts, lookups.coverage_matrix(engine, options.lang), demands, options.lang
        )
    if kind == COMPARISON:
        return _comparison(engine, options)
    choices = ", ".join([*KINDS, COMPARISON])
    raise InvalidInput({"kind": ("invalid.choice", {"choices": choices})})


def _comparison(engine: Engine, options: BriefingOptions) -> Briefing:
    """Two drafts by code, per demand; refused when a code is unknown or both are the same."""
    known = list(lookups.drafts_table(engine, options.lang)["code"])
    chosen: dict[str, str] = {}
    problems: dict[str, tuple[str, dict[str, Any]]] = {}
    for field_name, code in (("from", options.compare_from), ("to", options.compare_to)):
        try:  # a draft named as for its brief: the full code or the part before its date
            chosen[field_name] = across_drafts.resolve_draft(code or "", known)
        except InvalidInput as refused:
            problems[field_name] = refused.problems["draft"]
    if problems:
        raise InvalidInput(problems)
    before, after = chosen["from"], chosen["to"]
    if before == after:
        raise InvalidInput({"to": ("invalid.same_draft", {"value": after})})
    coverage = lookups.coverage_matrix(engine, options.lang)
    titles = _chosen_titles(engine, options)

    def pairs(code: str) -> list[tuple[str, str]]:
        points = lookups.points_table(engine, code, options.lang)
        return list(zip(points["label"], points["text"], strict=True))

    result = gaps.compare_versions(
        coverage[coverage["draft"] == before],
        coverage[coverage["draft"] == after],
        pairs(before),
        pairs(after),
        list(titles["code"]),
    )
    names = dict(zip(titles["code"], titles["title"], strict=True))
    return briefing_rows.comparison_rows(result, names, options.lang)


def build_pack(
    *,
    engine: Engine,
    actor: Actor,
    options: BriefingOptions,
    fmt: csv_files.CsvFormat,
    now: datetime,
) -> tuple[bytes, dict[str, int]]:
    """All four briefings, README.txt and MANIFEST.sha256 in one zip; with `options.custody`, also
    custody.csv: the chain of custody of the attachments and captures of the entries the
    evidence briefing carries (each such item gets an export event)."""
    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for kind in KINDS:
        briefing = build(engine=engine, kind=kind, options=options, today=now.date())
        buffer = io.BytesIO()
        counts[kind] = csv_files.write_csv(
            buffer, briefing.header, briefing.rows, fmt, escaped=briefing.escaped
        )
        files[f"{kind}{fmt.suffix}"] = buffer.getvalue()
    if options.custody:
        files["custody.csv"] = custody_log.pack_member(
            engine=engine, actor=actor, filters=options.filters, carried=options.visibility()
        )
    version, last_change = sql.data_state(engine)
    with engine.connect() as conn:
        release = settings.reference_release(conn)
    readme = briefing_rows.provenance(
        options,
        counts,
        user=actor.username,
        data_version=version,
        last_change=last_change,
        reference_release=release,
        now=now,
        credits=recorded_by(
            organisation_queries.credits(
                engine, options.filters, visible=options.visibility(), lang=options.lang
            ),
            options.lang,
        ),
    )
    return csv_files.pack(files, readme), counts


def _write(
    engine: Engine,
    actor: Actor,
    kind: str,
    checked: BriefingOptions,
    out: IO[bytes],
    fmt: csv_files.CsvFormat,
) -> int:
    """Write one checked briefing (or the pack) to a binary stream; the rows written."""
    now = datetime.now(UTC)
    if kind == "pack":
        data, counts = build_pack(engine=engine, actor=actor, options=checked, fmt=fmt, now=now)
        out.write(data)
        return sum(counts.values())
    briefing = build(engine=engine, kind=kind, options=checked, today=now.date())
    return csv_files.write_csv(out, briefing.header, briefing.rows, fmt, escaped=briefing.escaped)


def _audit_export(
    engine: Engine, actor: Actor, kind: str, checked: BriefingOptions, **details: Any
) -> None:
    """An export is recorded (who, what, which filters) but does not change the data version.
    It names only the filters the file reads (`briefing_kinds.READS`): a gap matrix asked for
    with a region is recorded as what it is, the demands' coverage."""
    reads = READS[kind]  # a kind it does not know was refused when the file was built
    scoped = SENSITIVITY in reads
    with session_scope(engine) as session:
        audit.record(
            session,
            actor,
            "export",
            "briefing",
            kind,
            changes_data=False,
            after={
                "filters": filters.as_record(filters.narrowed(checked.filters, reads)),
                **({"sensitivities": checked.sensitivities()} if scoped else {}),
                **details,
            },
        )


def export_to(
    *,
    engine: Engine,
    actor: Actor,
    kind: str,
    options: BriefingOptions,
    path: Path,
    excel: bool = False,
) -> int:
    """Write one briefing (or the pack) to `path` atomically, audited; returns the rows written.

    It owns the audit's transaction: the export is recorded once the file is in place.
    """
    checked = check_options(engine=engine, actor=actor, options=options)
    fmt = csv_files.EXCEL if excel else csv_files.STANDARD
    holder: dict[str, int] = {}
    write_atomically(  # a file to hand on: the mode a new file gets, not the backup's 0600
        path,
        lambda handle: holder.update(n=_write(engine, actor, kind, checked, handle, fmt)),
        private=False,
    )
    _audit_export(engine, actor, kind, checked, file=str(path), rows=holder["n"], excel=excel)
    return holder["n"]


def preview(
    *,
    engine: Engine,
    actor: Actor,
    kind: str,
    options: BriefingOptions,
    today: date,
    rows: int = 20,
) -> tuple[list[str], list[Sequence[Any]], int]:
    """The header, the first rows and the full row count, for the page before downloading."""
    checked = check_options(engine=engine, actor=actor, options=options)
    if kind == "pack":
        counts = {
            k: build(engine=engine, kind=k, options=checked, today=today).row_count for k in KINDS
        }
        return ["file", "rows"], [[f"{k}.csv", n] for k, n in counts.items()], sum(counts.values())
    briefing = build(engine=engine, kind=kind, options=checked, today=today)
    first = list(itertools.islice(briefing.rows, rows))
    return briefing.header, first, briefing.row_count


def download_bytes(
    *, engine: Engine, actor: Actor, kind: str, options: BriefingOptions, excel: bool
) -> bytes:
    """The whole file for a download button, audited as an export (not a change of data).

    It owns the audit's transaction: the export is recorded after the bytes are made.
    """
    checked = check_options(engine=engine, actor=actor, options=options)
    buffer = io.BytesIO()
    fmt = csv_files.EXCEL if excel else csv_files.STANDARD
    written = _write(engine, actor, kind, checked, buffer, fmt)
    _audit_export(engine, actor, kind, checked, rows=written, excel=excel, via="page")
    return buffer.getvalue()
