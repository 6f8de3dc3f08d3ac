"""The Overview's aggregates, each one GROUP BY in the database over the filtered evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.auth import Actor
from monitor.models import (
    Assessment,
    AssessmentState,
    Coverage,
    Demand,
    Draft,
    Evidence,
    EvidenceDemand,
    Region,
    Verification,
)
from monitor.queries.filters import EvidenceFilters, evidence_conditions
from monitor.sqlfuncs import year_month


def by_demand_select(filters: EvidenceFilters, actor: Actor) -> sa.Select[tuple[()]]:
    """evidence joined to its demands, filtered; a filter on demands keeps only those links."""
    query = (
        sa.select()
        .select_from(Evidence)
        .join(EvidenceDemand, col(EvidenceDemand.evidence_id) == col(Evidence.id))
        .where(*evidence_conditions(filters, actor))
    )
    if filters.demands:
        chosen = sa.select(Demand.id).where(col(Demand.code).in_(filters.demands))
        query = query.where(col(EvidenceDemand.demand_id).in_(chosen))
    return query


def _codes(engine: Engine) -> dict[int, str]:
    with engine.connect() as conn:
        return {int(i): str(c) for i, c in conn.execute(sa.select(Demand.id, Demand.code))}


def evidence_cube(
    engine: Engine,
    actor: Actor,
    filters: EvidenceFilters,
    *,
    today: date,
    ids: tuple[int | None, int | None] = (None, None),
) -> pd.DataFrame:
    """One pass over evidence x demands: entries per demand, month and direction, with how many
    are verified, how many were logged in the last 30 days, and when the last was logged."""
    since = datetime.combine(today - timedelta(days=30), time(0), UTC)
    month = year_month(Evidence.event_start).label("month")
    query = (
        by_demand_select(filters, actor)
        .add_columns(
            col(EvidenceDemand.demand_id).label("demand"),
            month,
            col(Evidence.direction),
            sa.func.count().label("n"),
            sa.func.sum(
                sa.case((col(Evidence.verification) == Verification.VERIFIED, 1), else_=0)
            ).label("verified"),
            sa.func.sum(sa.case((col(Evidence.created_at) >= since, 1), else_=0)).label(
                "last_30_days"
            ),
            sa.func.max(Evidence.created_at).label("last_logged"),
        )
        .group_by(col(EvidenceDemand.demand_id), month, col(Evidence.direction))
    )
    low, high = ids  # a slice of the entries, so the work can be shared between cores
    if low is not None:
        query = query.where(col(Evidence.id) > low)
    if high is not None:
        query = query.where(col(Evidence.id) <= high)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=["demand", "month", "direction", "n", "verified", "last_30_days", "last_logged"],
    )
    frame["demand"] = frame["demand"].map(_codes(engine))
    return frame.astype({"n": "int64", "verified": "int64", "last_30_days": "int64"})


def merge_cubes(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Cubes of slices of the entries, added up into one."""
    frame = (
        pd.concat([p for p in parts if not p.empty])
        if any(not p.empty for p in parts)
        else parts[0]
    )
    if frame.empty:
        return frame
    merged = frame.groupby(["demand", "month", "direction"], as_index=False).agg(
        n=("n", "sum"),
        verified=("verified", "sum"),
        last_30_days=("last_30_days", "sum"),
        last_logged=("last_logged", "max"),
    )
    return merged


def max_evidence_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.max(Evidence.id))).scalar() or 0)


def by_demand_month(cube: pd.DataFrame) -> pd.DataFrame:
    """Entries per demand, month of the events and direction."""
    return cube[["demand", "month", "direction", "n"]]


def demand_stats(cube: pd.DataFrame) -> pd.DataFrame:
    """Per demand: entries, verified, logged in the last 30 days, last logged."""
    grouped = cube.groupby("demand").agg(
        evidence=("n", "sum"),
        verified=("verified", "sum"),
        last_30_days=("last_30_days", "sum"),
        last_logged=("last_logged", "max"),
    )
    return grouped.reset_index()


def evidence_by_demand_month(
    engine: Engine, actor: Actor, filters: EvidenceFilters
) -> pd.DataFrame:
    return by_demand_month(evidence_cube(engine, actor, filters, today=date.today()))


def demand_evidence_stats(
    engine: Engine, actor: Actor, filters: EvidenceFilters, *, today: date
) -> pd.DataFrame:
    return demand_stats(evidence_cube(engine, actor, filters, today=today))


def evidence_facets(
    engine: Engine, actor: Actor, filters: EvidenceFilters, lang: str
) -> pd.DataFrame:
    """One pass: entries (each once) per region, source type and source reliability."""
    query = (
        sa.select(
            col(Evidence.region_code),
            col(Evidence.source_type),
            col(Evidence.reliability),
            sa.func.count(),
        )
        .where(*evidence_conditions(filters, actor))
        .group_by(col(Evidence.region_code), col(Evidence.source_type), col(Evidence.reliability))
    )
    name = col(Region.name_uk) if lang == "uk" else col(Region.name_en)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
        regions = {
            code: (label, pos)
            for code, label, pos in conn.execute(sa.select(Region.code, name, Region.position))
        }
    frame = pd.DataFrame(rows, columns=["region_code", "source_type", "reliability", "n"]).astype(
        {"n": "int64"}
    )
    frame["region"] = [regions[c][0] for c in frame["region_code"]]
    frame["position"] = [regions[c][1] for c in frame["region_code"]]
    return frame


def by_region(facets: pd.DataFrame) -> pd.DataFrame:
    grouped = facets.groupby(["position", "region"], as_index=False)["n"].sum()
    return grouped.sort_values("position")[["region", "n"]].reset_index(drop=True)


def by_source(facets: pd.DataFrame) -> pd.DataFrame:
    return facets.groupby(["source_type", "reliability"], as_index=False)["n"].sum()


def evidence_by_region(
    engine: Engine, actor: Actor, filters: EvidenceFilters, lang: str
) -> pd.DataFrame:
    return by_region(evidence_facets(engine, actor, filters, lang))


def evidence_by_source(engine: Engine, actor: Actor, filters: EvidenceFilters) -> pd.DataFrame:
    return by_source(evidence_facets(engine, actor, filters, "en"))


def demand_titles(engine: Engine, lang: str) -> pd.DataFrame:
    """Demand codes and titles in display order (no counts: cheap)."""
    title = (col(Demand.title_uk) if lang == "uk" else col(Demand.title_en)).label("title")
    query = sa.select(col(Demand.code), title).order_by(col(Demand.position), col(Demand.code))
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["code", "title"])


def status_history(engine: Engine) -> pd.DataFrame:
    """Every published assessment: demand, date, score, oldest first (small: a few per month)."""
    query = (
        sa.select(
            col(Demand.code).label("demand"),
            Assessment.assessed_on,
            Assessment.score,
            Assessment.id,
        )
        .join(Demand, col(Demand.id) == col(Assessment.demand_id))
        .where(col(Assessment.state) == AssessmentState.PUBLISHED)
        .order_by(col(Assessment.assessed_on), col(Assessment.id))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["demand", "assessed_on", "score", "id"])


def coverage_matrix(engine: Engine) -> pd.DataFrame:
    """Every draft x demand coverage code, drafts by date: the gap matrix's data."""
    query = (
        sa.select(
            col(Draft.code).label("draft"),
            col(Draft.title),
            col(Draft.published_on),
            col(Demand.code).label("demand"),
            col(Coverage.level),
            col(Coverage.point_labels),
            col(Coverage.note),
            col(Coverage.uncertain),
        )
        .join(Draft, col(Draft.id) == col(Coverage.draft_id))
        .join(Demand, col(Demand.id) == col(Coverage.demand_id))
        .order_by(col(Draft.published_on), col(Draft.id), col(Demand.position))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(
        rows,
        columns=[
            "draft",
            "title",
            "published_on",
            "demand",
            "level",
            "points",
            "note",
            "uncertain",
        ],
    )
