"""Creating and changing user accounts (admins only), audited."""

from __future__ import annotations

import re

from sqlmodel import Session, select

from monitor import audit
from monitor.auth import Actor, require
from monitor.errors import InvalidInput
from monitor.models import Role, User

USERNAME = re.compile(r"^[\w.@-]{2,64}$")
MIN_PASSWORD = 10


def add_user(
    session: Session, actor: Actor, username: str, role: Role, *, password_hash: str | None
) -> User:
    """Create an account; names are unique and plain (letters, digits, . _ @ -)."""
    require(actor, Role.ADMIN)
    username = username.strip()
    if not USERNAME.match(username):
        raise InvalidInput({"username": "2 to 64 letters, digits, or . _ @ -"})
    if session.exec(select(User).where(User.username == username)).first():
        raise InvalidInput({"username": f"{username!r} already exists"})
    user = User(username=username, role=role, display_name=username, password_hash=password_hash)
    session.add(user)
    session.flush()
    audit.record(
        session, actor, "create", "user", user.id, after={"username": username, "role": role}
    )
    return user


def check_password(password: str) -> str:
    """Refuse passwords that are too short to protect evidence about people."""
    if len(password) < MIN_PASSWORD:
        raise InvalidInput({"password": f"at least {MIN_PASSWORD} characters"})
    return password


def change(
    session: Session,
    actor: Actor,
    username: str,
    *,
    role: Role | None = None,
    active: bool | None = None,
) -> User:
    """Change a user's role or switch the account off (admins only; never their own account)."""
    require(actor, Role.ADMIN)
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        raise InvalidInput({"username": f"no user {username!r}"})
    if user.id == actor.id:
        raise InvalidInput({"username": "an admin cannot change their own account here"})
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


def all_users(session: Session) -> list[User]:
    return list(session.exec(select(User).order_by(User.username)).all())
