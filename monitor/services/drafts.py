"""Draft agreements: enter a version with its points, add points, code coverage of the demands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, select

from monitor.core import audit, limits
from monitor.core.inputs import DraftInput
from monitor.core.models import (
    Coverage,
    CoverageLevel,
    Demand,
    Draft,
    DraftPoint,
    utcnow,
)
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import FORBIDDEN_IN_TEXT, check_free_text, parse
from monitor.domain.points import SplitPoint, cited_point, duplicate_labels, normalise_labels
from monitor.errors import InvalidInput, NotFound


def _check_points(points: Sequence[SplitPoint]) -> None:
    if not points:
        raise InvalidInput({"points": ("draft.no_points", {})})
    dupes = duplicate_labels(list(points))
    if dupes:
        raise InvalidInput({"points": ("invalid.duplicate", {"value": ", ".join(dupes)})})
    for point in points:
        if len(point.label) > limits.POINT_LABEL or not point.label.strip():
            problem = {"value": point.label[:20], "max": limits.POINT_LABEL}
            raise InvalidInput({"points": ("draft.bad_label", problem)})
        if len(point.text) > limits.POINT_TEXT or not point.text.strip():
            problem = {"value": point.label, "max": limits.POINT_TEXT}
            raise InvalidInput({"points": ("draft.bad_point", problem)})
        if any(ch in FORBIDDEN_IN_TEXT for ch in point.label + point.text):
            raise InvalidInput({"points": ("invalid.control_chars", {})})


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
    _check_points(points)
    draft = Draft(**entry.model_dump(exclude={"supersedes"}), supersedes_id=supersedes_id)
    session.add(draft)
    session.flush()
    assert draft.id is not None
    for position, point in enumerate(points, start=1):
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
        after={**audit.snapshot(draft), "points": [p.label for p in points]},
    )
    return draft


def add_point(
    *, session: Session, actor: Actor, draft_code: str, label: str, text: str
) -> DraftPoint:
    """Add one point by hand at the end of a draft."""
    require(actor, Action.EDIT)
    draft = _draft(session, draft_code)
    existing = session.exec(select(DraftPoint).where(DraftPoint.draft_id == draft.id)).all()
    point = SplitPoint(label.strip(), text)
    _check_points([*(SplitPoint(p.label, p.text) for p in existing), point])
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
    draft = _draft(session, draft_code)
    demand = session.exec(select(Demand).where(Demand.code == demand_code)).first()
    if demand is None:
        raise InvalidInput({"demand": ("invalid.unknown_code", {"value": demand_code})})
    try:
        level = CoverageLevel(level)
    except ValueError:
        raise InvalidInput(
            {"level": ("invalid.choice", {"choices": tuple(CoverageLevel)})}
        ) from None
    labels = normalise_labels(points)
    if level != CoverageLevel.ABSENT and not labels:
        raise InvalidInput({"points": ("coverage.points_needed", {})})
    known = set(session.exec(select(DraftPoint.label).where(DraftPoint.draft_id == draft.id)).all())
    unknown = [label for label in labels if cited_point(label, known) is None]
    if unknown:
        raise InvalidInput({"points": ("invalid.unknown_code", {"value": ", ".join(unknown)})})
    check_free_text("note", note, max_length=limits.COVERAGE_NOTE)
    if len("; ".join(labels)) > limits.COVERAGE_POINTS:
        raise InvalidInput({"points": ("invalid.too_long", {"max": limits.COVERAGE_POINTS})})
    row = session.exec(
        select(Coverage).where(Coverage.draft_id == draft.id, Coverage.demand_id == demand.id)
    ).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        assert draft.id is not None and demand.id is not None
        row = Coverage(draft_id=draft.id, demand_id=demand.id, level=level, updated_by=actor.id)
    row.level, row.point_labels, row.note, row.uncertain = level, "; ".join(labels), note, uncertain
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
