"""An organisation-only row imported by someone in no organisation is refused like any other
bad row (a clear reason in both languages, nothing written), new or changing an entry; a
member of an organisation imports it. On SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Evidence, Role, Sensitivity
from monitor.core.permissions import Actor
from monitor.i18n import describe
from monitor.services import accounts, importer, organisations
from tests.db.test_import import HEADER, TODAY, count, rows
from tests.factories import make_actor


def _file(body: list[list[str]], *, version: bool = False) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([*HEADER, "sensitivity", *(["version"] if version else [])])
    writer.writerows(body)
    return out.getvalue().encode()


def _import(engine: sa.Engine, actor: Actor, data: bytes) -> importer.ImportReport:
    table = importer.read_table("partner.csv", data)
    with session_scope(engine) as session:
        return importer.import_rows(
            session=session,
            actor=actor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )


def _loner(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "loner", Role.EDITOR)


def test_a_new_organisation_only_row_from_no_organisation_is_refused(engine: sa.Engine) -> None:
    loner = _loner(engine)
    assert loner.organisation_id is None
    body = [[*r, "public"] for r in rows(5)]
    body[3][-1] = "organisation"
    with pytest.raises(importer.ImportRefused) as refused:
        _import(engine, loner, _file(body))
    assert refused.value.rows == {4: {"sensitivity": ("sensitivity.no_organisation", {})}}
    assert refused.value.count == 1
    assert "row 4" in describe(refused.value, "en")
    assert "belongs to no organisation" in describe(refused.value, "en")
    assert "не належить до жодної організації" in describe(refused.value, "uk")
    assert count(engine) == 0  # nothing written
    with Session(engine) as session:
        assert not session.exec(select(AuditEvent).where(AuditEvent.action == "import")).first()
    # the preview that knows the importer says the same
    table = importer.read_table("partner.csv", _file(body))
    with session_scope(engine) as session:
        preview = importer.check_rows(
            session=session,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
            actor=loner,
        )
    assert preview.problems == {4: {"sensitivity": ("sensitivity.no_organisation", {})}}
    assert (preview.created, preview.invalid) == (4, 1)


def test_an_entry_recorded_under_none_is_not_changed_to_organisation_only(
    engine: sa.Engine,
) -> None:
    loner = _loner(engine)
    body = [[*r, "public", "1"] for r in rows(3)]
    assert _import(engine, loner, _file(body, version=True)).created == 3
    body[1][-2] = "organisation"
    with pytest.raises(importer.ImportRefused) as refused:
        _import(engine, loner, _file(body, version=True))
    assert refused.value.rows == {2: {"sensitivity": ("sensitivity.no_organisation", {})}}
    with Session(engine) as session:
        stored = session.exec(select(Evidence.sensitivity)).all()
    assert set(stored) == {Sensitivity.PUBLIC}


def test_a_member_of_an_organisation_imports_organisation_only_rows(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        root = make_actor(session, "root", Role.ADMIN)
        made = organisations.add(session=session, actor=root, code="ngo", name_en="NGO")
        user = accounts.add_user(
            session=session,
            actor=root,
            username="member",
            role=Role.EDITOR,
            password_hash=None,
            organisation="ngo",
        )
        member = Actor.of(user)
    body = [[*r, "organisation"] for r in rows(3)]
    assert _import(engine, member, _file(body)).created == 3
    with Session(engine) as session:
        stored = session.exec(select(Evidence.sensitivity, Evidence.organisation_id)).all()
    assert set(stored) == {(Sensitivity.ORGANISATION, made.id)}
