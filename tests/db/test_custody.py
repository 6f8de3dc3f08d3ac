"""The chain of custody: an event for each handling of a stored item, append-only in the
database like the audit log, listed per entry, exported as CSV, carried by the pack, restored."""

from __future__ import annotations

import csv
import hashlib
import io
import zipfile
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import select

from monitor.core import fetching, files
from monitor.core.db import make_engine, session_scope
from monitor.core.models import CustodyAction, CustodyEvent, CustodyItem, Role
from monitor.core.permissions import EVERY_ENTRY
from monitor.domain import csv_files
from monitor.domain.briefings import BriefingOptions
from monitor.errors import NotFound
from monitor.queries import custody as custody_queries
from monitor.services import attachments, backup, briefings, captures, custody
from tests import attachment_samples as samples
from tests.factories import make_actor, make_evidence, restore_at

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def _entry_with_files(engine: sa.Engine, data_dir: Path, **entry: object) -> tuple[int, int, int]:
    """An entry with a photo attached and a capture of its source: (entry, attachment, capture)."""
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, editor, **entry).id
        assert entry_id is not None
        row = attachments.attach(
            session=session,
            actor=editor,
            evidence_id=entry_id,
            filename="=HYPERLINK(1).jpg",  # a file name is someone's text
            data=samples.jpeg(),
            folder=data_dir / "attachments",
        )
        page = fetching.Fetched(
            "https://example.org/r", "https://example.org/r", 200, "text/html", b"<p>x</p>", "R"
        )
        outcome = captures.Outcome(captures.Target("https://example.org/r", entry_id), page, None)
        capture = captures.record(
            session=session, actor=editor, outcome=outcome, folder=data_dir / "captures"
        )
        assert row.id is not None and capture.id is not None
        return entry_id, row.id, capture.id


def _actions(engine: sa.Engine) -> list[tuple[str, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            sa.select(CustodyEvent.item_kind, CustodyEvent.action).order_by(CustodyEvent.id)  # type: ignore[arg-type]
        ).all()
    return [(kind.value, action.value) for kind, action in rows]


def test_each_action_is_a_custody_event(engine: sa.Engine, tmp_path: Path) -> None:
    entry_id, attachment_id, capture_id = _entry_with_files(engine, tmp_path)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
    folder = tmp_path / "attachments"
    attachments.open_attachment(
        engine=engine, actor=editor, attachment_id=attachment_id, folder=folder
    )
    attachments.download_attachment(
        engine=engine, actor=editor, attachment_id=attachment_id, folder=folder
    )
    body = attachments.download_capture(
        engine=engine, actor=editor, capture_id=capture_id, folder=tmp_path / "captures"
    )
    assert body == b"<p>x</p>"
    checked = attachments.rehash(
        engine=engine,
        actor=editor,
        evidence_id=entry_id,
        attachments_dir=folder,
        captures_dir=tmp_path / "captures",
    )
    assert [r.matched for r in checked] == [True, True]
    data = custody.entry_csv(engine=engine, actor=editor, evidence_id=entry_id)
    assert _actions(engine) == [
        ("attachment", "attach"),
        ("capture", "capture"),
        ("attachment", "view"),
        ("attachment", "download"),
        ("capture", "download"),
        ("attachment", "rehash"),
        ("capture", "rehash"),
        ("attachment", "export"),
        ("capture", "export"),
    ]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert [r["action"] for r in rows] == [a for _, a in _actions(engine)][:7]
    assert rows[0]["file"] == "'=HYPERLINK(1).jpg"  # the one formula guard
    assert csv_files.unescape_cell(rows[0]["file"]) == "=HYPERLINK(1).jpg"
    assert rows[0]["user"] == "ed" and rows[0]["sha256_seen"] == rows[0]["sha256_recorded"]
    assert [r["matched"] for r in rows] == ["True"] * 7  # every read matched
    log = custody_queries.for_evidence(engine, entry_id, visible=EVERY_ENTRY)
    exports = log[log["action"] == "export"]
    assert len(exports) == 2 and exports["matched"].isna().all()  # a log sent, no bytes read
    log = custody_queries.for_evidence(engine, entry_id, visible=EVERY_ENTRY)
    assert list(log.columns) == custody_queries.COLUMNS and len(log) == 9


def test_a_rehash_finds_tampering_with_a_capture(engine: sa.Engine, tmp_path: Path) -> None:
    entry_id, _attachment, capture_id = _entry_with_files(engine, tmp_path)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
    files.path_for(tmp_path / "captures", hashlib.sha256(b"<p>x</p>").hexdigest()).write_bytes(
        b"<p>y</p>"
    )
    checked = attachments.rehash(
        engine=engine,
        actor=editor,
        evidence_id=entry_id,
        attachments_dir=tmp_path / "attachments",
        captures_dir=tmp_path / "captures",
    )
    assert [(r.kind, r.matched) for r in checked] == [
        (CustodyItem.ATTACHMENT, True),
        (CustodyItem.CAPTURE, False),
    ]
    with session_scope(engine) as session:
        last = session.exec(select(CustodyEvent).order_by(CustodyEvent.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and last.item_id == capture_id and not last.matched
        assert last.sha256_seen == hashlib.sha256(b"<p>y</p>").hexdigest()


def test_a_viewer_gets_no_custody_log_of_a_confidential_entry(
    engine: sa.Engine, tmp_path: Path
) -> None:
    entry_id, _a, _c = _entry_with_files(engine, tmp_path, sensitivity="confidential")
    with session_scope(engine) as session:
        viewer = make_actor(session, "vi", Role.VIEWER)
    with pytest.raises(NotFound):
        custody.entry_csv(engine=engine, actor=viewer, evidence_id=entry_id)


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE custody_event SET detail = 'rewritten'",
        "UPDATE custody_event SET sha256_seen = NULL",
        "DELETE FROM custody_event",
    ],
)
def test_the_database_refuses_to_change_or_remove_an_event(
    engine: sa.Engine, tmp_path: Path, statement: str
) -> None:
    _entry_with_files(engine, tmp_path)
    with pytest.raises(sa.exc.DBAPIError) as info, engine.begin() as conn:
        conn.exec_driver_sql(statement)
    assert "custody_event is append-only" in str(info.value)
    with engine.connect() as conn:
        count = conn.execute(sa.select(sa.func.count()).select_from(CustodyEvent)).scalar()
        details = set(conn.execute(sa.select(CustodyEvent.detail)).scalars())  # type: ignore[call-overload]
    assert count == 2 and "rewritten" not in details


def test_the_pack_can_carry_the_custody_of_the_items_of_its_entries(
    engine: sa.Engine, tmp_path: Path
) -> None:
    public, _a, _c = _entry_with_files(engine, tmp_path / "one")
    _entry_with_files(engine, tmp_path / "two", sensitivity="confidential")
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
    options = briefings.check_options(engine=engine, actor=editor, options=BriefingOptions())
    plain, _counts = briefings.build_pack(
        engine=engine, actor=editor, options=options, fmt=csv_files.STANDARD, now=NOW
    )
    assert "custody.csv" not in zipfile.ZipFile(io.BytesIO(plain)).namelist()
    data, _counts = briefings.build_pack(
        engine=engine,
        actor=editor,
        options=replace(options, custody=True),
        fmt=csv_files.STANDARD,
        now=NOW,
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert "custody.csv" in archive.read("README.txt").decode("utf-8")
    rows = list(csv.DictReader(io.StringIO(archive.read("custody.csv").decode("utf-8-sig"))))
    assert {int(r["evidence_id"]) for r in rows} == {public}  # the confidential one stays out
    manifest = archive.read("MANIFEST.sha256").decode()
    assert f"{hashlib.sha256(archive.read('custody.csv')).hexdigest()}  custody.csv" in manifest
    exported = [kind for kind, action in _actions(engine) if action == "export"]
    assert exported == ["attachment", "capture"]  # the public entry's photo and capture


def test_a_backup_carries_the_custody_and_a_restore_adds_its_own_events(
    engine: sa.Engine, tmp_path: Path, database_url: str
) -> None:
    data_dir = tmp_path / "data"
    _entry_with_files(engine, data_dir)
    with session_scope(engine) as session:
        admin = make_actor(session, "ad", Role.ADMIN)
    blob = backup.create(engine=engine, actor=admin, data_dir=data_dir, now=NOW)
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert "tables/custody_event.jsonl" in names
    target = tmp_path / "restored.db"
    url = f"sqlite:///{target}"
    counts = restore_at(url, blob=blob, data_dir=tmp_path / "restored")
    assert counts["custody_event"] == 2
    restored = make_engine(url)
    try:
        assert _actions(restored) == [
            ("attachment", "attach"),
            ("capture", "capture"),
            ("attachment", "restore"),
            ("capture", "restore"),
        ]
        with session_scope(restored) as session:
            events = session.exec(
                select(CustodyEvent).where(CustodyEvent.action == CustodyAction.RESTORE)
            ).all()
            assert all(e.matched and e.actor_id is None for e in events)
    finally:
        restored.dispose()
    assert database_url


def test_a_backup_leaves_out_a_tampered_file_and_still_restores(
    engine: sa.Engine, tmp_path: Path
) -> None:
    """A restore refuses an archive whose file differs from its name, so a backup that carried
    an altered file would be lost whole: the backup checks each file as a read does."""
    data_dir = tmp_path / "data"
    entry_id, _attachment, capture_id = _entry_with_files(engine, data_dir)
    recorded = hashlib.sha256(b"<p>x</p>").hexdigest()
    files.path_for(data_dir / "captures", recorded).write_bytes(b"<p>y</p>")
    with session_scope(engine) as session:
        admin = make_actor(session, "ad", Role.ADMIN)
    blob = backup.create(engine=engine, actor=admin, data_dir=data_dir, now=NOW)
    seen = hashlib.sha256(b"<p>y</p>").hexdigest()
    assert backup.left_out(blob) == [backup.Altered("captures", recorded, seen)]
    names = zipfile.ZipFile(io.BytesIO(blob)).namelist()
    assert not any(recorded in name for name in names)
    assert sum(name.startswith("files/attachments/") for name in names) == 1
    with session_scope(engine) as session:
        last = session.exec(select(CustodyEvent).order_by(CustodyEvent.id.desc())).first()  # type: ignore[union-attr]
        assert last is not None and (last.item_kind, last.item_id) == ("capture", capture_id)
        assert (last.sha256_recorded, last.sha256_seen, last.matched) == (recorded, seen, False)
        assert last.evidence_id == entry_id and last.detail.startswith("left out of a backup")
    url = f"sqlite:///{tmp_path / 'restored.db'}"
    restore_at(url, blob=blob, data_dir=tmp_path / "restored")
    restored = make_engine(url)
    try:
        with session_scope(restored) as session:
            events = session.exec(
                select(CustodyEvent).where(CustodyEvent.action == CustodyAction.RESTORE)
            ).all()
            assert sorted((e.item_kind.value, e.matched) for e in events) == [
                ("attachment", True),
                ("capture", False),
            ]
    finally:
        restored.dispose()
