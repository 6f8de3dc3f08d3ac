"""Attachments: stored once by SHA-256, typed by content, checked on every read, previewed on the
server, handed out as working copies without what could reveal a witness."""

from __future__ import annotations

import hashlib
import io
from pathlib import Path

import pypdf
import pytest
import sqlalchemy as sa
from PIL import Image
from sqlmodel import select

from monitor.core import files
from monitor.core.db import session_scope
from monitor.core.models import Attachment, AuditEvent, CustodyAction, CustodyEvent, Role
from monitor.core.permissions import Actor, visibility
from monitor.domain import attachment_types
from monitor.errors import Forbidden, InvalidInput, NotFound
from monitor.i18n import describe
from monitor.queries.evidence import evidence_detail
from monitor.services import attachments
from tests import attachment_samples as samples
from tests.factories import make_actor, make_evidence

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 10


def test_attach_stores_file_by_hash(engine: sa.Engine, tmp_path: Path) -> None:
    data = samples.pdf()
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor).id
        row = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename="../../etc/report.pdf",
            data=data,
            folder=tmp_path,
        )
        again = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename="copy.pdf",
            data=data,
            folder=tmp_path,
        )
    digest = hashlib.sha256(data).hexdigest()
    assert row.sha256 == digest and again.id == row.id
    assert row.filename == "report.pdf"
    stored = files.path_for(tmp_path, digest)
    assert stored.read_bytes() == data
    detail = evidence_detail(engine, entry_id, visible=visibility(actor))
    assert detail is not None
    assert [(a["filename"], a["sha256"], a["size"]) for a in detail["attachments"]] == [
        ("report.pdf", digest, len(data))
    ]
    with session_scope(engine) as session:
        assert attachments.orphans(session=session, folder=tmp_path) == []


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("evil.pdf", samples.PROGRAM, "attachment.program"),  # a renamed executable
        ("script.exe", samples.PROGRAM, "attachment.program"),
        ("photo.png", samples.pdf(), "attachment.name_mismatch"),  # content is not the name
        ("photo.jpg", samples.png(), "attachment.name_mismatch"),
        ("bomb.png", samples.bomb_png(), "attachment.bomb"),  # a decompression bomb
        ("big.pdf", b"%PDF-" + b"0" * 2048, "attachment.too_large"),
        ("notes.txt", "тест".encode("cp1251"), "attachment.bad_type"),
        ("tool.sh", b"#!/bin/sh\nrm -rf /\n", "attachment.name_mismatch"),
    ],
)
def test_bad_files_are_refused_in_both_languages_and_nothing_is_written(
    engine: sa.Engine, tmp_path: Path, name: str, data: bytes, key: str
) -> None:
    folder = tmp_path / "files"
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor).id
    with pytest.raises(InvalidInput) as info, session_scope(engine) as session:
        attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename=name,
            data=data,
            folder=folder,
            max_bytes=1024 if key == "attachment.too_large" else attachments.MAX_BYTES,
        )
    assert info.value.problems["file"][0] == key
    english, ukrainian = describe(info.value, "en"), describe(info.value, "uk")
    assert english != ukrainian and any("а" <= c <= "я" for c in ukrainian.lower())
    assert not folder.exists()
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(CustodyEvent)).scalar() == 0
        assert conn.execute(sa.select(sa.func.count()).select_from(Attachment)).scalar() == 0


def _attached(
    engine: sa.Engine, folder: Path, name: str, data: bytes, **entry: object
) -> tuple[Actor, int, int]:
    """An editor, an entry and one attachment on it: (editor, entry id, attachment id)."""
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor, **entry).id
        assert entry_id is not None
        row = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename=name,
            data=data,
            folder=folder,
        )
        assert row.id is not None
        return actor, entry_id, row.id


def _events(engine: sa.Engine) -> list[CustodyEvent]:
    with session_scope(engine) as session:
        rows = session.exec(select(CustodyEvent).order_by(CustodyEvent.id)).all()  # type: ignore[arg-type]
        for row in rows:
            session.expunge(row)
        return list(rows)


def _audit_actions(engine: sa.Engine) -> list[str]:
    with engine.connect() as conn:
        return list(conn.execute(sa.select(AuditEvent.action).order_by(AuditEvent.id)).scalars())  # type: ignore[arg-type]


def test_a_photo_is_previewed_clean_and_its_metadata_found(
    engine: sa.Engine, tmp_path: Path
) -> None:
    photo = samples.jpeg(4000, 3000, orientation=6)
    actor, entry_id, attachment_id = _attached(engine, tmp_path, "witness.jpg", photo)
    with engine.connect() as conn:
        found = conn.execute(sa.select(Attachment.revealing_metadata)).scalar_one()  # type: ignore[call-overload]
    assert found["gps"] == "50.450100, 30.523333"
    assert found["make"] == "Canon" and found["model"] == "EOS 5D Mark IV"
    assert found["serial"] == "SN-0042"

    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert not opened.tampered and opened.detected is not None
    assert opened.detected.kind is attachment_types.Kind.IMAGE
    assert opened.metadata["gps"] == found["gps"]  # an editor is warned
    [(preview, media_type)] = opened.images
    assert media_type == "image/jpeg" and preview != photo
    shown = Image.open(io.BytesIO(preview))
    assert shown.size == (1000, 1333)  # turned upright (orientation 6), 1000 pixels across
    assert not shown.getexif() and "exif" not in shown.info

    attach_event, view = _events(engine)
    assert attach_event.action == CustodyAction.ATTACH and attach_event.matched
    assert view.action == CustodyAction.VIEW and view.actor_id == actor.id
    assert view.sha256_seen == view.sha256_recorded == hashlib.sha256(photo).hexdigest()
    assert view.sha256_out == hashlib.sha256(preview).hexdigest()
    assert view.evidence_id == entry_id


def test_a_viewer_sees_no_metadata_warning(engine: sa.Engine, tmp_path: Path) -> None:
    _editor, _entry, attachment_id = _attached(engine, tmp_path, "witness.jpg", samples.jpeg())
    with session_scope(engine) as session:
        viewer = make_actor(session, "vi", Role.VIEWER)
    opened = attachments.open_attachment(
        engine=engine, actor=viewer, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.images and opened.metadata == {}


def test_a_pdf_shows_its_first_pages_as_pictures(engine: sa.Engine, tmp_path: Path) -> None:
    actor, _entry, attachment_id = _attached(engine, tmp_path, "report.pdf", samples.pdf(20))
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.pages == 20 and len(opened.images) == attachment_types.PREVIEW_PAGES
    for image, media_type in opened.images:
        assert media_type == "image/png" and image.startswith(b"\x89PNG")
        assert Image.open(io.BytesIO(image)).width == attachment_types.PREVIEW_WIDTH
    assert not opened.scripts
    assert opened.metadata["author"] == "Halyna P."  # a PDF can name its maker too


def test_a_pdf_with_scripts_is_pictures_only_and_leaves_without_them(
    engine: sa.Engine, tmp_path: Path
) -> None:
    scripted = samples.pdf_with_script()
    assert attachment_types.pdf_scripts(scripted)
    actor, _entry, attachment_id = _attached(engine, tmp_path, "scripted.pdf", scripted)
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.scripts and len(opened.images) == 2
    assert all(image.startswith(b"\x89PNG") for image, _ in opened.images)
    copy = attachments.download_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert not attachment_types.pdf_scripts(copy)
    assert b"launchURL" not in copy and b"/JavaScript" not in copy
    reader = pypdf.PdfReader(io.BytesIO(copy))
    assert len(reader.pages) == 2 and "/OpenAction" not in reader.trailer["/Root"]
    assert not (reader.metadata or {}).get("/Author")


def test_plain_text_is_text(engine: sa.Engine, tmp_path: Path) -> None:
    body = "Свідок бачив <script>alert(1)</script> [link](http://198.51.100.7)\n"
    actor, _entry, attachment_id = _attached(engine, tmp_path, "notes.txt", body.encode())
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.text == body and opened.images == []


def test_a_tampered_file_is_shown_as_such_audited_and_never_handed_out(
    engine: sa.Engine, tmp_path: Path
) -> None:
    photo = samples.jpeg()
    actor, entry_id, attachment_id = _attached(engine, tmp_path, "witness.jpg", photo)
    stored = files.path_for(tmp_path, hashlib.sha256(photo).hexdigest())
    stored.write_bytes(photo[:-10] + b"0123456789")  # altered on disk after it was stored
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.tampered and opened.images == [] and opened.detected is None
    assert opened.seen == hashlib.sha256(stored.read_bytes()).hexdigest()
    with pytest.raises(InvalidInput) as info:
        attachments.download_attachment(
            engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
        )
    assert info.value.problems["file"][0] == "attachment.tampered"
    _attach, viewed, downloaded = _events(engine)
    for event in (viewed, downloaded):
        assert not event.matched and event.sha256_seen == opened.seen
        assert event.sha256_out is None and event.detail.startswith("refused")
    assert (viewed.action, downloaded.action) == (CustodyAction.VIEW, CustodyAction.DOWNLOAD)
    assert _audit_actions(engine).count("tampering-found") == 2

    stored.unlink()  # gone altogether
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.seen is None and opened.tampered
    assert _events(engine)[-1].sha256_seen is None
    assert entry_id is not None


def test_a_download_is_a_working_copy_without_metadata(engine: sa.Engine, tmp_path: Path) -> None:
    photo = samples.jpeg(800, 600, orientation=6)
    actor, _entry, attachment_id = _attached(engine, tmp_path, "witness.jpg", photo)
    copy = attachments.download_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    image = Image.open(io.BytesIO(copy))
    assert image.size == (800, 600)  # the same picture, same orientation tag
    assert dict(image.getexif()) == {0x0112: 6}
    assert not image.getexif().get_ifd(0x8825)
    assert attachment_types.image_metadata(copy) == {}
    event = _events(engine)[-1]
    assert event.action == CustodyAction.DOWNLOAD and event.matched
    assert event.sha256_seen == hashlib.sha256(photo).hexdigest()
    assert event.sha256_out == hashlib.sha256(copy).hexdigest() != event.sha256_seen
    assert "metadata removed" in event.detail


def test_only_an_admin_takes_the_original_and_it_is_audited(
    engine: sa.Engine, tmp_path: Path
) -> None:
    photo = samples.jpeg()
    editor, _entry, attachment_id = _attached(engine, tmp_path, "witness.jpg", photo)
    before = len(_events(engine))
    with pytest.raises(Forbidden):
        attachments.download_attachment(
            engine=engine, actor=editor, attachment_id=attachment_id, folder=tmp_path, original=True
        )
    assert len(_events(engine)) == before
    with session_scope(engine) as session:
        admin = make_actor(session, "ad", Role.ADMIN)
    original = attachments.download_attachment(
        engine=engine, actor=admin, attachment_id=attachment_id, folder=tmp_path, original=True
    )
    assert original == photo
    event = _events(engine)[-1]
    assert event.sha256_out is None and event.sha256_seen == hashlib.sha256(photo).hexdigest()
    assert "download-original" in _audit_actions(engine)


def test_a_confidential_entrys_files_stay_with_who_may_read_it(
    engine: sa.Engine, tmp_path: Path
) -> None:
    _editor, _entry, attachment_id = _attached(
        engine, tmp_path, "witness.jpg", samples.jpeg(), sensitivity="confidential"
    )
    with session_scope(engine) as session:
        viewer = make_actor(session, "vi", Role.VIEWER)
    before = len(_events(engine))
    with pytest.raises(NotFound):
        attachments.open_attachment(
            engine=engine, actor=viewer, attachment_id=attachment_id, folder=tmp_path
        )
    with pytest.raises(NotFound):
        attachments.download_attachment(
            engine=engine, actor=viewer, attachment_id=attachment_id, folder=tmp_path
        )
    assert len(_events(engine)) == before


def _stored_as(
    engine: sa.Engine, folder: Path, name: str, data: bytes, media_type: str
) -> tuple[Actor, int]:
    """A file stored without the attach checks (as an older version or another tool could
    have): the reading side must not trust what was stored."""
    digest = files.write_once(folder, data)
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry = make_evidence(session, actor)
        row = Attachment(
            evidence_id=entry.id,
            sha256=digest,
            filename=name,
            media_type=media_type,
            size=len(data),
            created_by=actor.id,
        )
        session.add(row)
        session.flush()
        assert row.id is not None
        return actor, row.id


def test_a_stored_program_is_never_shown_as_its_name_says(
    engine: sa.Engine, tmp_path: Path
) -> None:
    actor, attachment_id = _stored_as(
        engine, tmp_path, "report.pdf", samples.PROGRAM, "application/pdf"
    )
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.detected is not None
    assert opened.detected.kind is attachment_types.Kind.EXECUTABLE
    assert not opened.detected.name_matches
    assert opened.images == [] and opened.text is None
    assert attachments.download_name(opened.filename, opened.detected) == "report.bin"


def test_a_stored_file_is_previewed_by_its_content_not_its_name(
    engine: sa.Engine, tmp_path: Path
) -> None:
    actor, attachment_id = _stored_as(
        engine, tmp_path, "scan.pdf", samples.png(), "application/pdf"
    )
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.detected is not None and not opened.detected.name_matches
    assert opened.detected.media_type == "image/png"
    [(image, media_type)] = opened.images
    assert media_type == "image/png" and Image.open(io.BytesIO(image)).size == (64, 48)
    assert attachments.download_name(opened.filename, opened.detected) == "scan.png"


def test_a_stored_decompression_bomb_is_refused_and_changes_nothing(
    engine: sa.Engine, tmp_path: Path
) -> None:
    actor, attachment_id = _stored_as(engine, tmp_path, "bomb.png", samples.bomb_png(), "image/png")
    before = len(_events(engine))
    for read in (attachments.open_attachment, attachments.download_attachment):
        with pytest.raises(InvalidInput) as info:
            read(engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path)
        assert info.value.problems["file"][0] == "attachment.bomb"
        assert "мегапікселів" in describe(info.value, "uk")
        assert "megapixels" in describe(info.value, "en")
    assert len(_events(engine)) == before


def test_sniff_keeps_its_answers(tmp_path: Path) -> None:
    """`sniff` (which other importers call) still names what it accepts, by content."""
    assert attachments.sniff("a.pdf", samples.pdf()) == "application/pdf"
    assert attachments.sniff("a.jpeg", samples.jpeg()) == "image/jpeg"
    assert attachments.sniff("a.csv", b"a,b\n1,2\n") == "text/csv"
    assert attachments.sniff("a.md", "# Звіт".encode()) == "text/markdown"
    assert attachments.sniff("a.png", samples.jpeg()) is None
    assert attachments.sniff("a.pdf", samples.PROGRAM) is None
    assert attachments.sniff("a.pdf", PDF) == "application/pdf"  # kept, though damaged


def test_a_damaged_pdf_is_kept_as_received_and_offered_to_an_admin_only(
    engine: sa.Engine, tmp_path: Path
) -> None:
    """Evidence is preserved as it came: a PDF pdfium cannot open is stored, shown as such,
    never drawn; no working copy can be made of it, and only an admin takes the original."""
    actor, _entry, attachment_id = _attached(engine, tmp_path, "broken.pdf", PDF)
    opened = attachments.open_attachment(
        engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
    )
    assert opened.unreadable and opened.images == [] and not opened.tampered
    assert opened.scripts  # what a PDF nothing can read may run is unknown
    with pytest.raises(InvalidInput) as info:
        attachments.download_attachment(
            engine=engine, actor=actor, attachment_id=attachment_id, folder=tmp_path
        )
    assert info.value.problems["file"][0] == "attachment.unreadable"
    assert "не вдається" in describe(info.value, "uk")
    with session_scope(engine) as session:
        admin = make_actor(session, "ad", Role.ADMIN)
    original = attachments.download_attachment(
        engine=engine, actor=admin, attachment_id=attachment_id, folder=tmp_path, original=True
    )
    assert original == PDF
