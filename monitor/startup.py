"""What the app and the command line do before anything else: connect, migrate, seed."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from monitor import migrate
from monitor.auth import Actor, get_or_create_user
from monitor.config import Settings
from monitor.db import make_engine, session_scope
from monitor.models import Demand, Role
from monitor.reference import LoadReport, load_reference


def open_database(settings: Settings) -> Engine:
    """An engine on a database at the newest schema revision (migrating if needed)."""
    migrate.upgrade(settings.database_url)
    return make_engine(settings.database_url)


def seed(engine: Engine, settings: Settings) -> LoadReport:
    """Load the reference data that is missing (idempotent)."""
    with session_scope(engine) as session:
        return load_reference(session, settings.reference_dir)


def seed_if_empty(engine: Engine, settings: Settings) -> None:
    """A first start on an empty database gets the demands and drafts without a separate step."""
    with engine.connect() as conn:
        has_demands = conn.execute(sa.select(sa.func.count()).select_from(Demand)).scalar()
    if not has_demands:
        seed(engine, settings)


def local_actor(engine: Engine, settings: Settings) -> Actor:
    """The one local user the app acts as until sign-in exists; created on first start."""
    with session_scope(engine) as session:
        return Actor.of(get_or_create_user(session, settings.local_user, Role.ADMIN, "Local user"))


def recover(engine: Engine, settings: Settings) -> int:
    """Tidy after a crash: stored files that no committed row names are removed."""
    from monitor.services import attachments

    with session_scope(engine) as session:
        return attachments.sweep(session, settings.attachments_dir)
