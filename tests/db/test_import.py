"""Bulk import: all or nothing, stable ids, re-import changes nothing, spreadsheet formats."""

from __future__ import annotations

import csv
import io
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Evidence, Role
from monitor.services import importer
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
HEADER = [
    "id",
    "demands",
    "title",
    "description",
    "event start",
    "region",
    "source type",
    "source reliability (A-F)",
    "information credibility (1-6)",
    "direction",
    "people concerned",
]


def rows(n: int) -> list[list[str]]:
    return [
        [
            f"00000000-0000-4000-8000-{i:012d}",
            "D01; D10" if i % 2 else "D05",
            f"Row {i} «лапки», коми",
            f"Line one\nline two {i}",
            f"2025-{1 + i % 12:02d}-{1 + i % 28:02d}",
            "kherson",
            "media",
            "C",
            "3",
            "regression",
            str(i % 7),
        ]
        for i in range(n)
    ]


def csv_bytes(body: list[list[str]], *, delimiter: str = ",", encoding: str = "utf-8-sig") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(HEADER)
    writer.writerows(body)
    return out.getvalue().encode(encoding)


def count(engine: sa.Engine) -> int:
    with Session(engine) as session:
        return int(session.exec(select(sa.func.count()).select_from(Evidence)).one())


def run_import(engine: sa.Engine, name: str, data: bytes) -> importer.ImportReport:
    table = importer.read_table(name, data)
    with session_scope(engine) as session:
        actor = make_actor(session, "importer", Role.EDITOR)
        return importer.import_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )


def test_one_bad_row_among_500_imports_nothing(engine: sa.Engine) -> None:
    body = rows(500)
    body[317][4] = "2025-02-30"
    with pytest.raises(importer.ImportRefused) as info:
        run_import(engine, "partner.csv", csv_bytes(body))
    assert list(info.value.rows) == [318]
    assert info.value.rows[318]["event_start"][0] == "invalid.date"
    assert "row 318" in str(info.value)
    assert count(engine) == 0
    with Session(engine) as session:
        assert not session.exec(select(AuditEvent).where(AuditEvent.action == "import")).first()


def test_import_then_reimport_changes_nothing(engine: sa.Engine) -> None:
    data = csv_bytes(rows(500))
    first = run_import(engine, "partner.csv", data)
    assert (first.created, first.updated, first.unchanged) == (500, 0, 0)
    assert count(engine) == 500
    second = run_import(engine, "partner.csv", data)
    assert (second.created, second.updated, second.unchanged) == (0, 0, 500)
    assert count(engine) == 500
    with Session(engine) as session:
        stored = session.exec(
            select(Evidence).where(Evidence.uid == "00000000-0000-4000-8000-000000000003")
        ).one()
        assert stored.title == "Row 3 «лапки», коми"
        assert stored.description == "Line one\nline two 3"
        assert stored.version == 1


def test_rows_without_ids_get_content_ids(engine: sa.Engine) -> None:
    body = [["", *r[1:]] for r in rows(5)]
    assert run_import(engine, "no-ids.csv", csv_bytes(body)).created == 5
    assert run_import(engine, "no-ids.csv", csv_bytes(body)).unchanged == 5
    assert count(engine) == 5


def test_update_by_id_needs_the_current_version(engine: sa.Engine) -> None:
    run_import(engine, "a.csv", csv_bytes(rows(3)))
    changed = rows(3)
    changed[1][2] = "Corrected title"
    with pytest.raises(importer.ImportRefused) as info:
        run_import(engine, "b.csv", csv_bytes(changed))
    assert info.value.rows[2]["version"][0] == "import.version_needed"
    header_with_version = [*HEADER, "version"]
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header_with_version)
    writer.writerows([[*r, "1"] for r in changed])
    report = run_import(engine, "c.csv", out.getvalue().encode())
    assert (report.updated, report.unchanged) == (1, 2)
    out2 = io.StringIO()
    csv.writer(out2).writerows(
        [header_with_version, [*changed[1][:2], "Stale", *changed[1][3:], "1"]]
    )
    with pytest.raises(importer.ImportRefused) as stale:
        run_import(engine, "d.csv", out2.getvalue().encode())
    assert stale.value.rows[1]["version"][0] == "import.stale_version"


def test_semicolon_windows_1251_and_xlsx(engine: sa.Engine) -> None:
    body = rows(4)
    assert (
        run_import(
            engine, "excel-ua.csv", csv_bytes(body, delimiter=";", encoding="cp1251")
        ).created
        == 4
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for r in rows(6)[4:]:
        sheet.append(r)
    buffer = io.BytesIO()
    book.save(buffer)
    assert run_import(engine, "kobo.xlsx", buffer.getvalue()).created == 2
    assert count(engine) == 6


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("notes.pdf", b"%PDF-1.4", "import.bad_type"),
        ("broken.xlsx", b"not a zip", "import.unreadable"),
    ],
)
def test_unreadable_files_are_refused_clearly(name: str, data: bytes, key: str) -> None:
    with pytest.raises(importer.InvalidInput) as info:
        importer.read_table(name, data)
    assert info.value.problems["file"][0] == key


def test_ukrainian_headers_are_recognised() -> None:
    mapping = importer.suggest_mapping(
        ["ідентифікатор", "Вимоги", "назва", "початок подій", "регіон", "Unknown"]
    )
    assert mapping == {
        "ідентифікатор": "uid",
        "Вимоги": "demands",
        "назва": "title",
        "початок подій": "event_start",
        "регіон": "region_code",
    }
