"""Overview aggregates against counts the test computes from the rows it made."""

from __future__ import annotations

import random
from collections import Counter
from datetime import UTC, date, datetime

import pandas as pd
import sqlalchemy as sa

from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.core.permissions import Actor, visibility
from monitor.domain.filters import EvidenceFilters
from monitor.queries import overview
from tests.factories import make_actor, make_evidence

TODAY = date(2026, 11, 23)
REGIONS = ["crimea", "donetsk", "kherson"]


def _seed(engine: sa.Engine) -> list[dict]:  # type: ignore[type-arg]
    rng = random.Random(7)
    made = []
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        for i in range(60):
            row = {
                "demands": tuple(sorted(rng.sample(["D01", "D02", "D07"], rng.choice([1, 2])))),
                "event_start": date(2025, rng.randint(1, 12), rng.randint(1, 28)),
                "region_code": rng.choice(REGIONS),
                "direction": rng.choice(["progress", "regression", "neutral"]),
                "verification": rng.choice(["unverified", "corroborated", "verified"]),
                "sensitivity": rng.choice(["public", "public", "confidential"]),
                "source_type": rng.choice(["media", "witness"]),
                "reliability": rng.choice("ABC"),
                "created_at": datetime(2026, 11, 1, tzinfo=UTC)
                if i % 3 == 0
                else datetime(2025, 6, 1, tzinfo=UTC),
                "withdrawn": i % 10 == 9,
            }
            make_evidence(
                session,
                actor,
                demands=row["demands"],
                event_start=row["event_start"],
                region_code=row["region_code"],
                direction=row["direction"],
                verification=row["verification"],
                sensitivity=row["sensitivity"],
                source_type=row["source_type"],
                reliability=row["reliability"],
                created_at=row["created_at"],
                withdrawn_at=datetime(2026, 1, 1, tzinfo=UTC) if row["withdrawn"] else None,
                withdrawn_reason="dup" if row["withdrawn"] else None,
            )
            made.append(row)
    return made


def test_aggregates_match_independent_counts(engine: sa.Engine) -> None:
    made = [r for r in _seed(engine) if not r["withdrawn"]]
    editor = Actor(1, "e", Role.EDITOR)
    cube = overview.evidence_cube(
        engine, EvidenceFilters(), visible=visibility(editor), today=TODAY
    )
    facets = overview.with_region_names(
        engine,
        overview.evidence_facets(engine, EvidenceFilters(), visible=visibility(editor)),
        "en",
    )
    by_month = overview.by_demand_month(cube)
    expected = Counter(
        (d, r["event_start"].strftime("%Y-%m"), r["direction"]) for r in made for d in r["demands"]
    )
    got = {(a, b, c): n for a, b, c, n in by_month.itertuples(index=False)}
    assert got == dict(expected)

    regions = overview.by_region(facets).set_index("region")["n"]
    assert regions["Donetsk oblast (occupied parts)"] == sum(
        r["region_code"] == "donetsk" for r in made
    )

    sources = overview.by_source(facets)
    assert sources["n"].sum() == len(made)

    stats = overview.demand_stats(cube).set_index("demand")
    d01 = [r for r in made if "D01" in r["demands"]]
    assert stats.loc["D01", "evidence"] == len(d01)
    assert stats.loc["D01", "verified"] == sum(r["verification"] == "verified" for r in d01)
    assert stats.loc["D01", "last_30_days"] == sum(r["created_at"].year == 2026 for r in d01)


def test_filters_and_roles_narrow_the_counts(engine: sa.Engine) -> None:
    made = [r for r in _seed(engine) if not r["withdrawn"]]
    viewer = Actor(1, "v", Role.VIEWER)
    only = EvidenceFilters(
        regions=("kherson",), verification=("verified",), date_from=date(2025, 7, 1)
    )
    data = overview.overview_data(
        engine,
        only,
        visible=visibility(viewer),
        lang="en",
        today=TODAY,
        stale_days=60,
    )
    expected = [
        r
        for r in made
        if r["region_code"] == "kherson"
        and r["verification"] == "verified"
        and r["event_start"] >= date(2025, 7, 1)
        and r["sensitivity"] != "confidential"
    ]
    assert data.evidence_total == len(expected)
    assert int(data.by_month["n"].sum()) == sum(len(r["demands"]) for r in expected)
    assert len(data.scorecard) == 10
    assert next(iter(data.status_grid.columns)) == "2025-07"


def test_a_demand_filter_counts_entries_for_the_chosen_demands_only(engine: sa.Engine) -> None:
    made = [r for r in _seed(engine) if not r["withdrawn"]]
    editor = Actor(1, "e", Role.EDITOR)
    chosen = EvidenceFilters(demands=("D02", "D07"))
    data = overview.overview_data(
        engine,
        chosen,
        visible=visibility(editor),
        lang="en",
        today=TODAY,
        stale_days=60,
    )
    about = [r for r in made if {"D02", "D07"} & set(r["demands"])]
    assert data.evidence_total == len(about)  # each entry once, in the region/source facets
    expected = Counter(d for r in about for d in r["demands"] if d in {"D02", "D07"})
    got = data.by_month.groupby("demand")["n"].sum().to_dict()
    assert got == dict(expected)  # an entry about D01 and D02 counts for D02 only
    assert set(data.scorecard["code"]) == {"D02", "D07"}


def test_a_switch_of_language_relabels_the_same_scans(engine: sa.Engine) -> None:
    """The evidence scans carry no language: the Overview in Ukrainian from the scans read for
    the English one is the Overview read afresh in Ukrainian."""
    _seed(engine)
    editor = visibility(Actor(1, "e", Role.EDITOR))
    scans = overview.evidence_aggregates(engine, EvidenceFilters(), visible=editor, today=TODAY)
    common = {"visible": editor, "today": TODAY, "stale_days": 60}
    reused = overview.overview_data(
        engine, EvidenceFilters(), lang="uk", aggregates=scans, **common
    )
    fresh = overview.overview_data(engine, EvidenceFilters(), lang="uk", **common)
    for name in ("scorecard", "by_month", "by_region", "by_source", "strip", "beside"):
        pd.testing.assert_frame_equal(getattr(reused, name), getattr(fresh, name))
    assert reused.evidence_total == fresh.evidence_total > 0
    assert "Херсонська область" in " ".join(reused.by_region["region"])
