"""An import's preview names likely duplicates before anything is written: rows like an earlier
row of the file, and rows like entries already stored (only those the importer may see)."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import Evidence, Role
from monitor.core.permissions import Actor
from monitor.domain.duplicates import Reason
from monitor.services import evidence, importer
from tests.cli.test_cli import run
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
HEADER = [
    "demands",
    "title",
    "description",
    "event start",
    "region",
    "source type",
    "source URL",
    "source reliability (A-F)",
    "information credibility (1-6)",
    "direction",
]


def row(title: str, day: str, url: str = "", region: str = "kherson") -> list[str]:
    return ["D01", title, "Described.", day, region, "media", url, "C", "3", "regression"]


BODY = [
    row("School closed in Skadovsk", "2025-03-01", "https://news.example.org/a?utm_source=x"),
    row("Teacher detained", "2025-03-02", "http://www.news.example.org/a/"),  # 2: URL of 1
    row("school  closed in SKADOVSK!", "2025-03-03"),  # 3: title of 1, two days on
    row("School closed in Skadovsk", "2025-05-03"),  # 4: same title, two months on: no
    row("Stored report, copied", "2025-03-05", "https://stored.example.net/r/1"),  # 5: stored
    row("Secret report", "2025-03-05", "https://hidden.example.net/r/9"),  # 6: hidden entry
    row("Nothing like anything", "2025-04-01", "https://unique.example.com/"),
]


def csv_bytes(body: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADER)
    writer.writerows(body)
    return out.getvalue().encode("utf-8-sig")


def _stored(engine: sa.Engine, actor: Actor, title: str, url: str, sensitivity: str) -> int:
    data = {
        "demands": ["D01"],
        "title": title,
        "description": "",
        "event_start": "2025-03-04",
        "region_code": "kherson",
        "source_type": "media",
        "source_url": url,
        "reliability": "C",
        "credibility": "3",
        "direction": "regression",
        "language": "uk",
        "sensitivity": sensitivity,
    }
    with session_scope(engine) as session:
        entry = evidence.create(session=session, actor=actor, data=data, today=TODAY)
        assert entry.id is not None
        return entry.id


def _check(engine: sa.Engine, actor: Actor | None, data: bytes) -> importer.ImportReport:
    table = importer.read_table("file.csv", data)
    with session_scope(engine) as session:
        return importer.check_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )


def _said(report: importer.ImportReport) -> dict[int, set[tuple[str, object]]]:
    return {
        r: {(m.reason.value, m.row_of or f"#{m.entry_of}") for m in matches}
        for r, matches in report.likely.items()
    }


def test_the_preview_names_duplicates_within_the_file_and_stored(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
        viewer = make_actor(session, "viewer", Role.VIEWER)
    stored = _stored(engine, editor, "Stored report", "https://stored.example.net/r/1", "public")
    hidden = _stored(engine, editor, "Secret", "https://hidden.example.net/r/9", "confidential")
    with Session(engine) as session:
        before = len(session.exec(select(Evidence.id)).all())
    report = _check(engine, editor, csv_bytes(BODY))
    assert _said(report) == {
        2: {("url", 1)},
        3: {("text", 1)},
        5: {("url", f"#{stored}")},
        6: {("url", f"#{hidden}")},
    }
    assert report.likely_rows == 4
    assert report.created == len(BODY)
    with Session(engine) as session:  # nothing written by the preview
        assert len(session.exec(select(Evidence.id)).all()) == before
    # a viewer's preview never tells of the confidential entry
    seen = _check(engine, viewer, csv_bytes(BODY))
    assert 6 not in seen.likely and seen.likely_rows == 3
    # without an actor, only the file itself is compared
    alone = _check(engine, None, csv_bytes(BODY))
    assert set(alone.likely) == {2, 3}


def test_the_import_writes_the_keys_and_reports_the_same(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
    table = importer.read_table("file.csv", csv_bytes(BODY))
    with session_scope(engine) as session:
        report = importer.import_rows(
            session=session,
            actor=editor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )
    assert report.created == len(BODY)
    assert {m.reason for m in report.likely[2]} == {Reason.URL}
    with Session(engine) as session:
        keys = session.exec(select(Evidence.source_url_key, Evidence.text_key)).all()
    assert all(text for _, text in keys)
    assert sum(1 for url, _ in keys if url) == 5  # the rows with an address
    # imported once, the same file's rows are found among the stored entries
    again = _check(engine, editor, csv_bytes([row("Teacher detained", "2025-03-02")]))
    assert again.likely_rows == 1


def test_the_command_says_likely_duplicates(database_url: str, tmp_path: Path) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(csv_bytes(BODY))
    result = run(database_url, "import", "evidence", str(path), "--dry-run", "--quiet")
    assert result.returncode == 0, result.stderr
    assert "likely duplicates: 2 rows" in result.stdout
    assert "row 2: url like row 1" in result.stdout
    assert "row 3: text like row 1" in result.stdout


def test_a_stored_title_is_a_duplicate_only_at_its_place_and_time(engine: sa.Engine) -> None:
    """With the title look-up narrowed to each row's region and dates in the database (so a
    title many entries share does not bring every one of them back), a row still finds the
    one stored entry of its place and time, and nothing at another place or time."""
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
    ids = []
    for day in ("2025-03-04", "2024-01-10", "2024-06-10", "2025-08-01"):  # one, then others
        with session_scope(engine) as session:
            data = {
                "demands": ["D01"],
                "title": "Shelling reported",
                "description": "Described.",
                "event_start": day,
                "region_code": "kherson",
                "source_type": "media",
                "reliability": "C",
                "credibility": "3",
                "direction": "regression",
            }
            ids.append(evidence.create(session=session, actor=editor, data=data, today=TODAY).id)
    stored = ids[0]  # kherson, 2025-03-04
    body = [
        row("Shelling reported", "2025-03-06"),  # 1: two days after the stored one
        row("Shelling reported", "2025-03-20", region="crimea"),  # 2: another region
        row("Shelling reported", "2025-04-20"),  # 3: no stored one within three days
    ]
    report = _check(engine, editor, csv_bytes(body))
    assert report.likely.keys() == {1}
    assert {m.entry_of for m in report.likely[1]} == {stored}
