"""Settings and the engine factory's refusals: one clear line, no traceback needed."""

import os
from pathlib import Path

import pytest

from monitor.config import DEFAULT_DATA_DIR, Settings
from monitor.core.db import make_engine, normalise_url
from monitor.errors import ConfigError


def test_default_is_a_sqlite_file_in_data() -> None:
    settings = Settings.from_env({})
    assert settings.database_url == f"sqlite:///{DEFAULT_DATA_DIR / 'monitor.db'}"
    assert settings.stale_days == 60


def test_environment_overrides() -> None:
    settings = Settings.from_env(
        {"MONITOR_DATABASE_URL": "postgresql://u@h/db", "MONITOR_STALE_DAYS": "30"}
    )
    assert settings.database_url == "postgresql://u@h/db"
    assert settings.stale_days == 30


def test_postgresql_urls_use_psycopg3() -> None:
    assert normalise_url("postgresql://u@h/db").drivername == "postgresql+psycopg"
    assert normalise_url("postgres://u@h/db").drivername == "postgresql+psycopg"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("not a url", "not a database URL"),
        ("mysql://u@h/db", "unsupported database"),
        ("postgresql://nobody@127.0.0.1:1/x", "cannot open the database"),
    ],
)
def test_bad_urls_are_refused_with_one_line(url: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        make_engine(url)
    assert message in str(info.value)
    assert "\n" not in str(info.value)


def test_data_folder_that_cannot_be_made_is_refused(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(ConfigError, match="cannot create the data folder") as info:
        make_engine(f"sqlite:///{blocker / 'monitor.db'}")
    assert "\n" not in str(info.value)


@pytest.mark.skipif(os.geteuid() == 0, reason="root may write anywhere; permissions not testable")
def test_unwritable_data_folder_is_refused(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        with pytest.raises(ConfigError, match="not writable"):
            make_engine(f"sqlite:///{locked / 'monitor.db'}")
    finally:
        locked.chmod(0o700)


@pytest.mark.parametrize(
    ("value", "expected"), [(None, True), ("", True), ("on", True), ("ON ", True), ("off", False)]
)
def test_sign_in_is_off_only_when_asked(value: str | None, expected: bool) -> None:
    env = {} if value is None else {"MONITOR_AUTH": value}
    assert Settings.from_env(env).auth is expected


def test_a_misspelt_auth_setting_is_refused_not_guessed() -> None:
    with pytest.raises(ConfigError, match=r"MONITOR_AUTH must be one of on \| off"):
        Settings.from_env({"MONITOR_AUTH": "of"})
