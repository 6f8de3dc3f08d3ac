"""`monitor publish` and `monitor serve-public`: the open data publication, built inside and
served outside.

`publish DIR` writes what is public (see `monitor.services.publication`); `--every MINUTES`
repeats it in a loop, each run under the publication's lock, a failed run reported on one line
and the last good publication left in place. `serve-public DIR` runs Datasette read-only on
the published SQLite file (never the app's database) and restarts it on the new file when a
publication replaces the old one.
"""

from __future__ import annotations

import subprocess
import time
from pathlib import Path
from typing import TYPE_CHECKING

import click

from monitor.cli import _engine, main, one_line_errors

if TYPE_CHECKING:
    from monitor.services import publication


def _summary(report: publication.PublicationReport) -> str:
    rows = ", ".join(f"{n} {name}" for name, n in report.counts.items())
    state = "published" if report.changed else "unchanged"
    return f"{state} {report.folder.name}: {report.files} files; {rows}"


@main.command("publish")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option(
    "--every",
    "every",
    type=click.FloatRange(min=0.01),
    default=None,
    metavar="MINUTES",
    help="publish again every MINUTES, in a loop (each run under the publication's lock)",
)
@click.option("--runs", type=click.IntRange(min=1), default=None, hidden=True)
@click.option("--user", "username", default=None, help="the admin the run is recorded as")
@one_line_errors
def publish_command(
    folder: Path | None, every: float | None, runs: int | None, username: str | None
) -> None:
    """Write the open data publication to FOLDER (default MONITOR_PUBLIC_DIR)."""
    from monitor.config import get_settings
    from monitor.errors import MonitorError
    from monitor.services import publication
    from monitor.services.startup import command_actor

    settings = get_settings()
    target = folder or settings.publication_dir
    engine = _engine(settings)
    actor = command_actor(engine=engine, username=username)

    def once() -> None:
        report = publication.publish(
            engine=engine, actor=actor, target=target, public_url=settings.public_url
        )
        click.echo(_summary(report))

    if every is None:
        once()
        return
    done = 0
    while runs is None or done < runs:
        started = time.monotonic()
        try:
            once()
        except MonitorError as exc:  # the last good publication stays; the loop goes on
            click.echo(f"Error: {exc}", err=True)
        except Exception as exc:  # a fault of ours: one line, and the next run tries again
            click.echo(f"Error: unexpected {type(exc).__name__}: {exc}", err=True)
        done += 1
        if runs is None or done < runs:
            time.sleep(max(0.0, every * 60 - (time.monotonic() - started)))


@main.command("serve-public")
@click.argument("folder", type=click.Path(path_type=Path), required=False)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=click.IntRange(0, 65535), default=8001, show_default=True)
@click.option(
    "--check-seconds",
    type=click.FloatRange(min=0.1),
    default=10.0,
    show_default=True,
    help="how often to look for a newer publication",
)
@one_line_errors
def serve_public(folder: Path | None, host: str, port: int, check_seconds: float) -> None:
    """Serve the publication in FOLDER with Datasette, read-only (immutable)."""
    from monitor.config import get_settings
    from monitor.services import publication

    target = folder or get_settings().publication_dir
    while True:
        serving = publication.serving_folder(target)
        process = subprocess.Popen(publication.datasette_command(serving, host=host, port=port))
        try:
            while process.poll() is None:
                time.sleep(check_seconds)
                if publication.current_folder(target) not in (None, serving):
                    click.echo(f"a newer publication: restarting on {target.resolve().name}")
                    process.terminate()
                    process.wait(timeout=30)
                    break
            else:
                raise click.exceptions.Exit(process.returncode)
        except BaseException:
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
            raise
