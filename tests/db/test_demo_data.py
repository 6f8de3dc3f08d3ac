"""Synthetic data is deterministic, realistic in spread, and not loaded twice."""

from datetime import date

import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import Assessment, Evidence, EvidenceDemand
from monitor.services import demo_data
from monitor.services.accounts import system_actor

TODAY = date(2026, 11, 1)


def test_same_seed_same_rows() -> None:
    ids = {f"D{i:02d}": i for i in range(1, 11)}
    regions = ["crimea", "donetsk", "kherson"]
    first = demo_data.generate_evidence(
        200, 5, demand_ids=ids, regions=regions, today=TODAY, actor_id=1
    )
    second = demo_data.generate_evidence(
        200, 5, demand_ids=ids, regions=regions, today=TODAY, actor_id=1
    )
    other = demo_data.generate_evidence(
        200, 6, demand_ids=ids, regions=regions, today=TODAY, actor_id=1
    )
    assert first == second
    assert first != other
    rows, _ = first
    assert all(demo_data.WAR_START <= r["event_start"] <= TODAY for r in rows)
    assert len({r["region_code"] for r in rows}) == 3


def test_load_spreads_over_demands_and_is_not_repeated(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        report = demo_data.load_demo_data(
            session=session, actor=system_actor(session=session), evidence=500, seed=9, today=TODAY
        )
    assert report.evidence == 500
    with Session(engine) as session:
        assert session.exec(select(sa.func.count()).select_from(Evidence)).one() == 500
        links = session.exec(select(sa.func.count()).select_from(EvidenceDemand)).one()
        assert links == report.links >= 500
        demands = session.exec(select(sa.func.count(sa.distinct(EvidenceDemand.demand_id)))).one()
        assert demands == 10
        assert (
            session.exec(select(sa.func.count()).select_from(Assessment)).one()
            == report.assessments
        )
    with session_scope(engine) as session:
        again = demo_data.load_demo_data(
            session=session, actor=system_actor(session=session), evidence=500, seed=9, today=TODAY
        )
    assert again.evidence == 0
    with session_scope(engine) as session:  # ids continue after existing rows, on both engines
        more = demo_data.load_demo_data(
            session=session, actor=system_actor(session=session), evidence=10, seed=10, today=TODAY
        )
    assert more.evidence == 10
