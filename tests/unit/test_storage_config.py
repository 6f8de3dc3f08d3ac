"""Where files are stored is read from MONITOR_STORAGE and MONITOR_S3_*: local by default,
a wrong or incomplete setting refused at start in both languages, credentials never read."""

from __future__ import annotations

from pathlib import Path

import pytest

from monitor.config import Settings
from monitor.core import storage
from monitor.errors import ConfigError
from monitor.i18n import describe

BASE = {"MONITOR_DATA_DIR": "/srv/monitor"}


def test_local_is_the_default_and_keeps_the_data_folder() -> None:
    settings = Settings.from_env(BASE)
    assert settings.storage == "local"
    stores = storage.for_settings(settings)
    assert stores.attachments == storage.LocalStore(Path("/srv/monitor/attachments"))
    assert stores.captures == storage.LocalStore(Path("/srv/monitor/captures"))


def test_s3_names_a_bucket_a_prefix_and_an_endpoint() -> None:
    settings = Settings.from_env(
        {
            **BASE,
            "MONITOR_STORAGE": " S3 ",
            "MONITOR_S3_BUCKET": "coalition-evidence",
            "MONITOR_S3_PREFIX": "/monitor/",
            "MONITOR_S3_ENDPOINT_URL": "https://minio.example.org",
            "MONITOR_S3_REGION": "eu-central-1",
            "AWS_SECRET_ACCESS_KEY": "never-kept",
        }
    )
    stores = storage.for_settings(settings)
    assert isinstance(stores.attachments, storage.S3Store)
    assert stores.attachments.key("ab" + "0" * 62) == f"monitor/attachments/ab/ab{'0' * 62}"
    assert stores.captures.where == "s3://coalition-evidence/monitor/captures"
    assert stores.attachments.endpoint_url == "https://minio.example.org"
    assert "never-kept" not in repr(settings)  # credentials stay boto3's, never settings'


@pytest.mark.parametrize(
    ("env", "key"),
    [
        ({"MONITOR_STORAGE": "ftp"}, "error.auth_setting"),
        ({"MONITOR_STORAGE": "s3"}, "storage.no_bucket"),
        (
            {"MONITOR_STORAGE": "s3", "MONITOR_S3_BUCKET": "b", "MONITOR_S3_ENDPOINT_URL": "x:1"},
            "storage.bad_endpoint",
        ),
    ],
)
def test_a_wrong_storage_setting_is_refused_in_both_languages(
    env: dict[str, str], key: str
) -> None:
    with pytest.raises(ConfigError) as refused:
        Settings.from_env({**BASE, **env})
    assert refused.value.key == key
    english, ukrainian = describe(refused.value, "en"), describe(refused.value, "uk")
    assert english != ukrainian and english and ukrainian


def test_the_address_shown_never_carries_credentials_in_the_endpoint() -> None:
    settings = Settings.from_env(
        {
            **BASE,
            "MONITOR_STORAGE": "s3",
            "MONITOR_S3_BUCKET": "b",
            "MONITOR_S3_ENDPOINT_URL": "http://user:secret@127.0.0.1:9000",
        }
    )
    assert "secret" not in storage.attachments(settings).where


def test_an_endpoint_without_a_host_is_refused_on_use_not_with_a_traceback() -> None:
    with pytest.raises(ConfigError) as refused:
        storage.S3Store("b", "", "attachments", "http://").get("0" * 64)
    assert refused.value.key == "storage.bad_endpoint"
