"""Briefings read back with csv and pandas, against values the test made itself."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from datetime import UTC, date, datetime

import pandas as pd
import pytest
import sqlalchemy as sa

from monitor.core.db import session_scope
from monitor.core.models import Evidence, Role
from monitor.core.permissions import Actor
from monitor.domain import csv_files
from monitor.domain.columns import EVIDENCE_COLUMNS
from monitor.domain.filters import EvidenceFilters
from monitor.errors import Forbidden, InvalidInput
from monitor.services import briefings, importer
from tests.factories import make_actor, make_assessment, make_evidence
from tests.views import csv_bytes

TODAY = date(2026, 11, 23)
SECRET = "Witness Olena K., phone +380 50 000 0000"
RESTRICTED = "Restricted note about a detention site"


def _seed(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        make_evidence(
            session,
            actor,
            demands=("D01", "D08"),
            title="Public entry",
            description="=cmd|' /C calc'!A0",
            region_code="kherson",
            event_start=date(2025, 3, 1),
            created_at=datetime(2025, 3, 5, tzinfo=UTC),
        )
        make_evidence(
            session,
            actor,
            demands=("D01",),
            title="Second public",
            source_title="-2+3",
            event_start=date(2025, 9, 1),
            created_at=datetime(2026, 11, 20, tzinfo=UTC),
        )
        make_evidence(
            session,
            actor,
            demands=("D02",),
            title="Restricted entry",
            description=RESTRICTED,
            sensitivity="restricted",
        )
        make_evidence(
            session,
            actor,
            demands=("D02",),
            title=SECRET,
            description=SECRET,
            sensitivity="confidential",
        )
        make_evidence(
            session,
            actor,
            demands=("D01",),
            title="Withdrawn",
            withdrawn_at=datetime(2026, 1, 1, tzinfo=UTC),
            withdrawn_reason="duplicate",
        )
        make_assessment(session, actor, "D01", 1, date(2025, 6, 1))
        make_assessment(session, actor, "D01", 2, date(2025, 12, 1))
    return actor


def _csv(engine: sa.Engine, actor: Actor, kind: str, **options: object) -> list[dict[str, str]]:
    checked = briefings.check_options(
        engine=engine, actor=actor, options=briefings.BriefingOptions(**options)
    )  # type: ignore[arg-type]
    briefing = briefings.build(engine=engine, kind=kind, options=checked, today=TODAY)
    data = csv_bytes(briefing.header, briefing.rows, escaped=briefing.escaped)
    assert data.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_evidence_briefing_holds_public_entries_only_by_default(engine: sa.Engine) -> None:
    actor = _seed(engine)
    rows = _csv(engine, actor, "evidence", lang="en")
    assert [r["title"] for r in rows] == ["Public entry", "Second public"]
    first = rows[0]
    assert first["demands"] == "D01; D08"
    assert first["description"] == "'=cmd|' /C calc'!A0"  # formula neutralised
    assert rows[1]["source title"] == "'-2+3"
    assert first["region"] == "Kherson oblast (occupied parts)"
    assert first["direction"] == "Regression"
    assert first["event start"] == "2025-03-01"
    assert rows[1]["logged at (UTC)"] == "2026-11-20T00:00:00Z"
    assert first["version"] == "1"
    assert len(first["id"]) == 36


def test_no_confidential_text_anywhere_in_a_default_pack(engine: sa.Engine) -> None:
    actor = _seed(engine)
    checked = briefings.check_options(
        engine=engine, actor=actor, options=briefings.BriefingOptions(lang="uk")
    )
    blob, counts = briefings.build_pack(
        engine=engine, actor=actor, options=checked, fmt=csv_files.STANDARD, now=datetime.now(UTC)
    )
    assert counts["evidence"] == 2
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode("utf-8-sig")
            assert SECRET not in text and "Olena" not in text, name
            assert RESTRICTED not in text, name


def test_restricted_needs_the_flag_and_confidential_an_admin(engine: sa.Engine) -> None:
    actor = _seed(engine)
    titles = [r["title"] for r in _csv(engine, actor, "evidence", include_restricted=True)]
    assert "Restricted entry" in titles and SECRET not in titles
    with pytest.raises(Forbidden):
        _csv(engine, actor, "evidence", include_confidential=True)
    with pytest.raises(Forbidden):
        _csv(engine, Actor(actor.id, "viewer", Role.VIEWER), "evidence", include_restricted=True)
    admin = Actor(actor.id, "admin", Role.ADMIN)
    assert SECRET in [
        r["title"] for r in _csv(engine, admin, "evidence", include_confidential=True)
    ]


def test_filters_and_refusals(engine: sa.Engine) -> None:
    actor = _seed(engine)
    rows = _csv(engine, actor, "evidence", filters=EvidenceFilters(demands=("D08",)))
    assert [r["title"] for r in rows] == ["Public entry"]
    rows = _csv(engine, actor, "evidence", filters=EvidenceFilters(date_from=date(2025, 6, 1)))
    assert [r["title"] for r in rows] == ["Second public"]
    with pytest.raises(InvalidInput, match="unknown code"):
        _csv(engine, actor, "evidence", filters=EvidenceFilters(demands=("D77",)))
    with pytest.raises(InvalidInput):
        _csv(
            engine,
            actor,
            "evidence",
            filters=EvidenceFilters(date_from=date(2025, 2, 1), date_to=date(2025, 1, 1)),
        )


def test_status_history_and_gaps_match_the_database(engine: sa.Engine) -> None:
    actor = _seed(engine)
    status = {r["demand"]: r for r in _csv(engine, actor, "status", lang="en")}
    assert status["D01"]["current status"] == "2 partial"
    assert status["D01"]["previous status"] == "1 minimal"
    assert status["D01"]["evidence entries"] == "2"  # two public, not withdrawn
    assert status["D01"]["regression"] == "2"
    assert status["D01"]["logged in the last 30 days"] == "1"
    history = _csv(engine, actor, "history", lang="en")
    assert [(r["demand"], r["score (0-3)"]) for r in history] == [("D01", "1"), ("D01", "2")]
    gaps = {r["draft"]: r for r in _csv(engine, actor, "gaps", lang="en")}
    assert gaps["US28-2025-11"]["D02"] == "Contradicts: 21a; 26 (needs legal review)"
    assert gaps["US28-2025-11"]["gaps"] == "9"
    assert (gaps["US28-2025-11"]["contradicts"], gaps["US28-2025-11"]["absent"]) == ("2", "4")
    assert gaps["US28-2025-11"]["confidence of the text"] == "high"
    # a diplomat holding only the file can tell a leaked text from a press summary
    geneva = gaps["GENEVA19-2025-11"]
    assert (geneva["confidence of the text"], geneva["gaps"], geneva["not reported"]) == (
        "low",
        "0",
        "10",
    )
    assert geneva["D03"] == "Not reported"
    assert gaps["UA20-2025-12"]["D01"] == "Explicit: 17 (uncertain)"
    assert gaps["UA20-2025-12"]["sources"].splitlines() == [
        "https://www.ukrinform.net/amp/rubric-polytics/4072955-draft-peace-agreement-zelensky-outlines-20-points-and-reveals-details.html",
        "https://www.pravda.com.ua/eng/news/2025/12/24/8013212",
    ]
    frame = pd.read_csv(
        io.BytesIO(csv_bytes(["a"], [["x"]], csv_files.EXCEL)),
        sep=";",
        encoding="utf-8-sig",
    )
    assert list(frame["a"]) == ["x"]


def test_an_exported_register_imports_back_unchanged(engine: sa.Engine) -> None:
    actor = _seed(engine)
    admin = Actor(actor.id, "admin", Role.ADMIN)
    for lang in ("uk", "en"):
        checked = briefings.check_options(
            engine=engine,
            actor=admin,
            options=briefings.BriefingOptions(lang=lang, include_confidential=True),
        )
        briefing = briefings.build(engine=engine, kind="evidence", options=checked, today=TODAY)
        data = csv_bytes(briefing.header, briefing.rows, csv_files.EXCEL, escaped=True)
        table = importer.read_table("back.csv", data)
        with session_scope(engine) as session:
            report = importer.import_rows(
                session=session,
                actor=actor,
                table=table,
                mapping=importer.suggest_mapping(table.columns),
                today=TODAY,
            )
        assert (report.created, report.updated, report.unchanged) == (0, 0, 4), lang


@pytest.mark.parametrize("kind", briefings.KINDS)
@pytest.mark.parametrize("fmt", [csv_files.STANDARD, csv_files.EXCEL])
def test_every_briefing_reads_back_in_pandas(
    engine: sa.Engine, kind: str, fmt: csv_files.CsvFormat
) -> None:
    actor = _seed(engine)
    checked = briefings.check_options(
        engine=engine, actor=actor, options=briefings.BriefingOptions(lang="uk")
    )
    briefing = briefings.build(engine=engine, kind=kind, options=checked, today=TODAY)
    data = csv_bytes(briefing.header, briefing.rows, fmt, escaped=briefing.escaped)
    frame = pd.read_csv(
        io.BytesIO(data), sep=fmt.delimiter, encoding="utf-8-sig", dtype=str, keep_default_na=False
    )
    with_csv = list(
        csv.reader(io.StringIO(data.decode("utf-8-sig"), newline=""), delimiter=fmt.delimiter)
    )
    assert list(frame.columns) == with_csv[0] == briefing.header
    assert frame.to_numpy().tolist() == with_csv[1:]
    assert (
        len(frame)
        == briefings.build(engine=engine, kind=kind, options=checked, today=TODAY).row_count
    )


# every place a spreadsheet could take a line for a formula, as stored rows may hold it (rows
# written before today's input checks, or restored, may hold a CR even in a title)
HOSTILE_LINES = {
    "title": "=1+1",
    "description": 'first line\r\n=HYPERLINK("http://x","y")\n+1+1\r-1+1\n@SUM(1)\n\t=2+2',
    "source_title": "'=already quoted\n'-and this",
    "settlement_name": "Херсон\r=1+1",
    # a reader that splits at the wrong separator makes a cell of what follows it
    "source_url": "https://example.org/a,=1+1;+2,'-3,plain;text",
}


def test_the_sql_guard_is_the_pure_guard_on_every_line(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        make_evidence(session, actor, **HOSTILE_LINES)
    rows = _csv(engine, actor, "evidence", lang="en")
    assert rows[0]["title"] == "'=1+1"
    assert rows[0]["description"] == (
        "first line\r\n'=HYPERLINK(\"http://x\",\"y\")\n'+1+1\r'-1+1\n'@SUM(1)\n'\t=2+2"
    )
    assert rows[0]["source title"] == "''=already quoted\n''-and this"
    assert rows[0]["settlement"] == "Херсон\r'=1+1"
    assert rows[0]["source URL"] == "https://example.org/a,'=1+1;'+2,''-3,plain;text"
    by_header = {c.field: c.header("en") for c in EVIDENCE_COLUMNS}
    for field, text in HOSTILE_LINES.items():
        assert rows[0][by_header[field]] == csv_files.safe_cell(text), field


IMPORTABLE_HOSTILE = {
    "title": "'=a title that looks guarded",
    "description": "=1+1\n+2\n-3\n@SUM(1)\n\t=4\n'=5\n''-6\n\nplain, last, =7; -8,'@9",
    "source_title": "-2+3",
    "settlement_name": "@Херсон",
}


@pytest.mark.parametrize("fmt", [csv_files.STANDARD, csv_files.EXCEL])
def test_a_guarded_briefing_imports_back_to_the_exact_text(
    engine: sa.Engine, fmt: csv_files.CsvFormat
) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        make_evidence(session, actor, **IMPORTABLE_HOSTILE)
    checked = briefings.check_options(
        engine=engine, actor=actor, options=briefings.BriefingOptions(lang="uk")
    )
    briefing = briefings.build(engine=engine, kind="evidence", options=checked, today=TODAY)
    data = csv_bytes(briefing.header, briefing.rows, fmt, escaped=True)
    assert b"\n'=5" not in data and b"\n''=5" in data  # the guard is there
    table = importer.read_table(f"back{fmt.suffix}", data)
    with session_scope(engine) as session:
        report = importer.import_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )
    assert (report.created, report.updated, report.unchanged) == (0, 0, 1)
    with engine.connect() as conn:
        stored = conn.execute(sa.select(*(getattr(Evidence, f) for f in IMPORTABLE_HOSTILE))).one()
    assert dict(zip(IMPORTABLE_HOSTILE, stored, strict=True)) == IMPORTABLE_HOSTILE


def test_an_export_is_audited_with_its_filters_as_json(engine: sa.Engine) -> None:
    """The audit log kept Python's spelling of the filters ("EvidenceFilters(demands=...")."""
    actor = _seed(engine)
    chosen = EvidenceFilters(demands=("D08",), date_from=date(2025, 1, 1))
    options = briefings.BriefingOptions(filters=chosen, lang="en")
    briefings.download_bytes(
        engine=engine, actor=actor, kind="evidence", options=options, excel=False
    )
    with engine.connect() as conn:
        after = conn.execute(
            sa.text("SELECT after FROM audit_event WHERE action = 'export' ORDER BY id DESC")
        ).scalar_one()
    stored = after if isinstance(after, dict) else json.loads(after)
    assert stored["filters"] == {
        "demands": ["D08"],
        "date_from": "2025-01-01",
        "sensitivities": ["public"],  # what the file may hold, set by the check
    }


def test_a_coverage_export_is_audited_with_the_filters_it_reads(engine: sa.Engine) -> None:
    """The command line takes a region for any file; a gap matrix reads only the demands, and
    the audit log says so rather than that a region narrowed it."""
    actor = _seed(engine)
    chosen = EvidenceFilters(demands=("D08",), regions=("kherson",), date_from=date(2025, 1, 1))
    options = briefings.BriefingOptions(filters=chosen, lang="en")
    briefings.download_bytes(engine=engine, actor=actor, kind="gaps", options=options, excel=False)
    with engine.connect() as conn:
        after = conn.execute(
            sa.text("SELECT after FROM audit_event WHERE action = 'export' ORDER BY id DESC")
        ).scalar_one()
    stored = after if isinstance(after, dict) else json.loads(after)
    assert stored["filters"] == {"demands": ["D08"]}
    assert "sensitivities" not in stored  # it holds no evidence
