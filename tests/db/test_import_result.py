"""After an import is written, its new entries with likely duplicates are found by number (one
look-up), each with what it resembles; "link all" links them pair by pair, a refused pair
said and the others kept; an entry the importer may not see is never named. Both engines."""

from __future__ import annotations

from datetime import date

import pytest
import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Evidence, Role
from monitor.core.permissions import Actor
from monitor.domain.duplicates import Reason
from monitor.errors import Forbidden, InvalidInput
from monitor.services import importer, incidents
from tests.db.test_import_duplicates import _stored, csv_bytes, row
from tests.factories import make_actor

TODAY = date(2026, 11, 23)
HOSTILE = "**Bold** <script>alert(1)</script> [x](javascript:alert(1))"


def _import(engine: sa.Engine, actor: Actor, body: list[list[str]]) -> importer.ImportReport:
    table = importer.read_table("file.csv", csv_bytes(body))
    with session_scope(engine) as session:
        return importer.import_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )


def _found(
    engine: sa.Engine, actor: Actor, report: importer.ImportReport
) -> list[incidents.NewDuplicate]:
    with Session(engine) as session:
        return incidents.imported_duplicates(session=session, actor=actor, listed=report.likely)


def _ids_by_title(engine: sa.Engine) -> dict[str, int]:
    with Session(engine) as session:
        return {e.title: int(e.id or 0) for e in session.exec(select(Evidence))}


def test_the_new_entries_are_named_with_what_they_resemble(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
    stored = _stored(engine, editor, "Stored report", "https://stored.example.net/r/1", "public")
    body = [
        row("Nothing like anything", "2025-04-01", "https://unique.example.com/"),  # 1
        row("School closed in Skadovsk", "2025-03-01", "https://news.example.org/a"),  # 2
        row(HOSTILE, "2025-03-02", "http://www.news.example.org/a/"),  # 3: URL of row 2
        row("Stored report, copied", "2025-03-05", "https://stored.example.net/r/1"),  # 4
    ]
    report = _import(engine, editor, body)
    assert report.created == 4 and set(report.likely) == {3, 4}
    ids = _ids_by_title(engine)
    found = {e.row: e for e in _found(engine, editor, report)}
    assert set(found) == {3, 4}
    hostile = found[3]
    assert hostile.evidence_id == ids[HOSTILE] and hostile.title == HOSTILE  # drawn inert
    (like,) = hostile.resembles
    assert (like.evidence_id, like.reason, like.row) == (
        ids["School closed in Skadovsk"],
        Reason.URL,
        2,
    )
    copied = found[4]
    assert copied.evidence_id == ids["Stored report, copied"]
    assert [(o.evidence_id, o.reason, o.row) for o in copied.resembles] == [
        (stored, Reason.URL, None)
    ]
    # another person (or a preview, which wrote nothing) finds no entry of this import
    with session_scope(engine) as session:
        other = make_actor(session, "other", Role.EDITOR)
    assert _found(engine, other, report) == []


def test_an_entry_hidden_from_the_importer_is_never_named(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
    stored = _stored(engine, editor, "Stored report", "https://stored.example.net/r/1", "public")
    body = [row("Stored report, copied", "2025-03-05", "https://stored.example.net/r/1")]
    report = _import(engine, editor, body)
    assert len(_found(engine, editor, report)) == 1
    with session_scope(engine) as session:  # an organisation's own now; the editor is in none
        session.execute(
            sa.update(Evidence).where(col(Evidence.id) == stored).values(sensitivity="organisation")
        )
    assert _found(engine, editor, report) == []


def test_link_all_links_each_pair_and_reports_a_refused_one(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "editor", Role.EDITOR)
        viewer = make_actor(session, "viewer", Role.VIEWER)
    first = _stored(engine, editor, "Stored report", "https://stored.example.net/r/1", "public")
    second = _stored(engine, editor, "Second report", "https://stored.example.net/r/2", "public")
    body = [
        row("Copy one", "2025-03-05", "https://stored.example.net/r/1"),
        row("Copy two", "2025-03-05", "https://stored.example.net/r/2"),
    ]
    report = _import(engine, editor, body)
    found = _found(engine, editor, report)
    pairs = [(e.evidence_id, o.evidence_id) for e in found for o in e.resembles]
    assert len(pairs) == 2
    with session_scope(engine) as session:  # the second stored entry is withdrawn meanwhile
        session.execute(
            sa.update(Evidence)
            .where(col(Evidence.id) == second)
            .values(withdrawn_at=sa.func.current_timestamp(), withdrawn_reason="gone")
        )
    with session_scope(engine) as session:
        done = incidents.link_all(session=session, actor=editor, pairs=pairs)
    assert done.linked == [pairs[0]]
    ((a, b, err),) = done.refused
    assert (a, b) == pairs[1] and isinstance(err, InvalidInput)
    assert err.problems["other"][0] == "duplicates.withdrawn"
    with Session(engine) as session:
        rows = {e.id: e for e in session.exec(select(Evidence))}
        assert rows[pairs[0][0]].incident_id == rows[first].incident_id is not None
        assert rows[pairs[1][0]].incident_id is None  # nothing of the refused pair kept
        links = session.exec(select(AuditEvent).where(AuditEvent.action == "link")).all()
    assert {e.entity_id for e in links} == {str(pairs[0][0]), str(first)}  # audited as one link
    with session_scope(engine) as session, pytest.raises(Forbidden):  # a viewer may not link
        incidents.link_all(session=session, actor=viewer, pairs=pairs)
