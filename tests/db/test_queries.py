"""The Overview query against values the test computes itself."""

from datetime import UTC, date, datetime

import sqlalchemy as sa

from monitor.core.db import session_scope
from monitor.core.models import AssessmentState
from monitor.queries import lookups
from tests import views
from tests.factories import make_actor, make_assessment, make_evidence


def test_demand_overview_counts_and_latest_status(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session)
        for _ in range(3):
            make_evidence(session, actor, demands=("D01",))
        make_evidence(session, actor, demands=("D01", "D08"))
        make_evidence(
            session,
            actor,
            demands=("D08",),
            withdrawn_at=datetime(2025, 7, 1, tzinfo=UTC),
            withdrawn_reason="duplicate",
        )
        make_assessment(session, actor, "D01", 1, date(2025, 1, 1))
        make_assessment(session, actor, "D01", 2, date(2025, 6, 1))
        make_assessment(session, actor, "D01", 0, date(2025, 3, 1))
        make_assessment(session, actor, "D08", 3, date(2025, 9, 1), state=AssessmentState.PROPOSED)
    frame = views.demand_overview(engine, "en").set_index("code")
    assert list(frame.index) == [f"D{i:02d}" for i in range(1, 11)]
    assert frame.loc["D01", "evidence"] == 4
    assert frame.loc["D08", "evidence"] == 1
    assert frame.loc["D05", "evidence"] == 0
    assert frame.loc["D01", "score"] == 2
    assert frame.loc["D01", "assessed_on"] == date(2025, 6, 1)
    assert frame["score"].isna().sum() == 9  # a proposal is not a status
    assert views.count_evidence(engine) == 4


def test_titles_follow_the_language(engine: sa.Engine) -> None:
    uk = views.demand_overview(engine, "uk").set_index("code")
    en = views.demand_overview(engine, "en").set_index("code")
    assert uk.loc["D07", "title"] == "Розмінування"
    assert en.loc["D07", "title"] == "Demining"
    assert lookups.regions(engine, "uk")["name"].iloc[0] == "Автономна Республіка Крим"


def test_every_demand_counted_in_one_pass_as_each_would_be_alone(engine: sa.Engine) -> None:
    """The Demand page and the register read a demand's count from the counts of all ten:
    each must equal the count of that demand alone, under the same filters and reader."""
    from dataclasses import replace

    from monitor.core.models import Role, Sensitivity
    from monitor.core.permissions import visibility
    from monitor.domain.filters import EvidenceFilters
    from monitor.queries import evidence

    with session_scope(engine) as session:
        actor = make_actor(session)
        viewer = make_actor(session, "viewer", Role.VIEWER)
        for demands, region in [
            (("D01",), "crimea"),
            (("D01", "D08"), "crimea"),
            (("D08", "D10"), "kherson"),
            (("D03",), "kherson"),
        ]:
            make_evidence(session, actor, demands=demands, region_code=region)
        make_evidence(session, actor, demands=("D01",), sensitivity=Sensitivity.CONFIDENTIAL)
        make_evidence(
            session,
            actor,
            demands=("D08",),
            withdrawn_at=datetime(2025, 7, 1, tzinfo=UTC),
            withdrawn_reason="duplicate",
        )
    for reader in (visibility(actor), visibility(viewer)):
        for filters in (EvidenceFilters(), EvidenceFilters(regions=("crimea",))):
            counts = evidence.evidence_counts_by_demand(engine, filters, visible=reader)
            assert sorted(counts) == [f"D{i:02d}" for i in range(1, 11)]
            for code, count in counts.items():
                alone = replace(filters, demands=(code,))
                assert count == evidence.evidence_count(engine, alone, visible=reader), code
    every = evidence.evidence_counts_by_demand(engine, EvidenceFilters(), visible=visibility(actor))
    assert (every["D01"], every["D08"], every["D05"]) == (3, 2, 0)  # confidential in, withdrawn out
