"""The permission policy, in one place: who may do what, and who may see which entries.

Services call `require(actor, Action.X)` before they act; queries take the `Visibility` of a
reader (`visibility`) or of a file (`export_visibility`), never a made-up user, and filter
with its one SQL form (`Visibility.where`) or its Python form (`Visibility.admits`); the UI
asks `may` which pages and actions to offer. Nothing else compares roles or organisations.

An organisation-only entry is read by the members of the organisation that recorded it (any
role) and by the instance's admins; nobody else, whatever the other levels let them see.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import sqlalchemy as sa
from sqlmodel import col

from monitor.core.models import Evidence, Role, Sensitivity, User
from monitor.errors import Forbidden, InvalidInput

# roles are declared least first, sensitivities least sensitive first: the order is the rank
ROLE_RANK = {role: rank for rank, role in enumerate(Role)}
# the account reference loading and other work no person started is done as: it cannot sign
# in, and lists of people (accounts, an organisation's members) leave it out
SYSTEM_USERNAME = "system"


class Action(StrEnum):
    """Things a person can do, each with the least role that may do it."""

    READ = "read"  # pages, charts, public briefings
    EDIT = "edit"  # log, edit, verify, withdraw, assess, code, import, capture
    EXPORT_RESTRICTED = "export-restricted"
    EXPORT_CONFIDENTIAL = "export-confidential"
    EXPORT_ORGANISATION = "export-organisation"  # a file with one's organisation-only entries
    RESTORE_WITHDRAWN = "restore-withdrawn"
    ADMINISTER = "administer"  # users, settings, audit log, backups


LEAST_ROLE = {
    Action.READ: Role.VIEWER,
    Action.EDIT: Role.EDITOR,
    Action.EXPORT_RESTRICTED: Role.EDITOR,
    Action.EXPORT_CONFIDENTIAL: Role.ADMIN,
    Action.EXPORT_ORGANISATION: Role.EDITOR,
    Action.RESTORE_WITHDRAWN: Role.ADMIN,
    Action.ADMINISTER: Role.ADMIN,
}


@dataclass(frozen=True)
class Actor:
    """The acting user, detached from any session so it can live in Streamlit state."""

    id: int
    username: str
    role: Role
    organisation_id: int | None = None  # what the actor records is recorded under it
    language: str | None = None  # the UI language the person last chose (at sign-in)

    @classmethod
    def of(cls, user: User) -> Actor:
        assert user.id is not None
        return cls(
            id=user.id,
            username=user.username,
            role=Role(user.role),
            organisation_id=user.organisation_id,
            language=user.language,
        )


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


@dataclass(frozen=True)
class Visibility:
    """Which entries a reader, or a file, may hold: these sensitivities, where an
    organisation-only entry counts only if `organisation_id` recorded it, or whoever recorded
    it when `every_organisation` (the instance's admins). Hashable: caches key on it."""

    sensitivities: tuple[Sensitivity, ...]
    organisation_id: int | None = None
    every_organisation: bool = False

    def admits(self, sensitivity: str, organisation_id: int | None) -> bool:
        """Whether one entry of this sensitivity, recorded by this organisation, is held."""
        level = Sensitivity(sensitivity)
        if level not in self.sensitivities:
            return False
        if level is not Sensitivity.ORGANISATION or self.every_organisation:
            return True
        return self.organisation_id is not None and organisation_id == self.organisation_id

    def where(self) -> sa.ColumnElement[bool] | None:
        """The same rule as `admits`, as one SQL condition on `evidence` (None: all entries)."""
        sensitivity = col(Evidence.sensitivity)
        others = [s for s in self.sensitivities if s is not Sensitivity.ORGANISATION]
        if Sensitivity.ORGANISATION not in self.sensitivities or (
            self.organisation_id is None and not self.every_organisation
        ):
            return sensitivity.in_(others)
        if self.every_organisation:
            if set(self.sensitivities) == set(Sensitivity):
                return None
            return sensitivity.in_(list(self.sensitivities))
        own = sa.and_(
            sensitivity == Sensitivity.ORGANISATION,
            col(Evidence.organisation_id) == self.organisation_id,
        )
        return sa.or_(sensitivity.in_(others), own)

    def conditions(self) -> list[sa.ColumnElement[bool]]:
        """`where` as a list of WHERE clauses (empty: all entries)."""
        clause = self.where()
        return [] if clause is None else [clause]


def visible_sensitivities(role: Role) -> tuple[Sensitivity, ...]:
    """Viewers never receive confidential entries; editors and admins see every level
    (organisation-only ones only as `Visibility` allows)."""
    if role == Role.VIEWER:
        return (Sensitivity.PUBLIC, Sensitivity.RESTRICTED, Sensitivity.ORGANISATION)
    return tuple(Sensitivity)


def visibility(actor: Actor) -> Visibility:
    """What this reader may see on any page, chart, count or file it opens."""
    return Visibility(
        sensitivities=visible_sensitivities(actor.role),
        organisation_id=actor.organisation_id,
        every_organisation=actor.role == Role.ADMIN,
    )


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


def export_visibility(
    actor: Actor,
    *,
    include_restricted: bool,
    include_confidential: bool,
    include_organisation: bool = False,
) -> Visibility:
    """What a file made for this actor carries: `export_sensitivities`, and organisation-only
    entries only when asked for (those of the actor's organisation; an admin's, all)."""
    allowed = export_sensitivities(
        include_restricted=include_restricted, include_confidential=include_confidential
    )
    if include_organisation:
        allowed = (*allowed, Sensitivity.ORGANISATION)
    return Visibility(
        sensitivities=allowed,
        organisation_id=actor.organisation_id,
        every_organisation=actor.role == Role.ADMIN,
    )


def require_export(
    actor: Actor | None,
    *,
    include_restricted: bool,
    include_confidential: bool,
    include_organisation: bool = False,
) -> Actor:
    """Refuse a briefing that would carry more than the actor may hand to a partner."""
    checked = require(actor, Action.READ)
    if include_confidential:
        require(actor, Action.EXPORT_CONFIDENTIAL)
    if include_restricted:
        require(actor, Action.EXPORT_RESTRICTED)
    if include_organisation:
        require(actor, Action.EXPORT_ORGANISATION)
    return checked


def require_recordable(organisation_id: int | None, sensitivity: str) -> None:
    """Refuse "my organisation only" for an entry recorded under no organisation (its author
    belongs to none): it would be for nobody, only the admins could read it, not its author."""
    if sensitivity == Sensitivity.ORGANISATION and organisation_id is None:
        raise InvalidInput({"sensitivity": ("sensitivity.no_organisation", {})})


def parse_role(value: str) -> Role:
    """A role from what a person typed (any case), or a clear refusal."""
    try:
        return Role(value.strip().lower())
    except ValueError:
        problem = ("invalid.unknown_role", {"value": value, "choices": tuple(Role)})
        raise InvalidInput({"role": problem}) from None


# every entry, as the instance's admins see them (benchmarks and checks that count everything)
EVERY_ENTRY = Visibility(tuple(Sensitivity), every_organisation=True)
