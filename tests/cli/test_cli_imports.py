"""`monitor --help`, and every command's help, start without the heavy libraries.

Each command is a process of its own (about a hundred in the test suite alone), and importing
the database layer, pandas, Alembic, boto3, openpyxl and the PDF stack took 2.4 s before any
command did anything. monitor/cli imports them inside the commands that use them; this keeps
it so, in a fresh interpreter (this one has imported everything already).
"""

from __future__ import annotations

import json
import subprocess
import sys

from monitor.cli import main
from monitor.cli.exporting import KINDS
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
