"""CSV bytes for spreadsheets: safe cells, a byte-order mark, RFC 4180 quoting, streamed.

Two variants: the standard RFC 4180 file (comma) and the Excel variant that a Ukrainian-locale
Excel opens correctly (semicolon). Both end lines with CRLF (so a lone CR or LF inside a cell is
always quoted) and are UTF-8 with a BOM so Excel shows Cyrillic.
"""

from __future__ import annotations

import csv
import io
import re
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from monitor.core.files import sha256

# OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet. (A NUL
# is never stored: input models refuse it.)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
# A reader may split a quoted cell at a line break (LibreOffice does, opening a file with
# separators it guessed), so every line of a cell is guarded as a cell of its own. A break right
# after a break only starts the next line, which is guarded in turn: CR and LF are triggers at
# the start of the cell only, and a CRLF keeps its two characters together.
LINE_BREAKS = ("\r", "\n")
LINE_STARTS = tuple(c for c in FORMULA_STARTS if c not in LINE_BREAKS)
# A reader that guessed the wrong separator (LibreOffice opening the Excel variant without
# import options splits at commas; Excel in a Ukrainian locale splits the standard file at
# semicolons) makes a cell of what follows a comma or semicolon too: guarded the same way.
SEPARATORS = (",", ";")
CELL_SPLITS = (*LINE_BREAKS, *SEPARATORS)
GUARD = "'"


def _char_class(chars: Iterable[str]) -> str:
    """A bracket expression that Python's re and PostgreSQL read alike ("-" last: a literal)."""
    return "[" + "".join(sorted(dict.fromkeys(chars), key=lambda c: c == "-")) + "]"


def _at_line_starts(insert: str) -> str:
    """A pattern for the start of the cell and of each line inside it that a spreadsheet could
    take for a formula, followed by `insert`. A text that already begins with apostrophes before
    a trigger counts too, so the guard can be taken off again exactly ('=x is exported ''=x)."""
    first = f"^{insert}(?={GUARD}*{_char_class(FORMULA_STARTS)})"
    later = f"(?<={_char_class(CELL_SPLITS)}){insert}(?={GUARD}*{_char_class(LINE_STARTS)})"
    return f"{first}|{later}"


# The one definition of the guard: an apostrophe wherever GUARD_PATTERN matches (it matches
# empty strings). safe_cell, the writer and the SQL form in monitor.queries.briefings apply this
# pattern; the import's unescape_cell removes what UNGUARD_PATTERN matches.
GUARD_PATTERN = _at_line_starts("")
UNGUARD_PATTERN = _at_line_starts(GUARD)
# Whether a text can need the guard at all, cheap enough for SQL to ask before it applies the
# pattern: its first character, a line break inside, or a separator right before a trigger
GUARD_FIRSTS = (*FORMULA_STARTS, GUARD)
SEPARATOR_CLASS = _char_class(SEPARATORS)
AFTER_SEPARATOR_CLASS = _char_class((*LINE_STARTS, GUARD))
_GUARDED = re.compile(GUARD_PATTERN)
_UNGUARDED = re.compile(UNGUARD_PATTERN)


@dataclass(frozen=True)
class CsvFormat:
    delimiter: str = ","
    lineterminator: str = "\r\n"

    @property
    def suffix(self) -> str:
        return "-excel.csv" if self.delimiter == ";" else ".csv"


STANDARD = CsvFormat()
EXCEL = CsvFormat(delimiter=";", lineterminator="\r\n")


def safe_cell(value: Any) -> Any:
    """Neutralise text a spreadsheet would run as a formula, on every line; numbers stay
    numbers, and no character is lost."""
    if isinstance(value, str):
        return _GUARDED.sub(GUARD, value)
    return value


def unescape_cell(value: Any) -> Any:
    """Undo the guard ('=x -> =x on each line), so an exported briefing imports back exactly."""
    if isinstance(value, str):
        return _UNGUARDED.sub("", value)
    return value


def write_csv(
    out: IO[bytes],
    header: Sequence[str],
    rows: Iterable[Sequence[Any]],
    fmt: CsvFormat = STANDARD,
    *,
    escaped: bool = False,
) -> int:
    """Write header and rows to a binary stream, row by row; returns the number of data rows.

    `escaped=True` says the rows already passed the guard (the evidence briefing does it
    per text column while converting, which saves a pass over every cell of 100,000 rows).
    """
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(
        text, delimiter=fmt.delimiter, lineterminator=fmt.lineterminator, quoting=csv.QUOTE_MINIMAL
    )
    writer.writerow([safe_cell(h) for h in header])
    count = 0
    if escaped:
        for row in rows:
            writer.writerow(row)
            count += 1
    else:
        for row in rows:
            writer.writerow([_GUARDED.sub(GUARD, v) if type(v) is str else v for v in row])
            count += 1
    text.flush()
    text.detach()
    return count


def pack(files: dict[str, bytes], readme: str) -> bytes:
    """A zip with the files, README.txt and MANIFEST.sha256 (sha256sum format) of them all."""
    members = {**files, "README.txt": readme.encode("utf-8")}
    manifest = "".join(f"{sha256(data)}  {name}\n" for name, data in members.items())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        archive.writestr("MANIFEST.sha256", manifest)
    return buffer.getvalue()
