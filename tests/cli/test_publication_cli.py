"""`monitor publish` and `monitor serve-public` as a user runs them: the entry point (in this
process, tests/cli/runner.py), real folders and locks."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from monitor.domain import publication as pub
from monitor.services import publication
from tests.cli.runner import monitor


def run(url: str, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "MONITOR_DATABASE_URL": url}
    env.pop("MONITOR_PUBLIC_DIR", None)
    return monitor([*args], env=env)


def test_publish_once_then_unchanged_then_in_a_loop(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    target = tmp_path / "site" / "public"
    first = run(url, "publish", str(target))
    assert first.returncode == 0, first.stderr
    assert first.stdout.startswith("published v") and "10 demands" in first.stdout
    assert target.is_symlink() and (target / pub.SQLITE_FILE).is_file()
    again = run(url, "publish", str(target))
    assert again.returncode == 0 and again.stdout.startswith("unchanged"), again.stderr
    looped = run(url, "publish", str(target), "--every", "0.01", "--runs", "2")
    assert looped.returncode == 0, looped.stderr
    assert looped.stdout.count("unchanged v") == 2


def test_a_loop_reports_a_refused_run_and_keeps_the_last_good_publication(
    tmp_path: Path,
) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    target = tmp_path / "public"
    assert run(url, "publish", str(target)).returncode == 0
    manifest = (target / pub.MANIFEST_FILE).read_bytes()
    with publication.locked(target):  # another run holds the lock throughout
        single = run(url, "publish", str(target))
        looped = run(url, "publish", str(target), "--every", "0.01", "--runs", "2")
    assert single.returncode == 1
    assert single.stderr.strip().splitlines() == [
        f"Error: another publication to {target} is running; try again when it has finished"
    ]
    assert looped.returncode == 0 and looped.stderr.count("Error: another publication") == 2
    assert (target / pub.MANIFEST_FILE).read_bytes() == manifest


def test_bad_folders_get_one_line_and_nothing_changes(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'monitor.db'}"
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("keep me")
    refused = run(url, "publish", str(mine))
    assert refused.returncode == 1
    assert "Traceback" not in refused.stderr
    assert refused.stderr.strip() == (
        f"Error: dir: {mine} holds other files: choose an empty folder or an earlier publication"
    )
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    nothing = run(url, "serve-public", str(tmp_path / "none"))
    assert nothing.returncode == 1 and "Traceback" not in nothing.stderr
    assert "holds no published database" in nothing.stderr
