"""The read side: filtered aggregates as DataFrames, computed in SQL, never row by row."""

from __future__ import annotations

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.auth import Actor
from monitor.models import (
    Assessment,
    AssessmentState,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
)
from monitor.queries.filters import EvidenceFilters, evidence_conditions

OVERVIEW_COLUMNS = ["code", "title", "score", "assessed_on", "evidence"]


def _title(lang: str) -> sa.ColumnElement[str]:
    return (col(Demand.title_uk) if lang == "uk" else col(Demand.title_en)).label("title")


def latest_status_subquery() -> sa.Subquery:
    """Each demand's newest published assessment (by date, then id): its current status."""
    ranked = (
        sa.select(
            col(Assessment.demand_id),
            col(Assessment.score),
            col(Assessment.assessed_on),
            sa.func.row_number()
            .over(
                partition_by=col(Assessment.demand_id),
                order_by=(col(Assessment.assessed_on).desc(), col(Assessment.id).desc()),
            )
            .label("rank"),
        )
        .where(col(Assessment.state) == AssessmentState.PUBLISHED)
        .subquery()
    )
    return sa.select(ranked).where(ranked.c.rank == 1).subquery("latest")


def evidence_counts_subquery() -> sa.Subquery:
    """Evidence entries per demand, withdrawn ones left out."""
    return (
        sa.select(col(EvidenceDemand.demand_id), sa.func.count().label("evidence"))
        .join(Evidence, col(Evidence.id) == col(EvidenceDemand.evidence_id))
        .where(col(Evidence.withdrawn_at).is_(None))
        .group_by(col(EvidenceDemand.demand_id))
        .subquery("counts")
    )


def demand_overview(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """One row per demand: code, title in `lang`, current score (or none), its date, evidence."""
    latest = latest_status_subquery()
    counts = evidence_counts_subquery()
    query = (
        sa.select(
            col(Demand.code),
            _title(lang),
            latest.c.score,
            latest.c.assessed_on,
            sa.func.coalesce(counts.c.evidence, 0).label("evidence"),
        )
        .outerjoin(latest, latest.c.demand_id == col(Demand.id))
        .outerjoin(counts, counts.c.demand_id == col(Demand.id))
        .order_by(col(Demand.position), col(Demand.code))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(rows, columns=OVERVIEW_COLUMNS)
    frame["score"] = frame["score"].astype("Int64")
    frame["evidence"] = frame["evidence"].astype("int64")
    return frame


def count_evidence(
    engine: Engine, actor: Actor | None = None, filters: EvidenceFilters | None = None
) -> int:
    """Evidence entries that are not withdrawn (each once, whatever its demands), as filtered."""
    if actor is None:
        conditions: list[sa.ColumnElement[bool]] = [col(Evidence.withdrawn_at).is_(None)]
    else:
        conditions = evidence_conditions(filters or EvidenceFilters(), actor)
    query = sa.select(sa.func.count()).select_from(Evidence).where(*conditions)
    with engine.connect() as conn:
        return int(conn.execute(query).scalar() or 0)


def regions(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """The TOT regions in display order, with their names in `lang`."""
    name = (col(Region.name_uk) if lang == "uk" else col(Region.name_en)).label("name")  # type: ignore[var-annotated]
    query = sa.select(col(Region.code), col(Region.katottg), name).order_by(col(Region.position))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["code", "katottg", "name"])
