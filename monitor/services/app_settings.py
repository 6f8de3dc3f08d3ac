"""Changing the settings an admin sets in the app; reading them is `monitor.queries.settings`."""

from __future__ import annotations

from sqlmodel import Session

from monitor.core import audit
from monitor.core.inputs import SettingInput
from monitor.core.models import AppSetting, utcnow
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import parse
from monitor.queries.settings import FOUR_EYES, setting

__all__ = ["CHOICES", "FOUR_EYES", "set_value"]

# every setting and the values it takes
CHOICES = {FOUR_EYES: ("on", "off")}


def set_value(*, session: Session, actor: Actor, key: str, value: str) -> None:
    """Change a setting (admins only), audited with the old and new value; an unknown setting
    or value is refused by name."""
    require(actor, Action.ADMINISTER)
    checked = parse(SettingInput, {"key": key, "value": value}, context={"choices": CHOICES})
    key, value = checked.key, checked.value
    before = setting(session, key)
    row = session.get(AppSetting, key) or AppSetting(key=key, value=value)
    row.value, row.updated_at, row.updated_by = value, utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(session, actor, "set", "setting", key, before={key: before}, after={key: value})
