"""Models and migrations agree, and the database itself refuses what it can."""

from datetime import UTC, date, datetime, timedelta, timezone

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError, StatementError
from sqlmodel import Session, select

from monitor.core import migrate
from monitor.core.db import SQLITE_MMAP_BYTES, make_engine, session_scope
from monitor.core.models import AuditEvent, Coverage, CoverageLevel, Draft, Evidence
from tests.factories import demand_id, make_actor, make_assessment, make_evidence
from tests.views import schema_differences


def test_models_and_migrations_agree(engine: sa.Engine) -> None:
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert schema_differences(engine) == []


def test_downgrade_and_upgrade_round_trip(database_url: str) -> None:
    migrate.downgrade(database_url, "base")
    engine = make_engine(database_url)
    assert "evidence" not in sa.inspect(engine).get_table_names()
    engine.dispose()
    assert migrate.upgrade(database_url) is True
    assert migrate.upgrade(database_url) is False
    check = make_engine(database_url)
    assert schema_differences(check) == []
    check.dispose()


def _refused(engine: sa.Engine, build) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises((IntegrityError, StatementError)), session_scope(engine) as session:
        build(session)


def test_check_constraints_refuse_out_of_scale_values(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session)
    _refused(engine, lambda s: make_assessment(s, actor, "D01", 4, date(2025, 1, 1)))
    _refused(engine, lambda s: make_evidence(s, actor, credibility=7))
    _refused(engine, lambda s: make_evidence(s, actor, people_count=-1))
    _refused(
        engine,
        lambda s: make_evidence(s, actor, event_start=date(2025, 2, 1), event_end=date(2025, 1, 1)),
    )
    _refused(engine, lambda s: make_evidence(s, actor, region_code="moscow"))
    with session_scope(engine) as session:
        assert session.exec(select(sa.func.count()).select_from(Evidence)).one() == 0


def test_enum_columns_refuse_unknown_values_at_the_database(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session)
        make_evidence(session, actor)
    with pytest.raises(IntegrityError), engine.begin() as conn:
        conn.exec_driver_sql("UPDATE evidence SET sensitivity = 'secret'")


def test_one_coverage_row_per_draft_and_demand(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session)
        draft = session.exec(select(Draft).where(Draft.code == "US28-2025-11")).one()
        draft_id = draft.id
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            Coverage(
                draft_id=draft_id,
                demand_id=demand_id(session, "D01"),
                level=CoverageLevel.ABSENT,
                updated_by=actor.id,
            )
        )


def test_coded_coverage_must_cite_points(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session)
        session.add(
            Draft(
                code="NEW",
                title="t",
                proponent="p",
                published_on=date(2026, 1, 1),
                status="proposed",
            )
        )
        session.flush()
        new_id = session.exec(select(Draft.id).where(Draft.code == "NEW")).one()
    with pytest.raises(IntegrityError), session_scope(engine) as session:
        session.add(
            Coverage(
                draft_id=new_id,
                demand_id=demand_id(session, "D02"),
                level=CoverageLevel.CONTRADICTS,
                point_labels="",
                updated_by=actor.id,
            )
        )


def test_timestamps_are_stored_as_utc(engine: sa.Engine) -> None:
    kyiv = timezone(timedelta(hours=2))
    with session_scope(engine) as session:
        actor = make_actor(session)
        entry = make_evidence(session, actor, created_at=datetime(2025, 3, 1, 12, 0, tzinfo=kyiv))
        entry_id = entry.id
    with Session(engine) as session:
        loaded = session.get(Evidence, entry_id)
        assert loaded is not None
        assert loaded.created_at == datetime(2025, 3, 1, 10, 0, tzinfo=UTC)
        assert loaded.created_at.tzinfo is not None


def test_naive_timestamps_are_refused(engine: sa.Engine) -> None:
    with pytest.raises(StatementError, match="naive"), session_scope(engine) as session:
        actor = make_actor(session)
        make_evidence(session, actor, created_at=datetime(2025, 3, 1, 12, 0))


def test_a_failed_transaction_leaves_nothing(engine: sa.Engine) -> None:
    with pytest.raises(RuntimeError), session_scope(engine) as session:
        actor = make_actor(session, "ghost")
        make_evidence(session, actor)
        raise RuntimeError("killed mid-save")
    with Session(engine) as session:
        assert session.exec(select(sa.func.count()).select_from(Evidence)).one() == 0
        assert session.exec(select(sa.func.count()).select_from(AuditEvent)).one() >= 0


def test_sqlite_connections_use_wal_and_foreign_keys(tmp_path) -> None:  # type: ignore[no-untyped-def]
    engine = make_engine(f"sqlite:///{tmp_path / 'p.db'}")
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() >= 5000
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1
        # read through a memory map (asked for 2 GiB; the library may cap it a little lower)
        assert 2**30 <= conn.exec_driver_sql("PRAGMA mmap_size").scalar() <= SQLITE_MMAP_BYTES


def test_upgrading_a_database_with_data_keeps_it(database_url: str) -> None:
    """The attachment migration on a database that already holds evidence loses nothing."""
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        actor = make_actor(session)
        for _ in range(3):
            make_evidence(session, actor, demands=("D01", "D02"))
    engine.dispose()
    migrate.downgrade(database_url, "0001")
    assert migrate.upgrade(database_url) is True
    engine = make_engine(database_url)
    with engine.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar() == 3
        assert conn.execute(sa.text("SELECT count(*) FROM evidence_demand")).scalar() == 6
        assert conn.execute(sa.text("SELECT count(*) FROM coverage")).scalar() == 50
    assert schema_differences(engine) == []
    engine.dispose()
