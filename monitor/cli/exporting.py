"""`monitor export`: briefings for partners written to a file, never a partial one.

Moved out of the package's `__init__` so the export kinds grow here, not in the file every
area's command shares.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from monitor.cli import _engine, main, one_line_errors
from monitor.config import get_settings
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES
from monitor.services import briefings
from monitor.services.startup import command_actor


def _day(value: str | None, option: str) -> date | None:
    """An export's date option, YYYY-MM-DD; anything else is a usage error naming the option."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        message = f"{value!r} is not a date (YYYY-MM-DD)"
        raise click.BadParameter(message, param_hint=f"'{option}'") from None


@main.command("export")
@click.argument("kind", type=click.Choice([*briefings.KINDS, briefings.COMPARISON, "pack"]))
@click.option(
    "--out", "out", required=True, type=click.Path(dir_okay=False), help="the file to write"
)
@click.option("--from", "date_from", default=None, help="YYYY-MM-DD; for comparison a draft code")
@click.option("--to", "date_to", default=None, help="YYYY-MM-DD; for comparison a draft code")
@click.option("--demand", "demands", multiple=True, help="D01 ... (repeatable)")
@click.option("--region", "regions", multiple=True, help="region code (repeatable)")
@click.option(
    "--lang", type=click.Choice(list(LANGUAGES)), default=DEFAULT_LANGUAGE, show_default=True
)
@click.option("--include-restricted", is_flag=True)
@click.option("--include-confidential", is_flag=True, help="admins only")
@click.option("--excel", is_flag=True, help="semicolon and CRLF, for Excel in a Ukrainian locale")
@click.option(
    "--user", "username", default=None, help="who the export is made by (default: system)"
)
@one_line_errors
def export_command(
    kind: str,
    out: str,
    date_from: str | None,
    date_to: str | None,
    demands: tuple[str, ...],
    regions: tuple[str, ...],
    lang: str,
    include_restricted: bool,
    include_confidential: bool,
    excel: bool,
    username: str | None,
) -> None:
    """Write a CSV briefing, or a zip pack of all four, for partners; never a partial file."""

    settings = get_settings()
    engine = _engine(settings)
    comparison = kind == briefings.COMPARISON  # --from and --to name two drafts
    options = briefings.BriefingOptions(
        filters=EvidenceFilters(
            demands=tuple(d.strip().upper() for d in demands),
            regions=tuple(r.strip().lower() for r in regions),
            date_from=None if comparison else _day(date_from, "--from"),
            date_to=None if comparison else _day(date_to, "--to"),
        ),
        lang=lang,
        include_restricted=include_restricted,
        include_confidential=include_confidential,
        compare_from=date_from.strip() if comparison and date_from else None,
        compare_to=date_to.strip() if comparison and date_to else None,
    )
    actor = command_actor(engine=engine, username=username)
    path = Path(out)
    if not path.resolve().parent.is_dir():
        raise click.ClickException(f"no such folder: {path.resolve().parent}")
    rows = briefings.export_to(
        engine=engine, actor=actor, kind=kind, options=options, path=path, excel=excel
    )
    click.echo(f"wrote {path} ({rows} rows)")
