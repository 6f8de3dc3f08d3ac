"""`monitor --help`, every command's help, and a command on the database start without the
heavy libraries they do not use.

Each command is a process of its own (about a hundred in the test suite alone), and importing
the database layer, pandas, Alembic, boto3, openpyxl and the PDF stack took 2.4 s before any
command did anything. monitor/cli imports them inside the commands that use them; this keeps
it so, in a fresh interpreter (this one has imported everything already).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from monitor.cli import main
from monitor.cli.exporting import KINDS
from monitor.core import migrate
from monitor.services import briefings

HEAVY = (
    "pandas",
    "numpy",
    "sqlalchemy",
    "sqlmodel",
    "alembic",
    "boto3",
    "botocore",
    "openpyxl",
    "pypdf",
    "psycopg",
    "psycopg2",
    "httpx",
    "matplotlib",
    "fpdf",
    "argon2",
    "pydantic",
)

# every help page, in a fresh interpreter; prints the heavy modules it ended up with
PROBE = """
import json, sys
import click
from monitor.cli import main

def paths(group, prefix):
    for name, command in group.commands.items():
        yield [*prefix, name]
        if isinstance(command, click.Group):
            yield from paths(command, [*prefix, name])

codes = [main.main([*path, "--help"], standalone_mode=False) for path in [[], *paths(main, [])]]
heavy = json.loads(sys.argv[1])
print(json.dumps({"codes": codes, "loaded": sorted(m for m in heavy if m in sys.modules)}))
"""


def test_help_imports_no_heavy_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(HEAVY)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert set(result["codes"]) == {0}
    assert result["loaded"] == [], f"`monitor --help` imports {result['loaded']}"


def test_export_kinds_are_the_services() -> None:
    """The export command spells out its kinds (importing the service for them would be slow)."""
    assert (*briefings.KINDS, briefings.COMPARISON, "pack") == KINDS


def test_every_area_command_is_registered() -> None:
    """Importing the package still adds every area's commands to `main`."""
    assert {"export", "import", "kobo", "oidc", "storage", "custody", "organisation"} <= set(
        main.commands
    )
    assert {"publish", "serve-public", "form", "db", "user", "setup-code"} <= set(main.commands)


# what a command that only opens the database and reads or writes a few rows does not need:
# the data frames, Alembic (the database is at the head already), S3, the PDF and image stack
NOT_FOR_THE_DATABASE = (
    "pandas",
    "numpy",
    "alembic",
    "boto3",
    "botocore",
    "openpyxl",
    "pypdf",
    "pypdfium2",
    "PIL",
    "httpx",
    "matplotlib",
    "fpdf",
    "rapidfuzz",
)

DATABASE_PROBE = """
import json, sys
from monitor.cli import main

commands = (
    ["seed"],
    ["user", "add", "olena", "--role", "editor", "--password-stdin"],
    ["organisation", "add", "zmina", "--name", "ZMINA"],
)
codes = [main.main(args, standalone_mode=False) for args in commands]
heavy = json.loads(sys.argv[1])
print(json.dumps({"codes": codes, "loaded": sorted(m for m in heavy if m in sys.modules)}))
"""


def test_database_commands_import_no_heavy_library(tmp_path: Path, sqlite_template: Path) -> None:
    """`monitor seed`, `user add` and `organisation add` on a database at the newest revision:
    the database layer and nothing of the rest (they took about two seconds to start, and every
    command opens the database through the same start-up code)."""
    shutil.copy(sqlite_template, tmp_path / "monitor.db")
    done = subprocess.run(
        [sys.executable, "-c", DATABASE_PROBE, json.dumps(NOT_FOR_THE_DATABASE)],
        input="a long passphrase\n",
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env={**os.environ, "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'monitor.db'}"},
    )
    result = json.loads(done.stdout.splitlines()[-1])
    assert result["codes"] == [None, None, None]
    assert result["loaded"] == [], f"a database command imports {result['loaded']}"


def test_the_head_read_from_the_files_is_alembics() -> None:
    """The start-up check reads the newest revision from the files' text, without Alembic:
    it must name the revision Alembic would (an upgrade is skipped when they agree)."""
    assert migrate.head_in_files() == migrate.head_revision()
    assert migrate.head_in_files() is not None
