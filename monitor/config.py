"""Settings from MONITOR_* variables; the only module that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from monitor.errors import ConfigError

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATA_DIR = PROJECT_ROOT / "data"


@dataclass(frozen=True)
class Settings:
    """Everything configurable, read once so that tests can build their own."""

    database_url: str
    data_dir: Path
    local_user: str = "local"
    stale_days: int = 60
    capture_allowed_hosts: tuple[str, ...] = ()
    inbox_reports_url: str = "https://api.reliefweb.int/v1/reports"
    inbox_reports_query: str = "Ukraine occupied territories human rights"
    inbox_feeds: tuple[str, ...] = ()
    # Sign-in is on unless MONITOR_AUTH=off is set explicitly: no address, proxy or port can
    # turn it off by accident (a reverse proxy on the same host looks like localhost).
    auth: bool = True
    session_minutes: int = 60
    # KoboToolbox's API token (MONITOR_KOBO_TOKEN): read from the environment only, so it is
    # never in the database, a backup or the audit log; repr=False keeps it out of any log line
    kobo_token: str = field(default="", repr=False)
    # the open data publication: where `monitor publish` and the Admin page write it (a link
    # to its newest version), and the address it is served at, for the feed's links
    public_dir: Path | None = None
    public_url: str = ""

    @property
    def reference_dir(self) -> Path:
        """Reviewable reference files shipped with the code."""
        return PROJECT_ROOT / "data" / "reference"

    @property
    def attachments_dir(self) -> Path:
        """Evidence attachments, one file per SHA-256."""
        return self.data_dir / "attachments"

    @property
    def publication_dir(self) -> Path:
        """The open data publication's folder: MONITOR_PUBLIC_DIR, or public/ in the data
        folder (what it holds is public; the rest of the data folder never is)."""
        return self.public_dir or self.data_dir / "public"

    @property
    def captures_dir(self) -> Path:
        """Bytes of captured sources, one file per SHA-256."""
        return self.data_dir / "captures"

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Build settings from MONITOR_* variables, defaulting to a SQLite file under data/."""
        env = os.environ if environ is None else environ
        data_dir = Path(env.get("MONITOR_DATA_DIR") or DEFAULT_DATA_DIR)
        url = env.get("MONITOR_DATABASE_URL") or f"sqlite:///{data_dir / 'monitor.db'}"
        return cls(
            database_url=url,
            data_dir=data_dir,
            local_user=env.get("MONITOR_LOCAL_USER") or "local",
            stale_days=int(env.get("MONITOR_STALE_DAYS") or 60),
            inbox_reports_url=env.get(
                "MONITOR_INBOX_REPORTS_URL", "https://api.reliefweb.int/v1/reports"
            ),
            inbox_reports_query=env.get("MONITOR_INBOX_REPORTS_QUERY")
            or "Ukraine occupied territories human rights",
            auth=_auth(env.get("MONITOR_AUTH")),
            session_minutes=int(env.get("MONITOR_SESSION_MINUTES") or 60),
            public_dir=Path(env["MONITOR_PUBLIC_DIR"]) if env.get("MONITOR_PUBLIC_DIR") else None,
            public_url=(env.get("MONITOR_PUBLIC_URL") or "").strip(),
            inbox_feeds=tuple(
                f.strip() for f in (env.get("MONITOR_INBOX_FEEDS") or "").split(",") if f.strip()
            ),
            kobo_token=(env.get("MONITOR_KOBO_TOKEN") or "").strip(),
            capture_allowed_hosts=tuple(
                h.strip()
                for h in (env.get("MONITOR_CAPTURE_ALLOWED_HOSTS") or "").split(",")
                if h.strip()
            ),
        )


AUTH_VALUES = {"": True, "on": True, "off": False}


def _auth(value: str | None) -> bool:
    """MONITOR_AUTH: on (also when unset) or off; anything else is refused, never guessed."""
    word = (value or "").strip().lower()
    if word not in AUTH_VALUES:
        raise ConfigError(
            key="error.auth_setting", setting="MONITOR_AUTH", choices="on | off", value=value
        )
    return AUTH_VALUES[word]


def get_settings() -> Settings:
    """The settings of this process (read fresh each call; cheap)."""
    return Settings.from_env()
