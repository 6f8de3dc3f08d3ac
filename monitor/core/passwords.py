"""Password hashing: argon2id (argon2-cffi) at OWASP's parameters; older scrypt hashes still verify.

argon2id rather than scrypt at OWASP's N=2^17: the same protection costs about 35 ms and
19 MiB per sign-in instead of about one second and 128 MiB (on two shared cores), and the hash
string carries its own parameters, so `needs_rehash` sees when they are raised again.

Hashes written before argon2id (`scrypt$salt$digest`, N=2^14) still verify; sign-in stores a
new argon2id hash after the next successful check (`needs_rehash` says when).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

import argon2

# OWASP Password Storage Cheat Sheet, argon2id: m=19 MiB, t=2, p=1
_ARGON2 = argon2.PasswordHasher(
    time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32, salt_len=16
)
_SCRYPT_PREFIX = "scrypt$"
_LEGACY_SCRYPT = {"n": 2**14, "r": 8, "p": 1}


def hash_password(password: str) -> str:
    """A salted argon2id hash in PHC form (`$argon2id$v=19$m=...,t=...,p=...$salt$digest`)."""
    return _ARGON2.hash(password)


# Checked when there is no hash to check (an unknown name, an account without a password), so
# that a refusal takes as long as a wrong password and does not tell which names exist.
_NO_ACCOUNT = _ARGON2.hash("no account has this password")


def verify_password(password: str, stored: str | None) -> bool:
    """Constant-time check of a password against a stored argon2id or legacy scrypt hash; with
    no hash it spends the same time and says no."""
    if not stored:
        verify_password(password, _NO_ACCOUNT)
        return False
    if stored.startswith(_SCRYPT_PREFIX):
        return _verify_legacy_scrypt(password, stored)
    try:
        return _ARGON2.verify(stored, password)
    except (argon2.exceptions.VerificationError, argon2.exceptions.InvalidHashError):
        return False


def needs_rehash(stored: str) -> bool:
    """Whether a hash that just verified should be replaced: scrypt, or weaker argon2 settings."""
    if stored.startswith(_SCRYPT_PREFIX):
        return True
    try:
        return _ARGON2.check_needs_rehash(stored)
    except argon2.exceptions.InvalidHashError:
        return True


def _verify_legacy_scrypt(password: str, stored: str) -> bool:
    """The scrypt hashes of earlier versions: `scrypt$salt$digest` (base64), N=2^14, r=8, p=1."""
    try:
        _, salt_b64, digest_b64 = stored.split("$", 2)
        salt, expected = base64.b64decode(salt_b64), base64.b64decode(digest_b64)
    except (ValueError, binascii.Error):
        return False
    digest = hashlib.scrypt(
        password.encode(), salt=salt, dklen=32, maxmem=64 * 2**20, **_LEGACY_SCRYPT
    )
    return hmac.compare_digest(digest, expected)
