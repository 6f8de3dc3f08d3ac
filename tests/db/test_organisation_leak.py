"""Leak proof for "my organisation only": a member of organisation A never reads organisation
B's organisation-only entry, on any page, count, chart, briefing, PDF brief, register search,
attachment, custody log or publication; B's members and the instance's admins do. On SQLite
and PostgreSQL.

Every text of B's entry (title, description, source title, attachment name and bytes) carries
one marker, and every file a reader can take away is scanned for it.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from pypdf import PdfReader

from monitor.core.db import session_scope
from monitor.core.models import Evidence, Role, Sensitivity
from monitor.core.permissions import Actor, Visibility, visibility
from monitor.domain.brief_contents import BriefSubject
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.errors import Forbidden, NotFound
from monitor.queries import custody as custody_queries
from monitor.queries.evidence import (
    evidence_captures,
    evidence_detail,
    evidence_history,
    evidence_page,
)
from monitor.queries.overview import evidence_cube, overview_data
from monitor.services import (
    accounts,
    attachments,
    backup,
    brief_pdf,
    briefings,
    custody,
    evidence,
    organisations,
    publication,
)
from tests.factories import make_actor

TODAY = date(2026, 11, 30)
B_MARK = "zqxbmarker"  # B's organisation-only entry: in every text it has
A_MARK = "zqxamarker"  # A's own organisation-only entry (its members read it)
PUBLIC_MARK = "zqxpublicmarker"


def _data(title: str, sensitivity: str) -> dict[str, Any]:
    return {
        "demands": ["D02"],
        "title": title,
        "description": f"{title} description",
        "event_start": "2026-11-20",
        "region_code": "kherson",
        "source_type": "witness",
        "source_title": f"{title} source",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "language": "uk",
        "sensitivity": sensitivity,
    }


@dataclass
class World:
    admin: Actor
    a_viewer: Actor
    a_editor: Actor
    b_editor: Actor
    b_entry: int
    a_entry: int
    public_entry: int
    b_attachment: int
    folder: Path
    uids: dict[str, str]


def _member(session: Any, root: Actor, name: str, role: Role, code: str) -> Actor:
    user = accounts.add_user(
        session=session,
        actor=root,
        username=name,
        role=role,
        password_hash=None,
        organisation=code,
    )
    return Actor.of(user)


@pytest.fixture
def world(engine: sa.Engine, tmp_path: Path) -> World:
    folder = tmp_path / "attachments"
    with session_scope(engine) as session:
        root = make_actor(session, "root", Role.ADMIN)
        organisations.add(session=session, actor=root, code="ngo-a", name_en="Alpha")
        organisations.add(session=session, actor=root, code="ngo-b", name_en="Beta", name_uk="Бета")
        admin = _member(session, root, "instance-admin", Role.ADMIN, "ngo-a")
        a_viewer = _member(session, root, "a-viewer", Role.VIEWER, "ngo-a")
        a_editor = _member(session, root, "a-editor", Role.EDITOR, "ngo-a")
        b_editor = _member(session, root, "b-editor", Role.EDITOR, "ngo-b")
        entries, uids = {}, {}
        for actor, title, level in (
            (b_editor, B_MARK, "organisation"),
            (a_editor, A_MARK, "organisation"),
            (b_editor, PUBLIC_MARK, "public"),
        ):
            row = evidence.create(
                session=session, actor=actor, data=_data(title, level), today=TODAY
            )
            assert row.id is not None
            entries[title], uids[title] = row.id, row.uid
        stored = attachments.attach(
            session=session,
            actor=b_editor,
            evidence_id=entries[B_MARK],
            filename=f"{B_MARK}.txt",
            data=f"witness statement {B_MARK}".encode(),
            folder=folder,
        )
        assert stored.id is not None
    return World(
        admin=admin,
        a_viewer=a_viewer,
        a_editor=a_editor,
        b_editor=b_editor,
        b_entry=entries[B_MARK],
        a_entry=entries[A_MARK],
        public_entry=entries[PUBLIC_MARK],
        b_attachment=stored.id,
        folder=folder,
        uids=uids,
    )


def _titles(engine: sa.Engine, reader: Actor, **filters: Any) -> set[str]:
    frame, total = evidence_page(engine, EvidenceFilters(**filters), visible=visibility(reader))
    assert total == len(frame)
    return set(frame["title"])


def _entries_counted(engine: sa.Engine, visible: Visibility) -> int:
    cube = evidence_cube(engine, EvidenceFilters(), visible=visible, today=TODAY)
    return int(cube["n"].sum()) if "n" in cube else len(cube)


def _overview_total(engine: sa.Engine, reader: Actor) -> int:
    data = overview_data(
        engine,
        EvidenceFilters(),
        visible=visibility(reader),
        lang="en",
        today=TODAY,
        stale_days=90,
    )
    assert int(data.region_counts["n"].sum()) == data.evidence_total  # the map counts the same
    return data.evidence_total


def _pack_text(engine: sa.Engine, reader: Actor, **flags: Any) -> str:
    options = BriefingOptions(custody=True, **flags)
    data = briefings.download_bytes(
        engine=engine, actor=reader, kind="pack", options=options, excel=False
    )
    archive = zipfile.ZipFile(io.BytesIO(data))
    return "\n".join(archive.read(name).decode("utf-8-sig") for name in archive.namelist())


def _pdf_text(engine: sa.Engine, reader: Actor, **flags: Any) -> str:
    brief = brief_pdf.for_download(
        engine=engine,
        actor=reader,
        subject=BriefSubject("demand", "D02"),
        options=BriefingOptions(**flags),
    )
    pages = PdfReader(io.BytesIO(brief.data)).pages
    return " ".join(" ".join(page.extract_text().split()) for page in pages)


def test_members_of_another_organisation_never_read_it_on_a_page(
    engine: sa.Engine, world: World
) -> None:
    for reader in (world.a_viewer, world.a_editor):
        seen = _titles(engine, reader)
        assert B_MARK not in seen
        assert {A_MARK, PUBLIC_MARK} <= seen  # their own organisation's, and the public one
        assert _titles(engine, reader, text=B_MARK) == set()  # register search
        assert _titles(engine, reader, sensitivities=("organisation",)) == {A_MARK}
        assert evidence_detail(engine, world.b_entry, visible=visibility(reader)) is None
        assert evidence_detail(engine, world.a_entry, visible=visibility(reader)) is not None
    assert {B_MARK, PUBLIC_MARK} <= _titles(engine, world.b_editor)
    assert A_MARK not in _titles(engine, world.b_editor)
    assert {A_MARK, B_MARK, PUBLIC_MARK} <= _titles(engine, world.admin)  # admins read all
    assert _titles(engine, world.admin, text=B_MARK) == {B_MARK}


def test_counts_and_charts_leave_it_out(engine: sa.Engine, world: World) -> None:
    assert _overview_total(engine, world.a_editor) == 2  # A's own and the public one
    assert _overview_total(engine, world.a_viewer) == 2
    assert _overview_total(engine, world.b_editor) == 2
    assert _overview_total(engine, world.admin) == 3
    assert (
        _entries_counted(engine, visibility(world.a_editor))
        == _entries_counted(engine, visibility(world.admin)) - 1
    )
    # the organisation filter credits by recorder, and still within what one may see
    a_id = world.a_editor.organisation_id
    b_id = world.b_editor.organisation_id
    assert _titles(engine, world.a_editor, organisations=(b_id,)) == {PUBLIC_MARK}
    assert _titles(engine, world.admin, organisations=(b_id,)) == {B_MARK, PUBLIC_MARK}
    assert _titles(engine, world.a_editor, organisations=(a_id,)) == {A_MARK}


def test_briefings_carry_it_only_for_a_member_or_an_admin_who_asks(
    engine: sa.Engine, world: World
) -> None:
    plain = _pack_text(engine, world.a_editor)
    assert B_MARK not in plain and A_MARK not in plain and PUBLIC_MARK in plain
    asked = _pack_text(engine, world.a_editor, include_organisation=True)
    assert A_MARK in asked and B_MARK not in asked  # custody.csv included
    mine = _pack_text(engine, world.b_editor, include_organisation=True)
    assert B_MARK in mine and A_MARK not in mine
    everything = _pack_text(
        engine, world.admin, include_organisation=True, include_confidential=True
    )
    assert B_MARK in everything and A_MARK in everything
    assert B_MARK not in _pack_text(engine, world.admin)  # not unless asked, for admins too
    with pytest.raises(Forbidden):  # a viewer reads them on screen, but hands none out
        _pack_text(engine, world.a_viewer, include_organisation=True)


def test_a_made_up_reader_in_the_options_is_replaced_by_who_asks(
    engine: sa.Engine, world: World
) -> None:
    forged = BriefingOptions(include_organisation=True, reader=world.b_editor)
    checked = briefings.check_options(engine=engine, actor=world.a_editor, options=forged)
    assert checked.reader == world.a_editor
    _header, rows, _n = briefings.preview(
        engine=engine, actor=world.a_editor, kind="evidence", options=forged, today=TODAY
    )
    assert B_MARK not in repr(rows) and A_MARK in repr(rows)
    # options never checked carry no organisation-only entry at all
    unchecked = briefings.build(
        engine=engine,
        kind="evidence",
        options=BriefingOptions(include_organisation=True),
        today=TODAY,
    )
    assert not any(B_MARK in repr(r) or A_MARK in repr(r) for r in unchecked.rows)


def test_the_pdf_brief_counts_it_only_for_those_who_may(engine: sa.Engine, world: World) -> None:
    text = _pdf_text(engine, world.a_editor, include_organisation=True)
    assert B_MARK not in text and A_MARK in text
    assert B_MARK not in _pdf_text(engine, world.a_editor)
    assert A_MARK not in _pdf_text(engine, world.a_editor)
    admin_text = _pdf_text(engine, world.admin, include_organisation=True)
    assert B_MARK in admin_text and A_MARK in admin_text


def test_its_attachment_and_custody_log_are_not_found(engine: sa.Engine, world: World) -> None:
    for reader in (world.a_viewer, world.a_editor):
        with pytest.raises(NotFound):
            attachments.download_attachment(
                engine=engine, actor=reader, attachment_id=world.b_attachment, folder=world.folder
            )
        with pytest.raises(NotFound):
            attachments.open_attachment(
                engine=engine, actor=reader, attachment_id=world.b_attachment, folder=world.folder
            )
        with pytest.raises(NotFound):
            custody.entry_csv(engine=engine, actor=reader, evidence_id=world.b_entry)
        carried = custody_queries.for_entries(engine, EvidenceFilters(), visible=visibility(reader))
        assert world.b_entry not in set(carried["evidence_id"]) if len(carried) else True
    data = attachments.download_attachment(
        engine=engine, actor=world.b_editor, attachment_id=world.b_attachment, folder=world.folder
    )
    assert B_MARK.encode() in data
    log = custody.entry_csv(engine=engine, actor=world.admin, evidence_id=world.b_entry)
    rows = list(csv.reader(io.StringIO(log.decode("utf-8-sig"))))
    assert len(rows) > 1  # the admin reads it


def test_its_history_captures_and_custody_are_read_only_by_those_who_read_it(
    engine: sa.Engine, world: World
) -> None:
    """The entry panel's other reads hold the rule themselves, whatever asks for them."""

    def reads(reader: Actor) -> list[int]:
        held, entry = visibility(reader), world.b_entry
        return [
            len(evidence_history(engine, entry, visible=held)),
            len(custody_queries.for_evidence(engine, entry, visible=held)),
            len(evidence_captures(engine, entry, visible=held))
            + len(custody_queries.stored_captures(engine, entry, visible=held)),
        ]

    for outsider in (world.a_viewer, world.a_editor):
        assert reads(outsider) == [0, 0, 0]
    for insider in (world.b_editor, world.admin):
        history, custody_events, _ = reads(insider)
        assert history >= 1 and custody_events >= 1  # created; its attachment stored


def test_it_is_never_published_and_backups_stay_the_admins(
    engine: sa.Engine, world: World, tmp_path: Path
) -> None:
    target = tmp_path / "site" / "public"
    publication.publish(engine=engine, actor=world.admin, target=target)
    published = b"".join(
        p.read_bytes() for p in sorted(target.parent.rglob("*")) if p.is_file()
    ).lower()
    assert world.uids[PUBLIC_MARK].encode() in published  # the scan finds what is public
    for hidden in (B_MARK, A_MARK):
        assert hidden.encode() not in published
        assert world.uids[hidden].encode() not in published
    with pytest.raises(Forbidden):
        backup.create(engine=engine, actor=world.a_editor, data_dir=tmp_path, now=_now())


def _now() -> Any:
    from datetime import UTC, datetime

    return datetime.now(UTC)


def test_what_members_record_names_their_organisation(engine: sa.Engine, world: World) -> None:
    with engine.connect() as conn:
        rows = dict(
            conn.execute(sa.select(Evidence.title, Evidence.organisation_id)).all()  # type: ignore[call-overload]
        )
    assert rows[B_MARK] == world.b_editor.organisation_id != world.a_editor.organisation_id
    assert rows[A_MARK] == world.a_editor.organisation_id


def test_the_rule_and_its_sql_agree_on_every_level_and_organisation(
    engine: sa.Engine, world: World
) -> None:
    """`Visibility.admits` (Python) and `Visibility.where` (SQL) are one rule: for every reader
    and every entry, the entry is read by SQL exactly when the Python form admits it."""
    with session_scope(engine) as session:
        for level in Sensitivity:
            for author in (world.a_editor, world.b_editor):
                evidence.create(
                    session=session,
                    actor=author,
                    data=_data(f"grid {level.value} {author.username}", level.value),
                    today=TODAY,
                )
    with engine.connect() as conn:
        everything = conn.execute(
            sa.select(Evidence.id, Evidence.sensitivity, Evidence.organisation_id)  # type: ignore[call-overload]
        ).all()
    for reader in (world.admin, world.a_viewer, world.a_editor, world.b_editor):
        for visible in (
            visibility(reader),
            Visibility((Sensitivity.PUBLIC,)),
            Visibility(tuple(Sensitivity), organisation_id=reader.organisation_id),
        ):
            expected = {i for i, s, o in everything if visible.admits(s, o)}
            clause = visible.where()
            query = sa.select(Evidence.id)  # type: ignore[call-overload]
            with engine.connect() as conn:
                got = set(conn.execute(query if clause is None else query.where(clause)).scalars())
            assert got == expected, (reader.username, visible)


def test_files_credit_the_organisations_that_recorded_what_they_count(
    engine: sa.Engine, world: World
) -> None:
    """The credit counts only what the file carries: B's hidden entry is not counted for A."""
    assert "Recorded by: Beta 1." in _pack_text(engine, world.a_editor)
    asked = _pack_text(engine, world.a_editor, include_organisation=True)
    assert "Recorded by: Alpha 1, Beta 1." in asked
    everything = _pack_text(engine, world.admin, include_organisation=True)
    assert "Recorded by: Beta 2, Alpha 1." in everything
    ukrainian = _pack_text(engine, world.b_editor, include_organisation=True, lang="uk")
    assert "Записали: Бета 2." in ukrainian
    pdf = _pdf_text(engine, world.a_editor, include_organisation=True)
    assert "Recorded by: Alpha 1, Beta 1." in pdf
    assert "ORGANISATION ONLY" in pdf


def test_nobody_outside_it_can_change_attach_to_or_cite_it(engine: sa.Engine, world: World) -> None:
    """What is not found on a page is not found by the services either: another
    organisation's member cannot edit, verify, withdraw, attach to or cite it."""
    from monitor.errors import InvalidInput
    from monitor.services import assessments

    changes = [
        lambda s: evidence.edit(
            session=s,
            actor=world.a_editor,
            evidence_id=world.b_entry,
            expected_version=1,
            data=_data("overwritten", "public"),
            today=TODAY,
        ),
        lambda s: evidence.advance_verification(
            session=s, actor=world.a_editor, evidence_id=world.b_entry, expected_version=1
        ),
        lambda s: evidence.withdraw(
            session=s,
            actor=world.a_editor,
            evidence_id=world.b_entry,
            expected_version=1,
            reason="not ours",
        ),
        lambda s: attachments.attach(
            session=s,
            actor=world.a_editor,
            evidence_id=world.b_entry,
            filename="x.txt",
            data=b"x",
            folder=world.folder,
        ),
    ]
    for change in changes:
        with pytest.raises(NotFound) as err, session_scope(engine) as session:
            change(session)
        assert B_MARK not in str(err.value)
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        assessments.propose(
            session=session,
            actor=world.a_editor,
            demand="D02",
            score=1,
            assessed_on="2026-11-25",
            rationale="cites it",
            evidence_ids=[world.b_entry],
            today=TODAY,
        )
    with session_scope(engine) as session:  # its own organisation's member still may
        evidence.advance_verification(
            session=session, actor=world.b_editor, evidence_id=world.b_entry, expected_version=1
        )
