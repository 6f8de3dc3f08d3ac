"""Status assessments: proposed by an editor, published by a second one (four-eyes review).

Assessments are appended, never overwritten: the latest published one is a demand's current
status and the whole series is its history. Where one person runs the tool alone, an admin can
turn the rule off; the author may then publish their own assessment, marked self-approved.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sqlmodel import Session, col, select

from monitor.core import audit
from monitor.core.inputs import AssessmentInput, ReasonInput
from monitor.core.models import (
    Assessment,
    AssessmentEvidence,
    AssessmentState,
    Demand,
    Evidence,
)
from monitor.core.permissions import Action, Actor, require, visibility
from monitor.core.validation import parse
from monitor.errors import InvalidInput
from monitor.services import review


def parse_ids(raw: str) -> list[int]:
    """Entry ids typed as '12, 15; 40' (anything that is not a number is ignored)."""
    return [int(part) for part in raw.replace(";", ",").split(",") if part.strip().isdigit()]


def propose(
    *,
    session: Session,
    actor: Actor,
    demand: str,
    score: int,
    assessed_on: date | str,
    rationale: str,
    evidence_ids: Sequence[int] = (),
    today: date,
) -> Assessment:
    """Record a proposed status for a demand, with the evidence it rests on."""
    require(actor, Action.EDIT)
    data = parse(
        AssessmentInput,
        {
            "demand": demand,
            "score": score,
            "assessed_on": assessed_on,
            "rationale": rationale,
            "evidence_ids": list(evidence_ids),
        },
        context={"today": today},
    )
    demand_row = session.exec(select(Demand).where(Demand.code == data.demand)).first()
    if demand_row is None or demand_row.id is None:
        raise InvalidInput({"demand": ("invalid.unknown_code", {"value": data.demand})})
    ids = sorted(set(data.evidence_ids))
    if ids:
        readable = visibility(actor).conditions()  # another organisation's own: unknown here
        found = set(
            session.exec(select(Evidence.id).where(col(Evidence.id).in_(ids), *readable)).all()
        )
        missing = [i for i in ids if i not in found]
        if missing:
            raise InvalidInput(
                {"evidence_ids": ("invalid.unknown_code", {"value": ", ".join(map(str, missing))})}
            )
    row = Assessment(
        demand_id=demand_row.id,
        assessed_on=data.assessed_on,
        score=data.score,
        rationale=data.rationale,
        author_id=actor.id,
        organisation_id=actor.organisation_id,
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for evidence_id in ids:
        session.add(AssessmentEvidence(assessment_id=row.id, evidence_id=evidence_id))
    session.flush()
    audit.record(
        session,
        actor,
        "propose",
        "assessment",
        row.id,
        after={**audit.snapshot(row), "evidence": ids},
    )
    return row


def _pending(session: Session, assessment_id: int) -> Assessment:
    row = session.get(Assessment, assessment_id)
    return review.pending(row, missing="not_found.assessment", ident=assessment_id)


def approve(*, session: Session, actor: Actor, assessment_id: int) -> Assessment:
    """Publish a proposal; the approver must be another editor unless four-eyes is off."""
    require(actor, Action.EDIT)
    row = _pending(session, assessment_id)
    own = review.check_approver(session, actor, row, refusal="assessment.four_eyes")
    before = audit.snapshot(row)
    review.decide(row, actor, AssessmentState.PUBLISHED).self_approved = own
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "approve", "assessment", row.id, before=before, after=audit.snapshot(row)
    )
    return row


def reject(*, session: Session, actor: Actor, assessment_id: int, reason: str) -> Assessment:
    """Decline a proposal, with a reason; it stays in the record, unpublished."""
    require(actor, Action.EDIT)
    reason = parse(ReasonInput, {"reason": reason}).reason
    row = _pending(session, assessment_id)
    before = audit.snapshot(row)
    review.decide(row, actor, AssessmentState.REJECTED)
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "reject",
        "assessment",
        row.id,
        before=before,
        after={**audit.snapshot(row), "reason": reason},
    )
    return row
