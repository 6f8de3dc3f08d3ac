"""Everything the Overview page shows, computed in one call (what the benchmark times)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import date

import pandas as pd
from sqlalchemy.engine import Engine

from monitor import status
from monitor.auth import Actor
from monitor.queries import charts_data
from monitor.queries.filters import EvidenceFilters


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


def _draft_titles(engine: Engine) -> tuple[list[str], list[str]]:
    from monitor.queries.drafts import drafts_table

    table = drafts_table(engine)
    return list(table["code"]), list(table["title"])


def overview_data(
    engine: Engine,
    actor: Actor,
    filters: EvidenceFilters,
    *,
    lang: str,
    today: date,
    stale_days: int,
) -> OverviewData:
    """All Overview aggregates for these filters; the evidence ones are GROUP BY in SQL."""
    demands = charts_data.demand_titles(engine, lang)
    if filters.demands:
        demands = demands[demands["code"].isin(filters.demands)]
    titles = dict(zip(demands["code"], demands["title"], strict=True))
    history = charts_data.status_history(engine)
    # the two scans of the evidence run side by side on their own connections (the database
    # works while Python waits): the per-demand cube and the region/source facets
    with ThreadPoolExecutor(max_workers=2) as pool:
        cube_job = pool.submit(charts_data.evidence_cube, engine, actor, filters, today=today)
        facets_job = pool.submit(charts_data.evidence_facets, engine, actor, filters, lang)
        cube = cube_job.result()
        facets = facets_job.result()
    first_month = filters.date_from or (
        history["assessed_on"].min() if not history.empty else today
    )
    months = status.month_range(first_month, filters.date_to or today)
    grid = status.monthly_status(history, list(demands["code"]), months)
    return OverviewData(
        scorecard=status.scorecard(
            demands, history, charts_data.demand_stats(cube), today=today, stale_days=stale_days
        ),
        status_grid=grid,
        index=status.implementation_index(grid),
        by_month=charts_data.by_demand_month(cube),
        by_region=charts_data.by_region(facets),
        by_source=charts_data.by_source(facets),
        coverage=charts_data.coverage_matrix(engine),
        titles=titles,
        evidence_total=int(facets["n"].sum()),
        drafts=dict(zip(*_draft_titles(engine), strict=True)),
    )
