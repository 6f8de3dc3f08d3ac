"""User accounts: signing in (throttled, every attempt audited) and managing accounts (admins).

Sign-in lives here, not beside the roles, because it writes audit events: the policy in
`monitor.core.permissions` stays free of the audit log, and no import runs in a circle.
"""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.core import audit, limits
from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Role, User
from monitor.core.passwords import verify_password
from monitor.core.permissions import Action, Actor, require
from monitor.errors import Forbidden, InvalidInput

SYSTEM_USERNAME = "system"
USERNAME = re.compile(rf"^[\w.@-]{{{limits.USERNAME_MIN},{limits.USERNAME}}}$")


def add_user(
    *, session: Session, actor: Actor, username: str, role: Role, password_hash: str | None
) -> User:
    """Create an account; names are unique and plain (letters, digits, . _ @ -)."""
    require(actor, Action.ADMINISTER)
    username = username.strip()
    if not USERNAME.match(username):
        limit = {"min": limits.USERNAME_MIN, "max": limits.USERNAME}
        raise InvalidInput({"username": ("invalid.username", limit)})
    if session.exec(select(User).where(User.username == username)).first():
        raise InvalidInput({"username": ("account.exists", {"value": username})})
    user = User(username=username, role=role, display_name=username, password_hash=password_hash)
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "create", "user", user.id, after={"username": username, "role": role}
    )
    return user


def check_password(password: str) -> str:
    """Refuse passwords that are too short to protect evidence about people (or too long)."""
    if len(password) < limits.PASSWORD_MIN:
        raise InvalidInput({"password": ("invalid.too_short", {"min": limits.PASSWORD_MIN})})
    if len(password) > limits.PASSWORD:
        raise InvalidInput({"password": ("invalid.too_long", {"max": limits.PASSWORD})})
    return password


def change(
    *,
    session: Session,
    actor: Actor,
    username: str,
    role: Role | None = None,
    active: bool | None = None,
) -> User:
    """Change a user's role or switch the account off (admins only; never their own account)."""
    require(actor, Action.ADMINISTER)
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise InvalidInput({"username": ("account.unknown", {"value": username})})
    if user.id == actor.id:
        raise InvalidInput({"username": ("account.own", {})})
    before = audit.snapshot(user)
    if role is not None:
        user.role = role
    if active is not None:
        user.is_active = active
    session.add(user)
    session.flush()
    before.pop("password_hash", None)
    after = audit.snapshot(user)
    after.pop("password_hash", None)
    audit.record(session, actor, "change", "user", user.id, before=before, after=after)
    return user


def get_or_create_user(
    *, session: Session, username: str, role: Role, display_name: str = ""
) -> User:
    """The named user, created with `role` if missing (the local user, the system user)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        user = User(username=username, role=role, display_name=display_name or username)
        session.add(user)
        session.flush()
    return user


def system_actor(*, session: Session) -> Actor:
    """The actor for reference loading and other work no person started."""
    return Actor.of(
        get_or_create_user(
            session=session, username=SYSTEM_USERNAME, role=Role.ADMIN, display_name="System"
        )
    )


FAILURE_WINDOW_MINUTES = 15
FREE_ATTEMPTS = 3


def retry_after(failures: list[datetime], now: datetime) -> float:
    """Seconds to wait before the next attempt: 0 for the first three failures in 15 minutes,
    then 5, 10, 20 ... seconds after the last one (capped at 15 minutes)."""
    recent = sorted(f for f in failures if now - f < timedelta(minutes=FAILURE_WINDOW_MINUTES))
    extra = len(recent) - FREE_ATTEMPTS
    if extra < 0:
        return 0.0
    wait = min(5.0 * float(2**extra), FAILURE_WINDOW_MINUTES * 60.0)
    return max(0.0, wait - (now - recent[-1]).total_seconds())


def sign_in(*, engine: Engine, username: str, password: str, now: datetime) -> Actor:
    """Check a password; every attempt is logged, and failures slow the next attempts down.

    The attempt is committed before a refusal is raised, so failures count even then.
    """
    with session_scope(engine) as session:
        outcome = _attempt(session, username, password, now=now)
    if isinstance(outcome, Forbidden):
        raise outcome
    return outcome


def _attempt(session: Session, username: str, password: str, *, now: datetime) -> Actor | Forbidden:
    name = username.strip()[: limits.USERNAME]
    failures = list(
        session.exec(
            select(AuditEvent.at).where(
                AuditEvent.action == "sign-in-failed",
                AuditEvent.entity_id == name,
                AuditEvent.at >= now - timedelta(minutes=FAILURE_WINDOW_MINUTES),
            )
        ).all()
    )
    wait = retry_after(failures, now)
    if wait > 0:
        return Forbidden(key="auth.throttled", seconds=round(wait))
    user = session.exec(select(User).where(User.username == name)).first()
    if user is None or not user.is_active or not verify_password(password, user.password_hash):
        audit.record(session, None, "sign-in-failed", "user", name, changes_data=False)
        return Forbidden(key="auth.failed")
    actor = Actor.of(user)
    audit.record(session, actor, "sign-in", "user", name, changes_data=False)
    return actor
