"""Assessments: four-eyes review, the self-approval setting, append-only history."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AssessmentState, AuditEvent, Role, Sensitivity
from monitor.core.permissions import EVERY_ENTRY, visibility
from monitor.errors import Forbidden, InvalidInput
from monitor.queries import assessments as assessment_queries
from monitor.services import app_settings, assessments
from tests import views
from tests.factories import make_actor, make_evidence

TODAY = date(2026, 11, 23)


def _propose(session: Session, actor, **overrides):  # type: ignore[no-untyped-def]
    values = {
        "demand": "D05",
        "score": 1,
        "assessed_on": "2026-11-01",
        "rationale": "Two search teams let in.",
    }
    values.update(overrides)
    return assessments.propose(session=session, actor=actor, today=TODAY, **values)


def test_second_editor_publishes_and_history_is_kept(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        author = make_actor(session, "author", Role.EDITOR)
        reviewer = make_actor(session, "reviewer", Role.EDITOR)
        entry = make_evidence(session, author, demands=("D05",))
        first = _propose(session, author, evidence_ids=[entry.id])
    with pytest.raises(Forbidden), session_scope(engine) as session:
        assessments.approve(session=session, actor=author, assessment_id=first.id)
    with session_scope(engine) as session:
        published = assessments.approve(session=session, actor=reviewer, assessment_id=first.id)
        assert published.state == AssessmentState.PUBLISHED and not published.self_approved
        second = _propose(session, author, score=2, assessed_on="2026-11-20")
        assessments.approve(session=session, actor=reviewer, assessment_id=second.id)
    frame = views.demand_overview(engine, "en").set_index("code")
    assert frame.loc["D05", "score"] == 2
    table = assessment_queries.for_demand(engine, "D05", visible=EVERY_ENTRY)
    assert list(table["score"]) == [2, 1]  # both kept, newest first
    assert table["evidence"].iloc[1] == str(entry.id)
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        assessments.approve(
            session=session, actor=reviewer, assessment_id=first.id
        )  # decided already


def test_cited_entries_are_listed_as_the_reader_may_see_them(engine: sa.Engine) -> None:
    """An assessment is read by everyone; a confidential entry it cites is not named or
    counted for a viewer (its id alone would tell that it exists)."""
    with session_scope(engine) as session:
        author = make_actor(session, "author", Role.EDITOR)
        viewer = make_actor(session, "viewer", Role.VIEWER)
        public = make_evidence(session, author, demands=("D05",))
        secret = make_evidence(
            session, author, demands=("D05",), sensitivity=Sensitivity.CONFIDENTIAL
        )
        _propose(session, author, evidence_ids=[public.id, secret.id])
    for_editor = assessment_queries.for_demand(engine, "D05", visible=visibility(author))
    for_viewer = assessment_queries.for_demand(engine, "D05", visible=visibility(viewer))
    assert for_editor["evidence"].iloc[0] == ", ".join(map(str, sorted([public.id, secret.id])))
    assert for_editor["incidents"].iloc[0] == 2
    assert for_viewer["evidence"].iloc[0] == str(public.id)
    assert for_viewer["incidents"].iloc[0] == 1


def test_single_user_mode_marks_self_approval(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        app_settings.set_value(
            session=session, actor=admin, key=app_settings.FOUR_EYES, value="off"
        )
        row = _propose(session, admin)
        approved = assessments.approve(session=session, actor=admin, assessment_id=row.id)
    assert approved.self_approved
    with Session(engine) as session:
        actions = [e.action for e in session.exec(select(AuditEvent).order_by(AuditEvent.id)).all()]
    assert actions[-3:] == ["set", "propose", "approve"]


def test_reject_needs_a_reason_and_never_publishes(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        author = make_actor(session, "author", Role.EDITOR)
        reviewer = make_actor(session, "reviewer", Role.EDITOR)
        row = _propose(session, author)
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        assessments.reject(session=session, actor=reviewer, assessment_id=row.id, reason=" ")
    with session_scope(engine) as session:
        assessments.reject(
            session=session,
            actor=reviewer,
            assessment_id=row.id,
            reason="the teams were only allowed in once",
        )
    assert views.demand_overview(engine, "en").set_index("code").loc["D05", "score"] is pd_na()


def pd_na():  # type: ignore[no-untyped-def]
    import pandas as pd

    return pd.NA


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"score": 4}, "score"),
        ({"rationale": ""}, "rationale"),
        ({"assessed_on": "2027-01-01"}, "assessed_on"),
        ({"demand": "D42"}, "demand"),
        ({"evidence_ids": [999999]}, "evidence_ids"),
    ],
)
def test_bad_proposals_are_refused_by_field(engine: sa.Engine, overrides: dict, field: str) -> None:  # type: ignore[type-arg]
    with pytest.raises(InvalidInput) as info, session_scope(engine) as session:
        _propose(session, make_actor(session, "a", Role.EDITOR), **overrides)
    assert field in info.value.fields


def test_viewers_cannot_propose(engine: sa.Engine) -> None:
    with pytest.raises(Forbidden), session_scope(engine) as session:
        _propose(session, make_actor(session, "v", Role.VIEWER))
