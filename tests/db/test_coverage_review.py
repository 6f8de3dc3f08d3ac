"""Coverage codes: proposed by one editor, approved by another; a cell's history kept; only
approved codes reach the gap matrix; not reported cites nothing; a lawyer's flag travels."""

from __future__ import annotations

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AssessmentState, AuditEvent, CoverageProposal, Role
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.queries import lookups
from monitor.services import app_settings, coverage
from tests.factories import make_actor

CELL = {"draft_code": "UA20-2025-12", "demand_code": "D07"}


def _matrix_cell(engine: sa.Engine, draft: str, demand: str) -> dict[str, object]:
    matrix = lookups.coverage_matrix(engine)
    row = matrix[(matrix["draft"] == draft) & (matrix["demand"] == demand)]
    return dict(row.iloc[0])


def test_a_code_reaches_the_matrix_only_once_a_second_editor_approves(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        olena = make_actor(session, "olena")
        proposal = coverage.propose(
            session=session,
            actor=olena,
            level="partial",
            points="14",
            note="Mine clearance is not named; the zones might need it.",
            legal_review=True,
            legal_note="Does a demilitarised zone imply demining?",
            **CELL,
        )
        proposal_id = int(proposal.id or 0)
    assert _matrix_cell(engine, "UA20-2025-12", "D07")["level"] == "absent"  # not yet
    with pytest.raises(Forbidden) as own, session_scope(engine) as session:
        coverage.approve(
            session=session, actor=make_actor(session, "olena"), proposal_id=proposal_id
        )
    assert "інший редактор" in describe(own.value, "uk")
    with session_scope(engine) as session:
        coverage.approve(
            session=session, actor=make_actor(session, "taras"), proposal_id=proposal_id
        )
    cell = _matrix_cell(engine, "UA20-2025-12", "D07")
    assert (cell["level"], cell["points"], cell["legal_review"]) == ("partial", "14", True)
    assert cell["legal_note"] == "Does a demilitarised zone imply demining?"
    history = lookups.coverage_history(engine, "UA20-2025-12", "D07")
    assert list(history["state"])[:1] == [AssessmentState.PUBLISHED]
    assert list(history["author"])[:1] == ["olena"] and list(history["approver"])[:1] == ["taras"]
    assert len(history) == 2  # the release's code, then this one
    with Session(engine) as session:
        actions = session.exec(
            select(AuditEvent.action).where(AuditEvent.entity == "coverage")
        ).all()
    assert actions == ["propose", "approve"]


def test_a_rejected_code_stays_in_the_history_and_changes_nothing(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        proposal = coverage.propose(
            session=session,
            actor=make_actor(session, "olena"),
            level="explicit",
            points="17",
            **CELL,
        )
        proposal_id = int(proposal.id or 0)
    with pytest.raises(InvalidInput) as no_reason, session_scope(engine) as session:
        coverage.reject(
            session=session, actor=make_actor(session, "taras"), proposal_id=proposal_id, reason=" "
        )
    assert set(no_reason.value.problems) == {"reason"}
    with session_scope(engine) as session:
        coverage.reject(
            session=session,
            actor=make_actor(session, "taras"),
            proposal_id=proposal_id,
            reason="17 is the humanitarian committee, not demining",
        )
    assert _matrix_cell(engine, "UA20-2025-12", "D07")["level"] == "absent"
    with Session(engine) as session:
        row = session.get(CoverageProposal, proposal_id)
        assert row is not None and row.state == AssessmentState.REJECTED
        assert row.reason == "17 is the humanitarian committee, not demining"
    assert lookups.coverage_proposals(engine).empty


def test_with_four_eyes_off_a_code_is_published_at_once_and_marked(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        admin = make_actor(session, "ada", Role.ADMIN)
        app_settings.set_value(
            session=session, actor=admin, key=app_settings.FOUR_EYES, value="off"
        )
    with session_scope(engine) as session:
        proposal = coverage.propose(
            session=session, actor=make_actor(session, "olena"), level="not_reported", **CELL
        )
        assert proposal.state == AssessmentState.PUBLISHED and proposal.self_approved
    assert _matrix_cell(engine, "UA20-2025-12", "D07")["level"] == "not_reported"


@pytest.mark.parametrize(
    ("given", "field", "english", "ukrainian"),
    [
        ({"level": "maybe"}, "level", "choose one of", "оберіть одне з"),
        ({"level": "not_reported", "points": "14"}, "points", "cites no point", "не посилається"),
        ({"level": "partial", "points": "99"}, "points", "99", "99"),
        ({"level": "partial"}, "points", "cite at least one point", "вкажіть хоча б один"),
        ({"level": "absent", "legal_note": "\x1b[31m"}, "legal_note", "control", "керівн"),
    ],
)
def test_a_bad_code_names_the_field_in_both_languages_and_changes_nothing(
    engine: sa.Engine, given: dict[str, str], field: str, english: str, ukrainian: str
) -> None:
    with pytest.raises(InvalidInput) as refused, session_scope(engine) as session:
        coverage.propose(session=session, actor=make_actor(session, "olena"), **CELL, **given)
    assert set(refused.value.problems) == {field}
    assert english in describe(refused.value, "en")
    assert ukrainian in describe(refused.value, "uk")
    assert lookups.coverage_proposals(engine).empty
    assert _matrix_cell(engine, "UA20-2025-12", "D07")["level"] == "absent"


def test_a_viewer_may_not_propose(engine: sa.Engine) -> None:
    with pytest.raises(Forbidden), session_scope(engine) as session:
        coverage.propose(
            session=session, actor=make_actor(session, "vika", Role.VIEWER), level="absent", **CELL
        )
