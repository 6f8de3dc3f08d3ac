"""Text out of an uploaded draft: plain text, Markdown or a Word document."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from monitor.validation import refuse

MAX_BYTES = 5 * 2**20


def read_text(filename: str, data: bytes) -> str:
    """The text of a .txt, .md or .docx file; anything else, or a damaged file, is refused."""
    if len(data) > MAX_BYTES:
        raise refuse({"file": ("attachment.too_large", {"max_mb": MAX_BYTES // 2**20})})
    suffix = Path(filename).suffix.lower()
    if suffix in (".txt", ".md"):
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    if suffix == ".docx":
        import docx  # python-docx; imported here because only this upload needs it

        try:
            document = docx.Document(io.BytesIO(data))
        except (zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise refuse({"file": ("import.unreadable", {"reason": type(exc).__name__})}) from None
        return "\n".join(p.text for p in document.paragraphs)
    raise refuse({"file": ("draft.bad_file", {})})
