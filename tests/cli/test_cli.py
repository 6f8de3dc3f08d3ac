"""The `monitor` command as a user runs it: a real database, and a real process where the
process itself is under test (the entry point, stdin, the umask, what reaches stderr).

The other runs go through the same entry point inside this process (tests/cli/runner.py):
each child process cost a second or more of imports before the command began.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.core.db import make_engine
from monitor.core.models import Evidence, User
from monitor.core.passwords import verify_password
from tests.cli.runner import monitor


def run(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`monitor *args` on the database at `url`, in this process."""
    return monitor([*args], env={**os.environ, "MONITOR_DATABASE_URL": url}, stdin=stdin)


def run_process(url: str, *args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    """`monitor *args` on the database at `url`, as a process of its own."""
    env = {**os.environ, "MONITOR_DATABASE_URL": url}
    return subprocess.run(
        [sys.executable, "-m", "monitor.cli", *args],
        input=stdin,
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )


@pytest.mark.parametrize("runner", [run_process, run], ids=["process", "in-process"])
def test_fresh_database_upgrade_seed_demo_and_user(
    tmp_path: Path, runner: Callable[..., subprocess.CompletedProcess[str]]
) -> None:
    """As a process (the entry point, stdin, the output a person sees), and in this process
    (what the other tests use gives the same answers)."""
    run = runner
    url = f"sqlite:///{tmp_path / 'fresh' / 'monitor.db'}"
    first = run(url, "db", "upgrade")
    assert first.returncode == 0, first.stderr
    assert "upgraded" in first.stdout
    assert "already" in run(url, "db", "upgrade").stdout
    seeded = run(url, "seed")
    assert seeded.returncode == 0, seeded.stderr
    assert "10 demands" in seeded.stdout
    assert "nothing changed" in run(url, "seed").stdout
    demo = run(url, "demo-data", "--evidence", "300", "--seed", "4")
    assert demo.returncode == 0, demo.stderr
    assert "added 300 evidence entries" in demo.stdout
    assert "already loaded" in run(url, "demo-data", "--evidence", "300", "--seed", "4").stdout
    added = run(
        url,
        "user",
        "add",
        "olena",
        "--role",
        "editor",
        "--password-stdin",
        stdin="a long passphrase\n",
    )
    assert added.returncode == 0, added.stderr
    engine = make_engine(url)
    with engine.connect() as conn:
        assert conn.execute(sa.select(sa.func.count()).select_from(Evidence)).scalar() == 300
        user = conn.execute(sa.select(User).where(User.username == "olena")).one()
    assert user.role == "editor"
    assert verify_password("a long passphrase", user.password_hash)
    engine.dispose()


def test_commands_honour_the_postgres_url(database_url: str) -> None:
    result = run(database_url, "seed")
    assert result.returncode == 0, result.stderr
    assert "nothing changed" in result.stdout


@pytest.mark.parametrize(
    ("url", "args", "stdin", "expected"),
    [
        ("postgresql://nobody@127.0.0.1:1/none", ("seed",), "", "cannot open the database"),
        (
            "sqlite:////proc/forbidden/monitor.db",
            ("db", "upgrade"),
            "",
            "cannot create the data folder",
        ),
        ("oracle://x@y/z", ("seed",), "", "unsupported database"),
        (
            "TMP",
            ("user", "add", "x1", "--role", "boss", "--password-stdin"),
            "long enough pw\n",
            "unknown role",
        ),
        (
            "TMP",
            ("user", "add", "x2", "--role", "viewer", "--password-stdin"),
            "short\n",
            "at least 10",
        ),
        (
            "TMP",
            ("user", "add", "bad name!", "--role", "viewer", "--password-stdin"),
            "long enough pw\n",
            "username",
        ),
    ],
)
def test_bad_input_gives_one_line_and_non_zero_exit(
    tmp_path: Path, url: str, args: tuple[str, ...], stdin: str, expected: str
) -> None:
    if url == "TMP":
        url = f"sqlite:///{tmp_path / 'm.db'}"
    # one refusal as a process: nothing else (a warning, a log line) reaches a person's stderr
    runner = run_process if args == ("seed",) and url.startswith("postgresql") else run
    result = runner(url, *args, stdin=stdin)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith("Error: ")
    assert expected in lines[0]


def test_duplicate_user_is_refused(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert (
        run(
            url, "user", "add", "ivan", "--role", "admin", "--password-stdin", stdin="x" * 12
        ).returncode
        == 0
    )
    again = run(url, "user", "add", "ivan", "--role", "admin", "--password-stdin", stdin="x" * 12)
    assert again.returncode == 1
    assert "already exists" in again.stderr


def test_import_evidence_all_or_nothing(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    header = "id,demands,title,event start,region,source type,source reliability (A-F),"
    header += "information credibility (1-6),direction\n"
    good = "\n".join(
        f"c0000000-0000-4000-8000-00000000000{i},D02,Row {i},2025-03-0{i},crimea,court,A,1,"
        "regression"
        for i in range(1, 4)
    )
    bad_file = tmp_path / "bad.csv"
    bad_file.write_text(
        header
        + good
        + "\nc0000000-0000-4000-8000-000000000009,D77,x,2025-01-01,crimea,court,A,1,up\n"
    )
    refused = run(url, "import", "evidence", str(bad_file))
    assert refused.returncode == 1
    assert "row 4" in refused.stderr and "Traceback" not in refused.stderr
    dry = run(url, "import", "evidence", "--dry-run", str(bad_file))
    assert dry.returncode == 1 and "row 4: demands" in dry.stdout
    good_file = tmp_path / "good.csv"
    good_file.write_text(header + good + "\n")
    assert "created 3" in run(url, "import", "evidence", str(good_file)).stdout
    assert "unchanged 3" in run(url, "import", "evidence", str(good_file)).stdout
    missing_user = run(url, "import", "evidence", "--user", "nobody", str(good_file))
    assert missing_user.returncode == 1 and "no user 'nobody'" in missing_user.stderr


def test_export_commands_good_and_bad(tmp_path: Path) -> None:
    import csv as csv_module
    import zipfile

    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert run(url, "demo-data", "--evidence", "200", "--seed", "3").returncode == 0
    out = tmp_path / "evidence.csv"
    done = run(
        url, "export", "evidence", "--out", str(out), "--demand", "D01", "--lang", "en", "--excel"
    )
    assert done.returncode == 0, done.stderr
    rows = list(csv_module.reader(out.read_text(encoding="utf-8-sig").splitlines(), delimiter=";"))
    assert rows[0][:3] == ["id", "version", "demands"]
    assert all("D01" in r[2] for r in rows[1:]) and len(rows) > 1
    assert f"({len(rows) - 1} rows)" in done.stdout
    assert (
        run(
            url, "user", "add", "ed", "--role", "editor", "--password-stdin", stdin="x" * 12
        ).returncode
        == 0
    )
    pack = tmp_path / "pack.zip"
    assert run(url, "export", "pack", "--out", str(pack)).returncode == 0
    assert "MANIFEST.sha256" in zipfile.ZipFile(pack).namelist()
    assert "custody.csv" not in zipfile.ZipFile(pack).namelist()
    assert run(url, "export", "pack", "--custody", "--out", str(pack)).returncode == 0
    assert "custody.csv" in zipfile.ZipFile(pack).namelist()
    refused = run(url, "export", "gaps", "--custody", "--out", str(tmp_path / "g.csv"))
    assert refused.returncode == 2 and "--custody is for pack only" in refused.stderr
    for args, message in [
        (("--demand", "D42"), "unknown code: D42"),
        (("--from", "2026-02-01", "--to", "2026-01-01"), "end must not be before the start"),
        (("--from", "2026-02-30"), "Invalid value for '--from'"),
        (("--include-confidential", "--user", "ed"), "this needs admin"),
    ]:
        target = tmp_path / "refused.csv"
        result = run(url, "export", "evidence", "--out", str(target), *args)
        assert result.returncode != 0 and message in result.stderr, result.stderr
        assert "Traceback" not in result.stderr
        assert not target.exists()
    unwritable = run(url, "export", "status", "--out", str(tmp_path / "missing" / "s.csv"))
    assert unwritable.returncode == 1 and "no such folder" in unwritable.stderr
    assert list(tmp_path.glob("**/*.part")) == []


@pytest.mark.skipif(os.name != "posix", reason="file modes and the umask are POSIX")
def test_an_export_gets_the_usual_mode_and_a_backup_stays_private(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'm.db'}"
    assert run(url, "demo-data", "--evidence", "5").returncode == 0

    def under_umask(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "monitor.cli", *args],
            capture_output=True,
            text=True,
            env={**os.environ, "MONITOR_DATABASE_URL": url},
            timeout=120,
            preexec_fn=lambda: os.umask(0o027),  # the child alone, before it starts
        )

    export, backup = tmp_path / "status.csv", tmp_path / "backup.zip"
    assert under_umask("export", "status", "--out", str(export)).returncode == 0
    assert under_umask("backup", str(backup)).returncode == 0
    assert export.stat().st_mode & 0o777 == 0o640  # 0666 less the umask, as `open` makes it
    assert backup.stat().st_mode & 0o777 == 0o600  # confidential data: its owner's only


def test_capture_command(tmp_path: Path) -> None:
    from tests.local_server import PAGE, serve

    url = f"sqlite:///{tmp_path / 'm.db'}"
    env_allowed = {"MONITOR_CAPTURE_ALLOWED_HOSTS": "127.0.0.1", "MONITOR_DATA_DIR": str(tmp_path)}
    with serve() as base:
        ok = run_env(url, env_allowed, "capture", f"{base}/page")
        assert ok.returncode == 0, ok.stderr
        import hashlib

        assert ok.stdout.split()[0] == hashlib.sha256(PAGE).hexdigest()
        refused = run_env(url, {"MONITOR_DATA_DIR": str(tmp_path)}, "capture", f"{base}/page")
        assert refused.returncode == 1 and "non-public" in refused.stderr
        assert len(refused.stderr.strip().splitlines()) == 1
        missing = run_env(url, env_allowed, "capture", f"{base}/404")
        assert missing.returncode == 1 and "HTTP 404" in missing.stderr
        assert run_env(url, env_allowed, "capture").returncode == 2  # neither URL nor --pending


def run_env(url: str, extra: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return monitor([*args], env={**os.environ, "MONITOR_DATABASE_URL": url, **extra})


def test_a_backup_names_the_tampered_file_it_left_out(tmp_path: Path) -> None:
    import hashlib

    from monitor.core import files
    from tests.local_server import PAGE, serve

    url = f"sqlite:///{tmp_path / 'm.db'}"
    env = {"MONITOR_CAPTURE_ALLOWED_HOSTS": "127.0.0.1", "MONITOR_DATA_DIR": str(tmp_path)}
    with serve() as base:
        assert run_env(url, env, "capture", f"{base}/page").returncode == 0
    recorded = hashlib.sha256(PAGE).hexdigest()
    files.path_for(tmp_path / "captures", recorded).write_bytes(b"altered")
    made = run_env(url, env, "backup", str(tmp_path / "backup.zip"))
    assert made.returncode == 0, made.stderr
    seen = hashlib.sha256(b"altered").hexdigest()
    assert made.stderr.strip() == (
        f"left out captures/{recorded}: its SHA-256 is now {seen}"
        " (tampering, recorded in the custody log)"
    )
