"""`monitor user add --email`, `monitor user email` and `monitor oidc write-config | status`
through the entry point (tests/cli/runner.py): e-mails stored as providers are compared, a
refused e-mail creates no account, Streamlit's [auth] file written for its owner only, the
client secret never printed, and a half-made setting one line and a non-zero exit."""

from __future__ import annotations

import os
import subprocess
import tomllib
from pathlib import Path

import sqlalchemy as sa

from tests.cli.runner import monitor

SECRET = "client-secret-never-printed-5b1c"


def _run(
    tmp_path: Path, *args: str, stdin: str = "", **extra: str
) -> subprocess.CompletedProcess[str]:
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("MONITOR_OIDC_")},
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'monitor.db'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
        **extra,
    }
    return monitor([*args], env=env, stdin=stdin)


def _emails(tmp_path: Path) -> dict[str, str | None]:
    engine = sa.create_engine(f"sqlite:///{tmp_path / 'monitor.db'}")
    with engine.connect() as conn:
        rows = conn.execute(sa.text('SELECT username, email FROM "user"')).all()
    engine.dispose()
    return dict(rows)


def test_user_add_and_user_email(tmp_path: Path) -> None:
    added = _run(
        tmp_path, "user", "add", "olena", "--role", "editor", "--password-stdin",
        "--email", " Olena@NGO-One.org", stdin="olena-password-1\n",
    )  # fmt: skip
    assert added.returncode == 0, added.stderr
    assert _emails(tmp_path)["olena"] == "olena@ngo-one.org"
    refused = _run(
        tmp_path, "user", "add", "ivan", "--role", "viewer", "--password-stdin",
        "--email", "OLENA@ngo-one.org", stdin="ivan-password-1\n",
    )  # fmt: skip
    assert refused.returncode != 0 and "another account has this e-mail" in refused.stderr
    assert "Traceback" not in refused.stderr and "ivan" not in _emails(tmp_path)
    cleared = _run(tmp_path, "user", "email", "olena", "")
    assert cleared.returncode == 0 and "no e-mail" in cleared.stdout
    bad = _run(tmp_path, "user", "email", "olena", "olena at ngo")
    assert bad.returncode != 0 and "not an e-mail address" in bad.stderr
    assert _emails(tmp_path)["olena"] is None


def test_write_config_and_status(tmp_path: Path) -> None:
    oidc = {
        "MONITOR_OIDC_ISSUER": "https://id.coalition.example/realms/ngo",
        "MONITOR_OIDC_CLIENT_ID": "demands-monitor",
        "MONITOR_OIDC_CLIENT_SECRET": SECRET,
    }
    off = _run(tmp_path, "oidc", "write-config")
    assert off.returncode == 0 and off.stdout == ""
    written = _run(tmp_path, "oidc", "write-config", **oidc)
    assert written.returncode == 0, written.stderr
    path = Path(written.stdout.strip())
    assert path == tmp_path / "data" / "oidc" / "secrets.toml"
    assert path.stat().st_mode & 0o777 == 0o600
    assert tomllib.loads(path.read_text())["auth"]["client_secret"] == SECRET
    status = _run(tmp_path, "oidc", "status", **oidc)
    assert status.returncode == 0 and "client secret: set" in status.stdout
    assert SECRET not in status.stdout + status.stderr + written.stderr
    half = _run(tmp_path, "oidc", "write-config", MONITOR_OIDC_CLIENT_ID="demands-monitor")
    assert half.returncode != 0 and "Traceback" not in half.stderr
    assert (
        "MONITOR_OIDC_CLIENT_SECRET" in half.stderr and len(half.stderr.strip().splitlines()) == 1
    )
    assert _run(tmp_path, "oidc", "write-config").stdout == "" and not path.exists()
