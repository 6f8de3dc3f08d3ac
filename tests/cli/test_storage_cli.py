"""`monitor storage check` and `copy-folder` as a user runs them: the entry point (in this
process, tests/cli/runner.py), a real S3 server (moto's, on 127.0.0.1)."""

from __future__ import annotations

import hashlib
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from monitor.core import files, migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.services import attachments
from monitor.services.reference import load_reference
from tests import attachment_samples as samples
from tests import s3_server
from tests.cli.runner import monitor as run_monitor
from tests.conftest import REFERENCE_DIR
from tests.factories import make_actor, make_evidence


@pytest.fixture(scope="module")
def endpoint() -> Iterator[str]:
    with s3_server.s3_server() as url:
        yield url


def run(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return monitor(data, "storage", *args, **env)


def monitor(data: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environ = {
        **os.environ,
        **s3_server.CREDENTIALS,
        "MONITOR_DATABASE_URL": f"sqlite:///{data / 'monitor.db'}",
        "MONITOR_DATA_DIR": str(data),
        **env,
    }
    return run_monitor([*args], env=environ)


def test_copy_folder_moves_the_files_checked_and_check_counts_them(
    endpoint: str, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    photo = files.write_once(data / "attachments", b"a witness's photo")
    files.write_once(data / "captures", b"<html>a page</html>")
    altered = files.write_once(data / "attachments", b"original bytes")
    files.path_for(data / "attachments", altered).write_bytes(b"changed behind our back")
    bucket = s3_server.new_bucket(endpoint)
    s3 = {
        "MONITOR_STORAGE": "s3",
        "MONITOR_S3_BUCKET": bucket,
        "MONITOR_S3_ENDPOINT_URL": endpoint,
        "MONITOR_S3_PREFIX": "team",
    }
    copied = run(data, "copy-folder", **s3)
    assert copied.returncode == 1  # one file no longer matches its name: said, not copied
    assert "copied 2 files, 0 were there already" in copied.stdout
    assert f"attachments/{altered}" in copied.stderr
    keys = sorted(
        str(item["Key"])
        for item in s3_server.client(endpoint).list_objects_v2(Bucket=bucket)["Contents"]
    )
    page = hashlib.sha256(b"<html>a page</html>").hexdigest()
    assert keys == sorted(
        [f"team/attachments/{photo[:2]}/{photo}", f"team/captures/{page[:2]}/{page}"]
    )
    checked = run(data, "check", **s3)
    assert checked.returncode == 0, checked.stderr
    assert f"attachments: s3://{bucket}/team/attachments, 1 files" in checked.stdout
    again = run(data, "copy-folder", **s3)
    assert "copied 0 files, 2 were there already" in again.stdout


def test_check_says_in_one_line_when_the_store_cannot_be_reached(tmp_path: Path) -> None:
    down = run(
        tmp_path,
        "check",
        MONITOR_STORAGE="s3",
        MONITOR_S3_BUCKET="evidence",
        MONITOR_S3_ENDPOINT_URL=f"http://127.0.0.1:{s3_server.free_port()}",
    )
    assert down.returncode == 1
    assert "cannot be reached" in down.stderr and "Traceback" not in down.stderr
    assert s3_server.CREDENTIALS["AWS_SECRET_ACCESS_KEY"] not in down.stderr


def test_copy_folder_on_local_storage_is_refused(tmp_path: Path) -> None:
    local = run(tmp_path, "copy-folder")
    assert local.returncode == 1 and "local" in local.stderr


def test_a_backup_of_a_folder_restores_into_a_bucket_from_the_command_line(
    endpoint: str, tmp_path: Path
) -> None:
    source = tmp_path / "source"
    url = f"sqlite:///{source / 'monitor.db'}"
    migrate.upgrade(url)
    engine = make_engine(url)
    with session_scope(engine) as session:
        load_reference(session=session, folder=REFERENCE_DIR)
        editor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, editor).id
        assert entry_id is not None
        attachments.attach(
            session=session,
            actor=editor,
            evidence_id=entry_id,
            filename="witness.jpg",
            data=samples.jpeg(),
            folder=source / "attachments",
        )
    engine.dispose()
    archive = tmp_path / "backup.zip"
    made = monitor(source, "backup", str(archive))
    assert made.returncode == 0, made.stderr
    bucket = s3_server.new_bucket(endpoint)
    s3 = {
        "MONITOR_STORAGE": "s3",
        "MONITOR_S3_BUCKET": bucket,
        "MONITOR_S3_ENDPOINT_URL": endpoint,
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'restored.db'}",
    }
    restored = monitor(tmp_path / "host", "restore", str(archive), **s3)
    assert restored.returncode == 0, restored.stderr
    checked = run(tmp_path / "host", "check", **s3)
    assert f"attachments: s3://{bucket}/attachments, 1 files" in checked.stdout, checked.stderr
    assert not (tmp_path / "host" / "attachments").exists()
    again = monitor(tmp_path / "host", "backup", str(tmp_path / "again.zip"), **s3)
    assert again.returncode == 0, again.stderr  # and a backup of the bucket, from the bucket
