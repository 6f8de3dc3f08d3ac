"""Coverage codes: proposed by an editor, approved by a second one (four-eyes review).

A cell (draft x demand) shows its approved code; every code ever proposed stays in
`coverage_proposal`, so a cell's history is kept and shown. Only approved codes reach the
Overview, the comparisons and the briefings. With four-eyes review off (one person runs the
tool), a proposal is approved at once and marked self-approved, as status assessments are.
A cell may be flagged for a lawyer's reading, with a note.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlmodel import Session, select

from monitor.core import audit
from monitor.core.inputs import CoverageInput, ReasonInput
from monitor.core.models import (
    AssessmentState,
    Coverage,
    CoverageLevel,
    CoverageProposal,
    Demand,
    Draft,
    DraftPoint,
    utcnow,
)
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import parse
from monitor.domain.points import coverage_problems, normalise_labels
from monitor.errors import InvalidInput, NotFound
from monitor.queries import settings
from monitor.services import review


def propose(
    *,
    session: Session,
    actor: Actor,
    draft_code: str,
    demand_code: str,
    level: CoverageLevel | str,
    points: str | Sequence[str] = (),
    note: str = "",
    uncertain: bool = False,
    legal_review: bool = False,
    legal_note: str = "",
) -> CoverageProposal:
    """Propose how a draft covers a demand; published at once only when four-eyes is off.

    Anything but absent or not reported cites a point, not reported cites none, and every
    point cited exists in the draft (a sub-point such as 24b cites point 24).
    """
    require(actor, Action.EDIT)
    entry = parse(
        CoverageInput,
        {
            "draft": draft_code,
            "demand": demand_code,
            "level": level,
            "points": normalise_labels(points),
            "note": note,
            "uncertain": uncertain,
            "legal_review": legal_review,
            "legal_note": legal_note,
        },
    )
    draft = session.exec(select(Draft).where(Draft.code == entry.draft)).first()
    if draft is None or draft.id is None:
        raise NotFound(key="not_found.draft", code=entry.draft)
    demand = session.exec(select(Demand).where(Demand.code == entry.demand)).first()
    if demand is None or demand.id is None:
        raise InvalidInput({"demand": ("invalid.unknown_code", {"value": entry.demand})})
    known = set(session.exec(select(DraftPoint.label).where(DraftPoint.draft_id == draft.id)).all())
    problems = coverage_problems(entry.level, entry.points, known)
    if problems:
        raise InvalidInput(problems)
    proposal = CoverageProposal(
        draft_id=draft.id,
        demand_id=demand.id,
        level=entry.level,
        point_labels="; ".join(entry.points),
        note=entry.note,
        uncertain=entry.uncertain,
        legal_review=entry.legal_review,
        legal_note=entry.legal_note,
        author_id=actor.id,
        organisation_id=actor.organisation_id,
    )
    session.add(proposal)
    session.flush()
    cell = f"{entry.draft}/{entry.demand}"
    audit.record(session, actor, "propose", "coverage", cell, after=audit.snapshot(proposal))
    if not settings.four_eyes(session):
        _publish(session, actor, proposal, cell)
    return proposal


def _pending(session: Session, proposal_id: int) -> CoverageProposal:
    row = session.get(CoverageProposal, proposal_id)
    return review.pending(row, missing="not_found.coverage_proposal", ident=proposal_id)


def _cell_name(session: Session, row: CoverageProposal) -> str:
    draft, demand = session.get(Draft, row.draft_id), session.get(Demand, row.demand_id)
    return f"{draft.code if draft else row.draft_id}/{demand.code if demand else row.demand_id}"


def approve(*, session: Session, actor: Actor, proposal_id: int) -> Coverage:
    """Publish a proposed code as the cell's code; the approver must be another editor unless
    four-eyes review is off."""
    require(actor, Action.EDIT)
    row = _pending(session, proposal_id)
    review.check_approver(session, actor, row, refusal="coverage.four_eyes")
    return _publish(session, actor, row, _cell_name(session, row))


def _publish(session: Session, actor: Actor, row: CoverageProposal, cell: str) -> Coverage:
    """The proposal becomes the cell's code (the code before it is in the audit record)."""
    review.decide(row, actor, AssessmentState.PUBLISHED).self_approved = row.author_id == actor.id
    session.add(row)
    current = session.exec(
        select(Coverage).where(
            Coverage.draft_id == row.draft_id, Coverage.demand_id == row.demand_id
        )
    ).first()
    before = audit.snapshot(current) if current else None
    current = current or Coverage(
        draft_id=row.draft_id, demand_id=row.demand_id, level=row.level, updated_by=actor.id
    )
    current.level, current.point_labels, current.note = row.level, row.point_labels, row.note
    current.uncertain, current.legal_review, current.legal_note = (
        row.uncertain,
        row.legal_review,
        row.legal_note,
    )
    current.updated_at, current.updated_by = utcnow(), actor.id
    current.organisation_id = actor.organisation_id  # of whoever approved what is shown
    session.add(current)
    session.flush()
    audit.record(
        session,
        actor,
        "approve",
        "coverage",
        cell,
        before=before,
        after={**audit.snapshot(current), "proposal": row.id, "self_approved": row.self_approved},
    )
    return current


def reject(*, session: Session, actor: Actor, proposal_id: int, reason: str) -> CoverageProposal:
    """Decline a proposed code, with a reason; it stays in the cell's history, unpublished."""
    require(actor, Action.EDIT)
    reason = parse(ReasonInput, {"reason": reason}).reason
    row = _pending(session, proposal_id)
    before = audit.snapshot(row)
    review.decide(row, actor, AssessmentState.REJECTED).reason = reason
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "reject",
        "coverage",
        _cell_name(session, row),
        before=before,
        after=audit.snapshot(row),
    )
    return row
