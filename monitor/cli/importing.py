"""The `monitor import` commands: evidence rows from CSV or XLSX, all rows or none."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor.cli import _engine, main, one_line_errors

if TYPE_CHECKING:
    from monitor.domain.import_files import Progress
    from monitor.domain.import_mapping import ImportMapping
    from monitor.errors import Problem
    from monitor.services import importer


@main.group("import")
def import_group() -> None:
    """Bulk imports."""


def _mapping(
    header: list[str], profile: str | None, pairs: tuple[str, ...], defaults: tuple[str, ...]
) -> ImportMapping:
    """The profile (or the headers' suggestion), then each --map and --default on top."""
    from monitor.domain import import_mapping

    base = import_mapping.load_profile(profile) if profile else import_mapping.suggested(header)
    return base.with_changes(
        columns=import_mapping.parse_pairs(pairs, "--map"),
        defaults=import_mapping.parse_pairs(defaults, "--default"),
    )


def _progress(quiet: bool) -> Progress | None:
    """A percentage on standard error, at most once a second (standard output stays clean)."""
    if quiet or not sys.stderr.isatty():
        return None
    shown = [0.0]

    def report(done: float) -> None:
        now = time.monotonic()
        if now - shown[0] >= 1 or done >= 1:
            shown[0] = now
            click.echo(f"\r{done:6.1%}", err=True, nl=done >= 1)

    return report


def _problems_to(err: bool) -> Callable[[int, Mapping[str, Problem]], None]:
    """Each bad row as one line, as it is found (a dry run's result goes to standard output,
    an import's refusal to standard error)."""
    from monitor.errors import InvalidInput

    def echo(row: int, problems: Mapping[str, Problem]) -> None:
        click.echo(f"row {row}: {InvalidInput(problems)}", err=err)

    return echo


@import_group.command("evidence")
@click.argument("path", type=click.Path(exists=True, dir_okay=False, readable=True))
@click.option("--user", "username", default=None, help="the user the import is recorded as")
@click.option("--dry-run", is_flag=True, help="check every row, import nothing")
@click.option("--profile", default=None, help="a shipped column mapping (data/import_profiles/)")
@click.option(
    "--map", "pairs", multiple=True, metavar="COLUMN=FIELD", help="map a column (repeatable)"
)
@click.option(
    "--default",
    "defaults",
    multiple=True,
    metavar="FIELD=VALUE",
    help="the value of a field the file has no column for (repeatable)",
)
@click.option(
    "--trusted",
    is_flag=True,
    help="keep the file's verification for new entries (a trusted source); else unverified",
)
@click.option("--quiet", is_flag=True, help="no progress on standard error")
@one_line_errors
def import_evidence(
    path: str,
    username: str | None,
    dry_run: bool,
    profile: str | None,
    pairs: tuple[str, ...],
    defaults: tuple[str, ...],
    trusted: bool,
    quiet: bool,
) -> None:
    """Import evidence rows from a CSV or XLSX file: all rows, or none. Every bad row is named
    on standard error; a required field no column gives is named once."""
    from monitor.config import get_settings
    from monitor.services import importer
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    settings = get_settings()
    engine = _engine(settings)
    table = importer.read_table(path, Path(path))
    mapping = _mapping(table.columns, profile, pairs, defaults)
    actor = command_actor(engine=engine, username=username)
    common = {
        "table": table,
        "mapping": mapping,
        "today": date.today(),
        "trusted": trusted,
        "progress": _progress(quiet),
    }
    if dry_run:
        report = in_transaction(
            engine, importer.check_rows, actor=actor, on_problem=_problems_to(err=False), **common
        )
        click.echo(", ".join(f"{n} {a}" for a, n in report.counts().items()))
        _likely_duplicates(report)
        if report.invalid:
            raise click.exceptions.Exit(1)
        return
    try:
        report = in_transaction(
            engine,
            importer.import_rows,
            actor=actor,
            source=Path(path).name,
            on_problem=_problems_to(err=True),
            **common,
        )
    except importer.ImportRefused as refused:
        raise click.ClickException(
            f"{refused.count} rows are invalid (listed above), nothing was imported"
        ) from None
    click.echo(str(report))
    _likely_duplicates(report)


LIKELY_SHOWN = 20  # rows whose likely duplicates the command names


def _likely_duplicates(report: importer.ImportReport) -> None:
    """The rows that look like an earlier row or a stored entry (the first LIKELY_SHOWN)."""
    if not report.likely_rows:
        return
    click.echo(f"likely duplicates: {report.likely_rows} rows (imported as entries of their own)")
    for row, matches in list(report.likely.items())[:LIKELY_SHOWN]:
        said = "; ".join(
            f"{m.reason.value} like "
            + (f"row {m.row_of}" if m.row_of else f"entry #{m.entry_of}")
            + (f" ({m.score:.0f}%)" if m.score < 100 else "")
            for m in matches
        )
        click.echo(f"row {row}: {said}")
