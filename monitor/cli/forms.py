"""The `monitor form` commands: build the field form (an XLSForm) from the product's own rules."""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli import main, one_line_errors


@main.group("form")
def form_group() -> None:
    """The field form for KoboToolbox and ODK Collect."""


@form_group.command("build")
@click.option(
    "--out",
    "out",
    type=click.Path(dir_okay=False),
    default=None,  # kobo.FORM_FILE, looked up when the command runs
    show_default="data/forms/evidence.xlsx",
    help="where to write the XLSForm",
)
@click.option(
    "--check", is_flag=True, help="write nothing; fail when the file differs from a build"
)
@one_line_errors
def form_build(out: str | None, check: bool) -> None:
    """Build the XLSForm from the demands, regions, limits, choices, labels and settlements the
    product itself uses; --check says whether the file at --out is up to date."""
    from monitor.config import get_settings
    from monitor.core.files import write_atomically
    from monitor.services import kobo

    built = kobo.field_form_xlsx(get_settings().reference_dir)
    path = Path(out) if out is not None else kobo.FORM_FILE
    if check:
        if not path.is_file() or path.read_bytes() != built:
            raise click.ClickException(f"{path} is not what `monitor form build` makes: rebuild it")
        click.echo(f"{path} is up to date")
        return
    if not path.resolve().parent.is_dir():
        raise click.ClickException(f"no such folder: {path.resolve().parent}")
    write_atomically(path, lambda handle: handle.write(built))
    click.echo(f"wrote {path} ({len(built) // 1024} KiB)")
