"""The read side: filtered aggregates as DataFrames, computed in SQL, never row by row."""

from __future__ import annotations

from datetime import date

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor import status
from monitor.auth import Actor
from monitor.models import Evidence, Region, Role
from monitor.queries import charts_data
from monitor.queries.filters import EvidenceFilters, evidence_conditions


def demand_overview(engine: Engine, lang: str = "en") -> pd.DataFrame:
    """One row per demand: code, title in `lang`, current score (or none), its date, evidence.

    Built from the pieces the Overview itself uses (the published history and the evidence
    cube, as an admin sees it without filters), so the current-status rule lives in one place:
    `status.current_and_previous`.
    """
    frame = charts_data.demand_titles(engine, lang)
    current = status.current_and_previous(charts_data.status_history(engine)).set_index("demand")
    everything = Actor(0, "overview", Role.ADMIN)
    cube = charts_data.evidence_cube(engine, everything, EvidenceFilters(), today=date.today())
    evidence = charts_data.demand_stats(cube).set_index("demand")["evidence"]
    return frame.assign(
        score=frame["code"].map(current["score"]).astype("Int64"),
        assessed_on=frame["code"].map(current["assessed_on"]),
        evidence=frame["code"].map(evidence).fillna(0).astype("int64"),
    )


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
