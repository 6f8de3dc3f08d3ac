"""The `monitor import` commands: evidence rows from CSV or XLSX, all rows or none."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from monitor.cli import _engine, main, one_line_errors
from monitor.config import get_settings
from monitor.errors import InvalidInput
from monitor.services import importer
from monitor.services.startup import command_actor
from monitor.services.transactions import in_transaction


@main.group("import")
def import_group() -> None:
    """Bulk imports."""


@import_group.command("evidence")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--user", "username", default=None, help="the user the import is recorded as")
@click.option("--dry-run", is_flag=True, help="check every row, import nothing")
@one_line_errors
def import_evidence(path: str, username: str | None, dry_run: bool) -> None:
    """Import evidence rows from a CSV or XLSX file: all rows, or none."""

    settings = get_settings()
    engine = _engine(settings)
    frame = importer.read_table(path, Path(path).read_bytes())
    mapping = importer.suggest_mapping(list(frame.columns))
    actor = command_actor(engine=engine, username=username)
    if dry_run:
        checks = in_transaction(
            engine, importer.check_rows, frame=frame, mapping=mapping, today=date.today()
        )
        counts = {
            a: sum(c.action == a for c in checks)
            for a in ("create", "update", "unchanged", "invalid")
        }
        click.echo(", ".join(f"{n} {a}" for a, n in counts.items()))
        for check in checks:
            if check.problems:
                click.echo(f"row {check.row}: {InvalidInput(check.problems)}")
        if counts["invalid"]:
            raise click.exceptions.Exit(1)
        return
    report = in_transaction(
        engine,
        importer.import_rows,
        actor=actor,
        frame=frame,
        mapping=mapping,
        today=date.today(),
        source=path,
    )
    click.echo(str(report))
