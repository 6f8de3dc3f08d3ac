"""CSV bytes as a contract: exact bytes, spreadsheet safety, quoting round trips, the pack."""

from __future__ import annotations

import csv
import hashlib
import io
import itertools
import zipfile

import pandas as pd
import pytest

from monitor.core.files import write_atomically
from monitor.domain import csv_files
from tests.views import csv_bytes


def test_exact_bytes_of_a_small_briefing() -> None:
    data = csv_bytes(
        ["код", "назва"], [["D01", "Звільнення, «цивільних»"], ["D02", 'a "quoted"\nline']]
    )
    assert data == (
        b"\xef\xbb\xbf"
        + 'код,назва\r\nD01,"Звільнення, «цивільних»"\r\nD02,"a ""quoted""\nline"\r\n'.encode()
    )


def test_excel_variant_uses_semicolons() -> None:
    data = csv_bytes(["a", "b"], [["1;2", "x"]], csv_files.EXCEL)
    assert data == b'\xef\xbb\xbfa;b\r\n"1;2";x\r\n'


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=1+2", "'=1+2"),
        ("+SUM(A1)", "'+SUM(A1)"),
        ("-2+3", "'-2+3"),
        ("@cmd", "'@cmd"),
        ("\t=x", "'\t=x"),
        ("\r=y", "'\r'=y"),
        ("plain", "plain"),
        ("", ""),
        (-5, -5),
        (None, None),
    ],
)
def test_formula_cells_are_neutralised_numbers_are_not(value: object, expected: object) -> None:
    assert csv_files.safe_cell(value) == expected
    data = csv_bytes(["v"], [[value]])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    cell = rows[1][0] if len(rows) > 1 and rows[1] else ""
    assert cell == ("" if expected is None else str(expected))


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("'\r=1+1", "''\r'=1+1"),  # LibreOffice split this at the CR and ran the second line
        ("\r=1+1", "'\r'=1+1"),
        ("line\n=1+1", "line\n'=1+1"),
        ("line\r+1", "line\r'+1"),
        ("line\r\n-1", "line\r\n'-1"),  # a CRLF stays whole
        ("a\n@b\n\tc", "a\n'@b\n'\tc"),
        ("a\n\n=1", "a\n\n'=1"),
        ("a\r\n\r\nb", "a\r\n\r\nb"),  # blank lines and plain lines stay as they are
        ("'=x", "''=x"),  # an apostrophe already there is kept: the import takes one off
        ("a\n'-x", "a\n''-x"),
        ("'x", "'x"),
        ("it's\nfine", "it's\nfine"),
        ("Звільнення\n=1+1", "Звільнення\n'=1+1"),
    ],
)
def test_every_line_of_a_cell_is_guarded_and_comes_back(value: str, expected: str) -> None:
    assert csv_files.safe_cell(value) == expected
    assert csv_files.unescape_cell(expected) == value
    rows = list(
        csv.reader(io.StringIO(csv_bytes(["v"], [[value]]).decode("utf-8-sig"), newline=""))
    )
    assert rows[1] == [expected]


def _cells_a_reader_may_see(text: str) -> list[str]:
    """What a reader may take for a cell: the whole text, and whatever follows a CR or LF,
    with the line breaks a lenient reader skips taken off."""
    starts = [0] + [i + 1 for i, ch in enumerate(text) if ch in "\r\n"]
    return [text] + [text[i:].lstrip("\r\n") for i in starts]


def test_no_line_of_any_short_text_starts_a_formula_and_nothing_is_lost() -> None:
    alphabet = "'=+-@\t\r\nx"
    texts = ("".join(t) for n in range(6) for t in itertools.product(alphabet, repeat=n))
    for text in texts:
        guarded = csv_files.safe_cell(text)
        assert not guarded.startswith(("=", "+", "-", "@", "\t", "\r", "\n")), repr(text)
        for cell in _cells_a_reader_may_see(guarded):
            assert not cell.startswith(("=", "+", "-", "@", "\t")), repr(text)
        assert guarded.replace("'", "") == text.replace("'", ""), repr(text)
        assert csv_files.unescape_cell(guarded) == text, repr(text)


HOSTILE = [
    '=HYPERLINK("http://x","y")',
    "comma, inside",
    'quote " inside',
    "new\nline",
    "Ωмега 🕊️",
    "  spaces  ",
]


@pytest.mark.parametrize("fmt", [csv_files.STANDARD, csv_files.EXCEL])
def test_round_trip_through_csv_module_and_pandas(fmt: csv_files.CsvFormat) -> None:
    data = csv_bytes(["id", "text"], [[i, v] for i, v in enumerate(HOSTILE)], fmt)
    text = data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=fmt.delimiter))
    assert [r[1] for r in rows[1:]] == [csv_files.safe_cell(v) for v in HOSTILE]
    frame = pd.read_csv(
        io.BytesIO(data), sep=fmt.delimiter, encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    assert list(frame["text"]) == [csv_files.safe_cell(v) for v in HOSTILE]


def test_pack_has_readme_and_a_manifest_that_verifies() -> None:
    blob = csv_files.pack({"a.csv": b"x,y\n", "b.csv": b"z\n"}, "what is inside\n")
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        names = archive.namelist()
        manifest = archive.read("MANIFEST.sha256").decode()
        for line in manifest.splitlines():
            digest, name = line.split("  ")
            assert hashlib.sha256(archive.read(name)).hexdigest() == digest
    assert set(names) == {"a.csv", "b.csv", "README.txt", "MANIFEST.sha256"}
    assert len(manifest.splitlines()) == 3


def test_write_atomically_leaves_nothing_on_failure(tmp_path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "out.csv"

    def explode(handle) -> None:  # type: ignore[no-untyped-def]
        handle.write(b"partial")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        write_atomically(target, explode)
    assert list(tmp_path.iterdir()) == []
