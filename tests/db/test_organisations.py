"""Organisations: made and renamed by admins, accounts in one, what members record names it;
bad input refused in both languages; the migration puts what was there under a default one
and downgrades organisation-only entries to confidential. On SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
import sqlalchemy as sa
from sqlmodel import col, select

from monitor.core import migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import (
    Assessment,
    AuditEvent,
    CoverageProposal,
    Evidence,
    Organisation,
    Role,
    Sensitivity,
    User,
)
from monitor.core.permissions import Actor
from monitor.errors import Forbidden, InvalidInput
from monitor.i18n import describe
from monitor.queries import lookups
from monitor.queries import organisations as organisation_queries
from monitor.services import accounts, assessments, evidence, organisations
from monitor.services.startup import seed
from tests.db.test_evidence import valid
from tests.factories import make_actor, make_evidence

TODAY = date(2026, 11, 30)


def _admin(engine: sa.Engine) -> Actor:
    with session_scope(engine) as session:
        return make_actor(session, "root", Role.ADMIN)


def test_admins_add_rename_and_assign(engine: sa.Engine) -> None:
    root = _admin(engine)
    with session_scope(engine) as session:
        made = organisations.add(
            session=session, actor=root, code="ZMINA", name_en="ZMINA", name_uk="ЗМІНА"
        )
        user = accounts.add_user(
            session=session,
            actor=root,
            username="olena",
            role=Role.EDITOR,
            password_hash=None,
            organisation="zmina",  # any case
        )
        assert user.organisation_id == made.id
        organisations.rename(
            session=session, actor=root, code="zmina", name_en="Zmina", name_uk="Зміна"
        )
        other = organisations.add(session=session, actor=root, code="crh-rc", name_en="CRH")
        moved = organisations.assign(session=session, actor=root, username="olena", code="crh-rc")
        assert moved.organisation_id == other.id
    with session_scope(engine) as session:
        row = organisations.by_code(session, "ZMINA")
        assert (row.name_en, row.name_uk) == ("Zmina", "Зміна")


@pytest.mark.parametrize(
    ("fields", "field", "uk_words"),
    [
        ({"code": "a b", "name_en": "X"}, "code", "лише літери"),
        ({"code": "", "name_en": "X"}, "code", "обов'язкове"),
        ({"code": "x" * 17, "name_en": "X"}, "code", "не більше 16"),
        ({"code": "ok", "name_en": ""}, "name_en", "обов'язкове"),
        ({"code": "ok", "name_en": "a\x00b"}, "name_en", ""),
        ({"code": "ok", "name_en": "X", "name_uk": "y" * 201}, "name_uk", "не більше 200"),
    ],
)
def test_bad_organisations_are_refused_clearly(
    engine: sa.Engine, fields: dict[str, str], field: str, uk_words: str
) -> None:
    root = _admin(engine)
    with pytest.raises(InvalidInput) as err, session_scope(engine) as session:
        organisations.add(session=session, actor=root, **fields)
    assert set(err.value.problems) == {field}
    ukrainian = describe(err.value, "uk")
    assert uk_words in ukrainian
    assert "\n" not in describe(err.value, "en")
    with session_scope(engine) as session:
        assert session.exec(select(Organisation)).all() == []  # nothing written


def test_a_code_twice_an_unknown_code_and_a_non_admin_are_refused(engine: sa.Engine) -> None:
    root = _admin(engine)
    with session_scope(engine) as session:
        organisations.add(session=session, actor=root, code="ngo", name_en="NGO")
        editor = make_actor(session, "ed", Role.EDITOR)
    with pytest.raises(InvalidInput) as twice, session_scope(engine) as session:
        organisations.add(session=session, actor=root, code="NGO", name_en="Another")
    assert "вже існує" in describe(twice.value, "uk")
    assert "exists already" in describe(twice.value, "en")
    with pytest.raises(InvalidInput) as unknown, session_scope(engine) as session:
        accounts.add_user(
            session=session,
            actor=root,
            username="nobody",
            role=Role.VIEWER,
            password_hash=None,
            organisation="nope",
        )
    assert "жодна організація не має коду nope" in describe(unknown.value, "uk")
    with session_scope(engine) as session:
        assert session.exec(select(User).where(User.username == "nobody")).first() is None
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        organisations.assign(session=session, actor=root, username="ghost", code="ngo")
    for call in (
        lambda s: organisations.add(session=s, actor=editor, code="x", name_en="X"),
        lambda s: organisations.rename(session=s, actor=editor, code="ngo", name_en="X"),
        lambda s: organisations.assign(session=s, actor=editor, username="ed", code="ngo"),
    ):
        with pytest.raises(Forbidden), session_scope(engine) as session:
            call(session)


def test_what_a_member_records_names_the_organisation(engine: sa.Engine) -> None:
    root = _admin(engine)
    with session_scope(engine) as session:
        org = organisations.add(session=session, actor=root, code="ngo", name_en="NGO")
        user = accounts.add_user(
            session=session,
            actor=root,
            username="ed",
            role=Role.EDITOR,
            password_hash=None,
            organisation="ngo",
        )
        editor = Actor.of(user)
        assert editor.organisation_id == org.id
        entry = evidence.create(
            session=session,
            actor=editor,
            data={
                "demands": ["D01"],
                "title": "A fact",
                "event_start": "2026-11-01",
                "region_code": "crimea",
                "source_type": "ngo_report",
                "reliability": "B",
                "credibility": "2",
                "direction": "regression",
                "sensitivity": "organisation",
            },
            today=TODAY,
        )
        assessed = assessments.propose(
            session=session,
            actor=editor,
            demand="D01",
            assessed_on="2026-11-02",
            score=1,
            rationale="R",
            today=TODAY,
        )
    assert entry.organisation_id == org.id
    assert entry.sensitivity == Sensitivity.ORGANISATION
    with session_scope(engine) as session:
        row = session.get(Assessment, assessed.id)
        assert row is not None and row.organisation_id == org.id


def test_a_first_seed_makes_the_default_organisation_and_puts_accounts_in_it(
    engine: sa.Engine, settings: object
) -> None:
    with session_scope(engine) as session:
        make_actor(session, "early", Role.EDITOR)
    seed(engine=engine, settings=settings)  # type: ignore[arg-type]
    seed(engine=engine, settings=settings)  # type: ignore[arg-type]
    with session_scope(engine) as session:
        made = session.exec(select(Organisation)).all()
        assert [o.code for o in made] == ["default"]
        user = session.exec(select(User).where(User.username == "early")).one()
        assert user.organisation_id == made[0].id
        later = make_actor(session, "later", Role.VIEWER)
        assert later.organisation_id == made[0].id


def test_the_migration_puts_existing_data_under_a_default_organisation(
    database_url: str,
) -> None:
    migrate.downgrade(database_url, "0015")
    engine = make_engine(database_url)
    now = datetime(2026, 11, 1, tzinfo=UTC).replace(tzinfo=None)
    with engine.begin() as conn:
        conn.execute(
            sa.text(
                'INSERT INTO "user" (username, display_name, role, is_active, created_at) '
                "VALUES ('old', 'Old', 'editor', true, :now)"
            ),
            {"now": now},
        )
        user_id = conn.execute(sa.text("SELECT id FROM \"user\" WHERE username = 'old'")).scalar()
    engine.dispose()
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        default = session.exec(select(Organisation)).one()
        assert default.code == "default" and default.name_uk
        user = session.get(User, user_id)
        assert user is not None and user.organisation_id == default.id
        actor = Actor.of(user)
        entry = make_evidence(
            session,
            actor,
            sensitivity=Sensitivity.ORGANISATION,
            organisation_id=default.id,
        )
        entry_id = entry.id
    engine.dispose()
    # down: an organisation-only entry becomes confidential (still hidden from viewers)
    migrate.downgrade(database_url, "0015")
    engine = make_engine(database_url)
    with engine.connect() as conn:
        level = conn.execute(
            sa.text("SELECT sensitivity FROM evidence WHERE id = :id"), {"id": entry_id}
        ).scalar()
        columns = {c["name"] for c in sa.inspect(conn).get_columns("evidence")}
    assert level == "confidential" and "organisation_id" not in columns
    with pytest.raises(sa.exc.IntegrityError), engine.begin() as conn:
        conn.execute(
            sa.text("UPDATE evidence SET sensitivity = 'organisation' WHERE id = :id"),
            {"id": entry_id},
        )
    engine.dispose()
    migrate.upgrade(database_url)
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        row = session.get(Evidence, entry_id)
        assert row is not None and row.organisation_id is not None
        row.sensitivity = Sensitivity.ORGANISATION  # the level is accepted again
        session.add(row)
    with engine.connect() as conn:
        # the reference data's coverage codes were there: they are the default one's too
        unnamed = sa.select(sa.func.count()).where(col(CoverageProposal.organisation_id).is_(None))
        assert conn.execute(unnamed).scalar() == 0
    engine.dispose()


def test_only_an_organisation_nothing_names_is_removed(engine: sa.Engine) -> None:
    root = _admin(engine)
    with session_scope(engine) as session:
        used = organisations.add(session=session, actor=root, code="ngo", name_en="NGO")
        organisations.add(session=session, actor=root, code="typo", name_en="Typo")
        make_evidence(session, root, organisation_id=used.id)
        editor = make_actor(session, "ed", Role.EDITOR)
    with pytest.raises(InvalidInput) as named, session_scope(engine) as session:
        organisations.remove(session=session, actor=root, code="ngo")
    assert "cannot be removed" in describe(named.value, "en")
    assert "внесених нею записів — 1" in describe(named.value, "uk")
    with pytest.raises(Forbidden), session_scope(engine) as session:
        organisations.remove(session=session, actor=editor, code="typo")
    with session_scope(engine) as session:
        organisations.remove(session=session, actor=root, code="TYPO")  # any case
    with session_scope(engine) as session:
        codes = [o.code for o in session.exec(select(Organisation)).all()]
        assert codes == ["ngo"]
        deleted = session.exec(
            select(AuditEvent).where(
                AuditEvent.entity == "organisation", AuditEvent.action == "delete"
            )
        ).all()
        assert len(deleted) == 1 and deleted[0].before and deleted[0].before["code"] == "typo"
        session.execute(sa.update(Evidence).values(organisation_id=None))  # nothing names it now
        session.execute(sa.update(User).values(organisation_id=None))
    with pytest.raises(InvalidInput) as last, session_scope(engine) as session:
        organisations.remove(session=session, actor=root, code="ngo")
    assert "єдина" in describe(last.value, "uk") and "only one" in describe(last.value, "en")


def test_an_entry_for_no_organisation_is_refused_in_both_languages(engine: sa.Engine) -> None:
    """An author in no organisation cannot log "my organisation only" (nobody but the admins
    could read it, not the author), nor can an entry recorded under none be changed to it."""
    with session_scope(engine) as session:
        loner = make_actor(session, "loner", Role.EDITOR)
    assert loner.organisation_id is None
    with pytest.raises(InvalidInput) as refused, session_scope(engine) as session:
        evidence.create(
            session=session, actor=loner, data=valid(sensitivity="organisation"), today=TODAY
        )
    assert set(refused.value.problems) == {"sensitivity"}
    assert "belongs to no organisation" in describe(refused.value, "en")
    assert "не належить до жодної організації" in describe(refused.value, "uk")
    with session_scope(engine) as session:
        assert session.exec(select(Evidence)).all() == []  # nothing written
        entry = evidence.create(session=session, actor=loner, data=valid(), today=TODAY)
        entry_id, version = entry.id, entry.version
    assert entry_id is not None
    with pytest.raises(InvalidInput), session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=loner,
            evidence_id=entry_id,
            expected_version=version,
            data=valid(sensitivity="organisation"),
            today=TODAY,
        )
    with session_scope(engine) as session:
        kept = session.get(Evidence, entry_id)
        assert kept is not None and kept.sensitivity == Sensitivity.RESTRICTED


def test_the_system_account_is_not_listed_among_people(engine: sa.Engine) -> None:
    """Reference loads act as the system account: it showed as an active admin in the Admin
    page's accounts, and an organisation of one person said "2 accounts"."""
    root = _admin(engine)
    with session_scope(engine) as session:
        made = organisations.add(session=session, actor=root, code="ngo", name_en="NGO")
        system = session.get(User, accounts.system_actor(session=session).id)
        assert system is not None
        system.organisation_id = made.id  # as the default organisation holds it
        accounts.add_user(
            session=session,
            actor=root,
            username="olena",
            role=Role.EDITOR,
            password_hash=None,
            organisation="ngo",
        )
    names = set(lookups.users(engine)["username"])
    assert "system" not in names and {"root", "olena"} <= names
    listed = organisation_queries.listing(engine).set_index("code")
    assert int(listed.loc["ngo", "members"]) == 1  # olena alone
