"""Roles and password hashing, without a database."""

import pytest

from monitor.core.models import Role
from monitor.core.passwords import hash_password, verify_password
from monitor.core.permissions import Actor, parse_role, require
from monitor.errors import Forbidden, InvalidInput


def test_hash_round_trip_and_salt() -> None:
    stored = hash_password("довгий пароль ✓ " * 10)
    assert verify_password("довгий пароль ✓ " * 10, stored)
    assert not verify_password("wrong", stored)
    assert hash_password("same") != hash_password("same")
    assert not verify_password("x", None)


def test_require_orders_roles() -> None:
    viewer = Actor(1, "v", Role.VIEWER)
    admin = Actor(2, "a", Role.ADMIN)
    assert require(admin, Role.EDITOR) is admin
    with pytest.raises(Forbidden):
        require(viewer, Role.EDITOR)
    with pytest.raises(Forbidden):
        require(None, Role.VIEWER)


def test_parse_role() -> None:
    assert parse_role(" Editor ") is Role.EDITOR
    with pytest.raises(InvalidInput, match="unknown role"):
        parse_role("boss")
