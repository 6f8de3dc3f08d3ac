"""The first admin: created only with the one-time setup code, only while nobody can sign in."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AppSetting, AuditEvent, Role, User
from monitor.core.passwords import verify_password
from monitor.core.permissions import Actor
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.services import accounts

NOW = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PASSWORD = "довгий пароль 2026"


def _issue(engine: Engine, now: datetime = NOW) -> str | None:
    with session_scope(engine) as session:
        return accounts.issue_setup_code(session=session, now=now)


def _create(engine: Engine, code: str, **overrides: object) -> Actor:
    given: dict[str, object] = {
        "setup_code": code,
        "username": "olena",
        "password": PASSWORD,
        "password_again": PASSWORD,
        "now": NOW,
        **overrides,
    }
    with session_scope(engine) as session:
        return accounts.create_first_admin(session=session, **given)  # type: ignore[arg-type]


def _humans(engine: Engine) -> list[str]:
    with Session(engine) as session:
        users = session.exec(select(User).where(User.password_hash.is_not(None))).all()  # type: ignore[union-attr]
        return [u.username for u in users]


def test_the_code_creates_one_admin_once(engine: Engine) -> None:
    code = _issue(engine)
    assert code is not None and len(code.replace("-", "")) == 12
    actor = _create(engine, code.lower().replace("-", " "))  # typed loosely: still the code
    assert actor.role == Role.ADMIN and actor.username == "olena"
    with Session(engine) as session:
        user = session.exec(select(User).where(User.username == "olena")).one()
        assert verify_password(PASSWORD, user.password_hash)
        assert session.get(AppSetting, accounts.SETUP_CODE_KEY) is None  # used up
        actions = set(session.exec(select(AuditEvent.action)).all())
    assert {"setup-code", "first-admin"} <= actions
    with pytest.raises(Forbidden) as refused:
        _create(engine, code, username="second")
    assert describe(refused.value, "uk") == "Обліковий запис уже існує: увійдіть."
    assert _issue(engine) is None  # no code once someone can sign in
    assert _humans(engine) == ["olena"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"setup_code": "AAAA-BBBB-CCCC"}, "setup_code"),
        ({"setup_code": ""}, "setup_code"),
        ({"password": "short", "password_again": "short"}, "password"),
        ({"password_again": PASSWORD + "!"}, "password_again"),
        ({"username": "no spaces allowed"}, "username"),
    ],
)
def test_a_refusal_names_the_field_and_creates_nothing(
    engine: Engine, overrides: dict[str, object], field: str
) -> None:
    code = _issue(engine)
    assert code is not None
    with pytest.raises(InvalidInput) as refused:
        _create(engine, code, **overrides)
    assert set(refused.value.problems) == {field}
    assert describe(refused.value, "uk") != describe(refused.value, "en")
    assert _humans(engine) == []
    _create(engine, code)  # the code still works after a refusal
    assert _humans(engine) == ["olena"]


def test_an_old_or_replaced_code_is_refused(engine: Engine) -> None:
    first = _issue(engine)
    second = _issue(engine)
    assert first and second and first != second
    with pytest.raises(InvalidInput):
        _create(engine, first)  # replaced by the second
    late = NOW + timedelta(hours=accounts.SETUP_CODE_HOURS, seconds=1)
    with pytest.raises(InvalidInput):
        _create(engine, second, now=late)
    assert _humans(engine) == []


def test_only_the_hash_of_the_code_is_stored(engine: Engine) -> None:
    code = _issue(engine)
    assert code is not None
    with engine.connect() as conn:
        rows = conn.execute(sa.text("SELECT * FROM app_setting")).all()
        stored = " ".join(str(v) for row in rows for v in row)
    assert code not in stored and code.replace("-", "") not in stored
