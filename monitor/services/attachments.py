"""Files attached to evidence: size-limited, type-checked, stored once under their SHA-256.

The file is written (atomically, by rename) before the row is committed, so a committed row
always has its file; a crash in between can leave a file no row names, which `orphans` finds.
"""

from __future__ import annotations

from pathlib import Path

from sqlmodel import Session, select

from monitor.core import audit, files, limits
from monitor.core.models import Attachment, Evidence
from monitor.core.permissions import Action, Actor, require
from monitor.errors import InvalidInput, NotFound

MAX_BYTES = limits.ATTACHMENT_MB * 2**20
_TEXT_SUFFIXES = {".txt": "text/plain", ".csv": "text/csv", ".md": "text/markdown"}
_ZIP_SUFFIXES = {
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".odt": "application/vnd.oasis.opendocument.text",
}


def sniff(filename: str, data: bytes) -> str | None:
    """The media type the bytes really are, if it is one we accept and it fits the name."""
    suffix = Path(filename).suffix.lower()
    if data.startswith(b"%PDF-") and suffix == ".pdf":
        return "application/pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n") and suffix == ".png":
        return "image/png"
    if data.startswith(b"\xff\xd8\xff") and suffix in (".jpg", ".jpeg"):
        return "image/jpeg"
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and suffix == ".webp":
        return "image/webp"
    if data.startswith(b"PK\x03\x04") and suffix in _ZIP_SUFFIXES:
        return _ZIP_SUFFIXES[suffix]
    if suffix in _TEXT_SUFFIXES and b"\x00" not in data:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError:
            return None
        return _TEXT_SUFFIXES[suffix]
    return None


def attach(
    *,
    session: Session,
    actor: Actor,
    evidence_id: int,
    filename: str,
    data: bytes,
    folder: Path,
    max_bytes: int = MAX_BYTES,
) -> Attachment:
    """Attach a file to an entry; the same file twice on one entry is kept once."""
    require(actor, Action.EDIT)
    if session.get(Evidence, evidence_id) is None:
        raise NotFound(key="not_found.evidence", id=evidence_id)
    name = Path(filename).name[: limits.FILENAME]
    if not name.strip() or any(ord(ch) < 32 for ch in name):
        raise InvalidInput({"file": ("attachment.bad_name", {})})
    if len(data) > max_bytes:
        raise InvalidInput({"file": ("attachment.too_large", {"max_mb": max_bytes // 2**20})})
    media_type = sniff(name, data)
    if media_type is None:
        raise InvalidInput({"file": ("attachment.bad_type", {})})
    sha256 = files.sha256(data)
    existing = session.exec(
        select(Attachment).where(Attachment.evidence_id == evidence_id, Attachment.sha256 == sha256)
    ).first()
    if existing is not None:
        return existing
    files.write_once(folder, data)
    row = Attachment(
        evidence_id=evidence_id,
        sha256=sha256,
        filename=name,
        media_type=media_type,
        size=len(data),
        created_by=actor.id,
    )
    session.add(row)
    session.flush()
    audit.record(session, actor, "attach", "evidence", evidence_id, after=audit.snapshot(row))
    return row


def orphans(*, session: Session, folder: Path) -> list[Path]:
    """Stored files that no attachment row names (left by a crash between write and commit)."""
    known = set(session.exec(select(Attachment.sha256)).all())
    if not folder.exists():
        return []
    return [
        p
        for p in folder.glob("??/*")
        if p.is_file() and not p.name.startswith(".") and p.name not in known
    ]


def sweep(*, session: Session, folder: Path) -> int:
    """Remove what a crash between writing a file and committing its row left behind: files no
    attachment names and unfinished temporary files. Run at start; returns how many went."""
    removed = 0
    if folder.exists():
        for path in folder.glob("??/.tmp-*"):
            path.unlink(missing_ok=True)
            removed += 1
    for path in orphans(session=session, folder=folder):
        path.unlink(missing_ok=True)
        removed += 1
    return removed
