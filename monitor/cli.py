"""The `monitor` command line: one-line errors and a non-zero exit, never a traceback."""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from datetime import date
from typing import Any

import click
from sqlalchemy.engine import Engine

from monitor import demo_data, migrate
from monitor.auth import hash_password, parse_role, system_actor
from monitor.config import Settings, get_settings
from monitor.errors import MonitorError
from monitor.services import users
from monitor.startup import open_database, seed


def one_line_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn MonitorError into click's one-line 'Error: ...' with exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except MonitorError as exc:
            raise click.ClickException(str(exc)) from exc

    return wrapper


def _engine(settings: Settings) -> Engine:
    return open_database(settings)


@click.group()
@click.version_option(package_name="demands-monitor")
def main() -> None:
    """Demands Monitor: track the ten TOT demands against evidence and peace drafts.

    The database is MONITOR_DATABASE_URL (default: a SQLite file under data/).
    """


@main.group()
def db() -> None:
    """Database schema commands."""


@db.command("upgrade")
@one_line_errors
def db_upgrade() -> None:
    """Apply pending migrations."""
    settings = get_settings()
    applied = migrate.upgrade(settings.database_url)
    click.echo("database upgraded to " if applied else "database already at ", nl=False)
    click.echo(migrate.head_revision())


@main.command("seed")
@one_line_errors
def seed_command() -> None:
    """Load the reference data (demands, regions, drafts, coverage); safe to repeat."""
    settings = get_settings()
    report = seed(_engine(settings), settings)
    click.echo(str(report))


@main.command("demo-data")
@click.option(
    "--evidence", "count", type=click.IntRange(0, 5_000_000), default=1000, show_default=True
)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True)
@one_line_errors
def demo_data_command(count: int, seed_value: int) -> None:
    """Add deterministic synthetic evidence and a status history (for demos and benchmarks)."""
    from monitor.db import session_scope

    settings = get_settings()
    engine = _engine(settings)
    seed(engine, settings)
    with session_scope(engine) as session:
        report = demo_data.load_demo_data(
            session, system_actor(session), evidence=count, seed=seed_value, today=date.today()
        )
    click.echo(
        str(report) if report.evidence else f"demo data for seed {seed_value} already loaded"
    )


@main.group()
def user() -> None:
    """User accounts."""


@user.command("add")
@click.argument("username")
@click.option("--role", "role_name", required=True, help="viewer, editor or admin")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@one_line_errors
def user_add(username: str, role_name: str, password_stdin: bool) -> None:
    """Create a user; the password is prompted for (or read from stdin), never an argument."""
    from monitor.db import session_scope

    role = parse_role(role_name)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = get_settings()
    engine = _engine(settings)
    with session_scope(engine) as session:
        created = users.add_user(
            session,
            system_actor(session),
            username,
            role,
            password_hash=hash_password(users.check_password(password)),
        )
    click.echo(f"created user {created.username} ({created.role.value})")


if __name__ == "__main__":
    main()
