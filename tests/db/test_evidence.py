"""Evidence services on both engines: validation, audit, locking, workflow, withdrawal."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Evidence, Role, Verification
from monitor.errors import Forbidden, InvalidInput, StaleVersion
from monitor.services import evidence
from tests.factories import make_actor

TODAY = date(2026, 11, 23)


def valid(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "demands": ["D01", "D08"],
        "title": "Civilian detained in Melitopol",
        "description": "Detained at a checkpoint.\nHeld incommunicado.",
        "event_start": "2025-10-02",
        "event_end": "",
        "region_code": "zaporizhzhia",
        "settlement_code": "UA23080070010092407",
        "source_type": "ngo_report",
        "source_url": "https://example.org/report/1",
        "source_title": "Report",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "language": "uk",
        "people_count": "1",
        "sensitivity": "restricted",
    }
    data.update(overrides)
    return data


@pytest.fixture
def editor(engine: sa.Engine):  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return make_actor(session, "editor", Role.EDITOR)


def _create(engine: sa.Engine, actor, **overrides: Any) -> Evidence:  # type: ignore[no-untyped-def]
    with session_scope(engine) as session:
        return evidence.create(session=session, actor=actor, data=valid(**overrides), today=TODAY)


def test_create_stores_everything_and_audits(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor)
    with Session(engine) as session:
        stored = session.get(Evidence, entry.id)
        assert stored is not None
        assert stored.settlement_name == "Мелітополь"  # filled from the codifier
        assert stored.event_start == date(2025, 10, 2)
        assert stored.event_end is None
        assert stored.people_count == 1
        assert stored.verification == Verification.UNVERIFIED
        assert stored.version == 1
        assert evidence.demand_codes(session=session, evidence_id=entry.id) == ["D01", "D08"]
        event = session.exec(select(AuditEvent).where(AuditEvent.entity == "evidence")).one()
        assert event.action == "create"
        assert event.actor_id == editor.id
        assert event.after["title"] == "Civilian detained in Melitopol"
        assert event.after["demands"] == ["D01", "D08"]


@pytest.mark.parametrize(
    ("overrides", "field", "key"),
    [
        ({"title": "   "}, "title", "invalid.required"),
        ({"title": "x" * 301}, "title", "invalid.too_long"),
        ({"title": "a\x00b"}, "title", "invalid.control_chars"),
        ({"demands": []}, "demands", "invalid.required"),
        ({"demands": ["D99"]}, "demands", "invalid.unknown_code"),
        ({"event_start": "2025-02-30"}, "event_start", "invalid.date"),
        ({"event_start": "2027-01-01"}, "event_start", "invalid.future_date"),
        ({"event_end": "2025-10-01"}, "event_end", "invalid.range_order"),
        ({"source_url": "javascript:alert(1)"}, "source_url", "invalid.url"),
        ({"source_url": "ftp://example.org/x"}, "source_url", "invalid.url"),
        ({"people_count": "-3"}, "people_count", "invalid.min"),
        ({"people_count": "many"}, "people_count", "invalid.number"),
        ({"credibility": "7"}, "credibility", "invalid.max"),
        ({"reliability": "Z"}, "reliability", "invalid.choice"),
        ({"region_code": "moscow"}, "region_code", "invalid.unknown_code"),
        (
            {"settlement_code": "UA01160330010074014"},
            "settlement_code",
            "invalid.settlement_region",
        ),
        ({"settlement_code": "UA00000000000000000"}, "settlement_code", "invalid.unknown_code"),
        ({"language": "xx"}, "language", "invalid.choice"),
    ],
)
def test_each_rule_names_the_field_and_saves_nothing(
    engine: sa.Engine, editor, overrides: dict[str, Any], field: str, key: str
) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as info:
        _create(engine, editor, **overrides)
    assert field in info.value.fields, info.value.fields
    assert info.value.problems[field][0] == key
    with Session(engine) as session:
        assert session.exec(select(sa.func.count()).select_from(Evidence)).one() == 0
        assert (
            session.exec(
                select(sa.func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.entity == "evidence")
            ).one()
            == 0
        )


def test_several_bad_fields_are_reported_together(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InvalidInput) as info:
        _create(engine, editor, title="", credibility="9", source_url="nope")
    assert {"title", "credibility", "source_url"} <= set(info.value.fields)


@pytest.mark.parametrize(
    "text",
    [
        "Кримськотатарська: Qırımtatar tili",
        "emoji 🕊️🇺🇦",
        "RTL עברית ‏العربية",
        "\"quotes\" 'single'",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
        "'; DROP TABLE evidence; --",
        "ŉ ǅ ﬃ \u200b zero-width",
    ],
)
def test_hostile_text_round_trips_exactly(engine: sa.Engine, editor, text: str) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor, title=text, description=text + "\n\t" + text, source_title=text)
    with Session(engine) as session:
        stored = session.get(Evidence, entry.id)
        assert stored is not None
        assert stored.title == text
        assert stored.description == text + "\n\t" + text
        assert stored.source_title == text


def test_two_editors_cannot_overwrite_each_other(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor)
    with session_scope(engine) as session:
        other = make_actor(session, "other", Role.EDITOR)
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=1,
            data=valid(title="First save"),
            today=TODAY,
        )
    with pytest.raises(StaleVersion) as info, session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=other,
            evidence_id=entry.id,
            expected_version=1,
            data=valid(title="Second save"),
            today=TODAY,
        )
    assert info.value.params["current"]["title"] == "First save"
    assert info.value.params["current"]["version"] == 2
    with Session(engine) as session:
        stored = session.get(Evidence, entry.id)
        assert stored is not None and stored.title == "First save" and stored.version == 2
        edits = session.exec(select(AuditEvent).where(AuditEvent.action == "edit")).all()
        assert len(edits) == 1
        assert edits[0].before["title"] == "Civilian detained in Melitopol"
        assert edits[0].after["title"] == "First save"


def test_edit_can_change_demands(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor)
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=1,
            data=valid(demands="D03; D10"),
            today=TODAY,
        )
    with Session(engine) as session:
        assert evidence.demand_codes(session=session, evidence_id=entry.id) == ["D03", "D10"]


def test_verification_workflow(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor)
    with session_scope(engine) as session:
        step1 = evidence.advance_verification(
            session=session, actor=editor, evidence_id=entry.id, expected_version=1
        )
    assert step1.verification == Verification.CORROBORATED
    with session_scope(engine) as session:
        step2 = evidence.advance_verification(
            session=session, actor=editor, evidence_id=entry.id, expected_version=2
        )
    assert step2.verification == Verification.VERIFIED
    with pytest.raises(InvalidInput, match="corroborated first"), session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=3,
            data=valid(title="x"),
            today=TODAY,
        )
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        evidence.reopen(
            session=session, actor=editor, evidence_id=entry.id, expected_version=3, reason="   "
        )
    with session_scope(engine) as session:
        evidence.reopen(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=3,
            reason="new witness contradicts the date",
        )
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=4,
            data=valid(title="Corrected"),
            today=TODAY,
        )
    with Session(engine) as session:
        actions = [
            e.action
            for e in session.exec(
                select(AuditEvent).where(AuditEvent.entity == "evidence").order_by(AuditEvent.id)
            ).all()
        ]
    assert actions == [
        "create",
        "verify:corroborated",
        "verify:verified",
        "reopen",
        "reopen-reason",
        "edit",
    ]


def test_withdraw_keeps_the_record_and_restore_needs_admin(engine: sa.Engine, editor) -> None:  # type: ignore[no-untyped-def]
    entry = _create(engine, editor)
    with session_scope(engine) as session:
        evidence.withdraw(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=1,
            reason="duplicate of entry 12",
        )
    with Session(engine) as session:
        stored = session.get(Evidence, entry.id)
        assert stored is not None and stored.withdrawn_at is not None
        assert stored.withdrawn_reason == "duplicate of entry 12"
    with pytest.raises(Forbidden), session_scope(engine) as session:
        evidence.restore(
            session=session,
            actor=editor,
            evidence_id=entry.id,
            expected_version=2,
            reason="mistake",
        )
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        restored = evidence.restore(
            session=session,
            actor=admin,
            evidence_id=entry.id,
            expected_version=2,
            reason="withdrawn by mistake",
        )
    assert restored.withdrawn_at is None and restored.version == 3


def test_viewers_cannot_write(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        viewer = make_actor(session, "viewer", Role.VIEWER)
    with pytest.raises(Forbidden), session_scope(engine) as session:
        evidence.create(session=session, actor=viewer, data=valid(), today=TODAY)
