"""`monitor export`: briefings for partners written to a file, never a partial one.

Moved out of the package's `__init__` so the export kinds grow here, not in the file every
area's command shares. `monitor export brief` writes a printable PDF brief: of one demand
(`--demand D02`), of one draft (`--draft US28`: its gaps against the demands) or of all ten
(neither); it prints the file's SHA-256 (which cannot be inside the file) as `sha256sum` does.
A refused brief says why in one line in the language asked for (`--lang`), and writes nothing.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from monitor.cli import _engine, main, one_line_errors
from monitor.domain.briefing_kinds import FILE_KINDS as KINDS  # imports nothing
from monitor.i18n import DEFAULT_LANGUAGE, LANGUAGES

BRIEF = "brief"  # a printable PDF, not a CSV


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
@click.argument("kind", type=click.Choice([*KINDS, BRIEF]))
@click.option(
    "--out",
    "--output",
    "out",
    required=True,
    type=click.Path(dir_okay=False),
    help="the file to write",
)
@click.option("--from", "date_from", default=None, help="YYYY-MM-DD; for comparison a draft code")
@click.option("--to", "date_to", default=None, help="YYYY-MM-DD; for comparison a draft code")
@click.option(
    "--demand", "demands", multiple=True, help="D01 ... (repeatable; for brief: the one demand)"
)
@click.option("--draft", default=None, help="for brief: the draft (US28 or US28-2025-11)")
@click.option("--region", "regions", multiple=True, help="region code (repeatable)")
@click.option(
    "--lang", type=click.Choice(list(LANGUAGES)), default=DEFAULT_LANGUAGE, show_default=True
)
@click.option("--include-restricted", is_flag=True)
@click.option("--include-confidential", is_flag=True, help="admins only")
@click.option(
    "--include-organisation",
    is_flag=True,
    help="organisation-only entries of the --user's organisation (an admin's: all)",
)
@click.option(
    "--excel", is_flag=True, help="semicolon and CRLF, for Excel in a Ukrainian locale (CSV)"
)
@click.option(
    "--custody", is_flag=True, help="pack: add custody.csv, the chain of custody of its files"
)
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
    draft: str | None,
    regions: tuple[str, ...],
    lang: str,
    include_restricted: bool,
    include_confidential: bool,
    include_organisation: bool,
    excel: bool,
    custody: bool,
    username: str | None,
) -> None:
    """Write a CSV briefing, the zip pack, or a PDF brief for partners; never a partial file."""
    from monitor.config import get_settings
    from monitor.domain.filters import EvidenceFilters
    from monitor.services import briefings
    from monitor.services.startup import command_actor

    if kind == BRIEF:
        _brief(
            out,
            (date_from, date_to),
            demands,
            draft,
            regions,
            lang,
            (include_restricted, include_confidential, include_organisation),
            username,
        )
        return
    if draft is not None:
        raise click.UsageError("--draft is for brief only")
    if custody and kind != "pack":
        raise click.UsageError("--custody is for pack only")
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
        include_organisation=include_organisation,
        compare_from=date_from.strip() if comparison and date_from else None,
        compare_to=date_to.strip() if comparison and date_to else None,
        custody=custody,
    )
    actor = command_actor(engine=engine, username=username)
    path = Path(out)
    if not path.resolve().parent.is_dir():
        raise click.ClickException(f"no such folder: {path.resolve().parent}")
    rows = briefings.export_to(
        engine=engine, actor=actor, kind=kind, options=options, path=path, excel=excel
    )
    click.echo(f"wrote {path} ({rows} rows)")


def _brief_day(value: str | None, option: str) -> date | None:
    """A brief's date option: YYYY-MM-DD, or a refusal in the brief's language."""
    from monitor.errors import InvalidInput

    if value is None:
        return None
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput({option: ("invalid.date", {})}) from None


def _brief(
    out: str,
    dates: tuple[str | None, str | None],
    demands: tuple[str, ...],
    draft: str | None,
    regions: tuple[str, ...],
    lang: str,
    include: tuple[bool, bool, bool],
    username: str | None,
) -> None:
    """Check everything first, then write the PDF atomically and print its SHA-256."""
    from monitor.config import get_settings
    from monitor.domain.brief_contents import subject_of
    from monitor.domain.filters import EvidenceFilters
    from monitor.errors import MonitorError
    from monitor.i18n import describe
    from monitor.services import briefings
    from monitor.services.startup import command_actor

    try:
        subject = subject_of(tuple(d.strip().upper() for d in demands), draft)
        options = briefings.BriefingOptions(
            filters=EvidenceFilters(
                regions=tuple(r.strip().lower() for r in regions),
                date_from=_brief_day(dates[0], "from"),
                date_to=_brief_day(dates[1], "to"),
            ),
            lang=lang,
            include_restricted=include[0],
            include_confidential=include[1],
            include_organisation=include[2],
        )
        path = Path(out)
        if not path.resolve().parent.is_dir():
            raise click.ClickException(f"no such folder: {path.resolve().parent}")
        settings = get_settings()
        engine = _engine(settings)
        actor = command_actor(engine=engine, username=username)
        # fpdf2 and matplotlib take about a second to import: only this kind needs them, so
        # every other `monitor` command starts without them
        from monitor.services import brief_pdf

        brief = brief_pdf.export_to(
            engine=engine, actor=actor, subject=subject, options=options, path=path
        )
    except MonitorError as exc:  # in the language the brief was asked in
        raise click.ClickException(describe(exc, lang)) from exc
    click.echo(f"wrote {path} ({brief.pages} pages)")
    click.echo(f"{brief.sha256}  {path}")
