"""User accounts: signing in (throttled, every attempt audited) and managing accounts (admins).

Sign-in lives here, not beside the roles, because it writes audit events: the policy in
`monitor.core.permissions` stays free of the audit log, and no import runs in a circle.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.core import audit, limits
from monitor.core.db import session_scope
from monitor.core.inputs import AccountInput, NewUsernameInput, UsernameInput
from monitor.core.models import AppSetting, AuditEvent, Role, User
from monitor.core.passwords import hash_password, needs_rehash, verify_password
from monitor.core.permissions import SYSTEM_USERNAME, Action, Actor, require
from monitor.core.validation import parse
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import LANGUAGES
from monitor.services import organisations


def add_user(
    *,
    session: Session,
    actor: Actor,
    username: str,
    role: Role,
    password_hash: str | None,
    organisation: str | None = None,
) -> User:
    """Create an account; names are unique and plain (letters, digits, . _ @ -). It joins the
    organisation with this code, or the default one."""
    require(actor, Action.ADMINISTER)
    username = parse(NewUsernameInput, {"username": username}).username
    if session.exec(select(User).where(User.username == username)).first():
        raise InvalidInput({"username": ("account.exists", {"value": username})})
    user = User(username=username, role=role, display_name=username, password_hash=password_hash)
    user.organisation_id = organisations.member_of(session, organisation)
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
    username = parse(UsernameInput, {"username": username}).username
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
    names = parse(AccountInput, {"username": username, "display_name": display_name})
    user = session.exec(select(User).where(User.username == names.username)).first()
    if user is None:
        shown = names.display_name or names.username
        user = User(username=names.username, role=role, display_name=shown)
        user.organisation_id = organisations.default_id(session)
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
    try:
        name = parse(UsernameInput, {"username": username}).username
    except InvalidInput:  # no account has such a name, and it may not be storable (NUL)
        return Forbidden(key="auth.failed")
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
    known = user is not None and user.is_active
    # always one password check, so the time taken does not reveal which names exist
    matches = verify_password(password, user.password_hash if known and user else None)
    if user is None or not known or not matches:
        audit.record(session, None, "sign-in-failed", "user", name, changes_data=False)
        return Forbidden(key="auth.failed")
    _upgrade_hash(session, user, password)
    actor = Actor.of(user)
    audit.record(session, actor, "sign-in", "user", name, changes_data=False)
    return actor


def _upgrade_hash(session: Session, user: User, password: str) -> None:
    """After a successful check, store the password again under today's parameters when its
    hash is older (scrypt, or weaker argon2id settings): the only moment the password is known."""
    if user.password_hash and needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
        session.add(user)
        session.flush()


# First run: no account can sign in yet. The first admin is created in the browser with a
# one-time code that only someone at the server's terminal can read (as Jenkins and Grafana
# do), so a fresh install is never open to whoever reaches its address first.
SETUP_CODE_KEY = "first_run.setup_code"
SETUP_CODE_HOURS = 24
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L to misread
_CODE_GROUPS, _CODE_GROUP = 3, 4  # 12 characters, about 59 bits


def _code_digest(code: str) -> str:
    """The stored form of a setup code (only its hash is kept); spaces, dashes, case ignored."""
    plain = "".join(ch for ch in code.upper() if ch.isalnum())
    return hashlib.sha256(plain.encode()).hexdigest()


def issue_setup_code(*, session: Session, now: datetime) -> str | None:
    """A new one-time code for creating the first admin, to print in the terminal (it replaces
    any earlier one); None when an account can sign in already."""
    # the lookups bring pandas (a second of imports): every command that opens the database
    # imports this module, and only these two need them
    from monitor.queries.lookups import sign_in_accounts_exist  # noqa: PLC0415

    if sign_in_accounts_exist(session):
        return None
    row = session.get(AppSetting, SETUP_CODE_KEY)
    groups = (
        "".join(secrets.choice(_CODE_ALPHABET) for _ in range(_CODE_GROUP))
        for _ in range(_CODE_GROUPS)
    )
    code = "-".join(groups)
    row = row or AppSetting(key=SETUP_CODE_KEY, value="")
    row.value, row.updated_at = _code_digest(code), now
    session.add(row)
    session.flush()
    audit.record(session, None, "setup-code", "setting", SETUP_CODE_KEY, changes_data=False)
    return code


def create_first_admin(
    *,
    session: Session,
    setup_code: str,
    username: str,
    password: str,
    password_again: str,
    now: datetime,
) -> Actor:
    """Create the first admin with the code from the terminal, and sign them in.

    Refused once any account can sign in (then the code is useless, and so is this call).
    """
    from monitor.queries.lookups import sign_in_accounts_exist  # noqa: PLC0415 -- as above

    if sign_in_accounts_exist(session):
        raise Forbidden(key="first_run.done")
    row = session.get(AppSetting, SETUP_CODE_KEY)
    fresh = row is not None and now - row.updated_at < timedelta(hours=SETUP_CODE_HOURS)
    if row is None or not fresh or not hmac.compare_digest(row.value, _code_digest(setup_code)):
        raise InvalidInput({"setup_code": ("first_run.bad_code", {})})
    check_password(password)
    if password != password_again:
        raise InvalidInput({"password_again": ("invalid.passwords_differ", {})})
    user = add_user(
        session=session,
        actor=system_actor(session=session),
        username=username,
        role=Role.ADMIN,
        password_hash=hash_password(password),
    )
    session.delete(row)
    actor = Actor.of(user)
    audit.record(session, actor, "first-admin", "user", user.username, changes_data=False)
    return actor


# --- oidc ---
# Sign-in with an organisation's own OpenID Connect provider (Streamlit's st.login). The
# provider vouches for who the person is; this instance decides what they may do: a signed-in
# identity becomes an account only through a verified e-mail that an admin gave an active
# account here, and that account's role (and organisation) is what the person acts with.

AUDIT_ID = 64  # the audit log's record id holds this many characters of an e-mail
_EMAIL_SHAPE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


def normal_email(value: str) -> str:
    """An e-mail as it is stored and compared: trimmed and in lower case (providers do not
    agree on case, and two spellings of one address must be one account)."""
    email = value.strip().lower()
    if len(email) > limits.EMAIL:
        raise InvalidInput({"email": ("invalid.too_long", {"max": limits.EMAIL})})
    if not _EMAIL_SHAPE.fullmatch(email) or not email.isprintable():
        raise InvalidInput({"email": ("oidc.bad_email", {})})
    return email


def set_email(*, session: Session, actor: Actor, username: str, email: str) -> User:
    """Give an account the e-mail its organisation's provider signs the person in with (or
    none: blank). Admins only; one account per e-mail."""
    require(actor, Action.ADMINISTER)
    name = parse(UsernameInput, {"username": username}).username
    user = session.exec(select(User).where(User.username == name)).first()
    if user is None:
        raise InvalidInput({"username": ("account.unknown", {"value": name})})
    address = normal_email(email) if email.strip() else None
    if address is not None:
        other = session.exec(select(User).where(User.email == address)).first()
        if other is not None and other.id != user.id:
            raise InvalidInput({"email": ("oidc.email_taken", {"value": address})})
    if address == user.email:
        return user
    audit.change_fields(session, actor, "user", user, email=address)
    return user


def set_language(*, session: Session, actor: Actor, language: str) -> None:
    """Remember the UI language the person chose (their own account only), so that a sign-in
    that comes back without one in its address, as a provider's does, opens the app in it.
    A preference, not data: audited, but no reader's cache is cleared for it."""
    if language not in LANGUAGES:
        raise InvalidInput({"language": ("invalid.choice", {"choices": ", ".join(LANGUAGES)})})
    user = session.get(User, actor.id)
    if user is None or user.language == language:
        return
    audit.change_fields(session, actor, "user", user, language=language, changes_data=False)


def add_user_with_email(*, session: Session, actor: Actor, email: str, **given: Any) -> User:
    """`add_user`, then the e-mail (blank: none) in the same transaction, so that a refused
    e-mail creates no account."""
    user = add_user(session=session, actor=actor, **given)
    if email.strip():
        set_email(session=session, actor=actor, username=user.username, email=email)
    return user


def verified_email(claims: Mapping[str, object]) -> str | None:
    """The identity's e-mail when its provider says it verified it, else None.

    `email_verified` is the standard claim (true; a few providers send the string "true").
    Microsoft Entra ID sends none; its optional claim `xms_edov` (the e-mail's domain is
    verified by the tenant's owner) counts instead, so an e-mail a tenant admin merely typed
    on another domain does not.
    """
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip():
        return None
    said = claims.get("email_verified", claims.get("xms_edov"))
    verified = said is True or (isinstance(said, str) and said.strip().lower() == "true")
    return email if verified else None


def identity_is_fresh(claims: Mapping[str, object], *, now: datetime, minutes: int) -> bool:
    """Whether the provider signed the person in (`iat` of its token) less than `minutes` ago.

    Streamlit keeps the identity in a cookie for 30 days and gives it to every new tab; an
    identity older than the session timeout is not taken again without the provider seeing
    the person anew, as a password is asked again after the same time.
    """
    issued = claims.get("iat")
    if isinstance(issued, bool) or not isinstance(issued, int | float):
        return False
    return now.timestamp() - float(issued) < minutes * 60


def sign_in_with_identity(*, engine: Engine, claims: Mapping[str, object]) -> Actor:
    """The account a provider's signed-in identity maps to; every attempt is audited, and a
    refusal (no e-mail, an unverified one, no active account with it) is committed before it
    is raised, as a wrong password is."""
    with session_scope(engine) as session:
        outcome = _identity(session, claims)
    if isinstance(outcome, Forbidden):
        raise outcome
    return outcome


def _plain(value: object, limit: int) -> str:
    """A claim as the audit log keeps it: text, no control characters (PostgreSQL's JSON
    refuses NUL), at most `limit` characters."""
    text = value if isinstance(value, str) else ""
    return "".join(ch for ch in text if ch.isprintable()).strip()[:limit]


def _identity(session: Session, claims: Mapping[str, object]) -> Actor | Forbidden:
    shown = _plain(claims.get("email"), limits.EMAIL)
    who = {"issuer": _plain(claims.get("iss"), 500), "subject": _plain(claims.get("sub"), 500)}
    try:  # the address as shown (no control characters), when the provider verified it
        address = normal_email(shown) if shown and verified_email(claims) else None
    except InvalidInput:
        address = None
    user = session.exec(select(User).where(User.email == address)).first() if address else None
    if not shown:
        reason, refusal = "no-email", Forbidden(key="oidc.no_email")
    elif address is None:
        reason, refusal = "unverified", Forbidden(key="oidc.unverified", email=shown)
    elif user is None:
        reason, refusal = "unknown", Forbidden(key="oidc.unknown", email=address)
    elif not user.is_active:
        reason, refusal = "inactive", Forbidden(key="oidc.inactive", email=address)
    else:
        actor = Actor.of(user)
        audit.record(
            session,
            actor,
            "sign-in",
            "user",
            user.username,
            after={"via": "openid-connect", "email": address, **who},
            changes_data=False,
        )
        return actor
    audit.record(
        session,
        None,
        "sign-in-refused",
        "user",
        (address or shown or who["subject"])[:AUDIT_ID],
        after={"via": "openid-connect", "reason": reason, "email": shown, **who},
        changes_data=False,
    )
    return refusal
