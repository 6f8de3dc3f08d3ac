"""The Overview's aggregates, each one GROUP BY in the database over the filtered evidence."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor import demand_mask
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


def evidence_cube(
    engine: Engine, actor: Actor, filters: EvidenceFilters, *, today: date
) -> pd.DataFrame:
    """Entries per demand, month and direction, with how many are verified, how many were
    logged in the last 30 days, and when the last was logged.

    Why three steps: the entries are grouped by (demand mask, direction, day) in the order of
    `ix_evidence_by_demand`, so the database aggregates while it scans the index (no sort of a
    million rows); the few thousand groups are then rolled up to months, and each group is
    counted once for every demand in its mask. An entry about two demands counts for both.
    """
    since = datetime.combine(today - timedelta(days=30), time(0), UTC)
    by_day = (
        sa.select(
            col(Evidence.demand_mask).label("mask"),
            col(Evidence.direction).label("direction"),
            col(Evidence.event_start).label("day"),
            sa.func.count().label("n"),
            sa.func.sum(
                sa.case((col(Evidence.verification) == Verification.VERIFIED, 1), else_=0)
            ).label("verified"),
            sa.func.sum(sa.case((col(Evidence.created_at) >= since, 1), else_=0)).label("recent"),
            sa.func.max(Evidence.created_at).label("last_logged"),
        )
        .where(*evidence_conditions(filters, actor))
        .group_by(col(Evidence.demand_mask), col(Evidence.direction), col(Evidence.event_start))
        .subquery("by_day")
    )
    month = year_month(by_day.c.day).label("month")
    by_month = (
        sa.select(
            by_day.c.mask,
            by_day.c.direction,
            month,
            sa.func.sum(by_day.c.n).label("n"),
            sa.func.sum(by_day.c.verified).label("verified"),
            sa.func.sum(by_day.c.recent).label("recent"),
            sa.func.max(by_day.c.last_logged).label("last_logged"),
        )
        .group_by(by_day.c.mask, by_day.c.direction, month)
        .subquery("by_month")
    )
    query = (
        sa.select(
            col(Demand.code).label("demand"),
            by_month.c.month,
            by_month.c.direction,
            sa.func.sum(by_month.c.n),
            sa.func.sum(by_month.c.verified),
            sa.func.sum(by_month.c.recent),
            sa.func.max(by_month.c.last_logged),
        )
        .select_from(by_month)
        .join(Demand, demand_mask.overlaps(by_month.c.mask, demand_mask.bit_sql(col(Demand.id))))
        .group_by(col(Demand.code), by_month.c.month, by_month.c.direction)
    )
    if filters.demands:  # entries about a chosen demand count only for the chosen ones
        query = query.where(col(Demand.code).in_(filters.demands))
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        rows,
        columns=["demand", "month", "direction", "n", "verified", "last_30_days", "last_logged"],
    )
    return frame.astype({"n": "int64", "verified": "int64", "last_30_days": "int64"})


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
