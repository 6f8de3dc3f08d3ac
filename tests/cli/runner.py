"""`monitor` run inside the test process: what a child process would give back, in milliseconds.

A child process pays the interpreter's start and the database layer's imports (about a second,
several under load) before a command does anything; the CLI tests ran about a hundred of them.
Here the command runs through click as the entry point runs it (`main` with its arguments,
standalone: SystemExit becomes the exit code), with the process's environment replaced by the
one a child would get, stdin, stdout and stderr its own, and what a fresh process would not
have (S3 clients made under other credentials) dropped first. An exception that escapes is
printed as Python prints it, a traceback on stderr and exit code 1, so a test that asserts
"Traceback" not in stderr still fails on one.

What only a real process shows (the entry point itself, the umask, the imports, a server left
running) stays in the tests that start one: tests/cli/test_cli.py's first test,
test_cli_imports.py, the umask and serve-public tests.
"""

from __future__ import annotations

import os
import subprocess
import traceback
from collections.abc import Mapping, Sequence

from click.testing import CliRunner

from monitor.cli import main
from monitor.core import storage


def monitor(
    args: Sequence[str], *, env: Mapping[str, str], stdin: str = ""
) -> subprocess.CompletedProcess[str]:
    """Run `monitor *args` with exactly `env` as its environment (as subprocess.run's env)."""
    saved = dict(os.environ)
    storage._clients.clear()  # a new process makes its S3 clients from its own credentials
    os.environ.clear()
    os.environ.update(env)
    try:
        result = CliRunner().invoke(main, list(args), input=stdin, prog_name="monitor")
    finally:
        os.environ.clear()
        os.environ.update(saved)
        storage._clients.clear()
    stderr = result.stderr
    code = result.exit_code
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        stderr += "".join(traceback.format_exception(result.exception))
        code = 1
    return subprocess.CompletedProcess(["monitor", *args], code, result.stdout, stderr)
