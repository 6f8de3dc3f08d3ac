"""Draft agreements: enter a version with its points, add points, code coverage of the demands."""

from __future__ import annotations

from collections.abc import Container, Mapping, Sequence
from datetime import date
from typing import Any

import sqlalchemy as sa
from pydantic import BaseModel, Field, ValidationInfo, field_validator
from sqlmodel import Session, col, select

from monitor import audit
from monitor.auth import Actor, require
from monitor.errors import NotFound
from monitor.models import (
    Coverage,
    CoverageLevel,
    Demand,
    Draft,
    DraftPoint,
    DraftStatus,
    Role,
    utcnow,
)
from monitor.services.splitter import SplitPoint, duplicate_labels
from monitor.validation import (
    check_line,
    check_not_future,
    check_required,
    check_text,
    parse,
    refuse,
)


class DraftInput(BaseModel):
    code: str = Field(min_length=2, max_length=32, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    title: str = Field(max_length=300)
    proponent: str = Field(max_length=300)
    published_on: date
    status: DraftStatus
    source_url: str = Field(default="", max_length=2000)
    confidence: str = Field(default="", max_length=200)
    notes: str = Field(default="", max_length=4000)
    supersedes: str | None = None

    @field_validator("title", "proponent")
    @classmethod
    def _required_line(cls, value: str) -> str:
        return check_required(check_line(value) or "")

    @field_validator("source_url", "confidence")
    @classmethod
    def _line(cls, value: str) -> str:
        return check_line(value) or ""

    @field_validator("notes")
    @classmethod
    def _text(cls, value: str) -> str:
        return check_text(value) or ""

    @field_validator("published_on")
    @classmethod
    def _not_future(cls, value: date, info: ValidationInfo) -> date:
        return check_not_future(value, info)

    @field_validator("supersedes", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


def _check_points(points: Sequence[SplitPoint]) -> None:
    if not points:
        raise refuse({"points": ("draft.no_points", {})})
    dupes = duplicate_labels(list(points))
    if dupes:
        raise refuse({"points": ("invalid.duplicate", {"value": ", ".join(dupes)})})
    for point in points:
        if len(point.label) > 16 or not point.label.strip():
            raise refuse({"points": ("draft.bad_label", {"value": point.label[:20]})})
        if len(point.text) > 10000 or not point.text.strip():
            raise refuse({"points": ("draft.bad_point", {"value": point.label})})
        check_text(point.text)


def create_draft(
    session: Session,
    actor: Actor,
    data: Mapping[str, Any],
    points: Sequence[SplitPoint],
    *,
    today: date,
) -> Draft:
    """Save a new draft with its points; no demand is coded until a person codes it."""
    require(actor, Role.EDITOR)
    entry = parse(DraftInput, data, context={"today": today})
    if session.exec(select(Draft).where(Draft.code == entry.code)).first():
        raise refuse({"code": ("invalid.duplicate", {"value": entry.code})})
    supersedes_id = None
    if entry.supersedes:
        previous = session.exec(select(Draft).where(Draft.code == entry.supersedes)).first()
        if previous is None:
            raise refuse({"supersedes": ("invalid.unknown_code", {"value": entry.supersedes})})
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


def add_point(session: Session, actor: Actor, draft_code: str, label: str, text: str) -> DraftPoint:
    """Add one point by hand at the end of a draft."""
    require(actor, Role.EDITOR)
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
        raise NotFound(f"draft {code}")
    return draft


def normalise_labels(raw: str | Sequence[str]) -> list[str]:
    """'24b; 21a, 28' or a list -> ['24b', '21a', '28']."""
    parts = raw.replace(",", ";").split(";") if isinstance(raw, str) else list(raw)
    return [p.strip() for p in parts if p and p.strip()]


def cited_point(label: str, known: Container[str]) -> str | None:
    """The point a cited label names: the label itself, or for a sub-point ("7a") its point
    ("7") when only that was split out; None when the draft has no such point."""
    if label in known:
        return label
    base = label.rstrip("abcdefghij")
    return base if base and base in known else None


def code_coverage(
    session: Session,
    actor: Actor,
    draft_code: str,
    demand_code: str,
    *,
    level: CoverageLevel | str,
    points: str | Sequence[str] = (),
    note: str = "",
    uncertain: bool = False,
) -> Coverage:
    """Record how a draft covers a demand (one row per pair, replaced, with the old value audited).

    Anything short of absent must cite at least one point, and every point cited must exist in
    the draft (a sub-point such as 24b cites point 24).
    """
    require(actor, Role.EDITOR)
    draft = _draft(session, draft_code)
    demand = session.exec(select(Demand).where(Demand.code == demand_code)).first()
    if demand is None:
        raise refuse({"demand": ("invalid.unknown_code", {"value": demand_code})})
    try:
        level = CoverageLevel(level)
    except ValueError:
        raise refuse(
            {"level": ("invalid.choice", {"choices": ", ".join(c.value for c in CoverageLevel)})}
        ) from None
    labels = normalise_labels(points)
    if level != CoverageLevel.ABSENT and not labels:
        raise refuse({"points": ("coverage.points_needed", {})})
    known = set(session.exec(select(DraftPoint.label).where(DraftPoint.draft_id == draft.id)).all())
    unknown = [label for label in labels if cited_point(label, known) is None]
    if unknown:
        raise refuse({"points": ("invalid.unknown_code", {"value": ", ".join(unknown)})})
    if len(note) > 4000:
        raise refuse({"note": ("invalid.too_long", {"max": 4000})})
    check_text(note)
    row = session.exec(
        select(Coverage).where(Coverage.draft_id == draft.id, Coverage.demand_id == demand.id)
    ).first()
    before = audit.snapshot(row) if row else None
    if row is None:
        row = Coverage(draft_id=draft.id, demand_id=demand.id, level=level, updated_by=actor.id)  # type: ignore[arg-type]
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


def points_of(session: Session, draft_code: str) -> list[tuple[str, str]]:
    """(label, text) of a draft's points in order."""
    draft = _draft(session, draft_code)
    rows = session.exec(
        select(DraftPoint.label, DraftPoint.text)
        .where(DraftPoint.draft_id == draft.id)
        .order_by(col(DraftPoint.position))
    ).all()
    return [(label, text) for label, text in rows]


def draft_count(session: Session) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(Draft)).scalar() or 0)
