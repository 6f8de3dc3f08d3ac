"""The demands of an evidence entry as bits of one integer column, beside the link table.

Why: the Overview counts entries per demand over every entry. Joining a million entries to their
demand links costs seconds; grouping the entries by this column (kept in the same covering
index as the other columns the Overview reads) and spreading each group to its demands
afterwards costs a fraction of that. The link table stays the record; this column is derived
from it in the same transaction by the code that writes links: `set_links`, and for new
entries the save (`services.evidence.create`, its mask from `mask` in the entry's own INSERT)
and the import (the same, in bulk); recomputed by `refresh` after a restore, and checked by
`mismatches`.
"""

from __future__ import annotations

from collections.abc import Iterable

import sqlalchemy as sa
from sqlalchemy.orm import Mapped
from sqlmodel import Session, col

from monitor.core.models import Demand, Evidence, EvidenceDemand, table_of

IntColumn = sa.ColumnElement[int] | Mapped[int] | Mapped[int | None]
MAX_DEMAND_ID = 62  # bit 63 is the sign bit of a BIGINT


def bit(demand_id: int) -> int:
    """The bit of one demand; ids past 62 do not fit a signed 64-bit integer."""
    if not 0 < demand_id <= MAX_DEMAND_ID:
        raise ValueError(
            f"demand id {demand_id} cannot be counted: the Overview supports demand ids "
            f"1..{MAX_DEMAND_ID}"
        )
    return 1 << demand_id


def mask(demand_ids: Iterable[int]) -> int:
    """The mask of a set of demands."""
    value = 0
    for demand_id in demand_ids:
        value |= bit(demand_id)
    return value


def bit_sql(demand_id: IntColumn) -> sa.ColumnElement[int]:
    """`1 << id` as a 64-bit integer on either engine (PostgreSQL would overflow an int4)."""
    return sa.cast(sa.literal(1), sa.BigInteger).op("<<", return_type=sa.BigInteger)(demand_id)


def overlaps(column: IntColumn, other: IntColumn | sa.ScalarSelect[int]) -> sa.ColumnElement[bool]:
    """True where the two masks share a demand."""
    return column.op("&", return_type=sa.BigInteger)(other) != 0


def _total(bits: sa.ColumnElement[int]) -> sa.ColumnElement[int]:
    """The sum of distinct bits is their OR; PostgreSQL sums BIGINTs as NUMERIC, hence the cast."""
    return sa.cast(sa.func.coalesce(sa.func.sum(bits), 0), sa.BigInteger)


def of_codes(codes: Iterable[str]) -> sa.ScalarSelect[int]:
    """The mask of these demand codes, computed by the database (one row, evaluated once)."""
    return (
        sa.select(_total(bit_sql(col(Demand.id))))
        .where(col(Demand.code).in_(list(codes)))
        .scalar_subquery()
    )


def _from_links() -> sa.ScalarSelect[int]:
    return (
        sa.select(_total(bit_sql(col(EvidenceDemand.demand_id))))
        .where(col(EvidenceDemand.evidence_id) == col(Evidence.id))
        .scalar_subquery()
    )


_LINKS = table_of(EvidenceDemand)


def set_links(session: Session, evidence_id: int, demand_ids: Iterable[int]) -> None:
    """Make these the entry's demands: the links and the mask, in the caller's transaction."""
    ids = sorted(set(demand_ids))
    value = mask(ids)  # refuses an id that does not fit before anything is written
    # Core statements on the table (the ORM's DELETE is not compiled once and cached, and one
    # executemany replaces a flush of a row object a link); pending rows are written first
    session.flush()
    conn = session.connection()
    conn.execute(sa.delete(_LINKS).where(_LINKS.c.evidence_id == evidence_id))
    if ids:
        conn.execute(sa.insert(_LINKS), [{"evidence_id": evidence_id, "demand_id": i} for i in ids])
    entry = session.get(Evidence, evidence_id)
    if entry is None:
        raise ValueError(f"no evidence entry {evidence_id}")
    entry.demand_mask = value
    session.flush()


def refresh(session: Session) -> int:
    """Recompute every entry's mask from its links (after rows were loaded in bulk)."""
    result = session.execute(
        sa.update(Evidence)
        .values(demand_mask=_from_links())
        .execution_options(synchronize_session=False)
    )
    return int(result.rowcount)  # type: ignore[attr-defined]


def mismatches(session: Session) -> int:
    """Entries whose mask disagrees with their links (0 unless something bypassed set_links)."""
    query = sa.select(sa.func.count()).where(col(Evidence.demand_mask) != _from_links())
    return int(session.execute(query).scalar() or 0)
