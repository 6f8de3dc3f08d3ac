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
