"""Import at scale and a mapping a person can use: every bad row counted, bad files refused
in both languages with nothing changed, ids keep their system, the verification policy, the
briefing's round trip, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import zipfile
from datetime import date

import openpyxl
import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.core import demand_mask
from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Evidence, Role, Verification
from monitor.core.permissions import Actor
from monitor.domain import csv_files, import_files
from monitor.domain.import_mapping import ExternalId, ImportMapping, suggested
from monitor.errors import InvalidInput
from monitor.i18n import describe
from monitor.queries.import_mappings import saved_mappings
from monitor.services import briefings, importer
from tests.factories import make_actor, make_evidence

TODAY = date(2026, 11, 23)
HEADER = ["id", "demands", "title", "event start", "region", "source type"]
HEADER += ["source reliability (A-F)", "information credibility (1-6)", "direction"]


def good(i: int, title: str = "") -> list[str]:
    uid = f"00000000-0000-4000-8000-{i:012d}"
    return [uid, "D01; D05", title or f"Row {i}", "2025-03-04", "kherson", "media", "C", "3", "up"]


def body(n: int) -> list[list[str]]:
    return [[*good(i)[:8], "regression"] for i in range(n)]


def csv_bytes(rows: list[list[str]], header: list[str] = HEADER, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8")


def state(engine: sa.Engine) -> tuple[int, int, int]:
    """Entries, audit events, links: what a refused import must leave as it was."""
    with engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(sa.text(f"SELECT count(*) FROM {t}")).scalar() or 0)
            for t in ("evidence", "audit_event", "evidence_demand")
        )


def editor(engine: sa.Engine, name: str = "importer", role: Role = Role.EDITOR) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, name, role)


def run(
    engine: sa.Engine,
    actor: Actor,
    table: import_files.Table,
    mapping: ImportMapping | None = None,
    *,
    trusted: bool = False,
) -> importer.ImportReport:
    with session_scope(engine) as session:
        return importer.import_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=mapping or suggested(table.header),
            today=TODAY,
            trusted=trusted,
            source="test.csv",
        )


def test_every_bad_row_is_counted_and_nothing_is_written(engine: sa.Engine) -> None:
    actor = editor(engine)
    rows = body(5000)
    for i in range(0, 5000, 4):  # 1,250 bad rows, past the first chunk too
        rows[i][3] = "2025-02-30"
    rows[4999][2] = ""
    before = state(engine)
    with pytest.raises(importer.ImportRefused) as refused:
        run(engine, actor, importer.read_table("p.csv", csv_bytes(rows)))
    assert refused.value.count == 1251
    assert len(refused.value.rows) == importer.LISTED
    assert list(refused.value.rows)[:2] == [1, 5]
    assert "1251 rows are invalid" in str(refused.value)
    assert "1251" in describe(refused.value, "uk")
    assert state(engine) == before
    seen: dict[int, object] = {}
    with session_scope(engine) as session:  # the dry run counts the same, names every one
        report = importer.check_rows(
            session=session,
            table=importer.read_table("p.csv", csv_bytes(rows)),
            mapping=suggested(HEADER),
            today=TODAY,
            on_problem=lambda row, problems: seen.setdefault(row, dict(problems)),
        )
    assert (report.invalid, report.created) == (1251, 3749)
    assert len(seen) == 1251 and seen[5000] == {"title": ("invalid.required", {})}


def test_a_thousand_rows_import_then_change_nothing(engine: sa.Engine) -> None:
    actor = editor(engine)
    data = csv_bytes(body(3000))
    first = run(engine, actor, importer.read_table("p.csv", data))
    assert (first.created, first.unchanged) == (3000, 0)
    counted = state(engine)
    assert counted[0] == 3000 and counted[2] == 6000
    second = run(engine, actor, importer.read_table("p.csv", data))
    assert (second.created, second.updated, second.unchanged) == (0, 0, 3000)
    with Session(engine) as session:
        assert demand_mask.mismatches(session) == 0
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "import")).all()
        assert [e.after["created"] for e in events if e.after] == [3000, 0]
        assert events[0].after and events[0].after["verification"] == "unverified"
        entry = session.exec(select(Evidence).where(Evidence.title == "Row 7")).one()
        history = session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "evidence", AuditEvent.entity_id == str(entry.id)
            )
        ).all()
    assert [e.action for e in history] == ["create"]  # an imported entry's history begins
    assert history[0].after == {
        "id": entry.id,
        "uid": entry.uid,
        "version": 1,
        "verification": "unverified",
        "demands": ["D01", "D05"],
        "import": "test.csv",
    }
    assert history[0].actor_id == actor.id
    assert state(engine)[1] == counted[1] + 1  # the unchanged import: its one audit record


def test_a_file_with_two_rows_of_one_id_names_both(engine: sa.Engine) -> None:
    actor = editor(engine)
    rows = body(2500)
    rows[2400][0] = rows[3][0]  # the same id in another chunk
    with pytest.raises(importer.ImportRefused) as refused:
        run(engine, actor, importer.read_table("p.csv", csv_bytes(rows)))
    assert list(refused.value.rows) == [2401]
    assert refused.value.rows[2401]["uid"] == ("invalid.repeated_row", {"row": 4})
    assert state(engine)[0] == 0
    with session_scope(engine) as session:  # a dry run counts each row once
        report = importer.check_rows(
            session=session,
            table=importer.read_table("p.csv", csv_bytes(rows)),
            mapping=suggested(HEADER),
            today=TODAY,
        )
    assert (report.created, report.invalid, report.rows) == (2499, 1, 2500)


def bomb() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 2**20))  # packs 1,000 to 1
    return out.getvalue()


def wide() -> bytes:
    return csv_bytes([["x"] * 1000], header=[f"column {i}" for i in range(1000)])


def huge_cell() -> bytes:
    return csv_bytes([[*good(1)[:4], "x" * (10 * 2**20), *good(1)[5:]]])


BAD_FILES = {
    "an empty file": ("rows.csv", b"", "import.empty"),
    "a header only": ("rows.csv", b"id,title\r\n", "import.no_rows"),
    "a binary file": ("rows.csv", b"%PDF-1.7\n" + bytes(range(256)) * 4, "import.binary"),
    "a NUL in the text": ("rows.csv", b"id,title\nx\x00y,z\n", "import.binary"),
    "a zip bomb named .xlsx": ("rows.xlsx", bomb(), "import.zip_bomb"),
    "not a zip named .xlsx": ("rows.xlsx", b"id,title\n1,2\n", "import.unreadable"),
    "1,000 columns": ("rows.csv", wide(), "import.too_many_columns"),
    "a 10 MB cell": ("rows.csv", huge_cell(), "import.cell_too_long"),
    "a file of another type": ("rows.pdf", b"%PDF", "import.bad_type"),
    "two columns of one name": ("rows.csv", b"title,title\na,b\n", "import.same_column_twice"),
}


@pytest.mark.parametrize("case", BAD_FILES)
def test_a_bad_file_is_refused_in_both_languages(case: str) -> None:
    name, data, key = BAD_FILES[case]
    with pytest.raises(InvalidInput) as refused:
        table = importer.read_table(name, data)
        list(table.rows())
    assert refused.value.problems["file"][0] == key
    uk, en = describe(refused.value, "uk"), describe(refused.value, "en")
    assert uk != en and "{" not in uk + en


def test_a_file_in_two_encodings_is_refused_mid_import_and_nothing_stays(
    engine: sa.Engine,
) -> None:
    actor = editor(engine)
    data = csv_bytes(body(2500)) + ",".join(good(9999, "Херсон")).encode("cp1251") + b"\r\n"
    before = state(engine)
    with pytest.raises(InvalidInput) as refused:  # the first chunk was written, then undone
        run(engine, actor, importer.read_table("mixed.csv", data))
    assert refused.value.problems["file"] == (
        "import.mixed_encoding",
        {"line": 2502, "encoding": "UTF-8", "utf8": "UTF-8"},
    )
    assert "2502" in describe(refused.value, "uk")
    assert state(engine) == before
    ukrainian = [[*good(i)[:2], f"Обшук у Херсоні {i}", *good(i)[3:]] for i in range(30)]
    cp1251 = csv_bytes(ukrainian).decode().encode("cp1251")
    later = ",".join(good(77, "Обшук у Херсоні")).encode("utf-8") + b"\r\n"
    with pytest.raises(InvalidInput) as other_way:  # Windows-1251 first, then a UTF-8 line
        list(importer.read_table("m.csv", cp1251 + later).rows())
    assert other_way.value.problems["file"][0] == "import.mixed_encoding"
    assert other_way.value.problems["file"][1]["line"] == 32


def test_a_wrong_delimiter_is_named_once_for_the_file(engine: sa.Engine) -> None:
    actor = editor(engine)
    data = csv_bytes(body(3), delimiter="|").replace(b"|", b"#")  # a separator nobody uses
    before = state(engine)
    with pytest.raises(InvalidInput) as refused:
        run(engine, actor, importer.read_table("p.csv", data))
    assert set(refused.value.problems) == {"demands", "title", "event_start", "region_code"} | {
        "source_type",
        "reliability",
        "credibility",
        "direction",
    }
    assert describe(refused.value, "uk").count("жодна колонка") == 8  # once a field, not a row
    assert state(engine) == before


def test_the_delimiter_comes_from_the_header_not_a_long_first_row() -> None:
    long_text = "word, " * 5000  # 30,000 characters of commas in the first row
    rows = [[*good(1)[:3], "2025-03-04", "kherson", "media", "C", "3", "regression"]]
    rows[0][2] = long_text
    data = csv_bytes(rows, delimiter=";")
    table = importer.read_table("excel.csv", data)
    assert table.delimiter == ";" and table.header == tuple(HEADER)
    assert next(table.rows())[1][2] == long_text
    tabbed = importer.read_table("t.tsv", data.replace(b";", b"\t"))
    assert tabbed.delimiter == "\t"


def test_windows_1251_utf8_with_bom_and_xlsx_read_alike() -> None:
    rows = [[*good(1)[:2], "Затримання «лапки»", *good(1)[3:8], "regression"]]
    text = csv_bytes(rows, delimiter=";").decode()
    for data, encoding in (
        (text.encode("cp1251"), "cp1251"),
        (text.encode("utf-8-sig"), "utf-8-sig"),
        (text.encode("utf-16"), "utf-16"),
    ):
        table = importer.read_table("ua.csv", data)
        assert table.encoding == encoding
        assert next(table.rows())[1][2] == "Затримання «лапки»"
    book = openpyxl.Workbook()
    book.active.append(HEADER)
    book.active.append([*rows[0][:6], "C", 3, "regression"])
    buffer = io.BytesIO()
    book.save(buffer)
    assert next(importer.read_table("ua.xlsx", buffer.getvalue()).rows())[1][7] == "3"


KOBO = ["_id", "_uuid", "title", "when", "oblast", "demands", "_submission_time"]


def test_external_ids_keep_their_system_and_defaults_fill_what_a_form_lacks(
    engine: sa.Engine,
) -> None:
    actor = editor(engine)
    rows = [
        ["1", "5b7f7c1e-0000-4000-8000-000000000001", "Затримання", "2025-06-01", "kherson", "D01"],
        ["2", "5b7f7c1e-0000-4000-8000-000000000002", "Обшук", "2025-06-02", "crimea", "D02"],
    ]
    data = csv_bytes([[*r, "2025-06-03T10:00:00"] for r in rows], header=KOBO)
    mapping = ImportMapping(
        {"title": "title", "when": "event_start", "oblast": "region_code", "demands": "demands"},
        {"source_type": "ngo_report", "reliability": "B", "credibility": "2"},
        ExternalId("kobo", "_uuid"),
    )
    with pytest.raises(InvalidInput) as missing:  # a required field nothing gives: once
        run(engine, actor, importer.read_table("kobo.csv", data), mapping)
    assert missing.value.problems == {"direction": ("import.unmapped", {})}
    complete = mapping.with_changes(defaults={"direction": "regression"})
    assert run(engine, actor, importer.read_table("kobo.csv", data), complete).created == 2
    again = run(engine, actor, importer.read_table("kobo.csv", data), complete)
    assert again.unchanged == 2
    with Session(engine) as session:
        uids = sorted(session.exec(select(Evidence.uid)).all())
    assert uids == [
        "kobo:5b7f7c1e-0000-4000-8000-000000000001",
        "kobo:5b7f7c1e-0000-4000-8000-000000000002",
    ]


def test_verification_is_kept_only_from_a_trusted_source(engine: sa.Engine) -> None:
    actor = editor(engine)
    header = [*HEADER, "verification"]
    rows = [[*r, "верифіковано"] for r in body(3)]
    table = importer.read_table("partner.csv", csv_bytes(rows, header=header))
    assert run(engine, actor, table).created == 3
    with Session(engine) as session:
        assert set(session.exec(select(Evidence.verification)).all()) == {Verification.UNVERIFIED}
    other = [[f"10000000-0000-4000-8000-{i:012d}", *r[1:]] for i, r in enumerate(rows)]
    trusted = importer.read_table("trusted.csv", csv_bytes(other, header=header))
    assert run(engine, actor, trusted, trusted=True).created == 3
    with Session(engine) as session:
        states = session.exec(
            select(Evidence.verification).where(col(Evidence.uid).startswith("1000"))
        ).all()
        assert set(states) == {Verification.VERIFIED}
        policies = [
            e.after["verification"]
            for e in session.exec(select(AuditEvent).where(AuditEvent.action == "import"))
            if e.after
        ]
    assert policies == ["unverified", "kept from a trusted source"]
    bad = [[f"20000000-0000-4000-8000-{i:012d}", *r[1:-1], "sure"] for i, r in enumerate(rows)]
    with pytest.raises(importer.ImportRefused) as refused:
        run(
            engine, actor, importer.read_table("b.csv", csv_bytes(bad, header=header)), trusted=True
        )
    assert refused.value.rows[1]["verification"][0] == "invalid.choice"


def test_a_saved_mapping_comes_back_by_name(engine: sa.Engine) -> None:
    actor = editor(engine)
    mapping = ImportMapping({"Назва": "title"}, {"reliability": "B"}, ExternalId("kobo", "_uuid"))
    with session_scope(engine) as session:
        importer.save_mapping(session=session, actor=actor, name="Щомісячна", mapping=mapping)
    with session_scope(engine) as session:  # saved again: replaced, both audited
        importer.save_mapping(session=session, actor=actor, name="Щомісячна", mapping=mapping)
    saved = saved_mappings(engine)
    assert saved["Щомісячна"]["map"] == {"Назва": "title"}
    assert saved["Щомісячна"]["external_id"] == {"system": "kobo", "column": "_uuid"}
    with pytest.raises(InvalidInput) as refused, session_scope(engine) as session:
        importer.save_mapping(session=session, actor=actor, name=" \t", mapping=mapping)
    assert set(refused.value.problems) == {"name"}


def _briefing(engine: sa.Engine, actor: Actor, fmt: csv_files.CsvFormat) -> bytes:
    checked = briefings.check_options(
        engine=engine,
        actor=actor,
        options=briefings.BriefingOptions(lang="uk", include_confidential=True),
    )
    briefing = briefings.build(engine=engine, kind="evidence", options=checked, today=TODAY)
    out = io.BytesIO()
    csv_files.write_csv(out, briefing.header, briefing.rows, fmt, escaped=True)
    return out.getvalue()


def _without_times(data: bytes, fmt: csv_files.CsvFormat) -> list[list[str]]:
    rows = list(
        csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=fmt.delimiter)
    )
    times = [rows[0].index(h) for h in ("внесено (UTC)", "остання зміна (UTC)")]
    return [[c for i, c in enumerate(r) if i not in times] for r in rows]


@pytest.mark.parametrize("fmt", [csv_files.STANDARD, csv_files.EXCEL])
def test_the_evidence_briefing_round_trips_through_an_empty_database(
    engine: sa.Engine, fmt: csv_files.CsvFormat, tmp_path_factory: pytest.TempPathFactory
) -> None:
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        for i in range(40):
            make_evidence(
                session,
                admin,
                title=f"=Подія {i}, «лапки»; -2",
                description="рядок один\n+рядок два",
                demands=("D01", "D10") if i % 2 else ("D03",),
                sensitivity=("public", "restricted", "confidential")[i % 3],
                verification=("unverified", "corroborated", "verified")[i % 3],
                version=1 + i % 4,
            )
    first = _briefing(engine, admin, fmt)
    with session_scope(engine) as session:  # empty the entries, keep the reference data
        session.execute(sa.text("DELETE FROM evidence_demand"))
        session.execute(sa.text("DELETE FROM evidence"))
    table = importer.read_table(f"evidence{fmt.suffix}", first)
    assert table.delimiter == fmt.delimiter
    report = run(engine, admin, table, trusted=True)
    assert report.created == 40
    again = _briefing(engine, admin, fmt)
    assert _without_times(again, fmt) == _without_times(first, fmt)
    assert len(_without_times(first, fmt)) == 41
