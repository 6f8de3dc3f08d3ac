"""Streamlit's `[auth]` settings for `st.login`, written from the MONITOR_OIDC_* settings.

Streamlit reads its OpenID Connect settings only from its secrets: an `[auth]` table in a
`secrets.toml` named by its `secrets.files` option, read when the server starts (the cookie
that holds the provider's state is signed with the secret found then). So the file is written
before Streamlit starts, by `monitor oidc write-config` (which `tasks.py run` calls and whose
printed path it passes as `--secrets.files`), into the data folder, in a folder and a file only
the app's user may read. Nothing secret is in the repository; the file goes when OpenID
Connect is switched off, so no client secret is left behind.

The cookie secret is MONITOR_OIDC_COOKIE_SECRET when it is set (several app hosts must share
one), otherwise one generated here on the first write and kept in the file for later starts
(a new secret at every start would sign everyone out).
"""

from __future__ import annotations

import json
import secrets
import tomllib
from collections.abc import Mapping
from pathlib import Path

from monitor.config import Settings
from monitor.core.files import write_atomically

FILE_NAME = "secrets.toml"
# what st.login asks the provider for: the e-mail and whether the provider verified it are
# what an identity is mapped to a local account by (monitor.services.accounts)
SCOPE = "openid email profile"
PROMPT = "select_account"  # a shared computer: the person chooses the account each time


def secrets_file(settings: Settings) -> Path:
    """Where the `[auth]` settings are written (the path Streamlit's `secrets.files` names)."""
    return settings.oidc_dir / FILE_NAME


def auth_section(settings: Settings, cookie_secret: str) -> dict[str, object]:
    """Streamlit's `[auth]` table for the one provider (st.login() with no name uses it)."""
    return {
        "redirect_uri": settings.oidc_redirect_uri,
        "cookie_secret": cookie_secret,
        "client_id": settings.oidc_client_id,
        "client_secret": settings.oidc_client_secret,
        "server_metadata_url": settings.oidc_metadata_url,
        "client_kwargs": {"scope": SCOPE, "prompt": PROMPT},
    }


def matches(settings: Settings, loaded: Mapping[str, object]) -> bool:
    """Whether the `[auth]` Streamlit loaded at start is the one these settings make (the
    server may have been started without the file, or before the settings changed)."""
    expected = auth_section(settings, cookie_secret="")
    keys = ("redirect_uri", "client_id", "server_metadata_url")
    return all(str(loaded.get(key) or "") == expected[key] for key in keys)


def write(settings: Settings) -> Path | None:
    """Write the `[auth]` file (0600, in a 0700 folder) and return its path; with OpenID
    Connect off, remove any earlier file and return None."""
    path = secrets_file(settings)
    if not settings.oidc:
        path.unlink(missing_ok=True)
        return None
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    path.parent.chmod(0o700)
    cookie = settings.oidc_cookie_secret or _kept_cookie_secret(path) or secrets.token_urlsafe(48)
    text = _toml({"auth": auth_section(settings, cookie)})
    write_atomically(path, lambda handle: handle.write(text.encode("utf-8")))
    return path


def _kept_cookie_secret(path: Path) -> str:
    """The cookie secret an earlier write generated, so that a restart signs nobody out."""
    try:
        earlier = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError):
        return ""
    kept = earlier.get("auth", {}).get("cookie_secret", "")
    return kept if isinstance(kept, str) else ""


def _toml(tables: Mapping[str, Mapping[str, object]]) -> str:
    """TOML for tables of strings and inline tables of strings. A JSON string is a valid TOML
    basic string (the same escapes, \\uXXXX for anything else), so no value can break out."""
    lines: list[str] = []
    for name, table in tables.items():
        lines.append(f"[{name}]")
        for key, value in table.items():
            lines.append(f"{key} = {_value(value)}")
    return "\n".join(lines) + "\n"


def _value(value: object) -> str:
    if isinstance(value, Mapping):
        inner = ", ".join(f"{json.dumps(str(k))} = {_value(v)}" for k, v in value.items())
        return "{ " + inner + " }"
    return json.dumps(str(value))
