"""Evidence as a reader sees it: the filters in SQL, the register page, one entry in full.

Filtered, sorted and paginated in SQL so the register stays fast at 100,000 rows.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import aggregate_order_by
from sqlalchemy.engine import Engine
from sqlalchemy.sql import operators
from sqlmodel import col

from monitor.core import demand_mask, search_text
from monitor.core.demand_mask import IntColumn
from monitor.core.models import (
    Attachment,
    AuditEvent,
    Capture,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
    User,
    table_of,
)
from monitor.core.permissions import Visibility
from monitor.core.sqlfuncs import casefold, holds_folded, scans_folded, unindexed
from monitor.core.text import fold
from monitor.domain.filters import EvidenceFilters

SORTS: dict[str, tuple[sa.UnaryExpression[Any], ...]] = {
    "event_start": (col(Evidence.event_start).desc(), col(Evidence.id).desc()),
    "updated_at": (col(Evidence.updated_at).desc(), col(Evidence.id).desc()),
    "id": (col(Evidence.id).desc(),),
    "title": (col(Evidence.title).asc(), col(Evidence.id).asc()),
}
PAGE_COLUMNS = [
    "id",
    "uid",
    "title",
    "demands",
    "event_start",
    "event_end",
    "region",
    "settlement_name",
    "source_type",
    "reliability",
    "credibility",
    "direction",
    "verification",
    "sensitivity",
    "people_count",
    "version",
    "withdrawn",
    "updated_at",
    "incident_id",
]


def evidence_conditions(
    filters: EvidenceFilters, visible: Visibility, *, common_text: bool = False
) -> list[sa.ColumnElement[bool]]:
    """WHERE clauses on `evidence` for these filters, limited to what the reader may see
    (`monitor.core.permissions.Visibility`, the one rule, decides which)."""
    clauses = visible.conditions()
    if not filters.include_withdrawn:
        clauses.append(col(Evidence.withdrawn_at).is_(None))
    if filters.demands:
        clauses.append(
            demand_mask.overlaps(col(Evidence.demand_mask), demand_mask.of_codes(filters.demands))
        )
    chosen = (
        (col(Evidence.region_code), filters.regions),
        (col(Evidence.verification), filters.verification),
        (col(Evidence.source_type), filters.source_types),
        (col(Evidence.sensitivity), filters.sensitivities),
        (col(Evidence.organisation_id), filters.organisations),
    )
    clauses += [column.in_(values) for column, values in chosen if values]
    if filters.incident is not None:
        clauses.append(col(Evidence.incident_id) == filters.incident)
    if filters.date_from:
        clauses.append(
            sa.func.coalesce(col(Evidence.event_end), col(Evidence.event_start))
            >= filters.date_from
        )
    if filters.date_to:
        clauses.append(col(Evidence.event_start) <= filters.date_to)
    if filters.text.strip():
        clauses.append(_text_condition(filters.text, common=common_text))
    return clauses


def _text_condition(text: str, *, common: bool = False) -> sa.ColumnElement[bool]:
    """The search box: the text anywhere in the entry's texts or its stable id, in any case
    (Cyrillic too), whatever apostrophe either side has, with `%`, `_`, `*`, `?` and `[`
    taken literally. It reads the folded text each writer stored (`core.search_text`) through
    its index, or row by row when the text is `common` (see `evidence_rows`)."""
    folded = fold(text.strip())
    like = f"%{_escaped_like(folded)}%"
    if search_text.SEPARATOR in folded:  # would span two texts in the stored one: each alone
        searched = [getattr(Evidence, name) for name in search_text.SEARCHED]
        return sa.or_(*(casefold(c).like(like, escape="\\") for c in searched))
    glob = "*" + "".join(f"[{c}]" if c in "*?[" else c for c in folded) + "*"
    test = scans_folded if common else holds_folded
    return test(col(Evidence.id), col(Evidence.search_text), glob, like)


def _escaped_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# the order an entry's demands are listed in, wherever they are listed
DEMAND_ORDER = (col(Demand.position), col(Demand.code))


def linked_codes(evidence_id: IntColumn | int) -> sa.Select[str]:
    """An entry's demand codes, in demand order: the one definition of an entry's demands as
    a person reads them (the register, one entry, the evidence briefing, the audit's view)."""
    return (
        sa.select(col(Demand.code))
        .join(EvidenceDemand, col(EvidenceDemand.demand_id) == col(Demand.id))
        .where(col(EvidenceDemand.evidence_id) == evidence_id)
    )


def demand_codes(evidence_id: IntColumn, dialect: str) -> sa.ColumnElement[str]:
    """`linked_codes` joined as 'D01; D08' by the database, one column per entry ('' for none).

    PostgreSQL orders inside `string_agg`; SQLite (before 3.44) has no ordered aggregate, so
    it joins the codes as an ordered subquery yields them.
    """
    if dialect == "postgresql":
        separator: aggregate_order_by[str] = aggregate_order_by(
            sa.literal_column("'; '"), *DEMAND_ORDER
        )
        joined = linked_codes(evidence_id).with_only_columns(
            sa.func.string_agg(col(Demand.code), separator)
        )
    else:
        ordered = (
            linked_codes(evidence_id)
            .order_by(*DEMAND_ORDER)
            .correlate_except(Demand, EvidenceDemand)
            .subquery("codes")
        )
        joined = sa.select(sa.func.group_concat(ordered.c.code, "; "))
    return sa.func.coalesce(joined.scalar_subquery(), "")


# a searched text is "common" when at least this many entries hold it for each row up to the
# end of the page asked for: reading rows in page order then finds the page within about this
# many rows a page row, cheaper than fetching every match from the index and sorting them
COMMON_RATIO = 40


def region_name(lang: str) -> sa.ScalarSelect[str]:
    """The name of the entry's region in `lang`, as a subquery rather than a join: joined,
    SQLite drives the plan from the region table and sorts every entry before the first row
    (25 s for the first rows of a briefing at 1,000,000); as a subquery the query's own order
    decides how evidence is read."""
    name = col(Region.name_uk) if lang == "uk" else col(Region.name_en)
    return sa.select(name).where(col(Region.code) == col(Evidence.region_code)).scalar_subquery()


def entry_is_held(evidence_id: int, *, visible: Visibility) -> list[sa.ColumnElement[bool]]:
    """A condition for rows of one entry (its history, captures, custody events): they are
    read only when the reader may read the entry itself. The same rule as its text, kept in
    the query rather than left to whichever panel asked first. (Empty: the reader holds all.)"""
    if not visible.conditions():
        return []
    entry = sa.select(col(Evidence.id)).where(col(Evidence.id) == evidence_id)
    return [entry.where(*visible.conditions()).exists()]


def _withdrawn_unindexed(
    filters: EvidenceFilters, visible: Visibility, *, common_text: bool = False
) -> list[sa.ColumnElement[bool]]:
    """`evidence_conditions` for entries not withdrawn, tested on each row rather than through
    the index of `withdrawn_at IS NULL`, which nearly every entry passes: chosen, SQLite walks
    that index over a million entries and probes each against the text's matches (a count of
    "passport" at 1,000,000: 2.7-3.2 s, against 0.9-1.2 s from the matches' rowids; a rare
    text 0.67 s against 0.06 s)."""
    every = replace(filters, include_withdrawn=True)
    where = evidence_conditions(every, visible, common_text=common_text)
    where.append(unindexed(col(Evidence.withdrawn_at)).is_(None))
    return where


def evidence_count(engine: Engine, filters: EvidenceFilters, *, visible: Visibility) -> int:
    """The number of entries the filters select (once per search: the UI caches it)."""
    searched = bool(filters.text.strip()) and not filters.include_withdrawn
    where = (
        _withdrawn_unindexed(filters, visible)
        if searched
        else evidence_conditions(filters, visible)
    )
    count = sa.select(sa.func.count()).select_from(Evidence).where(*where)
    with engine.connect() as conn:
        return int(conn.execute(count).scalar() or 0)


def evidence_counts_by_demand(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility
) -> dict[str, int]:
    """For every demand, the number of entries `filters` with that demand alone would select
    (`evidence_count` of `replace(filters, demands=(code,))`), in one pass: the entries are
    counted by their set of demands (a few hundred sets), each demand's sum taken from those,
    so choosing another demand then reads nothing."""
    held = col(Evidence.demand_mask)
    by_set = (
        sa.select(held, sa.func.count())
        .where(*evidence_conditions(replace(filters, demands=()), visible))
        .group_by(held)
    )
    with engine.connect() as conn:
        demands = conn.execute(sa.select(col(Demand.id), col(Demand.code))).all()
        sets = conn.execute(by_set).all()
    counts: dict[str, int] = {}
    for demand_id, code in demands:
        held_by = demand_mask.bit(int(demand_id or 0))  # a stored row: never None
        counts[str(code)] = sum(int(n) for mask, n in sets if int(mask) & held_by)
    return counts


def evidence_rows(
    engine: Engine,
    filters: EvidenceFilters,
    *,
    visible: Visibility,
    total: int,
    page: int = 1,
    page_size: int = 50,
    sort: str = "event_start",
    lang: str = "en",
) -> pd.DataFrame:
    """One page of the register, of the `total` entries the filters select (`evidence_count`).

    A searched text that many entries hold is tested on each row read in page order (the
    page is found early); a rarer one is looked up in the search index first."""
    offset = max(page - 1, 0) * page_size
    common = total >= COMMON_RATIO * (offset + page_size)
    searched = bool(filters.text.strip())
    order = SORTS.get(sort, SORTS["event_start"])
    if (common or searched) and not filters.include_withdrawn:
        # SQLite must not choose the index of `withdrawn_at IS NULL` (true of nearly every
        # entry) and sort a million rows for one page: it reads rows in page order (a common
        # text, or none) or, for a rare text, only the few the search index found
        where = _withdrawn_unindexed(filters, visible, common_text=common)
        if not common:  # nor read every row in page order to test it against those few
            order = tuple(_unindexed_term(term) for term in order)
    else:
        where = evidence_conditions(filters, visible, common_text=common)
    query = (
        sa.select(
            col(Evidence.id),
            col(Evidence.uid),
            col(Evidence.title),
            col(Evidence.event_start),
            col(Evidence.event_end),
            sa.label("region", region_name(lang)),
            col(Evidence.settlement_name),
            col(Evidence.source_type),
            col(Evidence.reliability),
            col(Evidence.credibility),
            col(Evidence.direction),
            col(Evidence.verification),
            col(Evidence.sensitivity),
            col(Evidence.people_count),
            col(Evidence.version),
            col(Evidence.withdrawn_at).is_not(None).label("withdrawn"),
            col(Evidence.updated_at),
            col(Evidence.incident_id),
            demand_codes(col(Evidence.id), engine.dialect.name).label("demands"),
        )
        .where(*where)
        .order_by(*order)
        .limit(page_size)
        .offset(offset)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return pd.DataFrame([dict(r) for r in rows], columns=PAGE_COLUMNS)


def _unindexed_term(term: sa.UnaryExpression[Any]) -> sa.UnaryExpression[Any]:
    """An ORDER BY term on the same column that no index may satisfy (`sqlfuncs.unindexed`)."""
    column = unindexed(term.element)
    return column.desc() if term.modifier is operators.desc_op else column.asc()


def evidence_page(
    engine: Engine,
    filters: EvidenceFilters,
    *,
    visible: Visibility,
    page: int = 1,
    page_size: int = 50,
    sort: str = "event_start",
    lang: str = "en",
) -> tuple[pd.DataFrame, int]:
    """One page of the register and the number of entries the filters select."""
    total = evidence_count(engine, filters, visible=visible)
    frame = evidence_rows(
        engine,
        filters,
        visible=visible,
        total=total,
        page=page,
        page_size=page_size,
        sort=sort,
        lang=lang,
    )
    return frame, total


def evidence_detail(
    engine: Engine, evidence_id: int, *, visible: Visibility
) -> dict[str, Any] | None:
    """All fields of one entry with its demands and attachments, if the reader may see it."""
    with engine.connect() as conn:
        row = (
            conn.execute(
                sa.select(
                    *table_of(Evidence).columns,
                    demand_codes(col(Evidence.id), engine.dialect.name).label("demands"),
                ).where(
                    col(Evidence.id) == evidence_id,
                    *visible.conditions(),
                )
            )
            .mappings()
            .first()
        )
        if row is None:
            return None
        detail = dict(row)
        detail["attachments"] = [
            dict(a)
            for a in conn.execute(
                sa.select(
                    col(Attachment.id),
                    col(Attachment.filename),
                    col(Attachment.media_type),
                    col(Attachment.size),
                    col(Attachment.sha256),
                    col(Attachment.created_at),
                    col(Attachment.revealing_metadata),  # what could identify a witness
                )
                .where(col(Attachment.evidence_id) == evidence_id)
                .order_by(col(Attachment.id))
            ).mappings()
        ]
    return detail


def evidence_history(engine: Engine, evidence_id: int, *, visible: Visibility) -> pd.DataFrame:
    """The audit trail of one entry, oldest first: who did what, when, before and after."""
    query = (
        sa.select(
            col(AuditEvent.at),
            col(User.username),
            col(AuditEvent.action),
            col(AuditEvent.before),
            col(AuditEvent.after),
        )
        .outerjoin(User, col(User.id) == col(AuditEvent.actor_id))
        .where(col(AuditEvent.entity) == "evidence", col(AuditEvent.entity_id) == str(evidence_id))
        .where(*entry_is_held(evidence_id, visible=visible))
        .order_by(col(AuditEvent.id))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["at", "user", "action", "before", "after"])


def evidence_captures(engine: Engine, evidence_id: int, *, visible: Visibility) -> pd.DataFrame:
    """The captures of one entry's source, newest first."""
    names = [
        "fetched_at",
        "final_url",
        "status_code",
        "size",
        "title",
        "sha256",
        "changed",
        "error",
    ]
    query = (
        sa.select(*(table_of(Capture).c[name] for name in names))
        .where(
            col(Capture.evidence_id) == evidence_id, *entry_is_held(evidence_id, visible=visible)
        )
        .order_by(col(Capture.fetched_at).desc(), col(Capture.id).desc())
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=names)
