"""The data version caches key on: it changes with every committed change, whatever the order
in which writers commit, and a restore or a seed never brings back a number seen before.

The interleaving tests run on PostgreSQL, where writers really overlap (SQLite lets one in at a
time); the rest run on both engines.
"""

from __future__ import annotations

import io
import json
import threading
import zipfile
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from monitor.core import audit, migrate
from monitor.core.db import make_engine, session_scope, writer
from monitor.core.models import DATA_VERSION_SLOTS, AuditEvent, DataVersion, Evidence, Role
from monitor.core.permissions import Actor
from monitor.domain.points import split_points
from monitor.services import assessments, backup, coverage, drafts, evidence, importer
from monitor.services.reference import load_reference
from tests.conftest import (
    REFERENCE_DIR,
    give_back_pg_database,
    new_pg_database,
)
from tests.factories import make_actor, restore_at

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
FORM = {
    "demands": ["D01"],
    "title": "Interleaved save",
    "description": "Written by one of two overlapping transactions.",
    "event_start": "2025-10-02",
    "region_code": "kherson",
    "source_type": "media",
    "reliability": "C",
    "credibility": "3",
    "direction": "regression",
}


def version(engine: Engine) -> int:
    with engine.connect() as conn:
        return audit.data_version(conn)


def slots(engine: Engine) -> dict[int, int]:
    with engine.connect() as conn:
        rows = conn.execute(sa.select(col(DataVersion.id), col(DataVersion.version))).all()
        return {slot: count for slot, count in rows}


def max_audit_id(engine: Engine) -> int:
    with engine.connect() as conn:
        return int(conn.execute(sa.select(sa.func.max(col(AuditEvent.id)))).scalar() or 0)


def visible_ids(engine: Engine) -> set[int]:
    """What a reader would cache: the entries it can see now."""
    with engine.connect() as conn:
        return {int(i) for i in conn.execute(sa.select(col(Evidence.id))).scalars() if i}


@pytest.fixture
def editor(postgres_engine: Engine) -> Actor:
    with session_scope(postgres_engine) as session:
        return make_actor(session, "interleaver", Role.EDITOR)


# -- the interleaving rule (PostgreSQL) ---------------------------------------------------------


def test_a_change_committed_after_a_read_changes_the_version_read(
    postgres_engine: Engine, editor: Actor
) -> None:
    """A takes the lower ids and commits last; a reader between the two commits caches B's
    state. A's commit must change the version it cached under, though max(id) stays put."""
    start = version(postgres_engine)
    first = Session(writer(postgres_engine), expire_on_commit=False)
    second = Session(writer(postgres_engine), expire_on_commit=False)
    try:
        early = evidence.create(session=first, actor=editor, data=FORM, today=TODAY)
        second.execute(sa.text("SET LOCAL lock_timeout = '2s'"))  # B never waits for A
        late = evidence.create(session=second, actor=editor, data=FORM, today=TODAY)
        second.commit()
        assert early.id is not None and late.id is not None and early.id < late.id
        between, cached = version(postgres_engine), visible_ids(postgres_engine)
        max_between = max_audit_id(postgres_engine)
        first.commit()
    finally:
        first.close()
        second.close()
    after = version(postgres_engine)
    assert cached == {late.id}  # the reader's data lacked A's entry ...
    assert between == start + 1
    assert after == start + 2  # ... and A's commit moved the version it was cached under
    assert visible_ids(postgres_engine) == {early.id, late.id}
    assert max_audit_id(postgres_engine) == max_between  # the rule the version must not be


def test_one_transaction_counts_every_change_in_one_slot(
    postgres_engine: Engine, editor: Actor
) -> None:
    before = slots(postgres_engine)
    assert len(before) == DATA_VERSION_SLOTS
    with session_scope(postgres_engine) as session:
        for _ in range(3):
            evidence.create(session=session, actor=editor, data=FORM, today=TODAY)
    after = slots(postgres_engine)
    moved = {slot: after[slot] - before[slot] for slot in after if after[slot] != before[slot]}
    assert list(moved.values()) == [3]


def test_with_every_slot_held_a_writer_waits_and_is_counted(
    postgres_engine: Engine, editor: Actor
) -> None:
    start = version(postgres_engine)
    done = threading.Event()
    errors: list[BaseException] = []

    def save() -> None:
        try:
            with session_scope(postgres_engine) as session:
                evidence.create(session=session, actor=editor, data=FORM, today=TODAY)
        except BaseException as exc:  # reported to the test below
            errors.append(exc)
        finally:
            done.set()

    with postgres_engine.connect() as holder:
        holder.execute(sa.select(col(DataVersion.id)).with_for_update())  # every slot, as if busy
        thread = threading.Thread(target=save)
        thread.start()
        assert not done.wait(0.5)  # no slot free: it waits instead of skipping the count
        holder.rollback()
    thread.join(timeout=30)
    assert done.is_set() and errors == []
    assert version(postgres_engine) == start + 1


# -- both engines -------------------------------------------------------------------------------


def test_a_reader_sees_a_change_only_once_it_commits(engine: Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
    start = version(engine)
    with Session(writer(engine)) as session:
        evidence.create(session=session, actor=actor, data=FORM, today=TODAY)
        assert version(engine) == start  # a reader before the commit keeps the old number
        session.commit()
    assert version(engine) == start + 1


def _push_version(engine: Engine, to: int) -> None:
    """A database that has counted `to` changes (in a slot writers on SQLite never use)."""
    with engine.begin() as conn:
        conn.execute(sa.update(DataVersion).where(col(DataVersion.id) == 2).values(version=to))


def test_the_cache_key_changes_after_every_kind_of_write(
    app_env: str, engine: Engine, tmp_path: Path
) -> None:
    """Through the UI's own reader: every kind of write gives a number never seen before, and
    a cached read keyed on it returns the new data at once."""
    from monitor.ui import state

    seen = [state.data_version()]
    assert seen[0] == version(engine)

    def changed(what: str) -> None:
        now = state.data_version()
        assert now > max(seen), what
        seen.append(now)

    with session_scope(engine) as session:
        ed = make_actor(session, "ed", Role.EDITOR)
        second = make_actor(session, "second", Role.EDITOR)
    with session_scope(engine) as session:
        entry = evidence.create(session=session, actor=ed, data=FORM, today=TODAY)
        entry_id = int(entry.id or 0)
    changed("evidence: create")
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=ed,
            evidence_id=entry_id,
            expected_version=1,
            data={**FORM, "title": "Edited"},
            today=TODAY,
        )
    changed("evidence: edit")
    with session_scope(engine) as session:
        evidence.advance_verification(
            session=session, actor=second, evidence_id=entry_id, expected_version=2
        )
    changed("evidence: verify")
    with session_scope(engine) as session:
        evidence.withdraw(
            session=session, actor=ed, evidence_id=entry_id, expected_version=3, reason="Duplicate"
        )
    changed("evidence: withdraw")

    history = len(state.status_history())
    with session_scope(engine) as session:
        proposed = assessments.propose(
            session=session,
            actor=ed,
            demand="D01",
            score=1,
            assessed_on=TODAY,
            rationale="Releases stalled.",
            today=TODAY,
        )
    changed("assessment: propose")
    with session_scope(engine) as session:
        assessments.approve(session=session, actor=second, assessment_id=int(proposed.id or 0))
    changed("assessment: approve")
    assert len(state.status_history()) == history + 1

    with session_scope(engine) as session:
        drafts.create_draft(
            session=session,
            actor=ed,
            data={
                "code": "NEW-1",
                "title": "New draft",
                "proponent": "Mediators",
                "published_on": "2026-11-20",
                "status": "proposed",
                "supersedes": "",
            },
            points=split_points("1. All civilian detainees are released.\n2. Demining."),
            today=TODAY,
        )
    changed("draft: create")
    with session_scope(engine) as session:
        drafts.add_point(session=session, actor=ed, draft_code="NEW-1", label="3", text="Return.")
    changed("draft: add a point")

    assert state.coverage_proposals().empty
    with session_scope(engine) as session:
        code = coverage.propose(
            session=session,
            actor=ed,
            draft_code="NEW-1",
            demand_code="D01",
            level="explicit",
            points="1",
        )
    changed("coverage: propose")
    assert len(state.coverage_proposals()) == 1
    with session_scope(engine) as session:
        coverage.approve(session=session, actor=second, proposal_id=int(code.id or 0))
    changed("coverage: approve")
    assert state.coverage_proposals().empty

    sheet = (
        b"demands,title,description,event start,region,source type,"
        b"source reliability (A-F),information credibility (1-6),direction\n"
        b"D05,Imported,From a partner's sheet.,2025-03-04,kherson,media,C,3,regression\n"
    )
    table = importer.read_table("partner.csv", sheet)
    with session_scope(engine) as session:
        importer.import_rows(
            session=session,
            actor=ed,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )
    changed("import")


def test_a_restore_never_brings_back_a_number_seen_before(
    engine: Engine, database_url: str, tmp_path: Path
) -> None:
    """The restored data gets a number above the backup's and above any the target had, so a
    cache of the target from before the restore is never taken for it."""
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        evidence.create(session=session, actor=admin, data=FORM, today=TODAY)
    source = version(engine)
    blob = backup.create(engine=engine, actor=admin, data_dir=tmp_path / "data", now=NOW)
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        assert json.loads(archive.read(backup.META))["data_version"] == source

    for target_had in (0, source + 500):  # a fresh target; one that had counted more
        url, drop = _empty_database(database_url, tmp_path / f"target-{target_had}.db")
        try:
            migrate.upgrade(url)
            target = make_engine(url)
            _push_version(target, target_had)
            before = version(target)
            restore_at(url, blob=blob, data_dir=tmp_path / f"restored-{target_had}")
            assert version(target) == max(before, source) + 1
            target.dispose()
        finally:
            drop()


def test_seeding_a_fresh_database_changes_the_version_and_a_reload_does_not(
    database_url: str, tmp_path: Path
) -> None:
    url, drop = _empty_database(database_url, tmp_path / "fresh.db")
    try:
        migrate.upgrade(url)
        fresh = make_engine(url)
        start = version(fresh)
        with session_scope(fresh) as session:
            load_reference(session=session, folder=REFERENCE_DIR)
        seeded = version(fresh)
        assert seeded > start
        with session_scope(fresh) as session:
            load_reference(session=session, folder=REFERENCE_DIR)  # nothing to change
        assert version(fresh) == seeded
        fresh.dispose()
    finally:
        drop()


def _empty_database(like: str, sqlite_path: Path) -> tuple[str, Callable[[], None]]:
    """A new empty database on the engine of `like`, and how to drop it."""
    if like.startswith("sqlite"):
        return f"sqlite:///{sqlite_path}", lambda: None
    url = new_pg_database()
    return url, lambda: give_back_pg_database(url)


def test_the_slots_migration_keeps_the_number(database_url: str) -> None:
    engine = make_engine(database_url)
    try:
        migrate.downgrade(database_url, "0011")
        with engine.begin() as conn:
            assert conn.execute(sa.text("SELECT id FROM data_version")).scalars().all() == [1]
            conn.execute(sa.text("UPDATE data_version SET version = 41"))
        migrate.upgrade(database_url)
        assert version(engine) == 41
        assert sorted(slots(engine)) == list(range(1, DATA_VERSION_SLOTS + 1))
        with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
            conn.execute(sa.insert(DataVersion).values(id=DATA_VERSION_SLOTS + 1, version=0))
        _push_version(engine, 2)
        migrate.downgrade(database_url, "0011")
        with engine.connect() as conn:
            assert conn.execute(sa.text("SELECT id, version FROM data_version")).all() == [(1, 43)]
    finally:
        migrate.upgrade(database_url)
        engine.dispose()
