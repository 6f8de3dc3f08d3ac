"""Files stored once under their SHA-256 (attachments, captures), written atomically."""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def path_for(folder: Path, digest: str) -> Path:
    return folder / digest[:2] / digest


def write_once(folder: Path, data: bytes) -> str:
    """Store `data` under its hash (temporary file, fsync, rename) unless it is there; the hash."""
    digest = sha256(data)
    target = path_for(folder, digest)
    if target.exists():
        return digest
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return digest
