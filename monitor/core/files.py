"""Files on disk: the one SHA-256, the one atomic write, and files stored once under their hash."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import IO

TEMP_PREFIX = ".tmp-"  # what a crash can leave behind; swept at start


def sha256(data: bytes) -> str:
    """The hex SHA-256 of some bytes: how stored files are named and manifests are written."""
    return hashlib.sha256(data).hexdigest()


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


def write_atomically(path: Path, produce: Callable[[IO[bytes]], object]) -> None:
    """Write through `produce(binary_stream)` to a temporary file, then rename it into place.

    A failure (a bad filter, a full disk, a killed process) never leaves a partial file at `path`.
    """
    folder = path.resolve().parent
    fd, tmp = tempfile.mkstemp(dir=folder, prefix=f"{TEMP_PREFIX}{path.name}.", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            produce(handle)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
