"""Roles against every service function, sign-in throttling, the append-only audit, backups."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from sqlalchemy.exc import DBAPIError
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Role, User
from monitor.core.passwords import hash_password
from monitor.core.permissions import Actor
from monitor.domain.import_mapping import REQUIRED_FIELDS
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.services import (
    accounts,
    app_settings,
    assessments,
    backup,
    briefings,
    coverage,
    drafts,
    evidence,
    importer,
)
from monitor.services.accounts import retry_after, sign_in
from tests.db.test_evidence import valid
from tests.factories import make_actor, make_evidence, restore_at

TODAY = date(2026, 11, 23)
NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def _calls(entry_id: int) -> dict[str, tuple[Role, Callable[[Session, Actor], Any]]]:
    """Every write path, with the least role it needs."""
    return {
        "create evidence": (
            Role.EDITOR,
            lambda s, a: evidence.create(session=s, actor=a, data=valid(), today=TODAY),
        ),
        "edit evidence": (
            Role.EDITOR,
            lambda s, a: evidence.edit(
                session=s,
                actor=a,
                evidence_id=entry_id,
                expected_version=1,
                data=valid(),
                today=TODAY,
            ),
        ),
        "verify evidence": (
            Role.EDITOR,
            lambda s, a: evidence.advance_verification(
                session=s, actor=a, evidence_id=entry_id, expected_version=1
            ),
        ),
        "withdraw evidence": (
            Role.EDITOR,
            lambda s, a: evidence.withdraw(
                session=s, actor=a, evidence_id=entry_id, expected_version=1, reason="dup"
            ),
        ),
        "import evidence": (
            Role.EDITOR,
            lambda s, a: importer.import_rows(
                session=s,
                actor=a,
                table=importer.read_table(
                    "x.csv",
                    b"demands,title,event_start,region_code,source_type,reliability,"
                    b"credibility,direction\nD01,y,2025-01-01,kherson,media,B,2,progress\n",
                ),
                mapping={"title": "title"} | {f: f for f in REQUIRED_FIELDS},
                today=TODAY,
            ),
        ),
        "propose assessment": (
            Role.EDITOR,
            lambda s, a: assessments.propose(
                session=s,
                actor=a,
                demand="D01",
                score=1,
                assessed_on="2026-01-01",
                rationale="r",
                today=TODAY,
            ),
        ),
        "code coverage": (
            Role.EDITOR,
            lambda s, a: coverage.propose(
                session=s, actor=a, draft_code="US28-2025-11", demand_code="D07", level="absent"
            ),
        ),
        "add point": (
            Role.EDITOR,
            lambda s, a: drafts.add_point(
                session=s, actor=a, draft_code="US28-2025-11", label="29", text="A new point."
            ),
        ),
        "add user": (
            Role.ADMIN,
            lambda s, a: accounts.add_user(
                session=s, actor=a, username="newbie", role=Role.VIEWER, password_hash=None
            ),
        ),
        "change setting": (
            Role.ADMIN,
            lambda s, a: app_settings.set_value(
                session=s, actor=a, key=app_settings.FOUR_EYES, value="off"
            ),
        ),
    }


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("name", list(_calls(0)))
def test_each_role_against_each_service(engine: sa.Engine, role: Role, name: str) -> None:
    with session_scope(engine) as session:
        owner = make_actor(session, "owner", Role.ADMIN)
        entry_id = make_evidence(session, owner).id
        actor = make_actor(session, f"as-{role.value}", role)
    least, call = _calls(entry_id)[name]
    allowed = {Role.VIEWER: 0, Role.EDITOR: 1, Role.ADMIN: 2}[role] >= {
        Role.VIEWER: 0,
        Role.EDITOR: 1,
        Role.ADMIN: 2,
    }[least]
    if allowed:
        with session_scope(engine) as session:
            call(session, actor)
    else:
        with (
            pytest.raises(Forbidden, match=f"needs {least.value}"),
            session_scope(engine) as session,
        ):
            call(session, actor)


def test_exports_follow_the_role(engine: sa.Engine) -> None:
    viewer = Actor(1, "v", Role.VIEWER)
    with pytest.raises(Forbidden):
        briefings.check_options(
            engine=engine, actor=viewer, options=briefings.BriefingOptions(include_restricted=True)
        )
    briefings.check_options(engine=engine, actor=viewer, options=briefings.BriefingOptions())


def test_sign_in_throttles_and_logs_failures(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        session.add(
            User(username="olena", role=Role.EDITOR, password_hash=hash_password("correct horse"))
        )
    now = datetime.now(UTC)
    assert (
        sign_in(engine=engine, username="olena", password="correct horse", now=now).username
        == "olena"
    )
    for _ in range(3):
        with pytest.raises(Forbidden) as info:
            sign_in(engine=engine, username="olena", password="wrong", now=now)
        assert info.value.key == "auth.failed"
    with pytest.raises(Forbidden) as info:  # after three failures, even the right password waits
        sign_in(engine=engine, username="olena", password="correct horse", now=datetime.now(UTC))
    assert info.value.key == "auth.throttled"
    with Session(engine) as session:
        actions = [
            e.action
            for e in session.exec(select(AuditEvent).where(AuditEvent.entity == "user")).all()
        ]
    assert actions.count("sign-in-failed") == 3 and actions.count("sign-in") == 1
    with pytest.raises(Forbidden):
        sign_in(engine=engine, username="nobody", password="x", now=datetime.now(UTC))


def _stored_hash(engine: sa.Engine, username: str) -> str | None:
    with Session(engine) as session:
        return session.exec(select(User.password_hash).where(User.username == username)).one()


def test_an_older_scrypt_hash_signs_in_and_is_stored_again_as_argon2id(engine: sa.Engine) -> None:
    from tests.unit.test_auth import legacy_scrypt_hash

    old = legacy_scrypt_hash("старий пароль")
    with session_scope(engine) as session:
        session.add(User(username="mykola", role=Role.EDITOR, password_hash=old))
    with pytest.raises(Forbidden):  # a wrong password leaves the old hash alone
        sign_in(engine=engine, username="mykola", password="wrong", now=datetime.now(UTC))
    assert _stored_hash(engine, "mykola") == old
    sign_in(engine=engine, username="mykola", password="старий пароль", now=datetime.now(UTC))
    upgraded = _stored_hash(engine, "mykola")
    assert upgraded is not None and upgraded.startswith("$argon2id$v=19$m=19456,t=2,p=1$")
    assert upgraded != old
    # the new hash signs in, and is not rewritten again
    sign_in(engine=engine, username="mykola", password="старий пароль", now=datetime.now(UTC))
    assert _stored_hash(engine, "mykola") == upgraded


def test_retry_after_grows() -> None:
    failures = [NOW - timedelta(seconds=1)] * 3
    assert retry_after(failures, NOW) == pytest.approx(4.0)
    assert retry_after([*failures, NOW], NOW) == pytest.approx(10.0)
    assert retry_after([NOW - timedelta(minutes=20)] * 9, NOW) == 0.0


def test_the_audit_log_refuses_updates_and_deletes(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        make_evidence(session, make_actor(session))
        from monitor.core import audit

        audit.record(session, None, "create", "evidence", 1)
    for sql in ("UPDATE audit_event SET action = 'forged'", "DELETE FROM audit_event"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.exec_driver_sql(sql)


def _content(engine: sa.Engine) -> dict[str, list[str]]:
    with engine.connect() as conn:
        return {t.name: list(backup._rows(conn, t)) for t in backup._tables()}


def test_backup_and_restore_round_trip(
    engine: sa.Engine, tmp_path: Path, sqlite_template: Path
) -> None:
    files = tmp_path / "data"
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        entry = make_evidence(session, admin, title="Запис «з лапками»")
        from monitor.services import attachments

        attachments.attach(
            session=session,
            actor=admin,
            evidence_id=entry.id,
            filename="r.pdf",
            data=b"%PDF-1.4 test",
            folder=files / "attachments",
        )
    before = _content(engine)
    blob = backup.create(engine=engine, actor=admin, data_dir=files, now=NOW)
    meta = json.loads(
        __import__("zipfile").ZipFile(__import__("io").BytesIO(blob)).read("backup.json")
    )
    assert meta["tables"]["evidence"] == 1
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restored_files = tmp_path / "restored"
    counts = restore_at(target, blob=blob, data_dir=restored_files)
    assert counts == meta["tables"]
    from monitor.core.db import make_engine

    copy = make_engine(target)
    after = _content(copy)
    events, kept = after.pop("custody_event"), before.pop("custody_event")
    assert after == before  # identical rows, table by table
    assert events[: len(kept)] == kept  # the chain as backed up, then the restore's own events
    assert all('"action": "restore"' in e for e in events[len(kept) :])
    assert (restored_files / "attachments").exists() and any(
        (restored_files / "attachments").rglob("*")
    )
    with pytest.raises(Exception, match="not empty"):
        restore_at(target, blob=blob, data_dir=restored_files)
    copy.dispose()
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(blob))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as altered:
        for name in source.namelist():
            data = source.read(name)
            altered.writestr(name, data.replace("з лапками".encode(), "ПІДРОБКА".encode()))
    tampered = out.getvalue()
    with pytest.raises(Exception, match="SHA-256"):
        restore_at(f"sqlite:///{tmp_path / 'other.db'}", blob=tampered, data_dir=restored_files)


def test_an_account_keeps_the_language_its_person_chose(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        session.add(
            User(username="olha", role=Role.VIEWER, password_hash=hash_password("olha-pass-12"))
        )
    first = sign_in(engine=engine, username="olha", password="olha-pass-12", now=NOW)
    assert first.language is None  # never chose: the address or the default decides
    with session_scope(engine) as session:
        accounts.set_language(session=session, actor=first, language="en")
    again = sign_in(engine=engine, username="olha", password="olha-pass-12", now=NOW)
    assert again.language == "en"
    with pytest.raises(InvalidInput) as refused, session_scope(engine) as session:
        accounts.set_language(session=session, actor=again, language="xx")
    assert "uk, en" in describe(refused.value, "uk") and "uk, en" in describe(refused.value, "en")
    with session_scope(engine) as session:
        stored = session.exec(select(User).where(User.username == "olha")).one()
        assert stored.language == "en"  # the refusal changed nothing
        changes = session.exec(select(AuditEvent).where(AuditEvent.entity == "user")).all()
        assert [e.after for e in changes if e.after and "language" in e.after] == [
            {"language": "en"}
        ]
