"""CSV bytes for spreadsheets: safe cells, a byte-order mark, RFC 4180 quoting, streamed.

Two variants: the standard RFC 4180 file (comma) and the Excel variant that a Ukrainian-locale
Excel opens correctly (semicolon). Both end lines with CRLF (so a lone CR or LF inside a cell is
always quoted) and are UTF-8 with a BOM so Excel shows Cyrillic.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from monitor.core.files import sha256

# OWASP CSV injection: a cell starting with one of these is a formula to a spreadsheet. The one
# definition of the guard: safe_cell, the writer's loop, the SQL form in monitor.queries.briefings
# and the import's unescape_cell all read it. (A NUL is never stored: input models refuse it.)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_FORMULA = frozenset(FORMULA_STARTS)
GUARD = "'"


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
    """Neutralise text a spreadsheet would run as a formula; numbers stay numbers."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return GUARD + value
    return value


def unescape_cell(value: Any) -> Any:
    """Undo the guard ('=x -> =x), so an exported briefing imports back exactly."""
    if isinstance(value, str) and value.startswith(GUARD) and value[1:2] in _FORMULA:
        return value[1:]
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
    danger = _FORMULA
    if escaped:
        for row in rows:
            writer.writerow(row)
            count += 1
    else:
        for row in rows:
            # safe_cell inlined: this loop runs for every cell
            writer.writerow(
                [(GUARD + v) if type(v) is str and v and v[0] in danger else v for v in row]
            )
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
