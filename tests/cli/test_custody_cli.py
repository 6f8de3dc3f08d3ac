"""`monitor custody check` and `export` as a user runs them (the entry point, in
this process: tests/cli/runner.py), a real database."""

from __future__ import annotations

import csv
import hashlib
import io
import os
import shutil
import subprocess
from pathlib import Path

from monitor.core import files
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.services import attachments
from tests import attachment_samples as samples
from tests.cli.runner import monitor
from tests.factories import make_actor, make_evidence

PHOTO = samples.jpeg()


def run(url: str, data: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATABASE_URL": url, "MONITOR_DATA_DIR": str(data)}
    return monitor([*args], env=env)


def test_check_records_each_file_and_fails_on_a_changed_one(
    tmp_path: Path, sqlite_template: Path
) -> None:
    data = tmp_path / "data"
    shutil.copy(sqlite_template, tmp_path / "monitor.db")  # migrated and seeded
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    engine = make_engine(url)
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        entry_id = make_evidence(session, editor).id
        assert entry_id is not None
        attachments.attach(
            session=session,
            actor=editor,
            evidence_id=entry_id,
            filename="witness.jpg",
            data=PHOTO,
            folder=data / "attachments",
        )
    engine.dispose()

    good = run(url, data, "custody", "check", "--user", "ed")
    assert good.returncode == 0, good.stderr
    assert "checked 1 stored files: all match" in good.stdout
    out = tmp_path / "custody.csv"
    exported = run(url, data, "custody", "export", str(entry_id), "--out", str(out))
    assert exported.returncode == 0, exported.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert [(r["action"], r["user"]) for r in rows] == [("attach", "ed"), ("rehash", "ed")]

    files.path_for(data / "attachments", hashlib.sha256(PHOTO).hexdigest()).write_bytes(b"x")
    bad = run(url, data, "custody", "check")
    assert bad.returncode == 1
    assert bad.stderr.count("\n") == 1 and "no longer match" in bad.stderr
    assert f"entry {entry_id}: attachment" in bad.stderr
    missing = run(url, data, "custody", "export", "999", "--out", str(tmp_path / "x.csv"))
    assert missing.returncode == 1 and not (tmp_path / "x.csv").exists()
