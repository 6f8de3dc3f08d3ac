"""Roles and password hashing, without a database."""

import base64
import hashlib
import time

import argon2
import pytest

from monitor.core.models import Role
from monitor.core.passwords import hash_password, needs_rehash, verify_password
from monitor.core.permissions import Actor, parse_role, require
from monitor.errors import Forbidden, InvalidInput


def test_hash_round_trip_and_salt() -> None:
    stored = hash_password("довгий пароль ✓ " * 10)
    assert verify_password("довгий пароль ✓ " * 10, stored)
    assert not verify_password("wrong", stored)
    assert hash_password("same") != hash_password("same")
    assert not verify_password("x", None)


def legacy_scrypt_hash(password: str, salt: bytes = b"0123456789abcdef") -> str:
    """A hash as earlier versions stored it (scrypt, N=2^14), computed here from hashlib."""
    digest = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
    return f"scrypt${base64.b64encode(salt).decode()}${base64.b64encode(digest).decode()}"


def test_new_hashes_are_argon2id_at_owasp_parameters() -> None:
    stored = hash_password("correct horse")
    params = argon2.extract_parameters(stored)
    assert stored.startswith("$argon2id$")
    assert params.type is argon2.Type.ID
    assert params.memory_cost >= 19 * 1024 and params.time_cost >= 2 and params.parallelism >= 1
    assert not needs_rehash(stored)


def test_one_hash_stays_fast_enough_for_sign_in_and_the_suite() -> None:
    started = time.perf_counter()
    verify_password("correct horse", hash_password("correct horse"))
    assert time.perf_counter() - started < 1.0  # about 70 ms for a hash and a check here


def test_an_older_scrypt_hash_still_verifies_and_asks_to_be_rehashed() -> None:
    stored = legacy_scrypt_hash("старий пароль")
    assert verify_password("старий пароль", stored)
    assert not verify_password("інший пароль", stored)
    assert needs_rehash(stored)


def test_weaker_argon2_settings_ask_to_be_rehashed() -> None:
    weak = argon2.PasswordHasher(time_cost=1, memory_cost=8 * 1024, parallelism=1)
    stored = weak.hash("correct horse")
    assert verify_password("correct horse", stored)
    assert needs_rehash(stored)


@pytest.mark.parametrize(
    "stored", ["", "scrypt$", "scrypt$!!$??", "$argon2id$garbage", "plain text", "md5$abc"]
)
def test_a_damaged_stored_hash_never_verifies(stored: str) -> None:
    assert not verify_password("anything", stored)


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


def test_no_hash_costs_as_long_as_a_wrong_password() -> None:
    """A refusal must not tell which user names exist by answering faster (medians; the margin
    is wide: without the dummy check the ratio is about 0.01)."""
    import statistics
    import time

    stored = hash_password("the real password")

    def seconds(hashed: str | None) -> float:
        runs = []
        for _ in range(5):
            start = time.perf_counter()
            assert not verify_password("a guess", hashed)
            runs.append(time.perf_counter() - start)
        return statistics.median(runs)

    assert seconds(None) > 0.5 * seconds(stored)
