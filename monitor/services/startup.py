"""What the app and the command line do before anything else: connect, migrate, seed, and
know who acts. Each step owns its short transaction (it runs before any page or command)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import select

from monitor.config import Settings
from monitor.core import migrate, storage
from monitor.core.db import make_engine, session_scope
from monitor.core.inputs import UsernameInput
from monitor.core.models import Demand, Role, User
from monitor.core.permissions import Actor
from monitor.core.validation import parse
from monitor.errors import NotFound
from monitor.services import organisations
from monitor.services.accounts import get_or_create_user, system_actor
from monitor.services.reference import LoadReport, load_reference


def open_database(settings: Settings) -> Engine:
    """An engine on a database at the newest schema revision (migrating if needed)."""
    migrate.upgrade(settings.database_url)
    return make_engine(settings.database_url)


def seed(*, engine: Engine, settings: Settings) -> LoadReport:
    """Load the reference data that is missing (idempotent)."""
    with session_scope(engine) as session:
        report = load_reference(session=session, folder=settings.reference_dir)
        organisations.ensure_default(session=session)
        return report


def seed_if_empty(*, engine: Engine, settings: Settings) -> None:
    """A first start on an empty database gets the demands and drafts without a separate step
    (once, when several hosts start together: the second finds them loaded)."""
    if _has_demands(engine):
        return
    with migrate.one_at_a_time(engine.url.render_as_string(hide_password=False)):
        if not _has_demands(engine):
            seed(engine=engine, settings=settings)


def _has_demands(engine: Engine) -> bool:
    with engine.connect() as conn:
        return bool(conn.execute(sa.select(sa.func.count()).select_from(Demand)).scalar())


def local_actor(*, engine: Engine, settings: Settings) -> Actor:
    """The one local user the app acts as until sign-in exists; created on first start."""
    with session_scope(engine) as session:
        return Actor.of(
            get_or_create_user(
                session=session,
                username=settings.local_user,
                role=Role.ADMIN,
                display_name="Local user",
            )
        )


def recover(*, engine: Engine, settings: Settings) -> int:
    """Tidy after a crash: stored files that no committed row names are removed."""
    # the attachments service brings pandas and the PDF and image readers (a second of
    # imports): every command opens the database through this module, and few need them
    from monitor.services import attachments  # noqa: PLC0415

    with session_scope(engine) as session:
        return attachments.sweep(session=session, folder=storage.attachments(settings))


def command_actor(*, engine: Engine, username: str | None) -> Actor:
    """Who a command-line run acts as: the named user (recorded in the audit trail), or the
    system user when none is named."""
    with session_scope(engine) as session:
        if username is None:
            return system_actor(session=session)
        username = parse(UsernameInput, {"username": username}).username
        found = session.exec(select(User).where(User.username == username)).first()
    if found is None:
        raise NotFound(key="account.unknown", value=username)
    return Actor.of(found)
