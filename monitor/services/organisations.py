"""Organisations sharing the instance: admins add and rename them and say who belongs where.

Every user belongs to one; what a user records (entries, assessments, coverage codes, imports)
records that user's organisation (`Actor.organisation_id`), and an organisation-only entry is
read by its organisation's members and the admins alone (`monitor.core.permissions`). An
account made without an organisation joins the default one: the first, which the migration
made and put everything already there under.
"""

from __future__ import annotations

import re
from typing import Annotated

import sqlalchemy as sa
from pydantic import BaseModel, ConfigDict, field_validator
from sqlmodel import Session, SQLModel, col, select

from monitor.core import audit, limits
from monitor.core.models import Organisation, User
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import OneLine, parse, problem
from monitor.errors import InvalidInput

_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]*")


class OrganisationInput(BaseModel):
    """An organisation as an admin types it: a short plain code, an English (or only) name,
    and a Ukrainian one if it has one."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    code: Annotated[str, OneLine(limits.ORGANISATION_CODE, required=True)]
    name_en: Annotated[str, OneLine(limits.ORGANISATION_NAME, required=True)]
    name_uk: Annotated[str, OneLine(limits.ORGANISATION_NAME)] = ""

    @field_validator("code")
    @classmethod
    def _plain(cls, value: str) -> str:
        """A code is typed on the command line and shown in briefings: a plain alphabet."""
        if not _CODE.fullmatch(value):
            raise problem("invalid.code_chars")
        return value


DEFAULT_CODE = "default"


def ensure_default(*, session: Session) -> int:
    """The default organisation, made (as the migration makes it for a database with data)
    when there is none yet, with every account that belongs to none put under it."""
    found = default_id(session)
    if found is not None:
        return found
    row = Organisation(
        code=DEFAULT_CODE, name_en="Default organisation", name_uk="Організація за замовчуванням"
    )
    session.add(row)
    session.flush()
    assert row.id is not None
    for user in session.exec(select(User).where(col(User.organisation_id).is_(None))).all():
        user.organisation_id = row.id
        session.add(user)
    session.flush()
    return row.id


def default_id(session: Session) -> int | None:
    """The organisation an account made without one joins: the first (None: there is none)."""
    return session.exec(select(Organisation.id).order_by(col(Organisation.id))).first()


def by_code(session: Session, code: str) -> Organisation:
    """The organisation with this code (any case), or a clear refusal naming it."""
    wanted = code.strip().casefold()
    for row in session.exec(select(Organisation)).all():
        if row.code.casefold() == wanted:
            return row
    raise InvalidInput({"organisation": ("organisation.unknown", {"value": code})})


def member_of(session: Session, code: str | None) -> int | None:
    """The id of the organisation a new account joins: the one named, else the default."""
    if code is None or not code.strip():
        return default_id(session)
    return by_code(session, code).id


def add(
    *, session: Session, actor: Actor, code: str, name_en: str, name_uk: str = ""
) -> Organisation:
    """A new organisation (admins only); codes are unique whatever their case."""
    require(actor, Action.ADMINISTER)
    data = parse(OrganisationInput, {"code": code, "name_en": name_en, "name_uk": name_uk})
    try:
        by_code(session, data.code)
    except InvalidInput:
        pass
    else:
        raise InvalidInput({"code": ("organisation.exists", {"value": data.code})})
    row = Organisation(code=data.code, name_en=data.name_en, name_uk=data.name_uk)
    session.add(row)
    session.flush()
    audit.record(session, actor, "create", "organisation", row.id, after=audit.snapshot(row))
    return row


def rename(
    *, session: Session, actor: Actor, code: str, name_en: str, name_uk: str = ""
) -> Organisation:
    """New names for an organisation (its code stays: briefings and links cite it)."""
    require(actor, Action.ADMINISTER)
    row = by_code(session, code)
    data = parse(OrganisationInput, {"code": row.code, "name_en": name_en, "name_uk": name_uk})
    before = audit.snapshot(row)
    row.name_en, row.name_uk = data.name_en, data.name_uk
    session.add(row)
    session.flush()
    audit.record(
        session, actor, "change", "organisation", row.id, before=before, after=audit.snapshot(row)
    )
    return row


def references(session: Session, organisation_id: int) -> dict[str, int]:
    """How many rows of each table name this organisation (accounts, entries, assessments,
    coverage codes, ...): every column that points at it, found in the schema itself so that
    a table added later is counted too."""
    counts: dict[str, int] = {}
    for table in SQLModel.metadata.sorted_tables:
        for column in table.columns:
            if any(key.column.table.name == "organisation" for key in column.foreign_keys):
                query = (
                    sa.select(sa.func.count()).select_from(table).where(column == organisation_id)
                )
                if found := int(session.execute(query).scalar() or 0):
                    counts[table.name] = counts.get(table.name, 0) + found
    return counts


def remove(*, session: Session, actor: Actor, code: str) -> Organisation:
    """Remove an organisation nothing names (admins only): one added by mistake. One that has
    accounts or recorded anything stays, since what it recorded is credited to it; nor is the
    last one removed, since every account belongs to one."""
    require(actor, Action.ADMINISTER)
    row = by_code(session, code)
    assert row.id is not None
    if used := references(session, row.id):
        accounts, rows = used.pop("user", 0), sum(used.values())
        raise InvalidInput(
            {"code": ("organisation.in_use", {"value": row.code, "users": accounts, "rows": rows})}
        )
    if session.exec(select(sa.func.count()).select_from(Organisation)).one() <= 1:
        raise InvalidInput({"code": ("organisation.last", {"value": row.code})})
    before = audit.snapshot(row)
    session.delete(row)
    session.flush()
    audit.record(session, actor, "delete", "organisation", before["id"], before=before)
    return row


def assign(*, session: Session, actor: Actor, username: str, code: str) -> User:
    """Move an account to another organisation (admins only). What it recorded before stays
    with the organisation it was recorded under; it takes effect at the next sign-in."""
    require(actor, Action.ADMINISTER)
    target = by_code(session, code)
    user = session.exec(select(User).where(User.username == username.strip())).first()
    if user is None:
        raise InvalidInput({"username": ("account.unknown", {"value": username})})
    audit.change_fields(session, actor, "user", user, organisation_id=target.id)
    return user
