"""The briefings' rows in SQL: evidence streamed in chunks, final as it leaves the database.

Each evidence cell is computed by the database (labels in the file's language, ISO dates, the
formula guard applied with `monitor.domain.csv_files.GUARD_PATTERN`), so 100,000 entries
stream to the file without being held in memory or touched cell by cell in Python.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core import audit
from monitor.core.models import (
    AuditEvent,
    Capture,
    Demand,
    Direction,
    Evidence,
    EvidenceDemand,
)
from monitor.core.permissions import Visibility
from monitor.core.sqlfuncs import holds_pair, regexp_replace_all, strpos, unindexed, utc_iso
from monitor.domain import csv_files
from monitor.domain.briefings import Briefing, days_before
from monitor.domain.columns import EVIDENCE_COLUMNS
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import enum_labels
from monitor.queries.evidence import demand_codes, evidence_conditions, region_name

CHUNK = 5000
_ENUMS = {"source_type", "reliability", "direction", "language", "sensitivity", "verification"}
_NUMBERS = {"version", "credibility", "people_count"}


def guarded_sql(column: Any) -> Any:
    """The formula guard in SQL: the pure layer's pattern, applied by the database to the few
    texts that can need it (a formula character first, a line break inside, or a separator
    right before a formula character)."""
    may_need = sa.or_(
        sa.func.substr(column, 1, 1).in_(csv_files.GUARD_FIRSTS),
        *(strpos(column, brk) > 0 for brk in csv_files.LINE_BREAKS),
        holds_pair(column, csv_files.SEPARATOR_CLASS, csv_files.AFTER_SEPARATOR_CLASS),
    )
    guarded = regexp_replace_all(column, csv_files.GUARD_PATTERN, csv_files.GUARD)
    return sa.case((may_need, guarded), else_=column)


def _stream_conditions(filters: EvidenceFilters, visible: Visibility) -> list[Any]:
    """The filters, written so SQLite reads the table in id order instead of sorting 100,000
    rows found through the Overview's covering index (`unindexed` keeps the planner off it)."""
    if filters.include_withdrawn:
        return evidence_conditions(filters, visible)
    rest = evidence_conditions(replace(filters, include_withdrawn=True), visible)
    return [unindexed(col(Evidence.withdrawn_at)).is_(None), *rest]


def _last_capture_hash() -> Any:
    """The SHA-256 of the entry's newest successful capture, so a partner can check the file."""
    return (
        sa.select(col(Capture.sha256))
        .where(col(Capture.evidence_id) == col(Evidence.id), col(Capture.ok).is_(True))
        .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
        .limit(1)
        .scalar_subquery()
    )


def _sql_cell(name: str, lang: str) -> Any:
    """How a column leaves the database in a briefing: final text, so Python only streams it."""
    column = getattr(Evidence, name)
    if name in _ENUMS:
        raw = sa.type_coerce(column, sa.String())
        return sa.case(
            *((raw == value, label) for value, label in enum_labels(name, lang).items()), else_=raw
        )
    if name in ("created_at", "updated_at"):
        return utc_iso(column)
    if name in ("event_start", "event_end"):
        return sa.type_coerce(column, sa.String())
    if name in _NUMBERS:
        return column
    return guarded_sql(column)


def evidence_rows(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, lang: str
) -> Briefing:
    """One row per entry, stable id first, columns as documented in docs/briefings.md."""
    where = _stream_conditions(filters, visible)
    fields = [c.field for c in EVIDENCE_COLUMNS]
    stored = [f for f in fields if f not in ("demands", "source_sha256")]
    columns = {f: _sql_cell(f, lang) for f in stored}
    columns["region_code"] = guarded_sql(region_name(lang))
    columns["demands"] = demand_codes(col(Evidence.id), engine.dialect.name)
    columns["source_sha256"] = _last_capture_hash()
    query = (
        sa.select(*(columns[f].label(f) for f in fields))
        .select_from(Evidence)
        .where(*where)
        .order_by(col(Evidence.id))
    )

    def count() -> int:
        with engine.connect() as conn:
            found = conn.execute(sa.select(sa.func.count()).select_from(Evidence).where(*where))
            return int(found.scalar() or 0)

    def rows() -> Iterator[Sequence[Any]]:
        with engine.connect() as conn:
            yield from conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query)

    header = [c.header(lang) for c in EVIDENCE_COLUMNS]
    return Briefing("evidence", header, rows(), count, escaped=True)


def status_counts(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, today: date
) -> dict[str, list[int]]:
    """Per demand code: entries by direction (in `Direction` order), logged in the last 30 and
    90 days. A filter on demands keeps only the chosen demands' links."""
    d30, d90 = days_before(today, 30), days_before(today, 90)
    query = (
        sa.select(
            col(Demand.code),
            *(sa.func.sum(sa.case((col(Evidence.direction) == d, 1), else_=0)) for d in Direction),
            sa.func.sum(sa.case((col(Evidence.created_at) >= d30, 1), else_=0)),
            sa.func.sum(sa.case((col(Evidence.created_at) >= d90, 1), else_=0)),
        )
        .select_from(Evidence)
        .join(EvidenceDemand, col(EvidenceDemand.evidence_id) == col(Evidence.id))
        .join(Demand, col(Demand.id) == col(EvidenceDemand.demand_id))
        .where(*evidence_conditions(filters, visible))
        .group_by(col(Demand.code))
    )
    if filters.demands:
        query = query.where(col(Demand.code).in_(filters.demands))
    with engine.connect() as conn:
        return {r[0]: [int(v or 0) for v in r[1:]] for r in conn.execute(query)}


def data_state(engine: Engine) -> tuple[int, datetime | None]:
    """The data version and the time of the last change (not an access), for provenance."""
    with engine.connect() as conn:
        version = audit.data_version(conn)
        last_change = conn.execute(
            sa.select(sa.func.max(col(AuditEvent.at))).where(
                col(AuditEvent.action).notin_(audit.ACCESS_ACTIONS)
            )
        ).scalar()
    return version, last_change
