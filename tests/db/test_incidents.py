"""Duplicates and corroboration on both engines: finding likely duplicates, linking, unlinking,
merging (nothing lost), incident counts and independent sources, and sensitivity throughout."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.config import Settings
from monitor.core import migrate, storage
from monitor.core.db import make_engine, session_scope
from monitor.core.models import (
    Attachment,
    AuditEvent,
    CustodyAction,
    CustodyEvent,
    Evidence,
    EvidenceDemand,
    EvidenceSource,
    Incident,
    Role,
)
from monitor.core.permissions import Actor
from monitor.domain.duplicates import Choice
from monitor.errors import Forbidden, InvalidInput, NotFound
from monitor.queries import duplicates as found
from monitor.services import attachments, evidence, incidents
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00"
    b"\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff"
    b"\x89\x99=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def valid(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "demands": ["D01"],
        "title": "Civilian detained in Melitopol",
        "description": "Detained at a checkpoint. Held incommunicado.",
        "event_start": "2025-10-02",
        "event_end": "",
        "region_code": "zaporizhzhia",
        "settlement_code": "",
        "source_type": "ngo_report",
        "source_url": "https://example.org/report/1",
        "source_title": "Report",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "language": "uk",
        "people_count": "",
        "sensitivity": "public",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "editor", Role.EDITOR)


@pytest.fixture
def viewer(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "viewer", Role.VIEWER)


def _create(engine: sa.Engine, actor: Actor, **overrides: Any) -> int:
    with session_scope(engine) as session:
        entry = evidence.create(session=session, actor=actor, data=valid(**overrides), today=TODAY)
        assert entry.id is not None
        return entry.id


def _likely(engine: sa.Engine, actor: Actor, **kwargs: Any) -> list[tuple[int, list[str]]]:
    data = kwargs.pop("data", valid())
    with session_scope(engine) as session:
        frame = incidents.likely_duplicates(session=session, actor=actor, data=data, **kwargs)
    return [(int(i), list(r)) for i, r in zip(frame["id"], frame["reasons"], strict=True)]


def test_keys_are_stored_on_create_and_edit(engine: sa.Engine, editor: Actor) -> None:
    entry_id = _create(engine, editor)
    with Session(engine) as session:
        stored = session.get(Evidence, entry_id)
        assert stored is not None and stored.source_url_key and stored.text_key
        version = stored.version
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry_id,
            expected_version=version,
            data=valid(source_url="https://other.example.net/x"),
            today=TODAY,
        )
    with Session(engine) as session:
        edited = session.get(Evidence, entry_id)
        assert edited is not None
        assert edited.source_url_key == found.duplicates.url_key("http://other.example.net/x/")


def test_the_same_address_is_found(engine: sa.Engine, editor: Actor) -> None:
    first = _create(engine, editor)
    other = _create(
        engine, editor, title="Unrelated", region_code="crimea", source_url="https://x.org/a"
    )
    data = valid(
        title="A different title altogether",
        source_url="http://www.EXAMPLE.org/report/1/?utm_source=telegram#top",
        region_code="crimea",
    )
    assert _likely(engine, editor, data=data) == [(first, ["url"])]
    assert other not in [i for i, _ in _likely(engine, editor, data=data)]


def test_near_identical_text_at_the_same_place_is_found(engine: sa.Engine, editor: Actor) -> None:
    first = _create(engine, editor, source_url="")
    _create(engine, editor, source_url="", region_code="crimea")  # same text, other region
    _create(engine, editor, source_url="", event_start="2025-11-20")  # same text, weeks later
    data = valid(
        title="Civilian detained in Melitopol!",
        description="Detained at a checkpoint; held incommunicado",
        event_start="2025-10-04",
        source_url="",
    )
    assert _likely(engine, editor, data=data) == [(first, ["text"])]


def test_the_same_file_is_found(engine: sa.Engine, editor: Actor, settings: Settings) -> None:
    first = _create(engine, editor, source_url="", title="Photo of the checkpoint")
    with session_scope(engine) as session:
        attachments.attach(
            session=session,
            actor=editor,
            evidence_id=first,
            filename="a.png",
            data=PNG,
            folder=storage.attachments(settings),
        )
        sha = session.exec(select(Attachment.sha256)).one()
    data = valid(title="Something else", source_url="", region_code="crimea")
    assert _likely(engine, editor, data=data, hashes=[sha]) == [(first, ["file"])]


def test_an_entry_is_not_its_own_duplicate(engine: sa.Engine, editor: Actor) -> None:
    first = _create(engine, editor)
    assert _likely(engine, editor, evidence_id=first) == []


def test_nothing_to_compare_finds_nothing(engine: sa.Engine, editor: Actor) -> None:
    _create(engine, editor)
    assert _likely(engine, editor, data=valid(title="", region_code=None)) == []


def test_a_hidden_entry_is_never_a_duplicate(
    engine: sa.Engine, editor: Actor, viewer: Actor
) -> None:
    _create(engine, editor, sensitivity="confidential")
    assert _likely(engine, viewer) == []  # not by address, text, nor in any count
    assert len(_likely(engine, editor)) == 1


def test_withdrawn_entries_are_not_duplicates(engine: sa.Engine, editor: Actor) -> None:
    first = _create(engine, editor)
    with session_scope(engine) as session:
        evidence.withdraw(
            session=session, actor=editor, evidence_id=first, expected_version=1, reason="wrong"
        )
    assert _likely(engine, editor) == []


def _incident(engine: sa.Engine, entry_id: int) -> int | None:
    with Session(engine) as session:
        entry = session.get(Evidence, entry_id)
        assert entry is not None
        return entry.incident_id


def test_link_and_unlink(engine: sa.Engine, editor: Actor) -> None:
    a, b, c = (_create(engine, editor, source_url=f"https://s{i}.org/x") for i in range(3))
    with session_scope(engine) as session:
        incident = incidents.link(session=session, actor=editor, evidence_id=a, other_id=b)
    assert _incident(engine, a) == _incident(engine, b) == incident
    with session_scope(engine) as session:
        assert incidents.link(session=session, actor=editor, evidence_id=c, other_id=a) == incident
    with session_scope(engine) as session:
        incidents.unlink(session=session, actor=editor, evidence_id=c)
    assert _incident(engine, c) is None and _incident(engine, a) == incident
    with session_scope(engine) as session:
        incidents.unlink(session=session, actor=editor, evidence_id=a)
    # an incident of one entry is no incident: dissolved
    assert _incident(engine, b) is None
    with Session(engine) as session:
        assert session.exec(select(Incident)).all() == []
        actions = [e.action for e in session.exec(select(AuditEvent)) if e.entity == "incident"]
    assert actions == ["create", "dissolve"]


def test_linking_two_incidents_joins_them(engine: sa.Engine, editor: Actor) -> None:
    a, b, c, d = (_create(engine, editor, source_url=f"https://s{i}.org/x") for i in range(4))
    with session_scope(engine) as session:
        first = incidents.link(session=session, actor=editor, evidence_id=a, other_id=b)
        second = incidents.link(session=session, actor=editor, evidence_id=c, other_id=d)
    with session_scope(engine) as session:
        joined = incidents.link(session=session, actor=editor, evidence_id=a, other_id=d)
    assert joined == first != second
    assert {_incident(engine, i) for i in (a, b, c, d)} == {first}
    with Session(engine) as session:
        assert session.get(Incident, second) is None


def test_link_refuses_clearly(engine: sa.Engine, editor: Actor, viewer: Actor) -> None:
    a = _create(engine, editor)
    hidden = _create(engine, editor, sensitivity="confidential")
    with session_scope(engine) as session, pytest.raises(InvalidInput) as same:
        incidents.link(session=session, actor=editor, evidence_id=a, other_id=a)
    assert "other" in same.value.problems
    with session_scope(engine) as session, pytest.raises(NotFound):
        incidents.link(session=session, actor=editor, evidence_id=a, other_id=999_999)
    with session_scope(engine) as session, pytest.raises(Forbidden):
        incidents.link(session=session, actor=viewer, evidence_id=a, other_id=hidden)
    with session_scope(engine) as session, pytest.raises(InvalidInput):
        incidents.unlink(session=session, actor=editor, evidence_id=a)


def test_merge_keeps_every_source_file_and_demand(
    engine: sa.Engine, editor: Actor, settings: Settings
) -> None:
    survivor = _create(engine, editor, source_url="https://first.org/a", demands=["D01"])
    merged = _create(
        engine,
        editor,
        source_url="https://second.org/b",
        source_title="Second report",
        source_type="media",
        demands=["D08"],
    )
    with session_scope(engine) as session:
        attachments.attach(
            session=session,
            actor=editor,
            evidence_id=merged,
            filename="photo.png",
            data=PNG,
            folder=storage.attachments(settings),
        )
    with session_scope(engine) as session:
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)
    with Session(engine) as session:
        kept = session.exec(select(EvidenceSource)).one()
        assert (kept.evidence_id, kept.from_evidence_id) == (survivor, merged)
        assert kept.source_url == "https://second.org/b" and kept.source_title == "Second report"
        files = session.exec(select(Attachment).where(Attachment.evidence_id == survivor)).all()
        assert [f.filename for f in files] == ["photo.png"]
        chain = session.exec(select(CustodyEvent).where(CustodyEvent.item_id == files[0].id)).all()
        assert [(e.action, e.evidence_id, e.sha256_seen) for e in chain] == [
            (CustodyAction.ATTACH, survivor, None)
        ]
        assert f"kept from entry #{merged}" in chain[0].detail
        demands = session.exec(
            select(EvidenceDemand.demand_id).where(EvidenceDemand.evidence_id == survivor)
        ).all()
        assert len(demands) == 2
        gone = session.get(Evidence, merged)
        kept_entry = session.get(Evidence, survivor)
        assert gone is not None and kept_entry is not None
        assert gone.withdrawn_at is not None and gone.merged_into == survivor
        assert gone.withdrawn_reason == f"merged into #{survivor}"
        assert gone.incident_id == kept_entry.incident_id is not None
        assert kept_entry.version == 2 and gone.version == 2
        audited = {
            (e.action, e.entity_id)
            for e in session.exec(select(AuditEvent))
            if e.action[:5] == "merge"
        }
    assert audited == {("merge", str(survivor)), ("merged", str(merged))}
    # the merged entry's address now finds the survivor
    other_text = valid(title="Other words", source_url="https://second.org/b")
    assert _likely(engine, editor, data=other_text) == [(survivor, ["url"])]
    with session_scope(engine) as session, pytest.raises(InvalidInput):  # already withdrawn
        incidents.merge(session=session, actor=editor, survivor_id=survivor, merged_id=merged)


def test_independent_sources_and_incident_counts(
    engine: sa.Engine, editor: Actor, viewer: Actor
) -> None:
    a = _create(engine, editor, source_url="https://example.org/one")
    b = _create(engine, editor, source_url="https://www.example.org/two")  # the same site
    c = _create(engine, editor, source_url="", source_title="")  # a witness: its own source
    d = _create(engine, editor, source_url="https://t.me/channel/5", sensitivity="confidential")
    e = _create(engine, editor, source_url="https://other.net/x")
    alone = _create(engine, editor, source_url="https://alone.org/")
    assert alone
    with session_scope(engine) as session:
        incident = incidents.link(session=session, actor=editor, evidence_id=a, other_id=b)
        for other in (c, d):
            incidents.link(session=session, actor=editor, evidence_id=a, other_id=other)
        incidents.merge(session=session, actor=editor, survivor_id=a, merged_id=e)
    where_editor = incidents.visible(editor)
    where_viewer = incidents.visible(viewer)
    with engine.connect() as conn:
        # example.org, the witness, t.me/channel, other.net (kept from the merge)
        assert found.independent_sources(conn, [incident], where_editor) == {incident: 4}
        # the viewer never counts the confidential entry's source
        assert found.independent_sources(conn, [incident], where_viewer) == {incident: 3}
        visible_entries = [col(Evidence.withdrawn_at).is_(None), *where_viewer]
        n = conn.execute(sa.select(sa.func.count()).where(*visible_entries)).scalar_one()
        assert n == 4  # a, b, c, alone
        assert found.incident_counts(conn, visible_entries, n) == 2
        assert found.shared_incidents(conn, [incident], where_viewer) == {incident}
        lonely = conn.execute(
            sa.select(sa.func.count()).where(col(Evidence.incident_id) == incident, *where_viewer)
        ).scalar_one()
        assert lonely == 4
        members = found.incident_members(conn, incident, where_viewer)
        assert d not in set(members["id"])
        assert set(members["id"]) == {a, b, c, e}


def test_log_entry_links_or_merges_as_chosen(
    engine: sa.Engine, editor: Actor, settings: Settings
) -> None:
    first = _create(engine, editor)
    linked = evidence.log_entry(
        engine=engine,
        actor=editor,
        data=valid(),
        today=TODAY,
        settings=settings,
        duplicate=incidents.Decision.parse("link", first),
    )
    assert linked.duplicate_error is None
    assert _incident(engine, linked.evidence_id) == _incident(engine, first) is not None
    merged = evidence.log_entry(
        engine=engine,
        actor=editor,
        data=valid(source_url="https://third.org/c"),
        today=TODAY,
        settings=settings,
        uploads=[evidence.Upload("p.png", PNG)],
        duplicate=incidents.Decision.parse("merge", first),
    )
    assert merged.duplicate_error is None and not merged.attachment_errors
    with Session(engine) as session:
        gone = session.get(Evidence, merged.evidence_id)
        assert gone is not None and gone.merged_into == first
        files = session.exec(select(Attachment).where(Attachment.evidence_id == first)).all()
        assert [f.filename for f in files] == ["p.png"]  # the new entry's file kept
    refused = evidence.log_entry(
        engine=engine,
        actor=editor,
        data=valid(),
        today=TODAY,
        settings=settings,
        duplicate=incidents.Decision.parse("merge", merged.evidence_id),  # withdrawn now
    )
    assert isinstance(refused.duplicate_error, InvalidInput)  # saved as a separate entry
    assert _incident(engine, refused.evidence_id) is None


@pytest.mark.parametrize(
    ("choice", "other"), [("nonsense", 1), ("link", None), ("merge", 0), ("link", "3")]
)
def test_a_senseless_decision_is_refused(choice: str, other: object) -> None:
    with pytest.raises(InvalidInput) as refused:
        incidents.Decision.parse(choice, other)
    assert "duplicate" in refused.value.problems


def test_separate_is_a_decision_without_an_entry() -> None:
    assert incidents.Decision.parse("separate", None).choice is Choice.SEPARATE


def test_the_migration_gives_existing_entries_their_keys(database_url: str) -> None:
    """Down to before incidents and up again: the entries already there get their keys by the
    rule a save uses, so they are found as duplicates at once; nothing else is lost."""
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        actor = make_actor(session, "editor", Role.EDITOR)
        entry = evidence.create(session=session, actor=actor, data=valid(), today=TODAY)
        other = evidence.create(
            session=session, actor=actor, data=valid(source_url=""), today=TODAY
        )
        incidents.link(session=session, actor=actor, evidence_id=entry.id, other_id=other.id)  # type: ignore[arg-type]
    engine.dispose()
    migrate.downgrade(database_url, "0014")
    assert migrate.upgrade(database_url) is True
    engine = make_engine(database_url)
    with Session(engine) as session:
        stored = session.exec(select(Evidence).order_by(col(Evidence.id))).all()
    assert [e.incident_id for e in stored] == [None, None]  # the incidents went with 0015
    assert stored[0].source_url_key == found.duplicates.url_key(valid()["source_url"])
    assert stored[1].source_url_key is None and stored[1].text_key == stored[0].text_key
    engine.dispose()


def test_an_incident_whose_partners_are_hidden_is_not_shown(
    engine: sa.Engine, editor: Actor, viewer: Actor
) -> None:
    shown = _create(engine, editor, source_url="https://a.org/1")
    hidden = _create(engine, editor, sensitivity="confidential", source_url="https://b.org/2")
    with session_scope(engine) as session:
        incident = incidents.link(session=session, actor=editor, evidence_id=shown, other_id=hidden)
    with session_scope(engine) as session:
        view = incidents.incident_view(session=session, actor=viewer, evidence_id=shown)
        assert view.incident_id is None and view.members.empty
        assert incidents.sources_of(session=session, actor=viewer, incident_ids=[incident]) == {}
        assert incidents.sources_of(session=session, actor=editor, incident_ids=[incident]) == {
            incident: 2
        }
        frame = incidents.likely_duplicates(
            session=session, actor=viewer, data=valid(source_url="https://a.org/1")
        )
    assert list(frame["id"]) == [shown] and frame["incident_id"].isna().all()


def test_an_entry_s_own_incident_is_not_offered_again(engine: sa.Engine, editor: Actor) -> None:
    """Entries already linked with the one opened are not news: only others are offered."""
    a, b, c = (_create(engine, editor) for _ in range(3))  # the same text, place and day
    assert sorted(i for i, _ in _likely(engine, editor, evidence_id=a)) == [b, c]
    with session_scope(engine) as session:
        incidents.link(session=session, actor=editor, evidence_id=a, other_id=b)
    assert [i for i, _ in _likely(engine, editor, evidence_id=a)] == [c]
    assert sorted(i for i, _ in _likely(engine, editor)) == [a, b, c]  # a new entry: all of them
