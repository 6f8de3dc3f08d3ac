"""Text out of an uploaded draft: plain text, Markdown or a Word document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from monitor.core import limits
from monitor.errors import InvalidInput

MAX_BYTES = limits.DRAFT_FILE_MB * 2**20


def read_text(filename: str, data: bytes) -> str:
    """The text of a .txt, .md or .docx file; anything else, or a damaged file, is refused."""
    if len(data) > MAX_BYTES:
        raise InvalidInput({"file": ("attachment.too_large", {"max_mb": limits.DRAFT_FILE_MB})})
    suffix = Path(filename).suffix.lower()
    if suffix in (".txt", ".md"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    if suffix == ".docx":
        try:
            document = docx.Document(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            problem = ("import.unreadable", {"reason": type(exc).__name__})
            raise InvalidInput({"file": problem}) from None
        return "\n".join(p.text for p in document.paragraphs)
    raise InvalidInput({"file": ("draft.bad_file", {})})
