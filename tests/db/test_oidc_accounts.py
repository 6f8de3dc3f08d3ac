"""Sign-in with an organisation's provider, below the browser: a provider's identity becomes
a local account only through a verified e-mail an admin gave an active account; every
attempt is audited; an admin sets the e-mail (one account per address). SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import select

from monitor.core import migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import AuditEvent, Evidence, Role, User
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.services import accounts
from tests.factories import make_actor, make_evidence

NOW = datetime(2026, 12, 1, 12, tzinfo=UTC)
ISSUER = "https://id.coalition.example"


def _claims(
    email: object = "olena@ngo-one.org", verified: object = True, **more: Any
) -> dict[str, Any]:
    claims: dict[str, Any] = {"iss": ISSUER, "sub": "f3a9", "iat": NOW.timestamp(), **more}
    if email is not None:
        claims["email"] = email
    if verified is not None:
        claims["email_verified"] = verified
    return claims


@pytest.fixture
def people(engine: Engine) -> dict[str, int]:
    """An admin, an editor with an e-mail, a viewer whose account is switched off."""
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        make_actor(session, "olena", Role.EDITOR)
        make_actor(session, "petro", Role.VIEWER)
        accounts.set_email(
            session=session, actor=admin, username="olena", email=" Olena@NGO-One.org "
        )
        accounts.set_email(
            session=session, actor=admin, username="petro", email="petro@ngo-two.org"
        )
        accounts.change(session=session, actor=admin, username="petro", active=False)
        ids = {u.username: int(u.id or 0) for u in session.exec(select(User)).all()}
    return ids


def _events(engine: Engine, action: str) -> list[AuditEvent]:
    with session_scope(engine) as session:
        rows = session.exec(select(AuditEvent).where(AuditEvent.action == action)).all()
        return [AuditEvent.model_validate(r) for r in rows]


def test_a_verified_email_signs_in_as_its_account_with_its_role(
    engine: Engine, people: dict[str, int]
) -> None:
    actor = accounts.sign_in_with_identity(engine=engine, claims=_claims("OLENA@ngo-one.org"))
    assert (actor.username, actor.role, actor.id) == ("olena", Role.EDITOR, people["olena"])
    [event] = _events(engine, "sign-in")
    assert event.entity_id == "olena" and event.actor_id == people["olena"]
    assert event.after == {
        "via": "openid-connect",
        "email": "olena@ngo-one.org",
        "issuer": ISSUER,
        "subject": "f3a9",
    }


@pytest.mark.parametrize("said", [True, "true", "TRUE"])
def test_verified_as_providers_say_it(engine: Engine, people: dict[str, int], said: object) -> None:
    assert (
        accounts.sign_in_with_identity(engine=engine, claims=_claims(verified=said)).username
        == "olena"
    )


def test_entra_ids_domain_owner_verified_claim_counts(
    engine: Engine, people: dict[str, int]
) -> None:
    claims = _claims(verified=None, xms_edov=True)
    assert accounts.sign_in_with_identity(engine=engine, claims=claims).username == "olena"
    with pytest.raises(Forbidden) as refused:
        accounts.sign_in_with_identity(engine=engine, claims=_claims(verified=None, xms_edov=False))
    assert refused.value.key == "oidc.unverified"


@pytest.mark.parametrize(
    ("claims", "key", "reason"),
    [
        (_claims(verified=False), "oidc.unverified", "unverified"),
        (_claims(verified=None), "oidc.unverified", "unverified"),
        (_claims(verified="false"), "oidc.unverified", "unverified"),
        (_claims(verified=1), "oidc.unverified", "unverified"),
        (_claims("ivan@ngo-three.org"), "oidc.unknown", "unknown"),
        (_claims("petro@ngo-two.org"), "oidc.inactive", "inactive"),
        (_claims(email=None), "oidc.no_email", "no-email"),
        (_claims(email="   "), "oidc.no_email", "no-email"),
        (_claims(email=["olena@ngo-one.org"]), "oidc.no_email", "no-email"),
        (_claims("not an address"), "oidc.unverified", "unverified"),
    ],
)
def test_a_refusal_signs_nobody_in_and_is_audited(
    engine: Engine, people: dict[str, int], claims: dict[str, Any], key: str, reason: str
) -> None:
    with pytest.raises(Forbidden) as refused:
        accounts.sign_in_with_identity(engine=engine, claims=claims)
    assert refused.value.key == key
    assert _events(engine, "sign-in") == []
    [event] = _events(engine, "sign-in-refused")
    assert event.actor_id is None
    assert event.after is not None and event.after["reason"] == reason
    assert event.after["via"] == "openid-connect" and event.after["subject"] == "f3a9"
    english, ukrainian = describe(refused.value, "en"), describe(refused.value, "uk")
    assert english != ukrainian and any("а" <= ch <= "я" for ch in ukrainian.lower())


def test_hostile_claims_are_kept_as_plain_text(engine: Engine, people: dict[str, int]) -> None:
    """NUL and control characters (PostgreSQL's JSON refuses NUL) and a very long address."""
    long = "a" * 300 + "@ngo.org"
    for email in ("iv\x00an@ngo-three.org\r\n", long):
        with pytest.raises(Forbidden):
            accounts.sign_in_with_identity(engine=engine, claims=_claims(email, sub="x\x00y"))
    first, second = _events(engine, "sign-in-refused")
    assert first.entity_id == "ivan@ngo-three.org" and first.after is not None
    assert first.after["subject"] == "xy"
    assert len(second.entity_id) == accounts.AUDIT_ID


def test_the_email_is_set_by_admins_only_and_belongs_to_one_account(
    engine: Engine, people: dict[str, int]
) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "olena", Role.EDITOR)
        with pytest.raises(Forbidden):
            accounts.set_email(session=session, actor=editor, username="olena", email="x@ngo.org")
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        with pytest.raises(InvalidInput) as taken:
            accounts.set_email(
                session=session, actor=admin, username="admin", email="OLENA@ngo-one.org"
            )
        assert taken.value.problems["email"][0] == "oidc.email_taken"
        for bad, why in (
            ("no-at-sign", "oidc.bad_email"),
            ("a@" + "b" * 260 + ".org", "invalid.too_long"),
        ):
            with pytest.raises(InvalidInput) as refused:
                accounts.set_email(session=session, actor=admin, username="admin", email=bad)
            assert refused.value.problems["email"][0] == why
        with pytest.raises(InvalidInput) as unknown:
            accounts.set_email(session=session, actor=admin, username="nobody", email="n@ngo.org")
        assert unknown.value.problems["username"][0] == "account.unknown"
        cleared = accounts.set_email(session=session, actor=admin, username="olena", email=" ")
        assert cleared.email is None
    with pytest.raises(Forbidden) as refused:  # cleared: the identity finds no account now
        accounts.sign_in_with_identity(engine=engine, claims=_claims())
    assert refused.value.key == "oidc.unknown"
    changes = [e for e in _events(engine, "change") if e.after and set(e.after) == {"email"}]
    assert [e.after["email"] for e in changes if e.after] == [
        "olena@ngo-one.org",
        "petro@ngo-two.org",
        None,
    ]


def test_an_identity_older_than_the_session_timeout_is_not_taken_again() -> None:
    fresh = _claims(iat=(NOW - timedelta(minutes=59)).timestamp())
    stale = _claims(iat=(NOW - timedelta(minutes=61)).timestamp())
    assert accounts.identity_is_fresh(fresh, now=NOW, minutes=60)
    assert not accounts.identity_is_fresh(stale, now=NOW, minutes=60)
    for odd in (None, "1764590400", True):
        assert not accounts.identity_is_fresh(_claims(iat=odd), now=NOW, minutes=60)


def test_the_email_migration_keeps_every_account_and_what_it_recorded(
    database_url: str, engine: Engine, people: dict[str, int]
) -> None:
    """0018 down and up again on a database with accounts and an entry: the user table is the
    parent of every other, and a rebuild with foreign keys on would delete their rows."""
    with session_scope(engine) as session:
        make_evidence(session, make_actor(session, "olena", Role.EDITOR), title="Kept")
    engine.dispose()
    migrate.downgrade(database_url, "0017")
    check = make_engine(database_url)
    assert "email" not in {c["name"] for c in sa.inspect(check).get_columns("user")}
    with check.connect() as conn:
        assert conn.execute(sa.text("SELECT count(*) FROM evidence")).scalar_one() == 1
        assert conn.execute(sa.text('SELECT count(*) FROM "user"')).scalar_one() == len(people)
    check.dispose()
    assert migrate.upgrade(database_url) is True
    again = make_engine(database_url)
    with session_scope(again) as session:
        assert {u.username: u.email for u in session.exec(select(User)).all()}["olena"] is None
        assert session.exec(select(Evidence)).one().title == "Kept"
    again.dispose()
