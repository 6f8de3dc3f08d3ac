"""Accounts and roles, enforced below the UI: every service calls `require`."""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.errors import Forbidden, InvalidInput
from monitor.models import Role, User

ROLE_RANK = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}
SYSTEM_USERNAME = "system"
_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


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


def require(actor: Actor | None, role: Role) -> Actor:
    """Refuse unless the actor holds at least `role`."""
    if actor is None:
        raise Forbidden("sign in first", key="error.sign_in")
    if ROLE_RANK[actor.role] < ROLE_RANK[role]:
        raise Forbidden(
            f"{actor.username} is {actor.role.value}; this needs {role.value}", role=role.value
        )
    return actor


def hash_password(password: str) -> str:
    """scrypt from the standard library: memory-hard, no length limit, no extra package."""
    salt = secrets.token_bytes(16)
    digest = hashlib.scrypt(password.encode(), salt=salt, dklen=32, maxmem=64 * 2**20, **_SCRYPT)
    return "scrypt$" + base64.b64encode(salt).decode() + "$" + base64.b64encode(digest).decode()


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check of a password against a stored scrypt hash."""
    if not stored or not stored.startswith("scrypt$"):
        return False
    _, salt_b64, digest_b64 = stored.split("$", 2)
    digest = hashlib.scrypt(
        password.encode(),
        salt=base64.b64decode(salt_b64),
        dklen=32,
        maxmem=64 * 2**20,
        **_SCRYPT,
    )
    return hmac.compare_digest(digest, base64.b64decode(digest_b64))


def parse_role(value: str) -> Role:
    try:
        return Role(value.strip().lower())
    except ValueError:
        choices = ", ".join(r.value for r in Role)
        raise InvalidInput({"role": f"unknown role {value!r}; choose one of {choices}"}) from None


def get_or_create_user(session: Session, username: str, role: Role, display_name: str = "") -> User:
    """The named user, created with `role` if missing (the local user, the system user)."""
    user = session.exec(select(User).where(User.username == username)).first()
    if user is None:
        user = User(username=username, role=role, display_name=display_name or username)
        session.add(user)
        session.flush()
    return user


def system_actor(session: Session) -> Actor:
    """The actor for reference loading and other work no person started."""
    return Actor.of(get_or_create_user(session, SYSTEM_USERNAME, Role.ADMIN, "System"))


def count_users(session: Session) -> int:
    return int(session.execute(sa.select(sa.func.count()).select_from(User)).scalar() or 0)


FAILURE_WINDOW_MINUTES = 15
FREE_ATTEMPTS = 3


def retry_after(failures: list[datetime], now: datetime) -> float:
    """Seconds to wait before the next attempt: 0 for the first three failures in 15 minutes,
    then 5, 10, 20 ... seconds after the last one (capped at 15 minutes)."""
    recent = sorted(f for f in failures if now - f < timedelta(minutes=FAILURE_WINDOW_MINUTES))
    extra = len(recent) - FREE_ATTEMPTS
    if extra < 0:
        return 0.0
    wait = min(5.0 * 2**extra, FAILURE_WINDOW_MINUTES * 60.0)
    return max(0.0, wait - (now - recent[-1]).total_seconds())


def sign_in(engine: Engine, username: str, password: str, *, now: datetime) -> Actor:
    """Check a password; every attempt is logged, and failures slow the next attempts down.

    The attempt is committed before a refusal is raised, so failures count even then.
    """
    from monitor.db import session_scope

    with session_scope(engine) as session:
        outcome = _attempt(session, username, password, now=now)
    if isinstance(outcome, Forbidden):
        raise outcome
    return outcome


def _attempt(session: Session, username: str, password: str, *, now: datetime) -> Actor | Forbidden:
    from monitor import audit
    from monitor.models import AuditEvent

    name = username.strip()[:64]
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
        return Forbidden(
            f"too many failed sign-ins; try again in {wait:.0f} s", key="auth.throttled"
        )
    user = session.exec(select(User).where(User.username == name)).first()
    if user is None or not user.is_active or not verify_password(password, user.password_hash):
        audit.record(session, None, "sign-in-failed", "user", name, changes_data=False)
        return Forbidden("wrong user name or password", key="auth.failed")
    actor = Actor.of(user)
    audit.record(session, actor, "sign-in", "user", name, changes_data=False)
    return actor
