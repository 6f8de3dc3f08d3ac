"""Settings an admin changes in the app, as everyone reads them (the defaults live here)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col

from monitor.core.models import AppSetting

FOUR_EYES = "four_eyes_review"
DEFAULTS = {FOUR_EYES: "on"}
# written by the reference loader, not by an admin: which release of data/reference/ is loaded
REFERENCE_RELEASE = "reference.release"
# KoboToolbox: the server and project an admin sets, and where the last pull stopped (written by
# the pull); the token is never a setting (MONITOR_KOBO_TOKEN, `monitor.config`)
KOBO_SERVER = "kobo.server_url"
KOBO_ASSET = "kobo.asset_uid"
KOBO_CURSOR = "kobo.cursor"
DEFAULTS.update({KOBO_SERVER: "", KOBO_ASSET: "", KOBO_CURSOR: ""})


def setting(conn: sa.Connection | Session, key: str) -> str:
    """The stored value of a setting, or its default."""
    stored = conn.execute(sa.select(col(AppSetting.value)).where(col(AppSetting.key) == key))
    value = stored.scalar()
    return str(value) if value is not None else DEFAULTS[key]


def four_eyes(conn: sa.Connection | Session) -> bool:
    """Whether a status assessment needs a second editor to publish it (default: yes)."""
    return setting(conn, FOUR_EYES) != "off"


def four_eyes_on(engine: Engine) -> bool:
    """The four-eyes setting as a page reads it (its own short read)."""
    with engine.connect() as conn:
        return four_eyes(conn)


def reference_release(conn: sa.Connection | Session) -> str:
    """The release of the shipped reference data this database holds ("" before any load)."""
    stored = conn.execute(
        sa.select(col(AppSetting.value)).where(col(AppSetting.key) == REFERENCE_RELEASE)
    )
    return str(stored.scalar() or "")
