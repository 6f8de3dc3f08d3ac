"""MONITOR_OIDC_* settings and the `[auth]` file Streamlit's st.login reads: a half-made
setting is refused at start, the secrets never appear in a repr, the file is its owner's only
and parses to what Streamlit expects, its cookie secret survives a restart."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from monitor.config import Settings
from monitor.core import oidc
from monitor.errors import ConfigError
from monitor.i18n import describe

SECRET = 'client-secret-"quoted"\nsecond line = 1'
BASE = {
    "MONITOR_OIDC_ISSUER": "https://id.coalition.example/realms/ngo/",
    "MONITOR_OIDC_CLIENT_ID": "demands-monitor",
    "MONITOR_OIDC_CLIENT_SECRET": SECRET,
}


def _settings(tmp_path: Path, **env: str) -> Settings:
    return Settings.from_env({"MONITOR_DATA_DIR": str(tmp_path), **BASE, **env})


def test_off_unless_a_client_is_set() -> None:
    settings = Settings.from_env({})
    assert not settings.oidc and settings.oidc_client_id == ""


def test_the_issuer_gives_the_discovery_address_and_the_callback_has_a_default(
    tmp_path: Path,
) -> None:
    settings = _settings(tmp_path)
    assert settings.oidc
    assert settings.oidc_metadata_url == (
        "https://id.coalition.example/realms/ngo/.well-known/openid-configuration"
    )
    assert settings.oidc_redirect_uri == "http://localhost:{port}/oauth2callback"
    given = _settings(tmp_path, MONITOR_OIDC_METADATA_URL="https://other.example/.well-known/x")
    assert given.oidc_metadata_url == "https://other.example/.well-known/x"


def test_the_secrets_never_appear_in_a_repr(tmp_path: Path) -> None:
    settings = _settings(tmp_path, MONITOR_OIDC_COOKIE_SECRET="c" * 40)
    assert "client-secret" not in repr(settings) and "c" * 40 not in repr(settings)


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"MONITOR_OIDC_CLIENT_SECRET": ""}, "oidc.incomplete"),
        ({"MONITOR_OIDC_ISSUER": ""}, "oidc.incomplete"),
        ({"MONITOR_OIDC_CLIENT_ID": ""}, "oidc.incomplete"),
        ({"MONITOR_OIDC_ISSUER": "id.coalition.example"}, "oidc.bad_url"),
        ({"MONITOR_OIDC_REDIRECT_URI": "ftp://monitor.example/oauth2callback"}, "oidc.bad_url"),
        ({"MONITOR_OIDC_REDIRECT_URI": "https://monitor.example/"}, "oidc.bad_callback"),
        ({"MONITOR_OIDC_COOKIE_SECRET": "short"}, "oidc.short_secret"),
    ],
)
def test_a_half_made_setting_is_refused_in_both_languages(
    tmp_path: Path, env: dict[str, str], key: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        _settings(tmp_path, **env)
    assert refused.value.key == key
    assert describe(refused.value, "en") != describe(refused.value, "uk")
    assert SECRET not in str(refused.value)


def test_the_file_is_the_owners_only_and_is_what_streamlit_reads(tmp_path: Path) -> None:
    settings = _settings(
        tmp_path, MONITOR_OIDC_REDIRECT_URI="https://monitor.example/oauth2callback"
    )
    path = oidc.write(settings)
    assert path == tmp_path / "oidc" / "secrets.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    assert path.parent.stat().st_mode & 0o777 == 0o700
    auth = tomllib.loads(path.read_text(encoding="utf-8"))["auth"]
    cookie = auth.pop("cookie_secret")
    assert len(cookie) >= 32
    assert auth == {
        "redirect_uri": "https://monitor.example/oauth2callback",
        "client_id": "demands-monitor",
        "client_secret": SECRET,  # quotes and a line break stay inside the string
        "server_metadata_url": settings.oidc_metadata_url,
        "client_kwargs": {"scope": "openid email profile", "prompt": "select_account"},
    }
    assert oidc.matches(settings, tomllib.loads(path.read_text())["auth"])
    other = _settings(tmp_path, MONITOR_OIDC_CLIENT_ID="another-client")
    assert not oidc.matches(other, tomllib.loads(path.read_text())["auth"])
    # a restart keeps the generated cookie secret (a new one would sign everyone out)
    oidc.write(settings)
    assert tomllib.loads(path.read_text())["auth"]["cookie_secret"] == cookie
    given = _settings(tmp_path, MONITOR_OIDC_COOKIE_SECRET="s" * 40)
    oidc.write(given)
    assert tomllib.loads(path.read_text())["auth"]["cookie_secret"] == "s" * 40


def test_switched_off_leaves_no_client_secret_behind(tmp_path: Path) -> None:
    path = oidc.write(_settings(tmp_path))
    assert path is not None and path.exists()
    assert oidc.write(Settings.from_env({"MONITOR_DATA_DIR": str(tmp_path)})) is None
    assert not path.exists()
