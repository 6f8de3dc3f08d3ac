"""Changing the settings an admin sets in the app; reading them is `monitor.queries.settings`."""

from __future__ import annotations

from sqlmodel import Session

from monitor.core import audit
from monitor.core.models import AppSetting, utcnow
from monitor.core.permissions import Action, Actor, require
from monitor.queries.settings import DEFAULTS, FOUR_EYES, setting

__all__ = ["FOUR_EYES", "set_value"]


def set_value(*, session: Session, actor: Actor, key: str, value: str) -> None:
    """Change a setting (admins only), audited with the old and new value."""
    require(actor, Action.ADMINISTER)
    if key not in DEFAULTS:
        raise KeyError(key)
    before = setting(session, key)
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value, row.updated_at, row.updated_by = value, utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(session, actor, "set", "setting", key, before={key: before}, after={key: value})
