"""The read side: filtered aggregates as DataFrames, computed in SQL, never row by row."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor.models import (
    Assessment,
    AssessmentState,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
)

OVERVIEW_COLUMNS = ["code", "title", "score", "assessed_on", "evidence"]


def _title(lang: str) -> sa.ColumnElement[str]:
    return (Demand.title_uk if lang == "uk" else Demand.title_en).label("title")  # type: ignore[attr-defined,no-any-return]


def latest_status_subquery() -> sa.Subquery:
    """Each demand's newest published assessment (by date, then id): its current status."""
    ranked = (
        sa.select(
            Assessment.demand_id,
            Assessment.score,
            Assessment.assessed_on,
            sa.func.row_number()
            .over(
                partition_by=Assessment.demand_id,
                order_by=(Assessment.assessed_on.desc(), Assessment.id.desc()),  # type: ignore[attr-defined,union-attr]
            )
            .label("rank"),
        )
        .where(Assessment.state == AssessmentState.PUBLISHED)
        .subquery()
    )
    return sa.select(ranked).where(ranked.c.rank == 1).subquery("latest")


def evidence_counts_subquery() -> sa.Subquery:
    """Evidence entries per demand, withdrawn ones left out."""
    return (
        sa.select(EvidenceDemand.demand_id, sa.func.count().label("evidence"))
        .join(Evidence, Evidence.id == EvidenceDemand.evidence_id)  # type: ignore[arg-type]
        .where(Evidence.withdrawn_at.is_(None))  # type: ignore[union-attr]
        .group_by(EvidenceDemand.demand_id)
        .subquery("counts")
    )


def demand_overview(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """One row per demand: code, title in `lang`, current score (or none), its date, evidence."""
    latest = latest_status_subquery()
    counts = evidence_counts_subquery()
    query = (
        sa.select(
            Demand.code,
            _title(lang),
            latest.c.score,
            latest.c.assessed_on,
            sa.func.coalesce(counts.c.evidence, 0).label("evidence"),
        )
        .outerjoin(latest, latest.c.demand_id == Demand.id)
        .outerjoin(counts, counts.c.demand_id == Demand.id)
        .order_by(Demand.position, Demand.code)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)
    frame["score"] = frame["score"].astype("Int64")
    frame["evidence"] = frame["evidence"].astype("int64")
    return frame


def count_evidence(engine: Engine) -> int:
    """Evidence entries that are not withdrawn (each counted once, whatever its demands)."""
    query = sa.select(sa.func.count()).select_from(Evidence).where(Evidence.withdrawn_at.is_(None))  # type: ignore[union-attr]
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def regions(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """The TOT regions in display order, with their names in `lang`."""
    name = Region.name_uk if lang == "uk" else Region.name_en
    query = sa.select(Region.code, Region.katottg, name.label("name")).order_by(Region.position)  # type: ignore[attr-defined]
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["code", "katottg", "name"])
