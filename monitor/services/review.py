"""The second editor's review, shared by status assessments and coverage codes: a proposal is
decided once, and under four-eyes review never by its own author."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol, TypeVar

from sqlmodel import Session

from monitor.core.models import AssessmentState, utcnow
from monitor.core.permissions import Actor
from monitor.errors import Forbidden, InvalidInput, NotFound
from monitor.queries import settings


class Proposal(Protocol):
    state: AssessmentState
    author_id: int
    approver_id: int | None
    decided_at: datetime | None


P = TypeVar("P", bound=Proposal)


def pending(row: P | None, *, missing: str, ident: int) -> P:
    """The proposal, still waiting for a decision; `missing` is the key when there is none."""
    if row is None:
        raise NotFound(key=missing, id=ident)
    if row.state != AssessmentState.PROPOSED:
        raise InvalidInput({"state": ("assessment.already_decided", {"state": row.state})})
    return row


def check_approver(session: Session, actor: Actor, row: Proposal, *, refusal: str) -> bool:
    """Whether the approver is the author (allowed only with four-eyes review off)."""
    own = row.author_id == actor.id
    if own and settings.four_eyes(session):
        raise Forbidden(key=refusal)
    return own


def decide(row: P, actor: Actor, state: AssessmentState) -> P:
    """Stamp the decision on a proposal: published or rejected, by whom, when."""
    row.state, row.approver_id, row.decided_at = state, actor.id, utcnow()
    return row
