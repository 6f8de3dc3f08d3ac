"""Captures recorded on both engines: hash of the served bytes, changes, failures, pending."""

from __future__ import annotations

import hashlib
from pathlib import Path

import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.files import path_for
from monitor.core.models import AuditEvent, Capture, Role
from monitor.core.permissions import EVERY_ENTRY, Actor
from monitor.queries.evidence import evidence_captures
from monitor.services import captures
from tests.factories import make_actor, make_evidence
from tests.local_server import PAGE, serve
from tests.views import csv_bytes


def _actor(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "ed", Role.EDITOR)


def test_capture_records_what_was_served(engine: sa.Engine, tmp_path: Path) -> None:
    actor = _actor(engine)
    with serve() as base:
        with session_scope(engine) as session:
            entry = make_evidence(session, actor, source_url=f"{base}/redirect")
            other = make_evidence(session, actor, source_url=f"{base}/404")
            assert [t.evidence_id for t in captures.pending(session=session)] == [
                entry.id,
                other.id,
            ]
        rows = captures.capture_sources(
            engine=engine,
            actor=actor,
            targets=[
                captures.Target(f"{base}/redirect", entry.id),
                captures.Target(f"{base}/404", other.id),
            ],
            folder=tmp_path,
            allowed_hosts=["127.0.0.1"],
        )
        ok, missing = rows
        assert ok.ok and ok.final_url == f"{base}/page" and ok.title == "Звіт про затримання"
        assert ok.sha256 == hashlib.sha256(PAGE).hexdigest()
        assert path_for(tmp_path, ok.sha256).read_bytes() == PAGE
        assert ok.changed is None  # first capture
        assert not missing.ok and missing.error == "the server answered HTTP 404"
        with Session(engine) as session:
            assert [t.evidence_id for t in captures.pending(session=session)] == [other.id]
            (again,) = captures.capture_sources(
                engine=engine,
                actor=actor,
                targets=[captures.Target(f"{base}/redirect", entry.id)],
                folder=tmp_path,
                allowed_hosts=["127.0.0.1"],
            )
            assert again.changed is False
        with Session(engine) as session:
            assert len(evidence_captures(engine, entry.id, visible=EVERY_ENTRY)) == 2


def test_changed_content_and_refusals_are_recorded(engine: sa.Engine, tmp_path: Path) -> None:
    actor = _actor(engine)
    with serve() as base:
        first, second = (
            captures.capture_sources(
                engine=engine,
                actor=actor,
                targets=[captures.Target(f"{base}/changing")],
                folder=tmp_path,
                allowed_hosts=["127.0.0.1"],
            )[0]
            for _ in range(2)
        )
        assert first.sha256 != second.sha256 and second.changed is True
        (refused,) = captures.capture_sources(
            engine=engine, actor=actor, targets=[captures.Target(f"{base}/page")], folder=tmp_path
        )
    assert not refused.ok and "non-public" in (refused.error or "")
    with Session(engine) as session:
        stored = session.exec(select(Capture).where(Capture.id == refused.id)).one()
        assert stored.sha256 is None and stored.error
        assert (
            session.exec(
                select(sa.func.count())
                .select_from(AuditEvent)
                .where(AuditEvent.action == "capture")
            ).one()
            == 3
        )


def test_the_evidence_briefing_carries_the_capture_hash(engine: sa.Engine, tmp_path: Path) -> None:
    import csv
    import io

    from monitor.services import briefings

    actor = _actor(engine)
    with serve() as base:
        with session_scope(engine) as session:
            entry = make_evidence(session, actor, source_url=f"{base}/page")
        captures.capture_sources(
            engine=engine,
            actor=actor,
            targets=[captures.Target(f"{base}/page", entry.id)],
            folder=tmp_path,
            allowed_hosts=["127.0.0.1"],
        )
    checked = briefings.check_options(
        engine=engine, actor=actor, options=briefings.BriefingOptions(lang="en")
    )
    briefing = briefings.build(
        engine=engine, kind="evidence", options=checked, today=entry.event_start
    )
    rows = list(
        csv.DictReader(io.StringIO(csv_bytes(briefing.header, briefing.rows).decode("utf-8-sig")))
    )
    assert rows[0]["source SHA-256 (last capture)"] == hashlib.sha256(PAGE).hexdigest()
