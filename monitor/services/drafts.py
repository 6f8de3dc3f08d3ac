"""Draft agreements: enter a version with its points, add points, code coverage of the demands."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from sqlmodel import Session, select

from monitor.core import audit
from monitor.core.inputs import DraftInput, NewPointInput, PointInput
from monitor.core.models import (
    Draft,
    DraftPoint,
)
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import parse
from monitor.domain.points import SplitPoint, duplicate_labels
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
    fields = entry.model_dump(exclude={"supersedes", "title", "title_translation"})
    english, ukrainian = (
        (entry.title_translation, entry.title)
        if entry.original_language == "uk"
        else (entry.title, entry.title_translation)
    )
    draft = Draft(**fields, title=english, title_uk=ukrainian, supersedes_id=supersedes_id)
    session.add(draft)
    session.flush()
    assert draft.id is not None
    in_ukrainian = entry.original_language == "uk"
    for position, point in enumerate(checked, start=1):
        session.add(
            DraftPoint(
                draft_id=draft.id,
                position=position,
                label=point.label,
                text="" if in_ukrainian else point.text,
                text_uk=point.text if in_ukrainian else "",
            )
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
        [
            *(SplitPoint(p.label, p.text or p.text_uk) for p in existing),
            SplitPoint(point.label, point.text),
        ]
    )
    assert draft.id is not None
    in_ukrainian = draft.original_language == "uk"  # typed in the draft's own language
    row = DraftPoint(
        draft_id=draft.id,
        position=len(existing) + 1,
        label=point.label,
        text="" if in_ukrainian else point.text,
        text_uk=point.text if in_ukrainian else "",
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
