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


def _by_demand(filters: EvidenceFilters, actor: Actor) -> sa.Select[tuple[()]]:
    """evidence joined to its demands, filtered; a filter on demands keeps only those links."""
    query = (
        sa.select()
        .select_from(Evidence)
        .join(EvidenceDemand, col(EvidenceDemand.evidence_id) == col(Evidence.id))
        .join(Demand, col(Demand.id) == col(EvidenceDemand.demand_id))
        .where(*evidence_conditions(filters, actor))
    )
    if filters.demands:
        query = query.where(col(Demand.code).in_(filters.demands))
    return query


def evidence_by_demand_month(
    engine: Engine, actor: Actor, filters: EvidenceFilters
) -> pd.DataFrame:
    """Entries per demand, month of the events and direction."""
    month = year_month(Evidence.event_start).label("month")
    query = (
        _by_demand(filters, actor)
        .add_columns(
            col(Demand.code).label("demand"),
            month,
            col(Evidence.direction),
            sa.func.count().label("n"),
        )
        .group_by(col(Demand.code), month, col(Evidence.direction))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["demand", "month", "direction", "n"])


def demand_evidence_stats(
    engine: Engine, actor: Actor, filters: EvidenceFilters, *, today: date
) -> pd.DataFrame:
    """Per demand: entries, verified entries, entries logged in the last 30 days, last logged."""
    since = datetime.combine(today - timedelta(days=30), time(0), UTC)
    query = (
        _by_demand(filters, actor)
        .add_columns(
            col(Demand.code).label("demand"),
            sa.func.count().label("evidence"),
            sa.func.sum(
                sa.case((col(Evidence.verification) == Verification.VERIFIED, 1), else_=0)
            ).label("verified"),
            sa.func.sum(sa.case((col(Evidence.created_at) >= since, 1), else_=0)).label(
                "last_30_days"
            ),
            sa.func.max(Evidence.created_at).label("last_logged"),
        )
        .group_by(col(Demand.code))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        rows, columns=["demand", "evidence", "verified", "last_30_days", "last_logged"]
    )
    for name in ("evidence", "verified", "last_30_days"):
        frame[name] = frame[name].astype("int64")
    return frame


def evidence_by_region(
    engine: Engine, actor: Actor, filters: EvidenceFilters, lang: str
) -> pd.DataFrame:
    """Entries per region (each entry once)."""
    name = (col(Region.name_uk) if lang == "uk" else col(Region.name_en)).label("region")
    query = (
        sa.select(name, sa.func.count().label("n"))
        .select_from(Evidence)
        .join(Region, col(Region.code) == col(Evidence.region_code))
        .where(*evidence_conditions(filters, actor))
        .group_by(name, col(Region.position))
        .order_by(col(Region.position))
    )
    with engine.connect() as conn:
        return pd.DataFrame(conn.execute(query).all(), columns=["region", "n"])


def evidence_by_source(engine: Engine, actor: Actor, filters: EvidenceFilters) -> pd.DataFrame:
    """Entries per source type and source reliability (Admiralty A-F)."""
    query = (
        sa.select(col(Evidence.source_type), col(Evidence.reliability), sa.func.count().label("n"))
        .where(*evidence_conditions(filters, actor))
        .group_by(col(Evidence.source_type), col(Evidence.reliability))
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    return pd.DataFrame(rows, columns=["source_type", "reliability", "n"]).astype({"n": "int64"})


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
            col(Draft.code).label("draft"), col(Draft.title), col(Draft.published_on),
            col(Demand.code).label("demand"), col(Coverage.level), col(Coverage.point_labels),
            col(Coverage.note), col(Coverage.uncertain),
        )
        .join(Draft, col(Draft.id) == col(Coverage.draft_id))
        .join(Demand, col(Demand.id) == col(Coverage.demand_id))
        .order_by(col(Draft.published_on), col(Draft.id), col(Demand.position))
    )  # fmt: skip
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
