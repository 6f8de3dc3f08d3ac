"""Settings an admin changes in the app, stored in the database so every process agrees."""

from __future__ import annotations

from sqlmodel import Session

from monitor import audit
from monitor.auth import Actor, require
from monitor.models import AppSetting, Role, utcnow

FOUR_EYES = "four_eyes_review"
DEFAULTS = {FOUR_EYES: "on"}


def get(session: Session, key: str) -> str:
    row = session.get(AppSetting, key)
    return row.value if row is not None else DEFAULTS[key]


def four_eyes(session: Session) -> bool:
    """Whether a status assessment needs a second editor to publish it (default: yes)."""
    return get(session, FOUR_EYES) != "off"


def set_value(session: Session, actor: Actor, key: str, value: str) -> None:
    """Change a setting (admins only), audited with the old and new value."""
    require(actor, Role.ADMIN)
    if key not in DEFAULTS:
        raise KeyError(key)
    before = get(session, key)
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value, row.updated_at, row.updated_by = value, utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(session, actor, "set", "setting", key, before={key: before}, after={key: value})
