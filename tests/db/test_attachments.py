"""Attachments: stored once by SHA-256, size-limited, type-checked, listed with hashes."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.core import files
from monitor.core.db import session_scope
from monitor.core.models import Role
from monitor.core.permissions import visible_sensitivities
from monitor.errors import InvalidInput
from monitor.queries.evidence import evidence_detail
from monitor.services import attachments
from tests.factories import make_actor, make_evidence

PDF = b"%PDF-1.7\n" + bytes(range(256)) * 10


def test_attach_stores_file_by_hash(engine: sa.Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor).id
        row = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename="../../etc/report.pdf",
            data=PDF,
            folder=tmp_path,
        )
        again = attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename="copy.pdf",
            data=PDF,
            folder=tmp_path,
        )
    digest = hashlib.sha256(PDF).hexdigest()
    assert row.sha256 == digest and again.id == row.id
    assert row.filename == "report.pdf"
    stored = files.path_for(tmp_path, digest)
    assert stored.read_bytes() == PDF
    detail = evidence_detail(engine, entry_id, visible=visible_sensitivities(actor.role))
    assert detail is not None
    assert [(a["filename"], a["sha256"], a["size"]) for a in detail["attachments"]] == [
        ("report.pdf", digest, len(PDF))
    ]
    with session_scope(engine) as session:
        assert attachments.orphans(session=session, folder=tmp_path) == []


@pytest.mark.parametrize(
    ("name", "data", "key"),
    [
        ("evil.pdf", b"MZ\x90\x00 not a pdf", "attachment.bad_type"),
        ("script.exe", b"MZ\x90\x00", "attachment.bad_type"),
        ("photo.png", b"%PDF-1.4 mislabelled", "attachment.bad_type"),
        ("big.pdf", b"%PDF-" + b"0" * 2048, "attachment.too_large"),
        ("notes.txt", "тест".encode("cp1251"), "attachment.bad_type"),
    ],
)
def test_bad_files_are_refused_and_nothing_is_written(
    engine: sa.Engine, tmp_path: Path, name: str, data: bytes, key: str
) -> None:
    folder = tmp_path / "files"
    with pytest.raises(InvalidInput) as info, session_scope(engine) as session:
        actor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, actor).id
        attachments.attach(
            session=session,
            actor=actor,
            evidence_id=entry_id,
            filename=name,
            data=data,
            folder=folder,
            max_bytes=1024,
        )
    assert info.value.problems["file"][0] == key
    assert not folder.exists()
