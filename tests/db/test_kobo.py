"""KoboToolbox pulls against a real local server in the API's shape, on SQLite and PostgreSQL:
pages, attachments, re-pull, edits, deletions, refusals, and the server's failures (401, 500,
a timeout), after which nothing has changed."""

from __future__ import annotations

import dataclasses
import io
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from PIL import Image
from sqlmodel import Session, col, func, select

from monitor.config import Settings
from monitor.core import files
from monitor.core.audit import data_version
from monitor.core.db import session_scope
from monitor.core.models import (
    AppSetting,
    Attachment,
    AuditEvent,
    Evidence,
    KoboSubmission,
    Role,
    Verification,
)
from monitor.core.permissions import Actor
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.queries.settings import KOBO_CURSOR
from monitor.services import backup, evidence, kobo
from tests.factories import make_actor, restore_at
from tests.kobo_server import ASSET, TOKEN, FakeKobo, serve_kobo

TODAY = date(2026, 12, 1)


def _png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(out, format="PNG")
    return out.getvalue()


PNG = _png()
NOTE = "Свідчення сусідки: затримали вранці.\n".encode()


def answers(n: int, **changes: str) -> dict[str, str]:
    """One filled field form, as KoboToolbox sends it (choice names, a space between codes)."""
    return {
        "demands": "D01 D02",
        "title": f"Затримання вчителя {n}",
        "description": "Затримали біля школи.",
        "event_start": "2026-11-0" + str(1 + n % 9),
        "region_code": "donetsk",
        "settlement_code": "UA14160010010073615",
        "source_type": "witness",
        "reliability": "C",
        "credibility": "3",
        "direction": "regression",
        "language": "uk",
        "people_count": str(n),
        "sensitivity": "restricted",
        "files": [{"files/photo": "photo.png"}],
        **changes,
    }


@pytest.fixture
def setup(engine: sa.Engine, settings: Settings) -> tuple[Actor, Settings]:
    with session_scope(engine) as session:
        editor = make_actor(session, "field-editor", Role.EDITOR)
    return editor, dataclasses.replace(
        settings, kobo_token=TOKEN, capture_allowed_hosts=("127.0.0.1",)
    )


def _configure(engine: sa.Engine, base: str, asset: str = ASSET) -> None:
    with session_scope(engine) as session:
        admin = make_actor(session, "kobo-admin", Role.ADMIN)
        kobo.configure(session=session, actor=admin, server_url=base, asset_uid=asset)


def _pull(engine: sa.Engine, actor: Actor, settings: Settings, **kwargs: float) -> kobo.PullReport:
    return kobo.pull(
        engine=engine,
        actor=actor,
        settings=settings,
        today=TODAY,
        page_size=2,
        listing_page_size=2,
        **kwargs,
    )


def _state(engine: sa.Engine) -> tuple[object, ...]:
    """Everything a pull could change, to compare before and after."""
    with Session(engine) as session:
        entries = session.exec(
            select(Evidence.uid, Evidence.version, Evidence.title).order_by(col(Evidence.uid))
        ).all()
        files_ = session.exec(select(Attachment.sha256).order_by(col(Attachment.sha256))).all()
        rows = session.exec(
            select(KoboSubmission.root_uuid, KoboSubmission.instance_uuid).order_by(
                col(KoboSubmission.root_uuid)
            )
        ).all()
        cursor = session.get(AppSetting, KOBO_CURSOR)
        return (
            tuple(entries),
            tuple(files_),
            tuple(rows),
            cursor.value if cursor else None,
            data_version(session),
        )


def _fill(kobo_: FakeKobo, count: int) -> list[dict[str, object]]:
    return [
        kobo_.add(
            answers(n),
            submitted=f"2026-11-2{n}T10:00:0{n}",
            files={"photo.png": PNG, "note.txt": NOTE + str(n).encode()} if n < 2 else {},
        )
        for n in range(count)
    ]


def test_a_pull_takes_every_page_with_the_files(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        records = _fill(server, 5)
        report = _pull(engine, editor, settings)
        data_pages = [p for p, _ in server.requests if "/data/?" in p]
        assert all(auth == f"Token {TOKEN}" for _, auth in server.requests)
    assert (report.created, report.updated, report.unchanged) == (5, 0, 0), report.items
    assert report.attachments == 4 and report.items == []
    assert len(data_pages) >= 6  # three pages of new ones, three of the listing (2 a page)
    with Session(engine) as session:
        entries = session.exec(select(Evidence).order_by(col(Evidence.id))).all()
        stored = session.exec(select(Attachment)).all()
        cursor = session.get(AppSetting, KOBO_CURSOR)
        pulls = session.exec(select(AuditEvent).where(AuditEvent.action == "kobo-pull")).all()
        first_id = entries[0].id
        assert first_id is not None
        demands = evidence.demand_codes(session=session, evidence_id=first_id)
    assert [e.uid for e in entries] == [f"kobo:{r['_uuid']}" for r in records]
    assert {e.verification for e in entries} == {Verification.UNVERIFIED}
    assert entries[0].settlement_name == "Авдіївка" and entries[0].credibility == 3
    assert demands == ["D01", "D02"]
    assert sorted(a.sha256 for a in stored) == sorted(
        files.sha256(d) for d in (PNG, PNG, NOTE + b"0", NOTE + b"1")
    )
    assert cursor is not None and cursor.value == "2026-11-24T10:00:04"
    assert len(pulls) == 1 and pulls[0].after and pulls[0].after["created"] == 5
    assert TOKEN not in str(pulls[0].after)


def test_pulling_again_changes_nothing(engine: sa.Engine, setup: tuple[Actor, Settings]) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        _fill(server, 3)
        _pull(engine, editor, settings)
        before = _state(engine)
        server.requests.clear()
        again = _pull(engine, editor, settings)
        downloads = [p for p, _ in server.requests if "/attachments/" in p]
    assert (again.created, again.updated, again.attachments) == (0, 0, 0)
    assert again.unchanged >= 1 and again.items == []
    assert downloads == []  # a known version's files are not fetched again
    assert _state(engine) == before


def test_an_edited_submission_updates_its_entry(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        first, _second = _fill(server, 2)
        _pull(engine, editor, settings)
        server.edit(first, title="Затримання вчителя (уточнено)", people_count="2")
        report = _pull(engine, editor, settings)
    assert (report.created, report.updated) == (0, 1), report.items
    with Session(engine) as session:
        entry = session.exec(select(Evidence).where(Evidence.uid == f"kobo:{first['_uuid']}")).one()
        row = session.exec(
            select(KoboSubmission).where(KoboSubmission.evidence_id == entry.id)
        ).one()
        edits = session.exec(
            select(AuditEvent).where(
                AuditEvent.action == "edit", AuditEvent.entity_id == str(entry.id)
            )
        ).all()
    assert entry.title == "Затримання вчителя (уточнено)" and entry.people_count == 2
    assert entry.version == 2 and row.evidence_version == 2
    assert row.instance_uuid != first["_uuid"] and row.root_uuid == first["_uuid"]
    assert len(edits) == 1  # through the normal edit, audited with before and after


def test_an_entry_changed_here_is_not_overwritten_by_an_edit_there(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        (first,) = _fill(server, 1)
        _pull(engine, editor, settings)
        with session_scope(engine) as session:
            entry = session.exec(select(Evidence)).one()
            assert entry.id is not None
            data = {**evidence.view(session=session, entry=entry), "title": "Уточнено в офісі"}
            evidence.edit(
                session=session,
                actor=editor,
                evidence_id=entry.id,
                expected_version=1,
                data=data,
                today=TODAY,
            )
        server.edit(first, title="Уточнено в полі")
        report = _pull(engine, editor, settings)
        again = _pull(engine, editor, settings)
    assert report.updated == 0 and [i.what for i in report.items] == ["conflict"]
    assert "nothing was overwritten" in str(report.items[0])
    assert [i.what for i in again.items] == ["conflict"]  # said again until resolved
    with Session(engine) as session:
        assert session.exec(select(Evidence.title)).one() == "Уточнено в офісі"


def test_a_deleted_submission_is_reported_and_its_entry_kept(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        first, _second = _fill(server, 2)
        _pull(engine, editor, settings)
        server.delete(first)
        report = _pull(engine, editor, settings)
    deleted = [i for i in report.items if i.what == "deleted"]
    assert [i.root for i in deleted] == [first["_uuid"]]
    with Session(engine) as session:
        entry = session.exec(select(Evidence).where(Evidence.uid == f"kobo:{first['_uuid']}")).one()
        row = session.exec(
            select(KoboSubmission).where(KoboSubmission.evidence_id == entry.id)
        ).one()
        assert deleted[0].evidence_id == entry.id
    assert entry.withdrawn_at is None and row.gone_since is not None


def test_a_refused_submission_is_named_and_the_others_stored(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        good = server.add(answers(1), submitted="2026-11-20T08:00:00")
        bad = server.add(
            answers(2, region_code="luhansk", title="", event_start="2027-01-01"),
            submitted="2026-11-20T09:00:00",
        )
        report = _pull(engine, editor, settings)
        retried = _pull(engine, editor, settings)
    assert report.created == 1
    (refused,) = report.items
    assert refused.what == "refused" and refused.root == bad["_uuid"]
    assert isinstance(refused.reason, InvalidInput)
    assert set(refused.reason.problems) >= {"title", "event_start"}
    assert "обов'язкове поле" in describe(refused.reason, "uk")
    assert [i.what for i in retried.items] == ["refused"]  # asked for again: not forgotten
    with Session(engine) as session:
        assert session.exec(select(Evidence.uid)).all() == [f"kobo:{good['_uuid']}"]


@pytest.mark.parametrize(
    ("fault", "key", "english", "ukrainian"),
    [
        ("token", "kobo.unauthorized", "refused the token (HTTP 401)", "не прийняв токен"),
        ("500", "kobo.server_error", "answered HTTP 500", "відповів HTTP 500"),
        ("slow", "kobo.timeout", "did not answer within", "не відповів за"),
    ],
)
def test_a_failing_server_changes_nothing(
    engine: sa.Engine,
    setup: tuple[Actor, Settings],
    fault: str,
    key: str,
    english: str,
    ukrainian: str,
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        _fill(server, 2)
        _pull(engine, editor, settings)
        server.add(answers(7), submitted="2026-11-29T10:00:00", files={"photo.png": PNG})
        before = _state(engine)
        if fault == "token":
            settings = dataclasses.replace(settings, kobo_token="wrong-token")
        elif fault == "500":
            server.mode = "500"
        else:
            server.delay = 2.0
        with pytest.raises(kobo.KoboError) as refused:
            _pull(engine, editor, settings, timeout=0.5)
        server.delay = 0
    assert refused.value.key == key
    assert english in str(refused.value) and "Nothing was changed" in str(refused.value)
    assert ukrainian in describe(refused.value, "uk") and "Нічого не змінено" in describe(
        refused.value, "uk"
    )
    assert _state(engine) == before
    with Session(engine) as session:
        failed = session.exec(
            select(AuditEvent).where(AuditEvent.action == "kobo-pull-failed")
        ).one()
    assert failed.after and failed.after["error"] == key
    assert settings.kobo_token not in str(failed.after) and TOKEN not in str(failed.after)


def test_the_token_goes_to_the_server_only(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server, serve_kobo() as elsewhere:
        _configure(engine, server.base)
        record = server.add(answers(1), submitted="2026-11-20T08:00:00", files={"x.png": PNG})
        record["_attachments"][0]["download_url"] = f"{elsewhere.base}/api/v2/stolen/"
        report = _pull(engine, editor, settings)
    assert elsewhere.requests == []
    assert report.created == 1 and [i.what for i in report.items] == ["attachment"]
    assert "token goes to that server only" in str(report.items[0])
    assert TOKEN not in repr(settings) and TOKEN not in repr(
        kobo.Project(server.base, ASSET, TOKEN)
    )


def test_a_file_moved_to_a_store_elsewhere_is_fetched_without_the_token(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server, serve_kobo() as store:
        _configure(engine, server.base)
        record = server.add(answers(1), submitted="2026-11-20T08:00:00", files={"x.png": PNG})
        path = record["_attachments"][0]["download_url"].removeprefix(server.base)
        store.mode, store.files["/bucket/x.png"] = "storage", PNG
        server.redirects[path] = f"{store.base}/bucket/x.png"
        report = _pull(engine, editor, settings)
    assert report.attachments == 1 and report.items == []
    assert store.requests == [("/bucket/x.png", None)]  # followed, and no token went there


def test_the_address_guard_is_on_by_default(
    engine: sa.Engine, setup: tuple[Actor, Settings]
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        _fill(server, 1)
        with pytest.raises(kobo.KoboError) as refused:
            _pull(engine, editor, dataclasses.replace(settings, capture_allowed_hosts=()))
        assert server.requests == []
    assert refused.value.key == "kobo.unreachable" and "127.0.0.1" in str(refused.value)


def test_setting_the_project_is_for_admins_and_checked(
    engine: sa.Engine, settings: Settings
) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        admin = make_actor(session, "ad", Role.ADMIN)
    with session_scope(engine) as session, pytest.raises(Forbidden):
        kobo.configure(
            session=session, actor=editor, server_url="https://kf.kobotoolbox.org", asset_uid=ASSET
        )
    with session_scope(engine) as session, pytest.raises(InvalidInput) as refused:
        kobo.configure(session=session, actor=admin, server_url="ftp://x", asset_uid="a/../b")
    assert set(refused.value.problems) == {"server_url", "asset_uid"}
    with session_scope(engine) as session:
        viewer = make_actor(session, "viewer", Role.VIEWER)
    with pytest.raises(Forbidden):
        kobo.pull(engine=engine, actor=viewer, settings=settings, today=TODAY)
    with session_scope(engine) as session, pytest.raises(kobo.KoboError) as missing:
        kobo.project(session=session, settings=settings)
    assert missing.value.key == "kobo.not_configured"
    with session_scope(engine) as session:
        kobo.configure(
            session=session, actor=admin, server_url="https://kf.kobotoolbox.org/", asset_uid=ASSET
        )
    with session_scope(engine) as session, pytest.raises(kobo.KoboError) as no_token:
        kobo.project(session=session, settings=settings)
    assert no_token.value.key == "kobo.no_token" and "MONITOR_KOBO_TOKEN" in str(no_token.value)
    with Session(engine) as session:
        assert kobo.configured(session=session)[:2] == ("https://kf.kobotoolbox.org", ASSET)
        assert (
            session.exec(
                select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "set")
            ).one()
            == 2
        )


def test_a_backup_holds_the_project_but_never_the_token(
    engine: sa.Engine, setup: tuple[Actor, Settings], tmp_path: Path
) -> None:
    editor, settings = setup
    with serve_kobo() as server:
        _configure(engine, server.base)
        _fill(server, 2)
        _pull(engine, editor, settings)
    with session_scope(engine) as session:
        admin = make_actor(session, "backup-admin", Role.ADMIN)
    blob = backup.create(
        engine=engine, actor=admin, data_dir=settings.data_dir, now=datetime.now(UTC)
    )
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        everything = b"".join(archive.read(name) for name in archive.namelist())
    assert ASSET.encode() in everything and b"kobo_submission" in everything
    assert TOKEN.encode() not in everything
    restored = restore_at(
        f"sqlite:///{tmp_path / 'restored.db'}", blob=blob, data_dir=tmp_path / "restored"
    )
    assert restored["kobo_submission"] == 2 and restored["evidence"] == 2
