"""The Overview: everything the page shows, computed in one call (what the benchmark times).

The evidence aggregates are GROUP BY in the database over the filtered entries; the status
logic is the pure `monitor.domain.status` applied to the small published history.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core import demand_mask
from monitor.core.models import Assessment, Demand, Evidence, Region, Verification
from monitor.core.permissions import Visibility
from monitor.core.sqlfuncs import year_month
from monitor.domain import across_drafts, status
from monitor.domain.filters import EvidenceFilters
from monitor.queries.duplicates import incident_counts
from monitor.queries.evidence import evidence_conditions
from monitor.queries.lookups import coverage_matrix, demand_titles, drafts_table, status_history


@dataclass(frozen=True)
class OverviewData:
    scorecard: pd.DataFrame
    status_grid: pd.DataFrame
    index: pd.Series
    by_month: pd.DataFrame
    by_region: pd.DataFrame
    by_source: pd.DataFrame
    coverage: pd.DataFrame
    titles: dict[str, str]
    evidence_total: int
    drafts: dict[str, str]  # every draft by date, coded or not: code -> title
    # whatever the filters: has anything been logged (that this reader may see) or assessed?
    # Both false is an empty database: the Overview then says what to do first
    evidence_exists: bool = False
    assessment_exists: bool = False
    # each demand across every draft (`across_drafts.strip`) and the evidence trend beside its
    # coverage in the latest draft (`across_drafts.beside`), from the same cube
    strip: pd.DataFrame = field(default_factory=pd.DataFrame)
    beside: pd.DataFrame = field(default_factory=pd.DataFrame)
    # entries (each once) per region code, from the same facets: the map's colours
    region_counts: pd.DataFrame = field(
        default_factory=lambda: pd.DataFrame({"region_code": [], "n": []})
    )
    # the incidents the entries report: linked entries count once (`duplicates.incident_counts`)
    incident_total: int = 0
    # (organisation id, entries) of the entries counted, from the same facets: "Recorded by"
    organisation_counts: tuple[tuple[int | None, int], ...] = ()

    @property
    def empty(self) -> bool:
        """Reference data only: nothing logged that this reader may see, nothing assessed."""
        return not self.evidence_exists and not self.assessment_exists

    @property
    def assessed(self) -> bool:
        """Whether any demand has a published status to draw."""
        return bool(self.status_grid.notna().to_numpy().any())


@dataclass(frozen=True)
class EvidenceAggregates:
    """What the Overview reads of the evidence, in no language: the scans a million entries
    cost (about half a second), kept apart from the names and titles put on them, so that a
    switch of language relabels these instead of scanning again."""

    cube: pd.DataFrame  # `evidence_cube`
    # `evidence_facets`: region_code, source_type, reliability, organisation_id, n
    facets: pd.DataFrame
    evidence_exists: bool
    assessment_exists: bool
    incident_total: int


def evidence_aggregates(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, today: date
) -> EvidenceAggregates:
    """The evidence scans behind the Overview for these filters and this reader."""
    # the two scans of the evidence run side by side on their own connections (the database
    # works while Python waits): the per-demand cube and the region/source facets
    with ThreadPoolExecutor(max_workers=2) as pool:
        cube_job = pool.submit(evidence_cube, engine, filters, visible=visible, today=today)
        facets_job = pool.submit(evidence_facets, engine, filters, visible=visible)
        cube = cube_job.result()
        facets = facets_job.result()
    evidence_exists, assessment_exists = anything_there(engine, visible=visible)
    entries = int(facets["n"].sum())
    return EvidenceAggregates(
        cube=cube,
        facets=facets,
        evidence_exists=evidence_exists,
        assessment_exists=assessment_exists,
        incident_total=incident_total(engine, filters, visible=visible, entries=entries),
    )


def anything_there(engine: Engine, *, visible: Visibility) -> tuple[bool, bool]:
    """Whether any evidence entry this reader may see exists (withdrawn ones too), and any
    assessment (proposed or published): two EXISTS, whatever the filters."""
    evidence = sa.select(col(Evidence.id)).where(*visible.conditions())
    assessment = sa.select(col(Assessment.id))
    with engine.connect() as conn:
        row = conn.execute(sa.select(evidence.exists(), assessment.exists())).one()
    return bool(row[0]), bool(row[1])


def _draft_titles(table: pd.DataFrame) -> dict[str, str]:
    """Every draft by date, coded or not: code -> title."""
    return dict(zip(table["code"], table["title"], strict=True))


def overview_data(
    engine: Engine,
    filters: EvidenceFilters,
    *,
    visible: Visibility,
    lang: str,
    today: date,
    stale_days: int,
    aggregates: EvidenceAggregates | None = None,
) -> OverviewData:
    """All Overview aggregates for these filters, in `lang`; the evidence ones are GROUP BY in
    SQL (`evidence_aggregates`, read here unless the caller already holds them)."""
    if aggregates is None:
        aggregates = evidence_aggregates(engine, filters, visible=visible, today=today)
    cube = aggregates.cube
    facets = with_region_names(engine, aggregates.facets, lang)
    demands = demand_titles(engine, lang)
    if filters.demands:
        demands = demands[demands["code"].isin(filters.demands)]
    titles = dict(zip(demands["code"], demands["title"], strict=True))
    history = status_history(engine)
    first_month = filters.date_from or (
        history["assessed_on"].min() if not history.empty else today
    )
    months = status.month_range(first_month, filters.date_to or today)
    grid = status.monthly_status(history, list(demands["code"]), months)
    drafts = drafts_table(engine, lang)
    coverage = coverage_matrix(engine, lang)
    codes = list(demands["code"])
    strip = across_drafts.strip(drafts, coverage, codes)
    return OverviewData(
        scorecard=status.scorecard(
            demands, history, demand_stats(cube), today=today, stale_days=stale_days
        ),
        status_grid=grid,
        index=status.implementation_index(grid),
        by_month=by_demand_month(cube),
        by_region=by_region(facets),
        by_source=by_source(facets),
        coverage=coverage,
        titles=titles,
        evidence_total=int(facets["n"].sum()),
        drafts=_draft_titles(drafts),
        evidence_exists=aggregates.evidence_exists,
        assessment_exists=aggregates.assessment_exists,
        strip=strip,
        beside=across_drafts.beside(strip, across_drafts.evidence_trend(cube, codes)),
        region_counts=by_region_code(facets),
        incident_total=aggregates.incident_total,
        organisation_counts=by_organisation(aggregates.facets),
    )


def incident_total(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, entries: int
) -> int:
    """How many incidents the `entries` entries these filters select report (each entry in no
    incident is one): read through the index of the linked entries only."""
    with engine.connect() as conn:
        return incident_counts(conn, evidence_conditions(filters, visible), entries)


def evidence_cube(
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility, today: date
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
            sa.label("mask", col(Evidence.demand_mask)),
            sa.label("direction", col(Evidence.direction)),
            sa.label("day", col(Evidence.event_start)),
            sa.func.count().label("n"),
            sa.func.sum(
                sa.case((col(Evidence.verification) == Verification.VERIFIED, 1), else_=0)
            ).label("verified"),
            sa.func.sum(sa.case((col(Evidence.created_at) >= since, 1), else_=0)).label("recent"),
            sa.func.max(col(Evidence.created_at)).label("last_logged"),
        )
        .where(*evidence_conditions(filters, visible))
        .group_by(col(Evidence.demand_mask), col(Evidence.direction), col(Evidence.event_start))
        .subquery("by_day")
    )
    month = year_month(by_day.c.day).label("month")
    # entries by event day in the last 30/90 days and the 30/90 days before (the trend beside
    # coverage): sums over the day groups, so the scan stays one
    starts = across_drafts.window_starts(today)
    windows = []
    for days in across_drafts.WINDOWS:
        last, before = starts[f"last_{days}"], starts[f"before_{days}"]
        in_last = by_day.c.day >= last
        in_before = sa.and_(by_day.c.day >= before, by_day.c.day < last)
        windows += [
            sa.func.sum(sa.case((in_last, by_day.c.n), else_=0)).label(f"last_{days}"),
            sa.func.sum(sa.case((in_before, by_day.c.n), else_=0)).label(f"before_{days}"),
        ]
    by_month = (
        sa.select(
            by_day.c.mask,
            by_day.c.direction,
            month,
            sa.func.sum(by_day.c.n).label("n"),
            sa.func.sum(by_day.c.verified).label("verified"),
            sa.func.sum(by_day.c.recent).label("recent"),
            sa.func.max(by_day.c.last_logged).label("last_logged"),
            *windows,
        )
        .group_by(by_day.c.mask, by_day.c.direction, month)
        .subquery("by_month")
    )
    query = (
        sa.select(
            sa.label("demand", col(Demand.code)),
            by_month.c.month,
            by_month.c.direction,
            sa.func.sum(by_month.c.n),
            sa.func.sum(by_month.c.verified),
            sa.func.sum(by_month.c.recent),
            sa.func.max(by_month.c.last_logged),
            *(sa.func.sum(by_month.c[c]) for c in across_drafts.trend_columns()),
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
        columns=[
            "demand",
            "month",
            "direction",
            "n",
            "verified",
            "last_30_days",
            "last_logged",
            *across_drafts.trend_columns(),
        ],
    )
    counts = ["n", "verified", "last_30_days", *across_drafts.trend_columns()]
    return frame.astype(dict.fromkeys(counts, "int64"))


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
    engine: Engine, filters: EvidenceFilters, *, visible: Visibility
) -> pd.DataFrame:
    """One pass: entries (each once) per region code, source type, source reliability and the
    organisation that recorded them, in the order of `ix_evidence_by_source` (no sort)."""
    grouped = [
        col(Evidence.region_code),
        col(Evidence.source_type),
        col(Evidence.reliability),
        col(Evidence.organisation_id),
    ]
    query = (
        sa.select(*grouped, sa.func.count())
        .where(*evidence_conditions(filters, visible))
        .group_by(*grouped)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    columns = ["region_code", "source_type", "reliability", "organisation_id", "n"]
    return pd.DataFrame(rows, columns=columns).astype({"n": "int64"})


def with_region_names(engine: Engine, facets: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The facets with each region's name in `lang` and its position in the region list."""
    name = col(Region.name_uk) if lang == "uk" else col(Region.name_en)
    with engine.connect() as conn:
        regions = {
            code: (label, pos)
            for code, label, pos in conn.execute(
                sa.select(col(Region.code), name, col(Region.position))
            )
        }
    named = facets.copy()
    named["region"] = [regions[c][0] for c in named["region_code"]]
    named["position"] = [regions[c][1] for c in named["region_code"]]
    return named


def by_region(facets: pd.DataFrame) -> pd.DataFrame:
    grouped = facets.groupby(["position", "region"], as_index=False)["n"].sum()
    return grouped.sort_values("position")[["region", "n"]].reset_index(drop=True)


def by_source(facets: pd.DataFrame) -> pd.DataFrame:
    return facets.groupby(["source_type", "reliability"], as_index=False)["n"].sum()


def by_organisation(facets: pd.DataFrame) -> tuple[tuple[int | None, int], ...]:
    """Entries (each once) per organisation id that recorded them (None: recorded under none)."""
    counts: dict[int | None, int] = {}
    for org, n in zip(facets["organisation_id"], facets["n"], strict=True):
        key = None if pd.isna(org) else int(org)
        counts[key] = counts.get(key, 0) + int(n)
    return tuple(counts.items())


def by_region_code(facets: pd.DataFrame) -> pd.DataFrame:
    """Entries (each once) per region code: region_code, n (regions without any left out)."""
    return facets.groupby("region_code", as_index=False)["n"].sum()
