"""The `monitor kobo` commands: set the KoboToolbox project, pull its submissions, show where
the last pull reached. The token is MONITOR_KOBO_TOKEN, never an option (a command line is
seen by every user of the machine and kept in shell histories)."""

from __future__ import annotations

from datetime import date

import click

from monitor.cli import _engine, main, one_line_errors


@main.group("kobo")
def kobo_group() -> None:
    """KoboToolbox: the project whose submissions become evidence."""


@kobo_group.command("configure")
@click.option("--server", "server_url", required=True, help="e.g. https://kf.kobotoolbox.org")
@click.option("--asset", "asset_uid", required=True, help="the project's id (in its address)")
@click.option("--user", "username", default=None, help="an admin (default: system)")
@one_line_errors
def kobo_configure(server_url: str, asset_uid: str, username: str | None) -> None:
    """Set the server and the project to pull from (admins)."""
    from monitor.config import get_settings
    from monitor.services import kobo as kobo_service
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    engine = _engine(get_settings())
    project = in_transaction(
        engine,
        kobo_service.configure,
        actor=command_actor(engine=engine, username=username),
        server_url=server_url,
        asset_uid=asset_uid,
    )
    click.echo(f"KoboToolbox project {project.asset_uid} at {project.server_url}")


@kobo_group.command("status")
@one_line_errors
def kobo_status() -> None:
    """Show the project, whether the token is set (never the token) and what was pulled."""
    from monitor.config import get_settings
    from monitor.services import kobo as kobo_service
    from monitor.services.transactions import in_transaction

    settings = get_settings()
    server, asset, reached = in_transaction(_engine(settings), kobo_service.configured)
    click.echo(f"server: {server or '(not set)'}")
    click.echo(f"project: {asset or '(not set)'}")
    token = "set" if settings.kobo_token else "not set"
    click.echo(f"token ({kobo_service.TOKEN_VARIABLE}): {token}")
    click.echo(f"pulled up to: {reached + ' UTC' if reached else '(nothing yet)'}")


@kobo_group.command("pull")
@click.option("--user", "username", default=None, help="who the pull is recorded as")
@one_line_errors
def kobo_pull(username: str | None) -> None:
    """Pull the project's new and edited submissions as unverified evidence, with their files;
    report refusals, conflicts and submissions deleted on the server (never removed here)."""
    from monitor.config import get_settings
    from monitor.services import kobo as kobo_service
    from monitor.services.startup import command_actor

    settings = get_settings()
    engine = _engine(settings)
    report = kobo_service.pull(
        engine=engine,
        actor=command_actor(engine=engine, username=username),
        settings=settings,
        today=date.today(),
    )
    click.echo(str(report))
    for item in report.items:
        click.echo(str(item), err=True)
