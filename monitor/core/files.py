"""Files on disk: the one SHA-256, the one atomic write, and files stored once under their hash."""

from __future__ import annotations

import hashlib
import os
import secrets
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".tmp-"  # what a crash can leave behind; swept at start
# a zip (a backup, an XLSX) packed more than this many times is a bomb: real archives pack 2 to
# 30 times, deflate reaches about 1,000; a member smaller than ZIP_RATIO_FROM cannot grow far
ZIP_RATIO_LIMIT = 100
ZIP_RATIO_FROM = 2**20


def sha256(data: bytes) -> str:
    """The hex SHA-256 of some bytes: how stored files are named and manifests are written."""
    return hashlib.sha256(data).hexdigest()


def too_packed(unpacked: int, packed: int) -> bool:
    """More than ZIP_RATIO_LIMIT times smaller packed, for more than ZIP_RATIO_FROM bytes: the
    one zip-bomb rule for backups and spreadsheets, read from the archive's directory."""
    return unpacked > ZIP_RATIO_FROM and unpacked > ZIP_RATIO_LIMIT * packed


def path_for(folder: Path, digest: str) -> Path:
    return folder / digest[:2] / digest


def write_once(folder: Path, data: bytes) -> str:
    """Store `data` under its hash (written atomically) unless it is there; returns the hash."""
    digest = sha256(data)
    target = path_for(folder, digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, lambda handle: handle.write(data))
    return digest


def write_atomically(
    path: Path, produce: Callable[[IO[bytes]], object], *, private: bool = True
) -> None:
    """Write through `produce(binary_stream)` to a temporary file, then rename it into place.

    A failure (a bad filter, a full disk, a killed process) never leaves a partial file at `path`.

    The file keeps the temporary file's mode. `private` (the default) is 0600, readable by its
    owner only: a backup, an attachment and a capture hold confidential data and stay so.
    `private=False` is for a file a person exports to hand on (`monitor export`): it gets the
    mode any newly created file gets, 0666 less the umask.
    """
    folder = path.resolve().parent
    prefix = f"{TEMP_PREFIX}{path.name}."
    if private:
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=prefix, suffix=".part")
    else:
        fd, tmp = _created_as_usual(folder, prefix)
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _created_as_usual(folder: Path, prefix: str) -> tuple[int, str]:
    """A new temporary file opened as `open()` would create it (0666 less the umask: the
    kernel applies it, so the process-wide umask is never changed to read it)."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        name = str(folder / f"{prefix}{secrets.token_hex(6)}.part")
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:  # pragma: no cover - 48 random bits
            continue
