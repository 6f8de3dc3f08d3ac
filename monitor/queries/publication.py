"""What the open data publication reads: the public rows only, chosen by the permission policy.

Which entries are public is `monitor.core.permissions.export_sensitivities` with no flag (what a
file handed on carries by default), applied through `monitor.queries.evidence.
evidence_conditions`, which also leaves withdrawn entries out. Statuses and coverage come from
the lookups every page uses (published assessments, approved coverage codes only). Each query
selects the published fields and nothing else, so a confidential text never leaves the
database on its way to the publication.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlalchemy.orm import aliased
from sqlmodel import col

from monitor.core.models import (
    Assessment,
    AssessmentState,
    CoverageProposal,
    Demand,
    Draft,
    Evidence,
    Region,
    Sensitivity,
    table_of,
)
from monitor.core.permissions import Visibility, export_sensitivities
from monitor.core.sqlfuncs import utc_iso, year_month
from monitor.domain.filters import EvidenceFilters
from monitor.queries import settings
from monitor.queries.briefings import data_state
from monitor.queries.evidence import evidence_conditions

CHUNK = 10_000
EVIDENCE_FIELDS = (
    "uid",
    "demand_mask",
    "event_start",
    "event_end",
    "region_code",
    "settlement_code",
    "source_type",
    "reliability",
    "credibility",
    "direction",
    "verification",
    "language",
    "people_count",
    "version",
    "created_at",
)


def public_sensitivities() -> tuple[Sensitivity, ...]:
    """The sensitivities a publication carries: what the policy lets a file carry by default."""
    return export_sensitivities(include_restricted=False, include_confidential=False)


def _public_evidence() -> list[sa.ColumnElement[bool]]:
    """Public entries, withdrawn ones excluded: the one filter every evidence read here uses."""
    # no organisation: an organisation-only entry is never published
    return evidence_conditions(EvidenceFilters(), Visibility(public_sensitivities()))


def _mappings(engine: Engine, query: sa.Select[Any]) -> list[dict[str, Any]]:
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query).mappings()]


def demands(engine: Engine) -> list[dict[str, Any]]:
    """Every demand in display order, with the published fields and its id (for the bits)."""
    names = (
        "id",
        "code",
        "position",
        "title_en",
        "title_uk",
        "text_en",
        "text_uk",
        "text_uk_is_translation",
        "source",
        "pax_codes",
        "pam_provision",
    )
    table = table_of(Demand)
    query = sa.select(*(table.c[n] for n in names)).order_by(table.c.position, table.c.code)
    return _mappings(engine, query)


def regions(engine: Engine) -> list[dict[str, Any]]:
    """Every region in display order."""
    table = table_of(Region)
    names = ("code", "katottg", "name_en", "name_uk", "position")
    return _mappings(
        engine, sa.select(*(table.c[n] for n in names)).order_by(table.c.position, table.c.code)
    )


def publication_times(engine: Engine) -> dict[int, datetime | None]:
    """When each published assessment was approved (the time of its feed entry)."""
    query = sa.select(col(Assessment.id), col(Assessment.decided_at)).where(
        col(Assessment.state) == AssessmentState.PUBLISHED
    )
    with engine.connect() as conn:
        return {i: at for i, at in conn.execute(query) if i is not None}


def drafts(engine: Engine) -> list[dict[str, Any]]:
    """Every draft by date with its published fields and when it was added (for the feed)."""
    previous = aliased(Draft)
    query = (
        sa.select(
            col(Draft.code),
            sa.label("title_en", col(Draft.title)),
            col(Draft.title_uk),
            col(Draft.original_language),
            col(Draft.proponent),
            col(Draft.published_on),
            sa.label("status", sa.type_coerce(col(Draft.status), sa.String())),
            col(Draft.confidence),
            col(Draft.source_url),
            col(Draft.other_sources),
            sa.label("supersedes", col(previous.code)),
            col(Draft.created_at),
        )
        .outerjoin(previous, col(previous.id) == col(Draft.supersedes_id))
        .order_by(col(Draft.published_on), col(Draft.id))
    )
    return _mappings(engine, query)


def coverage_approvals(engine: Engine) -> list[dict[str, Any]]:
    """Every coverage code approved (the history, for the feed): cell, level, points, when."""
    query = (
        sa.select(
            col(CoverageProposal.id),
            sa.label("draft", col(Draft.code)),
            sa.label("demand", col(Demand.code)),
            sa.label("level", sa.type_coerce(col(CoverageProposal.level), sa.String())),
            sa.label("points", col(CoverageProposal.point_labels)),
            col(CoverageProposal.decided_at),
        )
        .join(Draft, col(Draft.id) == col(CoverageProposal.draft_id))
        .join(Demand, col(Demand.id) == col(CoverageProposal.demand_id))
        .where(
            col(CoverageProposal.state) == AssessmentState.PUBLISHED,
            col(CoverageProposal.decided_at).is_not(None),
        )
        .order_by(col(CoverageProposal.id))
    )
    return _mappings(engine, query)


def _text(column: Any) -> Any:
    """A column as the database spells it (dates as YYYY-MM-DD, enums as stored), so a million
    rows are not converted value by value on their way to the file."""
    return sa.cast(column, sa.String())


def evidence_stream(engine: Engine) -> Iterator[Sequence[Any]]:
    """Public entries in id order, `EVIDENCE_FIELDS` only, streamed in chunks."""
    columns = {name: getattr(Evidence, name) for name in EVIDENCE_FIELDS}
    selected = [
        _text(columns[n]).label(n)
        if n
        in ("event_start", "event_end", "source_type", "reliability", "direction", "verification")
        else utc_iso(columns[n]).label(n)
        if n == "created_at"
        else col(columns[n])
        for n in EVIDENCE_FIELDS
    ]
    query = sa.select(*selected).where(*_public_evidence()).order_by(col(Evidence.uid))
    with engine.connect() as conn:
        yield from conn.execution_options(stream_results=True, yield_per=CHUNK).execute(query)


def evidence_counts(engine: Engine) -> list[tuple[int, str, str, str, int]]:
    """Public entries by demand bits, month the events began, region and direction; the
    caller splits the bits into demands (grouping by the bits reads the Overview's covering
    index instead of joining every link)."""
    month = year_month(col(Evidence.event_start))
    direction = sa.type_coerce(col(Evidence.direction), sa.String())
    query = (
        sa.select(
            col(Evidence.demand_mask), month, col(Evidence.region_code), direction, sa.func.count()
        )
        .where(*_public_evidence())
        .group_by(col(Evidence.demand_mask), month, col(Evidence.region_code), direction)
    )
    with engine.connect() as conn:
        return [(int(m), str(mo), str(r), str(d), int(n)) for m, mo, r, d, n in conn.execute(query)]


def provenance_state(engine: Engine) -> tuple[int, datetime | None, str]:
    """The data version, the time of the latest change, and the reference release loaded."""
    version, last_change = data_state(engine)
    with engine.connect() as conn:
        release = settings.reference_release(conn)
    return version, last_change, release
