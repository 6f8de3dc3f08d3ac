"""Evidence entries: create, edit (with a version check), verify, withdraw and restore.

Every change is validated by the same input model (form, import, command line), writes an
audit event with the values before and after in the same transaction, and bumps the version,
so two people editing one entry can never silently overwrite each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import urlsplit

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator
from sqlmodel import Session, col, select

from monitor import audit, demand_mask, settlements
from monitor.auth import Actor, require
from monitor.errors import InvalidInput, NotFound, StaleVersion
from monitor.models import (
    Demand,
    Direction,
    Evidence,
    EvidenceDemand,
    Region,
    Reliability,
    Role,
    Sensitivity,
    SourceType,
    Verification,
    utcnow,
)
from monitor.validation import (
    Problem,
    check_line,
    check_not_future,
    check_required,
    check_text,
    parse,
    problem,
    refuse,
)

LANGUAGES = ("uk", "en", "crh", "ru", "other")
NEXT_STEP = {
    Verification.UNVERIFIED: Verification.CORROBORATED,
    Verification.CORROBORATED: Verification.VERIFIED,
}


class EvidenceInput(BaseModel):
    """What a person may type for one entry; limits on the fields, checks in the validators."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    demands: list[str] = Field(min_length=1, max_length=20)
    title: str = Field(max_length=300)
    description: str = Field(default="", max_length=20000)
    event_start: date
    event_end: date | None = None
    region_code: str = Field(max_length=32)
    settlement_code: str | None = Field(default=None, max_length=32)
    settlement_name: str | None = Field(default=None, max_length=200)
    source_type: SourceType
    source_url: str | None = Field(default=None, max_length=2000)
    source_title: str | None = Field(default=None, max_length=500)
    reliability: Reliability
    credibility: int = Field(ge=1, le=6)
    direction: Direction
    language: str = "uk"
    people_count: int | None = Field(default=None, ge=0, le=10_000_000)
    sensitivity: Sensitivity = Sensitivity.PUBLIC

    @field_validator(
        "event_end",
        "settlement_code",
        "settlement_name",
        "source_url",
        "source_title",
        "people_count",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return check_required(check_line(value) or "")

    @field_validator("settlement_name", "source_title")
    @classmethod
    def _line(cls, value: str | None) -> str | None:
        return check_line(value)

    @field_validator("description")
    @classmethod
    def _text(cls, value: str) -> str:
        return check_text(value) or ""

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        check_line(value)
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
            raise problem("invalid.url")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in LANGUAGES:
            raise problem("invalid.choice", choices=", ".join(LANGUAGES))
        return value

    @field_validator("demands")
    @classmethod
    def _known_demands(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("demands")
        unknown = [code for code in value if known is not None and code not in known]
        if unknown:
            raise problem("invalid.unknown_code", value=", ".join(unknown))
        if len(set(value)) != len(value):
            raise problem("invalid.duplicate", value=", ".join(value))
        return value

    @field_validator("region_code")
    @classmethod
    def _known_region(cls, value: str, info: ValidationInfo) -> str:
        regions = (info.context or {}).get("regions")
        if regions is not None and value not in regions:
            raise problem("invalid.unknown_code", value=value)
        return value

    @field_validator("event_start", "event_end")
    @classmethod
    def _not_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        return check_not_future(value, info)

    @field_validator("demands", mode="before")
    @classmethod
    def _split_demands(cls, value: Any) -> Any:
        if isinstance(value, str):  # "D01; D08" from a spreadsheet cell
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value


def validate(session: Session, data: Mapping[str, Any], *, today: date) -> EvidenceInput:
    """Parse and check against the database, reporting every bad field in one pass."""
    regions = {r.code: r.katottg for r in session.exec(select(Region)).all()}
    context = {
        "today": today,
        "demands": set(session.exec(select(Demand.code)).all()),
        "regions": regions,
    }
    entry = parse(EvidenceInput, data, context=context)
    problems: dict[str, Problem] = {}
    if entry.event_end is not None and entry.event_end < entry.event_start:
        problems["event_end"] = ("invalid.range_order", {})
    if entry.settlement_code is not None:
        place = settlements.lookup(entry.settlement_code)
        if place is None:
            problems["settlement_code"] = ("invalid.unknown_code", {"value": entry.settlement_code})
        elif place.oblast_code != regions[entry.region_code]:
            problems["settlement_code"] = ("invalid.settlement_region", {})
        elif not entry.settlement_name:
            entry.settlement_name = place.name
    if problems:
        raise refuse(problems)
    return entry


def _demand_ids(session: Session, codes: list[str]) -> dict[str, int]:
    rows = session.exec(select(Demand.code, Demand.id).where(col(Demand.code).in_(codes))).all()
    return {code: int(i) for code, i in rows if i is not None}


def demand_codes(session: Session, evidence_id: int) -> list[str]:
    query = (
        select(Demand.code)
        .join(EvidenceDemand, col(EvidenceDemand.demand_id) == col(Demand.id))
        .where(EvidenceDemand.evidence_id == evidence_id)
        .order_by(col(Demand.position))
    )
    return list(session.exec(query).all())


def view(session: Session, entry: Evidence) -> dict[str, Any]:
    """An entry's values with its demand codes: what the audit stores and the page shows."""
    assert entry.id is not None
    values = audit.snapshot(entry)
    del values["demand_mask"]  # derived from the demands, which are listed by code
    return {**values, "demands": demand_codes(session, entry.id)}


def create(
    session: Session, actor: Actor, data: Mapping[str, Any], *, today: date, uid: str | None = None
) -> Evidence:
    """Log a new entry (unverified), linked to its demands, audited."""
    require(actor, Role.EDITOR)
    entry_input = validate(session, data, today=today)
    values = entry_input.model_dump(exclude={"demands"})
    entry = Evidence(
        uid=uid or str(uuid.uuid4()), **values, created_by=actor.id, updated_by=actor.id
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    demand_mask.set_links(session, entry.id, _demand_ids(session, entry_input.demands).values())
    audit.record(session, actor, "create", "evidence", entry.id, after=view(session, entry))
    return entry


def load(session: Session, evidence_id: int) -> Evidence:
    entry = session.get(Evidence, evidence_id, populate_existing=True)
    if entry is None:
        raise NotFound(f"evidence {evidence_id}")
    return entry


def _apply(
    session: Session,
    actor: Actor,
    evidence_id: int,
    expected_version: int,
    action: str,
    changes: dict[str, Any],
    demands: list[str] | None = None,
) -> Evidence:
    """UPDATE ... WHERE version = expected: the database decides who saved first."""
    before_row = load(session, evidence_id)
    before = view(session, before_row)
    result = session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == evidence_id, col(Evidence.version) == expected_version)
        .values(
            **changes, version=col(Evidence.version) + 1, updated_at=utcnow(), updated_by=actor.id
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        current = view(session, load(session, evidence_id))
        raise StaleVersion(
            f"evidence {evidence_id} is at version {current['version']}, "
            f"not {expected_version}; reload to see the newer values",
            current=current,
        )
    if demands is not None and sorted(demands) != sorted(before["demands"]):
        demand_mask.set_links(session, evidence_id, _demand_ids(session, demands).values())
    entry = load(session, evidence_id)
    audit.record(
        session, actor, action, "evidence", evidence_id, before=before, after=view(session, entry)
    )
    return entry


def edit(
    session: Session,
    actor: Actor,
    evidence_id: int,
    expected_version: int,
    data: Mapping[str, Any],
    *,
    today: date,
) -> Evidence:
    """Change an entry's fields; a verified entry must first be returned to corroborated."""
    require(actor, Role.EDITOR)
    current = load(session, evidence_id)
    if current.verification == Verification.VERIFIED:
        raise InvalidInput(
            {"verification": "a verified entry must be returned to corroborated first"},
            problems={"verification": ("evidence.verified_locked", {})},
        )
    if current.withdrawn_at is not None:
        raise InvalidInput(
            {"withdrawn": "a withdrawn entry cannot be edited"},
            problems={"withdrawn": ("evidence.withdrawn_locked", {})},
        )
    entry_input = validate(session, data, today=today)
    changes = entry_input.model_dump(exclude={"demands"})
    return _apply(
        session, actor, evidence_id, expected_version, "edit", changes, entry_input.demands
    )


def advance_verification(
    session: Session, actor: Actor, evidence_id: int, expected_version: int
) -> Evidence:
    """unverified -> corroborated -> verified, one step at a time, with who and when audited."""
    require(actor, Role.EDITOR)
    current = load(session, evidence_id)
    step = NEXT_STEP.get(current.verification)
    if step is None:
        raise InvalidInput(
            {"verification": "already verified"},
            problems={"verification": ("evidence.already_verified", {})},
        )
    return _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        f"verify:{step.value}",
        {"verification": step},
    )


def _reason(reason: str) -> str:
    if not reason.strip():
        raise refuse({"reason": ("invalid.reason_needed", {})})
    if len(reason) > 2000:
        raise refuse({"reason": ("invalid.too_long", {"max": 2000})})
    check_text(reason)
    return reason


def reopen(
    session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Return a verified entry to corroborated, with a reason, so that it can be edited."""
    require(actor, Role.EDITOR)
    reason = _reason(reason)
    if load(session, evidence_id).verification != Verification.VERIFIED:
        raise InvalidInput(
            {"verification": "only a verified entry can be reopened"},
            problems={"verification": ("evidence.not_verified", {})},
        )
    entry = _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "reopen",
        {"verification": Verification.CORROBORATED},
    )
    audit.record(session, actor, "reopen-reason", "evidence", evidence_id, after={"reason": reason})
    return entry


def withdraw(
    session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Take an entry out of charts and default exports; the record and its reason stay."""
    require(actor, Role.EDITOR)
    reason = _reason(reason)
    if load(session, evidence_id).withdrawn_at is not None:
        raise InvalidInput(
            {"withdrawn": "already withdrawn"},
            problems={"withdrawn": ("evidence.already_withdrawn", {})},
        )
    return _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "withdraw",
        {"withdrawn_at": utcnow(), "withdrawn_reason": reason},
    )


def restore(
    session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Undo a withdrawal (admins only); the withdrawal stays in the audit trail."""
    require(actor, Role.ADMIN)
    reason = _reason(reason)
    if load(session, evidence_id).withdrawn_at is None:
        raise InvalidInput(
            {"withdrawn": "not withdrawn"}, problems={"withdrawn": ("evidence.not_withdrawn", {})}
        )
    entry = _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "restore",
        {"withdrawn_at": None, "withdrawn_reason": None},
    )
    audit.record(
        session, actor, "restore-reason", "evidence", evidence_id, after={"reason": reason}
    )
    return entry
