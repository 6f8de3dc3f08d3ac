"""The four CSV briefings and the pack: what partners receive, with provenance.

Each briefing is a header and a stream of rows read from the database in chunks, so 100,000
entries are never held three times. The default is what may go to a partner: public entries
only; restricted ones with a flag; confidential ones only when an admin asks.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor import audit, status
from monitor.auth import Actor, require
from monitor.columns import EVIDENCE_COLUMNS
from monitor.i18n import CATALOGUE, enum_label, status_label, t
from monitor.models import Demand, Direction, Evidence, EvidenceDemand, Region, Role, Sensitivity
from monitor.queries import charts_data
from monitor.queries.filters import EvidenceFilters, evidence_conditions
from monitor.services import gaps
from monitor.services.export import DANGEROUS_STARTS
from monitor.sqlfuncs import utc_iso
from monitor.validation import refuse

KINDS = ("evidence", "status", "history", "gaps")
CHUNK = 5000


@dataclass(frozen=True)
class BriefingOptions:
    filters: EvidenceFilters = field(default_factory=EvidenceFilters)
    lang: str = "en"
    include_restricted: bool = False
    include_confidential: bool = False

    def sensitivities(self) -> tuple[str, ...]:
        allowed = [Sensitivity.PUBLIC.value]
        if self.include_restricted or self.include_confidential:
            allowed.append(Sensitivity.RESTRICTED.value)
        if self.include_confidential:
            allowed.append(Sensitivity.CONFIDENTIAL.value)
        return tuple(allowed)


@dataclass
class Briefing:
    """A header and a one-pass stream of rows; `count()` asks the database without reading them."""

    kind: str
    header: list[str]
    rows: Iterator[Sequence[Any]]
    counter: Callable[[], int]
    escaped: bool = False  # the rows already passed safe_cell

    @property
    def row_count(self) -> int:
        return self.counter()


def check_options(engine: Engine, actor: Actor, options: BriefingOptions) -> BriefingOptions:
    """Refuse what the actor may not export and filters that cannot be right, before any file."""
    require(actor, Role.VIEWER)
    if options.include_confidential:
        require(actor, Role.ADMIN)
    if options.include_restricted:
        require(actor, Role.EDITOR)
    f = options.filters
    with engine.connect() as conn:
        demands = set(conn.execute(sa.select(col(Demand.code))).scalars())
        regions = set(conn.execute(sa.select(col(Region.code))).scalars())
    unknown_demands = [d for d in f.demands if d not in demands]
    if unknown_demands:
        raise refuse({"demand": ("invalid.unknown_code", {"value": ", ".join(unknown_demands)})})
    unknown_regions = [r for r in f.regions if r not in regions]
    if unknown_regions:
        raise refuse({"region": ("invalid.unknown_code", {"value": ", ".join(unknown_regions)})})
    if f.date_from and f.date_to and f.date_from > f.date_to:
        raise refuse({"to": ("invalid.range_order", {})})
    if options.lang not in ("uk", "en"):
        raise refuse({"lang": ("invalid.choice", {"choices": "uk, en"})})
    return replace(options, filters=replace(f, sensitivities=options.sensitivities()))


def _stream_conditions(filters: EvidenceFilters, actor: Actor, dialect: str) -> list[Any]:
    """The filters, written so SQLite reads the table in id order instead of sorting 100,000
    rows found through the Overview's covering index (unary + keeps the planner off it)."""
    if filters.include_withdrawn or dialect != "sqlite":
        return evidence_conditions(filters, _admin(actor))
    rest = evidence_conditions(replace(filters, include_withdrawn=True), _admin(actor))
    return [sa.literal_column("+evidence.withdrawn_at").is_(None), *rest]


def _admin(actor: Actor) -> Actor:
    """Sensitivity is decided by the options (checked above), not again by the role filter."""
    return Actor(actor.id, actor.username, Role.ADMIN)


def evidence_briefing(engine: Engine, actor: Actor, options: BriefingOptions) -> Briefing:
    """One row per entry, stable id first, columns as documented in the README."""
    lang = options.lang
    where = _stream_conditions(options.filters, actor, engine.dialect.name)
    region_name = col(Region.name_uk) if lang == "uk" else col(Region.name_en)
    fields = [c.field for c in EVIDENCE_COLUMNS]
    stored = [f for f in fields if f not in ("demands", "source_sha256")]
    columns = {f: _sql_cell(f, lang) for f in stored}
    columns["region_code"] = _escaped_sql(region_name)
    columns["demands"] = _joined_codes(engine.dialect.name)
    columns["source_sha256"] = _last_capture_hash()
    query = (
        sa.select(*(columns[f].label(f) for f in fields))
        .join(Region, col(Region.code) == col(Evidence.region_code))
        .where(*where)
        .order_by(col(Evidence.id))
    )

    def count() -> int:
        with engine.connect() as conn:
            found = conn.execute(sa.select(sa.func.count()).select_from(Evidence).where(*where))
            return int(found.scalar() or 0)

    def rows() -> Iterator[Sequence[Any]]:
        # every cell is final as it leaves the database: labels, ISO dates, formula guard
        with engine.connect() as conn:
            yield from conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query)

    return Briefing(
        "evidence", [c.header(lang) for c in EVIDENCE_COLUMNS], rows(), count, escaped=True
    )


_ENUMS = {"source_type", "reliability", "direction", "language", "sensitivity", "verification"}
_LINKED = (
    "FROM evidence_demand l JOIN demand d ON d.id = l.demand_id WHERE l.evidence_id = evidence.id"
)


def _last_capture_hash() -> Any:
    """The SHA-256 of the entry's newest successful capture, so a partner can check the file."""
    from monitor.models import Capture

    newest = (
        sa.select(col(Capture.sha256))
        .where(col(Capture.evidence_id) == col(Evidence.id), col(Capture.ok).is_(True))
        .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
        .limit(1)
        .scalar_subquery()
    )
    return newest


def _joined_codes(dialect: str) -> Any:
    """'D01; D08' per entry, in demand order, computed by the database for every row."""
    if dialect == "postgresql":
        sql = f"(SELECT string_agg(d.code, '; ' ORDER BY d.position, d.code) {_LINKED})"
    else:  # SQLite keeps the inner ORDER BY for group_concat
        inner = f"SELECT d.code {_LINKED} ORDER BY d.position, d.code"
        sql = f"(SELECT group_concat(code, '; ') FROM ({inner}))"
    return sa.literal_column(sql).label("demands")


_NUMBERS = {"version", "credibility", "people_count"}


def _labels(name: str, lang: str) -> dict[str, str]:
    prefix = f"enum.{name}."
    return {
        key[len(prefix) :]: text.get(lang) or text["en"]
        for key, text in CATALOGUE.items()
        if key.startswith(prefix)
    }


def _escaped_sql(column: Any) -> Any:
    """The OWASP formula guard in SQL: a leading = + - @ tab CR LF gets an apostrophe."""
    first = sa.func.substr(column, 1, 1)
    return sa.case((first.in_(DANGEROUS_STARTS[:-1]), sa.literal("'") + column), else_=column)


def _sql_cell(name: str, lang: str) -> Any:
    """How a column leaves the database in a briefing: final text, so Python only streams it."""
    column = getattr(Evidence, name)
    if name in _ENUMS:
        raw = sa.type_coerce(column, sa.String())
        return sa.case(
            *((raw == value, label) for value, label in _labels(name, lang).items()), else_=raw
        )
    if name in ("created_at", "updated_at"):
        return utc_iso(column)
    if name in ("event_start", "event_end"):
        return sa.type_coerce(column, sa.String())
    if name in _NUMBERS:
        return column
    return _escaped_sql(column)


def status_briefing(
    engine: Engine, actor: Actor, options: BriefingOptions, *, today: date
) -> Briefing:
    """Per demand: current and previous status, its date, evidence by direction, last 30/90 days."""
    lang = options.lang
    d30 = datetime.combine(today - timedelta(days=30), datetime.min.time(), UTC)
    d90 = datetime.combine(today - timedelta(days=90), datetime.min.time(), UTC)
    counts = (
        charts_data.by_demand_select(options.filters, _admin(actor))
        .add_columns(
            col(Demand.code),
            *(sa.func.sum(sa.case((col(Evidence.direction) == d, 1), else_=0)) for d in Direction),
            sa.func.sum(sa.case((col(Evidence.created_at) >= d30, 1), else_=0)),
            sa.func.sum(sa.case((col(Evidence.created_at) >= d90, 1), else_=0)),
        )
        .join(Demand, col(Demand.id) == col(EvidenceDemand.demand_id))
        .group_by(col(Demand.code))
    )
    with engine.connect() as conn:
        by_demand = {r[0]: [int(v or 0) for v in r[1:]] for r in conn.execute(counts)}
    history = charts_data.status_history(engine)
    latest = status.current_and_previous(history).set_index("demand")
    titles = charts_data.demand_titles(engine, lang)
    if options.filters.demands:
        titles = titles[titles["code"].isin(options.filters.demands)]
    header = [
        t(f"brief.status.{c}", lang)
        for c in (
            "code",
            "title",
            "status",
            "score",
            "previous",
            "assessed_on",
            "evidence",
            "progress",
            "regression",
            "neutral",
            "last_30_days",
            "last_90_days",
        )
    ]
    rows = []
    for code, title in zip(titles["code"], titles["title"], strict=True):
        score = latest["score"].get(code) if code in latest.index else None
        previous = latest["previous"].get(code) if code in latest.index else None
        assessed = latest["assessed_on"].get(code) if code in latest.index else None
        progress, regression, neutral, last30, last90 = _direction_counts(by_demand.get(code))
        rows.append(
            [
                code,
                title,
                status_label(score, lang),
                "" if score is None else int(score),
                "" if previous is None or previous != previous else status_label(previous, lang),
                assessed.isoformat() if assessed else "",
                progress + regression + neutral,
                progress,
                regression,
                neutral,
                last30,
                last90,
            ]
        )
    return Briefing("status", header, iter(rows), lambda: len(rows))


def _direction_counts(values: list[int] | None) -> tuple[int, int, int, int, int]:
    if not values:
        return 0, 0, 0, 0, 0
    by = dict(zip([d.value for d in Direction], values[:3], strict=True))
    return by["progress"], by["regression"], by["neutral"], values[3], values[4]


def history_briefing(engine: Engine, actor: Actor, options: BriefingOptions) -> Briefing:
    """Every published assessment: demand, date, status, rationale, whether self-approved."""
    from monitor.queries import assessments

    lang = options.lang
    titles = charts_data.demand_titles(engine, lang)
    if options.filters.demands:
        titles = titles[titles["code"].isin(options.filters.demands)]
    header = [
        t(f"brief.history.{c}", lang)
        for c in ("code", "title", "assessed_on", "score", "status", "rationale", "self_approved")
    ]
    rows = []
    for code, title in zip(titles["code"], titles["title"], strict=True):
        table = assessments.for_demand(engine, code)
        published = table[table["state"] == "published"].sort_values(["assessed_on", "id"])
        for r in published.itertuples():
            if options.filters.date_from and r.assessed_on < options.filters.date_from:
                continue
            if options.filters.date_to and r.assessed_on > options.filters.date_to:
                continue
            rows.append(
                [
                    code,
                    title,
                    r.assessed_on.isoformat(),
                    int(r.score),
                    status_label(r.score, lang),
                    r.rationale,
                    t("yes" if r.self_approved else "no", lang),
                ]
            )
    return Briefing("history", header, iter(rows), lambda: len(rows))


def gaps_briefing(engine: Engine, actor: Actor, options: BriefingOptions) -> Briefing:
    """One row per draft (by date): its gap count, and per demand the level and points cited."""
    from monitor.queries import drafts as draft_queries

    lang = options.lang
    table = draft_queries.drafts_table(engine)
    coverage = charts_data.coverage_matrix(engine)
    demands = list(charts_data.demand_titles(engine, lang)["code"])
    if options.filters.demands:
        demands = [d for d in demands if d in options.filters.demands]
    counts = gaps.gap_counts(coverage, list(table["code"]), demands)
    cells = {(r.draft, r.demand): r for r in coverage.itertuples()}
    header = [
        t(f"brief.gaps.{c}", lang)
        for c in ("code", "title", "proponent", "published_on", "status", "gaps")
    ] + demands
    rows = []
    for d in table.itertuples():
        row = [
            d.code,
            d.title,
            d.proponent,
            d.published_on.isoformat(),
            enum_label("draft_status", d.status, lang),
            counts[d.code],
        ]
        for demand in demands:
            cell = cells.get((d.code, demand))
            if cell is None:
                row.append(t("drafts.not_coded", lang))
            else:
                text = enum_label("coverage", cell.level, lang) + ("?" if cell.uncertain else "")
                row.append(f"{text}: {cell.points}" if cell.points else text)
        rows.append(row)
    return Briefing("gaps", header, iter(rows), lambda: len(rows))


def build(
    engine: Engine, actor: Actor, kind: str, options: BriefingOptions, *, today: date
) -> Briefing:
    if kind == "evidence":
        return evidence_briefing(engine, actor, options)
    if kind == "status":
        return status_briefing(engine, actor, options, today=today)
    if kind == "history":
        return history_briefing(engine, actor, options)
    if kind == "gaps":
        return gaps_briefing(engine, actor, options)
    raise refuse({"kind": ("invalid.choice", {"choices": ", ".join(KINDS)})})


def provenance(
    engine: Engine, actor: Actor, options: BriefingOptions, counts: dict[str, int], *, now: datetime
) -> str:
    """README.txt of a pack: what each file holds, the filters, when, by whom, from which data."""
    lang = options.lang
    with engine.connect() as conn:
        version = audit.data_version(conn)
        last_change = conn.execute(
            sa.select(sa.func.max(audit.AuditEvent.at)).where(
                col(audit.AuditEvent.action).notin_(audit.ACCESS_ACTIONS)
            )
        ).scalar()
    f = options.filters
    lines = [
        t("brief.readme.title", lang),
        "",
        t(
            "brief.readme.made",
            lang,
            when=now.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
            user=actor.username,
        ),
        t(
            "brief.readme.data",
            lang,
            version=version,
            last=last_change.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ") if last_change else "—",
        ),
        "",
        t("brief.readme.filters", lang),
        f"  demands: {', '.join(f.demands) or '*'}",
        f"  regions: {', '.join(f.regions) or '*'}",
        f"  from: {f.date_from or '*'}  to: {f.date_to or '*'}",
        f"  sensitivity: {', '.join(options.sensitivities())}",
        "",
        t("brief.readme.files", lang),
    ]
    for kind in KINDS:
        lines.append(f"  {kind}.csv ({counts.get(kind, 0)} rows): {t(f'brief.{kind}.about', lang)}")
    lines += ["", t("brief.readme.manifest", lang), ""]
    lines.append("")
    return "\n".join(lines)


def _write(
    engine: Engine, actor: Actor, kind: str, checked: BriefingOptions, out: Any, fmt: Any
) -> int:
    """Write one checked briefing (or the pack) to a binary stream; the rows written."""
    from monitor.services import export

    now = datetime.now(UTC)
    if kind == "pack":
        data, counts = build_pack(engine, actor, checked, fmt=fmt, now=now)
        out.write(data)
        return sum(counts.values())
    briefing = build(engine, actor, kind, checked, today=now.date())
    return export.write_csv(out, briefing.header, briefing.rows, fmt, escaped=briefing.escaped)


def _audit_export(
    engine: Engine, actor: Actor, kind: str, checked: BriefingOptions, **details: Any
) -> None:
    """An export is recorded (who, what, which filters) but does not change the data version."""
    from monitor.db import session_scope

    with session_scope(engine) as session:
        audit.record(
            session,
            actor,
            "export",
            "briefing",
            kind,
            changes_data=False,
            after={
                "filters": repr(checked.filters),
                "sensitivities": checked.sensitivities(),
                **details,
            },
        )


def export_to(
    engine: Engine,
    actor: Actor,
    kind: str,
    options: BriefingOptions,
    path: Any,
    *,
    excel: bool = False,
) -> int:
    """Write one briefing (or the pack) to `path` atomically, audited; returns the rows written."""
    from monitor.services import export

    checked = check_options(engine, actor, options)
    fmt = export.EXCEL if excel else export.STANDARD
    holder: dict[str, int] = {}
    export.write_atomically(
        path, lambda handle: holder.update(n=_write(engine, actor, kind, checked, handle, fmt))
    )
    _audit_export(engine, actor, kind, checked, file=str(path), rows=holder["n"], excel=excel)
    return holder["n"]


def build_pack(
    engine: Engine, actor: Actor, options: BriefingOptions, *, fmt: Any, now: datetime
) -> tuple[bytes, dict[str, int]]:
    """All four briefings, README.txt and MANIFEST.sha256 in one zip."""
    from monitor.services import export

    files: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    for kind in KINDS:
        briefing = build(engine, actor, kind, options, today=now.date())
        buffer = io.BytesIO()
        counts[kind] = export.write_csv(
            buffer, briefing.header, briefing.rows, fmt, escaped=briefing.escaped
        )
        files[f"{kind}{fmt.suffix}"] = buffer.getvalue()
    return export.pack(files, provenance(engine, actor, options, counts, now=now)), counts


def preview(
    engine: Engine,
    actor: Actor,
    kind: str,
    options: BriefingOptions,
    *,
    today: date,
    rows: int = 20,
) -> tuple[list[str], list[Sequence[Any]], int]:
    """The header, the first rows and the full row count, for the page before downloading."""
    import itertools

    checked = check_options(engine, actor, options)
    if kind == "pack":
        counts = {k: build(engine, actor, k, checked, today=today).row_count for k in KINDS}
        return ["file", "rows"], [[f"{k}.csv", n] for k, n in counts.items()], sum(counts.values())
    briefing = build(engine, actor, kind, checked, today=today)
    first = list(itertools.islice(briefing.rows, rows))
    return briefing.header, first, briefing.row_count


def download_bytes(
    engine: Engine, actor: Actor, kind: str, options: BriefingOptions, *, excel: bool, now: datetime
) -> bytes:
    """The whole file for a download button, audited as an export (not a change of data)."""
    from monitor.services import export

    checked = check_options(engine, actor, options)
    buffer = io.BytesIO()
    rows = _write(engine, actor, kind, checked, buffer, export.EXCEL if excel else export.STANDARD)
    _audit_export(engine, actor, kind, checked, rows=rows, excel=excel, via="page")
    return buffer.getvalue()


def file_name(kind: str, *, excel: bool, now: datetime) -> str:
    stamp = now.strftime("%Y%m%d-%H%M")
    if kind == "pack":
        return f"demands-monitor-briefing-{stamp}.zip"
    return f"demands-monitor-{kind}-{stamp}{'-excel' if excel else ''}.csv"
