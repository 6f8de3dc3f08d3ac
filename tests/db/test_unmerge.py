"""Undoing a merge, on both engines: the merged entry comes back as it was, the survivor loses
only what the merge gave it (sources, attachment copies, demands), both audited; refused in
words when either entry changed since, for an old merge recorded without what it gave, and
for viewers."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.config import Settings
from monitor.core import audit, storage
from monitor.core.db import session_scope
from monitor.core.models import (
    Attachment,
    AuditEvent,
    Evidence,
    EvidenceDemand,
    EvidenceSource,
    Role,
)
from monitor.core.permissions import Actor
from monitor.errors import Forbidden, InvalidInput
from monitor.services import attachments, evidence, incidents
from tests.db.test_incidents import PNG, TODAY, _create, valid
from tests.factories import make_actor

NOTES = b"Notes taken at the checkpoint.\n"


@pytest.fixture
def editor(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "editor", Role.EDITOR)


@pytest.fixture
def viewer(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "viewer", Role.VIEWER)


def _attach(engine: sa.Engine, actor: Actor, settings: Settings, entry: int, data: bytes) -> None:
    with session_scope(engine) as session:
        attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry,
            filename="photo.png" if data == PNG else "notes.txt",
            data=data,
            folder=storage.attachments(settings),
        )


def _state(engine: sa.Engine, entry: int) -> dict[str, object]:
    with Session(engine) as session:
        row = session.get(Evidence, entry)
        assert row is not None
        demands = sorted(
            session.exec(
                select(EvidenceDemand.demand_id).where(EvidenceDemand.evidence_id == entry)
            )
        )
        files = sorted(
            session.exec(select(Attachment.sha256).where(Attachment.evidence_id == entry))
        )
        kept = sorted(
            session.exec(
                select(EvidenceSource.from_evidence_id).where(EvidenceSource.evidence_id == entry)
            )
        )
        return {
            "withdrawn": row.withdrawn_at,
            "merged_into": row.merged_into,
            "verification": row.verification,
            "source_url": row.source_url,
            "demands": demands,
            "mask": row.demand_mask,
            "files": files,
            "kept": kept,
        }


def test_undo_restores_the_merged_entry_and_takes_back_only_what_the_merge_gave(
    engine: sa.Engine, editor: Actor, settings: Settings
) -> None:
    survivor = _create(engine, editor, source_url="https://first.org/a", demands=["D01", "D02"])
    merged = _create(
        engine, editor, source_url="https://second.org/b", demands=["D02", "D08"], title="Twin"
    )
    _attach(engine, editor, settings, survivor, PNG)  # the survivor had this file already
    _attach(engine, editor, settings, merged, PNG)
    _attach(engine, editor, settings, merged, NOTES)
    before = {survivor: _state(engine, survivor), merged: _state(engine, merged)}
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)
    merged_state = _state(engine, survivor)
    assert len(merged_state["files"]) == 2 and merged_state["kept"] == [merged]  # type: ignore[arg-type]
    with session_scope(engine) as session:
        done = incidents.unmerge(session=session, actor=editor, merged_id=merged)
    assert (done.survivor_id, done.merged_id) == (survivor, merged)
    assert (done.sources, done.attachments, done.demand_codes) == (1, 1, ("D08",))
    assert _state(engine, merged) == before[merged]  # as it was
    assert _state(engine, survivor) == before[survivor]  # nothing of the merge left
    with Session(engine) as session:
        rows = {e.id: e for e in session.exec(select(Evidence))}
        assert rows[survivor].incident_id == rows[merged].incident_id is not None  # still linked
        actions = [
            (e.action, e.entity_id)
            for e in session.exec(select(AuditEvent).order_by(col(AuditEvent.id)))
            if e.action in ("unmerge", "unmerged")
        ]
    assert actions == [("unmerge", str(survivor)), ("unmerged", str(merged))]
    # the entry is itself again: it can be edited, and merged once more
    with session_scope(engine) as session, pytest.raises(InvalidInput) as refused:
        incidents.unmerge(session=session, actor=editor, merged_id=merged)
    assert refused.value.problems["evidence"][0] == "duplicates.not_merged"
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)


def test_undo_is_refused_when_the_survivor_changed_since(engine: sa.Engine, editor: Actor) -> None:
    survivor = _create(engine, editor, source_url="https://first.org/a")
    merged = _create(engine, editor, source_url="https://second.org/b", title="Twin")
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)
    with Session(engine) as session:
        version = session.get(Evidence, survivor).version  # type: ignore[union-attr]
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=survivor,
            expected_version=version,
            data=valid(source_url="https://first.org/a", demands=["D01", "D08"]),
            today=TODAY,
        )
    with session_scope(engine) as session, pytest.raises(InvalidInput) as refused:
        incidents.unmerge(session=session, actor=editor, merged_id=merged)
    key, params = refused.value.problems["evidence"]
    assert key == "duplicates.undo_changed" and params["id"] == survivor
    with Session(engine) as session:  # nothing undone
        assert session.get(Evidence, merged).merged_into == survivor  # type: ignore[union-attr]


def test_undo_is_refused_for_an_unrecorded_merge_and_for_viewers(
    engine: sa.Engine, editor: Actor, viewer: Actor
) -> None:
    survivor = _create(engine, editor, source_url="https://first.org/a")
    merged = _create(engine, editor, source_url="https://second.org/b", title="Twin")
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)
    with session_scope(engine) as session, pytest.raises(Forbidden):
        incidents.unmerge(session=session, actor=viewer, merged_id=merged)
    with session_scope(engine) as session:  # the latest merge as one made before undo existed
        audit.record(session, editor, "merge", "evidence", survivor, after={"merged": merged})
    with session_scope(engine) as session, pytest.raises(InvalidInput) as refused:
        incidents.unmerge(session=session, actor=editor, merged_id=merged)
    assert refused.value.problems["evidence"][0] == "duplicates.undo_unrecorded"
