"""The permission policy, in one place: who may do what, and who may see which sensitivity.

Services call `require(actor, Action.X)` before they act; queries take the sensitivities a
reader may see (`visible_sensitivities`) and briefings those a file may carry
(`export_sensitivities`), never a made-up user; the UI asks `may` which pages and actions to
offer. Nothing else compares roles.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from monitor.core.models import Role, Sensitivity, User
from monitor.errors import Forbidden, InvalidInput

# roles are declared least first, sensitivities least sensitive first: the order is the rank
ROLE_RANK = {role: rank for rank, role in enumerate(Role)}


class Action(StrEnum):
    """Things a person can do, each with the least role that may do it."""

    READ = "read"  # pages, charts, public briefings
    EDIT = "edit"  # log, edit, verify, withdraw, assess, code, import, capture
    EXPORT_RESTRICTED = "export-restricted"
    EXPORT_CONFIDENTIAL = "export-confidential"
    RESTORE_WITHDRAWN = "restore-withdrawn"
    ADMINISTER = "administer"  # users, settings, audit log, backups


LEAST_ROLE = {
    Action.READ: Role.VIEWER,
    Action.EDIT: Role.EDITOR,
    Action.EXPORT_RESTRICTED: Role.EDITOR,
    Action.EXPORT_CONFIDENTIAL: Role.ADMIN,
    Action.RESTORE_WITHDRAWN: Role.ADMIN,
    Action.ADMINISTER: Role.ADMIN,
}


@dataclass(frozen=True)
class Actor:
    """The acting user, detached from any session so it can live in Streamlit state."""

    id: int
    username: str
    role: Role

    @classmethod
    def of(cls, user: User) -> Actor:
        assert user.id is not None
        return cls(id=user.id, username=user.username, role=Role(user.role))


def has_role(role: Role, least: Role) -> bool:
    """Whether `role` is at least `least`."""
    return ROLE_RANK[role] >= ROLE_RANK[least]


def may(role: Role, action: Action) -> bool:
    """Whether a user with this role may do `action` (what the UI offers)."""
    return has_role(role, LEAST_ROLE[action])


def require(actor: Actor | None, needed: Action | Role) -> Actor:
    """Refuse unless the actor may do the action (or holds at least the role)."""
    if actor is None:
        raise Forbidden(key="error.sign_in")
    least = LEAST_ROLE[needed] if isinstance(needed, Action) else needed
    if not has_role(actor.role, least):
        raise Forbidden(key="forbidden.role", role=actor.role, needed=least)
    return actor


def visible_sensitivities(role: Role) -> tuple[Sensitivity, ...]:
    """Viewers never receive confidential entries; editors and admins see all."""
    if role == Role.VIEWER:
        return (Sensitivity.PUBLIC, Sensitivity.RESTRICTED)
    return tuple(Sensitivity)


def export_sensitivities(
    *, include_restricted: bool, include_confidential: bool
) -> tuple[Sensitivity, ...]:
    """What a briefing file carries: public entries by default; restricted ones with a flag;
    confidential ones only when asked for (and then restricted ones too)."""
    allowed = [Sensitivity.PUBLIC]
    if include_restricted or include_confidential:
        allowed.append(Sensitivity.RESTRICTED)
    if include_confidential:
        allowed.append(Sensitivity.CONFIDENTIAL)
    return tuple(allowed)


def require_export(
    actor: Actor | None, *, include_restricted: bool, include_confidential: bool
) -> Actor:
    """Refuse a briefing that would carry more than the actor may hand to a partner."""
    checked = require(actor, Action.READ)
    if include_confidential:
        require(actor, Action.EXPORT_CONFIDENTIAL)
    if include_restricted:
        require(actor, Action.EXPORT_RESTRICTED)
    return checked


def parse_role(value: str) -> Role:
    """A role from what a person typed (any case), or a clear refusal."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        problem = ("invalid.unknown_role", {"value": value, "choices": tuple(Role)})
        raise InvalidInput({"role": problem}) from None
