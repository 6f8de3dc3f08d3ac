"""Settings from MONITOR_* variables; the only module that reads the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypedDict

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
    # --- storage --- where attachments and captures are stored (monitor.core.storage):
    # "local" (the data folder) or "s3" (one bucket that every app process shares); the S3
    # credentials are boto3's standard AWS variables or files, never read here
    storage: str = "local"
    s3_bucket: str = ""
    s3_prefix: str = ""
    s3_endpoint_url: str = ""
    s3_region: str = ""
    # --- oidc --- sign-in with an organisation's own OpenID Connect provider (st.login), on
    # when MONITOR_OIDC_CLIENT_ID is set; monitor.core.oidc writes Streamlit's [auth] from
    # these. The two secrets are never logged or shown (repr=False keeps them out of any line)
    oidc_metadata_url: str = ""
    oidc_client_id: str = ""
    oidc_client_secret: str = field(default="", repr=False)
    oidc_redirect_uri: str = ""
    oidc_cookie_secret: str = field(default="", repr=False)
    oidc_label: str = ""

    @property
    def oidc(self) -> bool:
        """Sign-in with an OpenID Connect provider is offered beside local accounts."""
        return bool(self.oidc_client_id)

    @property
    def oidc_dir(self) -> Path:
        """Where Streamlit's [auth] settings are written (only the app's user may read it)."""
        return self.data_dir / "oidc"

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
            **_storage(env),
            **_oidc(env),
        )


STORAGE_VALUES = ("local", "s3")


class _StorageFields(TypedDict):
    storage: str
    s3_bucket: str
    s3_prefix: str
    s3_endpoint_url: str
    s3_region: str


def _storage(env: Mapping[str, str]) -> _StorageFields:
    """MONITOR_STORAGE (local, also when unset, or s3) and, for s3, MONITOR_S3_BUCKET (needed),
    MONITOR_S3_PREFIX, MONITOR_S3_ENDPOINT_URL (an S3-compatible server) and MONITOR_S3_REGION.
    A wrong value is refused at start, never guessed."""
    word = (env.get("MONITOR_STORAGE") or "local").strip().lower()
    if word not in STORAGE_VALUES:
        raise ConfigError(
            key="error.auth_setting",
            setting="MONITOR_STORAGE",
            choices=" | ".join(STORAGE_VALUES),
            value=env.get("MONITOR_STORAGE"),
        )
    bucket = (env.get("MONITOR_S3_BUCKET") or "").strip()
    prefix = (env.get("MONITOR_S3_PREFIX") or "").strip().strip("/")
    endpoint = (env.get("MONITOR_S3_ENDPOINT_URL") or "").strip()
    if word == "s3" and not bucket:
        raise ConfigError(key="storage.no_bucket", setting="MONITOR_S3_BUCKET")
    if endpoint and not endpoint.lower().startswith(("http://", "https://")):
        raise ConfigError(
            key="storage.bad_endpoint", setting="MONITOR_S3_ENDPOINT_URL", schemes="http(s)://"
        )
    return {
        "storage": word,
        "s3_bucket": bucket,
        "s3_prefix": f"{prefix}/" if prefix else "",
        "s3_endpoint_url": endpoint,
        "s3_region": (env.get("MONITOR_S3_REGION") or "").strip(),
    }


OIDC_CALLBACK = "/oauth2callback"  # the path Streamlit's st.login answers the provider on
OIDC_SECRET_MIN = 32  # characters of MONITOR_OIDC_COOKIE_SECRET (Streamlit signs cookies with it)


class _OidcFields(TypedDict):
    oidc_metadata_url: str
    oidc_client_id: str
    oidc_client_secret: str
    oidc_redirect_uri: str
    oidc_cookie_secret: str
    oidc_label: str


def _oidc(env: Mapping[str, str]) -> _OidcFields:
    """MONITOR_OIDC_*: the provider (MONITOR_OIDC_METADATA_URL, or MONITOR_OIDC_ISSUER whose
    discovery document is at /.well-known/openid-configuration), the client registered there
    (MONITOR_OIDC_CLIENT_ID, MONITOR_OIDC_CLIENT_SECRET), the app's callback address
    (MONITOR_OIDC_REDIRECT_URI, ending in /oauth2callback), MONITOR_OIDC_COOKIE_SECRET (the
    same on every app host; generated once and kept in the data folder when unset) and
    MONITOR_OIDC_LABEL (the button's name for the provider). A half-made setting is refused at
    start: sign-in must never depend on a guess."""
    given = {
        name: (env.get(f"MONITOR_OIDC_{name}") or "").strip()
        for name in (
            "ISSUER",
            "METADATA_URL",
            "CLIENT_ID",
            "CLIENT_SECRET",
            "REDIRECT_URI",
            "COOKIE_SECRET",
            "LABEL",
        )
    }
    empty: _OidcFields = {
        "oidc_metadata_url": "",
        "oidc_client_id": "",
        "oidc_client_secret": "",
        "oidc_redirect_uri": "",
        "oidc_cookie_secret": "",
        "oidc_label": "",
    }
    if not any(given.values()):
        return empty
    metadata = given["METADATA_URL"] or (
        given["ISSUER"].rstrip("/") + "/.well-known/openid-configuration" if given["ISSUER"] else ""
    )
    needed = {
        "MONITOR_OIDC_METADATA_URL | MONITOR_OIDC_ISSUER": metadata,
        "MONITOR_OIDC_CLIENT_ID": given["CLIENT_ID"],
        "MONITOR_OIDC_CLIENT_SECRET": given["CLIENT_SECRET"],
    }
    missing = [name for name, value in needed.items() if not value]
    if missing:
        raise ConfigError(key="oidc.incomplete", settings=", ".join(missing))
    redirect = given["REDIRECT_URI"] or f"http://localhost:{{port}}{OIDC_CALLBACK}"
    for setting, url in (
        ("MONITOR_OIDC_METADATA_URL", metadata),
        ("MONITOR_OIDC_REDIRECT_URI", redirect),
    ):
        if not url.lower().startswith(("https://", "http://")):
            raise ConfigError(key="oidc.bad_url", setting=setting, schemes="https://", value=url)
    if not redirect.rstrip("/").endswith(OIDC_CALLBACK):
        raise ConfigError(
            key="oidc.bad_callback", setting="MONITOR_OIDC_REDIRECT_URI", path=OIDC_CALLBACK
        )
    if given["COOKIE_SECRET"] and len(given["COOKIE_SECRET"]) < OIDC_SECRET_MIN:
        raise ConfigError(
            key="oidc.short_secret", setting="MONITOR_OIDC_COOKIE_SECRET", min=OIDC_SECRET_MIN
        )
    return {
        "oidc_metadata_url": metadata,
        "oidc_client_id": given["CLIENT_ID"],
        "oidc_client_secret": given["CLIENT_SECRET"],
        "oidc_redirect_uri": redirect.rstrip("/"),
        "oidc_cookie_secret": given["COOKIE_SECRET"],
        "oidc_label": given["LABEL"],
    }


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
