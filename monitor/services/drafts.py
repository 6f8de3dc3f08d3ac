"""Draft agreements: enter a version with its points, add points, code coverage of the demands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, select

from monitor.core import audit
from monitor.core.inputs import CoverageInput, DraftInput, NewPointInput, PointInput
from monitor.core.models import (
    Coverage,
    CoverageLevel,
    Demand,
    Draft,
    DraftPoint,
    utcnow,
)
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import parse
from monitor.domain.points import SplitPoint, cited_point, duplicate_labels, normalise_labels
from monitor.errors import InvalidInput, NotFound


def _check_points(points: Sequence[SplitPoint]) -> list[PointInput]:
    """Every point through the input model (a refusal says which point of the list and why),
    then the labels unique."""
    if not points:
        raise InvalidInput({"points": ("draft.no_points", {})})
    checked = []
    for n, point in enumerate(points, start=1):
        try:
            checked.append(parse(PointInput, {"label": point.label, "text": point.text}))
        except InvalidInput as err:
            raise InvalidInput(
                {"points": ("draft.point_refused", {"n": n, "reasons": err})}
            ) from None
    dupes = duplicate_labels([SplitPoint(p.label, p.text) for p in checked])
    if dupes:
        raise InvalidInput({"points": ("invalid.duplicate", {"value": ", ".join(dupes)})})
    return checked


def create_draft(
    *,
    session: Session,
    actor: Actor,
    data: Mapping[str, Any],
    points: Sequence[SplitPoint],
    today: date,
) -> Draft:
    """Save a new draft with its points; no demand is coded until a person codes it."""
    require(actor, Action.EDIT)
    entry = parse(DraftInput, data, context={"today": today})
    if session.exec(select(Draft).where(Draft.code == entry.code)).first():
        raise InvalidInput({"code": ("invalid.duplicate", {"value": entry.code})})
    supersedes_id = None
    if entry.supersedes:
        previous = session.exec(select(Draft).where(Draft.code == entry.supersedes)).first()
        if previous is None:
            raise InvalidInput(
                {"supersedes": ("invalid.unknown_code", {"value": entry.supersedes})}
            )
        supersedes_id = previous.id
    checked = _check_points(points)
    draft = Draft(**entry.model_dump(exclude={"supersedes"}), supersedes_id=supersedes_id)
    session.add(draft)
    session.flush()
    assert draft.id is not None
    for position, point in enumerate(checked, start=1):
        session.add(
            DraftPoint(draft_id=draft.id, position=position, label=point.label, text=point.text)
        )
    session.flush()
    audit.record(
        session,
        actor,
        "create",
        "draft",
        draft.id,
        after={**audit.snapshot(draft), "points": [p.label for p in checked]},
    )
    return draft


def add_point(
    *, session: Session, actor: Actor, draft_code: str, label: str, text: str
) -> DraftPoint:
    """Add one point by hand at the end of a draft."""
    require(actor, Action.EDIT)
    point = parse(NewPointInput, {"draft": draft_code, "label": label, "text": text})
    draft = _draft(session, point.draft)
    existing = session.exec(select(DraftPoint).where(DraftPoint.draft_id == draft.id)).all()
    _check_points(
        [*(SplitPoint(p.label, p.text) for p in existing), SplitPoint(point.label, point.text)]
    )
    assert draft.id is not None
    row = DraftPoint(
        draft_id=draft.id, position=len(existing) + 1, label=point.label, text=point.text
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "add-point", "draft", draft.id, after=audit.snapshot(row))
    return row


def _draft(session: Session, code: str) -> Draft:
    draft = session.exec(select(Draft).where(Draft.code == code)).first()
    if draft is None:
        raise NotFound(key="not_found.draft", code=code)
    return draft


def code_coverage(
    *,
    session: Session,
    actor: Actor,
    draft_code: str,
    demand_code: str,
    level: CoverageLevel | str,
    points: str | Sequence[str] = (),
    note: str = "",
    uncertain: bool = False,
) -> Coverage:
    """Record how a draft covers a demand (one row per pair, replaced, with the old value audited).

    Anything short of absent must cite at least one point, and every point cited must exist in
    the draft (a sub-point such as 24b cites point 24).
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
        },
    )
    draft = _draft(session, entry.draft)
    demand = session.exec(select(Demand).where(Demand.code == entry.demand)).first()
    if demand is None:
        raise InvalidInput({"demand": ("invalid.unknown_code", {"value": entry.demand})})
    labels = entry.points
    if entry.level != CoverageLevel.ABSENT and not labels:
        raise InvalidInput({"points": ("coverage.points_needed", {})})
    known = set(session.exec(select(DraftPoint.label).where(DraftPoint.draft_id == draft.id)).all())
    unknown = [label for label in labels if cited_point(label, known) is None]
    if unknown:
        raise InvalidInput({"points": ("invalid.unknown_code", {"value": ", ".join(unknown)})})
    row = session.exec(
        select(Coverage).where(Coverage.draft_id == draft.id, Coverage.demand_id == demand.id)
    ).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        assert draft.id is not None and demand.id is not None
        row = Coverage(
            draft_id=draft.id, demand_id=demand.id, level=entry.level, updated_by=actor.id
        )
    row.level, row.point_labels, row.note = entry.level, "; ".join(labels), entry.note
    row.uncertain = uncertain
    row.updated_at, row.updated_by = utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "code",
        "coverage",
        f"{draft_code}/{demand_code}",
        before=before,
        after=audit.snapshot(row),
    )
    return row
