"""An import file as a stream of rows: CSV of any size read line by line, or XLSX read-only.

Nothing here holds the file's rows: `read_table` looks at a fixed sample (the first
`SAMPLE_BYTES`) and the header, and `Table.rows()` streams the data rows each time it is called,
so memory stays flat however many rows a file has.

- Encoding: a byte-order mark says it (UTF-8, or UTF-16 as Excel's "Unicode text" writes it);
  otherwise the sample is UTF-8 if it decodes as UTF-8, else Windows-1251 (a Ukrainian-locale
  Excel's CSV). A file in two encodings is refused at the first line that is not in the file's
  encoding: under Windows-1251, a line that holds letters and decodes as UTF-8 is such a line
  (a Ukrainian word in Windows-1251 is never valid UTF-8).
- Delimiter: the one of comma, semicolon, tab and bar that occurs most often outside quotes in
  the header line (ties go to the comma). Only the header counts, so a 20,000-character first
  data row with commas in its text cannot outvote the semicolons that separate the columns.
- Refused as a whole, with the reason in the reader's language: an empty file, a binary one
  (its type named when known), an XLSX that unpacks to more than it may or packs more than 100
  to 1 (a zip bomb), a header wider than `limits.IMPORT_COLUMNS`, a cell longer than
  `limits.IMPORT_CELL` (its row named).
"""

from __future__ import annotations

import codecs
import csv
import io
import zipfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from pathlib import Path
from typing import IO, Any, NoReturn

import filetype
import openpyxl  # type: ignore[import-untyped, unused-ignore]  # it ships no type information

from monitor.core import files, limits
from monitor.errors import InvalidInput

SAMPLE_BYTES = 64 * 1024
DELIMITERS = (",", ";", "\t", "|")
CSV_SUFFIXES = (".csv", ".txt", ".tsv")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
LINE_BYTES = 16 * 2**20  # a physical line longer than this is refused before it is held
PROGRESS_EVERY = 2000  # rows between two progress reports

Progress = Callable[[float], None]


def _refuse(key: str, **params: Any) -> NoReturn:
    raise InvalidInput({"file": (key, params)})


@dataclass(frozen=True, eq=False)
class Table:
    """A file's header and how to stream its rows again (the bytes of an upload, or a path)."""

    name: str
    kind: str  # "csv", "xlsx", or "rows" (given as values: a form server's submissions)
    header: tuple[str, ...]
    source: bytes | Path | tuple[tuple[str, ...], ...]
    size: int
    encoding: str = ""
    delimiter: str = ""

    @property
    def columns(self) -> list[str]:
        return list(self.header)

    def _open(self) -> IO[bytes]:
        if isinstance(self.source, tuple):
            raise TypeError("rows given as values are not a file")
        return io.BytesIO(self.source) if isinstance(self.source, bytes) else self.source.open("rb")

    def rows(self, progress: Progress | None = None) -> Iterator[tuple[int, list[str]]]:
        """(data row number from 1, its cells as text) for every row after the header; a row
        of nothing but blank cells is skipped but counted, as a spreadsheet counts it."""
        if isinstance(self.source, tuple):
            for number, values in enumerate(self.source, start=1):
                if any(values):
                    yield number, list(values)
            return
        with self._open() as stream:
            rows = (
                _xlsx_rows(stream, progress)
                if self.kind == "xlsx"
                else _csv_rows(stream, self, progress)
            )
            next(rows, None)  # the header
            for number, cells in enumerate(rows, start=1):
                if any(cells):
                    yield number, cells
        if progress is not None:
            progress(1.0)


def table_of(name: str, header: Sequence[str], rows: Iterable[Sequence[str]]) -> Table:
    """Rows given as values (a form server's submissions), checked as a file's header is."""
    values = tuple(tuple(row) for row in rows)
    return Table(name, "rows", _checked_header(list(header)), values, 0)


def read_table(filename: str, source: bytes | Path) -> Table:
    """The file's kind, encoding, delimiter and header, found from a sample; or a refusal."""
    size = len(source) if isinstance(source, bytes) else source.stat().st_size
    if isinstance(source, bytes) and size > limits.IMPORT_FILE_MB * 2**20:
        _refuse("attachment.too_large", max_mb=limits.IMPORT_FILE_MB)
    suffix = Path(filename).suffix.lower()
    if suffix not in (*CSV_SUFFIXES, *XLSX_SUFFIXES):
        _refuse("import.bad_type")
    if size == 0:
        _refuse("import.empty")
    if isinstance(source, bytes):
        sample = source[:SAMPLE_BYTES]
    else:
        with source.open("rb") as stream:
            sample = stream.read(SAMPLE_BYTES)
    if suffix in XLSX_SUFFIXES:
        table = Table(filename, "xlsx", (), source, size)
    else:
        encoding = _encoding(sample, complete=size <= SAMPLE_BYTES)
        delimiter = _delimiter(_header_line(_decoded_sample(sample, encoding)))
        table = Table(filename, "csv", (), source, size, encoding, delimiter)
    with table._open() as stream:
        rows = _xlsx_rows(stream, None) if table.kind == "xlsx" else _csv_rows(stream, table, None)
        header = next(rows, None)
        if header is None or not any(h.strip() for h in header):
            _refuse("import.empty")
        if next(rows, None) is None:
            _refuse("import.no_rows")
    return Table(
        filename, table.kind, _checked_header(header), source, size, table.encoding, table.delimiter
    )


def _checked_header(cells: list[str]) -> tuple[str, ...]:
    """Column names without surrounding spaces and trailing blanks; too many or the same name
    twice is refused (a mapping names columns, so a name must say which one)."""
    header = [c.strip() for c in cells]
    while header and not header[-1]:
        header.pop()
    if len(header) > limits.IMPORT_COLUMNS:
        _refuse("import.too_many_columns", n=len(header), max=limits.IMPORT_COLUMNS)
    named = [h for h in header if h]
    twice = sorted({h for h in named if named.count(h) > 1})
    if twice:
        _refuse("import.same_column_twice", names=", ".join(f"«{h[:80]}»" for h in twice))
    return tuple(header)


# -- CSV --------------------------------------------------------------------------------------


def _encoding(sample: bytes, *, complete: bool) -> str:
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    kind = filetype.guess(sample)
    if kind is not None or b"\x00" in sample:
        _refuse("import.binary", kind=kind.mime if kind is not None else "?")
    try:
        codecs.getincrementaldecoder("utf-8")().decode(sample, final=complete)
    except UnicodeDecodeError:
        return "cp1251"
    return "utf-8"


def _decoded_sample(sample: bytes, encoding: str) -> str:
    return codecs.getincrementaldecoder(encoding)(errors="replace").decode(sample, final=False)


def _header_line(text: str) -> str:
    """The first line of the text that is not inside quotes (a header may quote a break)."""
    quoted = False
    for index, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char in "\r\n" and not quoted:
            return text[:index]
    return text


def _delimiter(line: str) -> str:
    counts = dict.fromkeys(DELIMITERS, 0)
    quoted = False
    for char in line:
        if char == '"':
            quoted = not quoted
        elif not quoted and char in counts:
            counts[char] += 1
    best = max(DELIMITERS, key=lambda d: counts[d])  # max keeps the first of equals: comma
    return best if counts[best] else ","


def _lines(stream: IO[bytes], encoding: str, seen: list[int]) -> Iterator[str]:
    """The file's physical lines as text, each checked to be in the file's one encoding;
    `seen[0]` counts the bytes read (for progress)."""
    number = 0
    if encoding == "utf-16":
        text = io.TextIOWrapper(stream, encoding="utf-16", newline="")
        try:
            for line in text:
                number += 1
                seen[0] += 2 * len(line)
                yield line
        except UnicodeDecodeError:
            _refuse("import.mixed_encoding", line=number + 1, encoding="UTF-16", utf8="UTF-8")
        return
    codec = "utf-8" if encoding.startswith("utf-8") else encoding
    while raw := stream.readline(LINE_BYTES):
        number += 1
        seen[0] += len(raw)
        if len(raw) == LINE_BYTES and not raw.endswith(b"\n"):
            _refuse("import.line_too_long", line=number, max_mb=LINE_BYTES // 2**20)
        if number == 1 and raw.startswith(codecs.BOM_UTF8):
            raw = raw[len(codecs.BOM_UTF8) :]
        try:
            line = raw.decode(codec)
        except UnicodeDecodeError:
            _refuse(
                "import.mixed_encoding",
                line=number,
                encoding=_encoding_name(encoding),
                utf8="UTF-8",
            )
        if codec == "cp1251" and not raw.isascii() and _is_utf8(raw):
            _refuse(
                "import.mixed_encoding",
                line=number,
                encoding=_encoding_name(encoding),
                utf8="UTF-8",
            )
        yield line


def _is_utf8(raw: bytes) -> bool:
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _encoding_name(encoding: str) -> str:
    return "Windows-1251" if encoding == "cp1251" else "UTF-8"


def _csv_rows(stream: IO[bytes], table: Table, progress: Progress | None) -> Iterator[list[str]]:
    seen = [0]
    reader = csv.reader(_lines(stream, table.encoding, seen), delimiter=table.delimiter)
    count = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            if "field larger" in str(exc):
                _refuse("import.cell_too_long", row=count, max=limits.IMPORT_CELL)
            _refuse("import.bad_line", row=count, reason=str(exc)[:200])
        if cells and max(map(len, cells)) > limits.IMPORT_CELL:
            _refuse("import.cell_too_long", row=count, max=limits.IMPORT_CELL)
        if progress is not None and count % PROGRESS_EVERY == 0 and table.size:
            progress(min(seen[0] / table.size, 1.0))
        count += 1
        yield cells


# -- XLSX -------------------------------------------------------------------------------------


def _check_zip(stream: IO[bytes], size: int) -> None:
    """The archive's directory before anything is unpacked: sizes declared within the limit
    and not packed too well. (zipfile stops a member at its declared size, so a member cannot
    unpack to more than the directory says.)"""
    try:
        infos = zipfile.ZipFile(stream).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        _refuse("import.unreadable", reason=type(exc).__name__)
    total = sum(i.file_size for i in infos)
    if total > limits.IMPORT_XLSX_UNPACKED_MB * 2**20:
        _refuse("import.unpacks_too_large", max_mb=limits.IMPORT_XLSX_UNPACKED_MB)
    for info in infos:
        if files.too_packed(info.file_size, info.compress_size) or info.flag_bits & 0x1:
            _refuse("import.zip_bomb", max=files.ZIP_RATIO_LIMIT)
    if files.too_packed(total, size):
        _refuse("import.zip_bomb", max=files.ZIP_RATIO_LIMIT)
    stream.seek(0)


def _cell_text(value: object) -> str:
    """A cell as the text a person sees: whole numbers without ".0", dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time() else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _xlsx_rows(stream: IO[bytes], progress: Progress | None) -> Iterator[list[str]]:
    size = stream.seek(0, io.SEEK_END)
    stream.seek(0)
    _check_zip(stream, size)
    try:
        book = openpyxl.load_workbook(stream, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged file
        _refuse("import.unreadable", reason=type(exc).__name__)
    try:
        sheet = book.worksheets[0]
        total = sheet.max_row or 0
        rows = sheet.iter_rows(values_only=True)
        count = 0
        while True:
            try:
                values = next(rows)
            except StopIteration:
                return
            except Exception as exc:  # a damaged sheet mid-way
                _refuse("import.unreadable", reason=type(exc).__name__)
            cells = [_cell_text(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if any(len(c) > limits.IMPORT_CELL for c in cells):
                _refuse("import.cell_too_long", row=count, max=limits.IMPORT_CELL)
            if progress is not None and total and count % PROGRESS_EVERY == 0:
                progress(min(count / total, 1.0))
            count += 1
            yield cells
    finally:
        book.close()
