#!/usr/bin/env python3
"""The project's tasks, needing nothing but Python 3.11: `python3 tasks.py run` / `test`.

Each task first makes sure .venv exists and holds the pinned dependencies (constraints.txt),
so a fresh clone needs no other step.
"""

from __future__ import annotations

import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
STAMP = VENV / ".installed"
INPUTS = [ROOT / "pyproject.toml", ROOT / "constraints.txt"]


def say(message: str) -> None:
    print(f"[tasks] {message}", flush=True)


def call(*args: str | Path, check: bool = True) -> int:
    code = subprocess.call([str(a) for a in args], cwd=ROOT)
    if check and code != 0:
        sys.exit(code)
    return code


def ensure_venv() -> None:
    """Create .venv and install the project with its dev extras when inputs changed."""
    if sys.version_info < (3, 11):  # noqa: UP036 - tasks.py runs on whatever python3 is
        sys.exit(f"Python 3.11 or newer is needed; this is {sys.version.split()[0]}")
    fresh = STAMP.exists() and all(STAMP.stat().st_mtime >= p.stat().st_mtime for p in INPUTS)
    if fresh:
        return
    if not (BIN / "python").exists():
        say("creating .venv")
        venv.EnvBuilder(with_pip=True).create(VENV)
    say("installing dependencies (first time takes about a minute)")
    pip = [BIN / "python", "-m", "pip", "install", "-q", "--disable-pip-version-check"]
    call(*pip, "--upgrade", "pip")
    call(*pip, "-c", ROOT / "constraints.txt", "-e", ".[dev]")
    STAMP.touch()


def run(args: list[str]) -> None:
    """Migrate, load the reference data, and serve the dashboard on port 8501."""
    ensure_venv()
    call(BIN / "monitor", "db", "upgrade")
    call(BIN / "monitor", "seed")
    call(BIN / "monitor", "setup-code", "--if-needed")  # first run: the code for the first admin
    # sign-in with an organisation's provider: Streamlit's [auth] file, written from
    # MONITOR_OIDC_* into the data folder (0600); its path is printed, nothing when it is off
    written = subprocess.run(
        [str(BIN / "monitor"), "oidc", "write-config"], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    if written.returncode != 0:
        sys.exit(written.returncode)
    auth = [f"--secrets.files={written.stdout.strip()}"] if written.stdout.strip() else []
    port = os.environ.get("PORT") or os.environ.get("STREAMLIT_SERVER_PORT") or "8501"
    say(f"dashboard at http://localhost:{port}")
    streamlit = [str(BIN / "streamlit"), "run", "app.py", f"--server.port={port}", *auth, *args]
    os.execv(BIN / "streamlit", streamlit)


def test(args: list[str]) -> None:
    """Lint, type-check, then the whole suite (PostgreSQL needs MONITOR_TEST_POSTGRES_URL).

    The whole suite runs in MONITOR_TEST_WORKERS processes (3 by default: most tests wait on a
    database, a browser or a child process, so three keep two cores busy), a test file to a
    process so that a file's shared app or browser starts once; named tests run in this one."""
    ensure_venv()
    call(BIN / "ruff", "check", ".")
    call(BIN / "ruff", "format", "--check", ".")
    call(BIN / "mypy")
    workers = os.environ.get("MONITOR_TEST_WORKERS", "3")
    spread = [] if args or workers in ("", "0", "1") else ["-n", workers, "--dist", "loadfile"]
    code = call(BIN / "python", "-m", "pytest", *spread, *args, check=False)
    sys.exit(0 if code == 5 and args else code)


def lint(_: list[str]) -> None:
    """ruff and mypy."""
    ensure_venv()
    call(BIN / "ruff", "check", ".")
    call(BIN / "ruff", "format", "--check", ".")
    call(BIN / "mypy")


def setup(_: list[str]) -> None:
    """Only create .venv and install."""
    ensure_venv()


TASKS = {"run": run, "test": test, "lint": lint, "setup": setup}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in TASKS:
        sys.exit(f"usage: python3 tasks.py {{{','.join(TASKS)}}} [args...]")
    TASKS[sys.argv[1]](sys.argv[2:])
