"""The `monitor` command line: one-line errors and a non-zero exit, never a traceback.

The group and the commands every area shares live here; an area's own commands live in a module
of this package (`monitor/cli/<area>.py`) that adds them to `main`, so a new command does not
mean editing the one file every other change edits too.

Every command starts a process of its own, so what this package imports at the top is paid by
each of them, and by `--help`: only click and the standard library. The database, the services
and what they bring (SQLAlchemy, Alembic, pandas, boto3, openpyxl ...) are imported inside the
command that uses them (about 2.4 s of imports otherwise, before any command does anything).
tests/cli/test_cli_imports.py keeps it so.
"""

from __future__ import annotations

import functools
import importlib
import pkgutil
import sys
from collections.abc import Callable
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

if TYPE_CHECKING:
    from sqlalchemy.engine import Engine

    from monitor.config import Settings


def one_line_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn MonitorError into click's one-line 'Error: ...' with exit code 1."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            from monitor.errors import MonitorError  # imported by whatever raised one

            if isinstance(exc, MonitorError):
                raise click.ClickException(str(exc)) from exc
            raise

    return wrapper


def _engine(settings: Settings) -> Engine:
    """A migrated database with the reference data (loaded on first use, as the app does)."""
    from monitor.services.startup import open_database, seed_if_empty

    engine = open_database(settings)
    seed_if_empty(engine=engine, settings=settings)
    return engine


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
    from monitor.config import get_settings
    from monitor.core import migrate

    settings = get_settings()
    applied = migrate.upgrade(settings.database_url)
    click.echo("database upgraded to " if applied else "database already at ", nl=False)
    click.echo(migrate.head_revision())


@main.command("seed")
@one_line_errors
def seed_command() -> None:
    """Load the reference data (demands, regions, drafts, coverage); safe to repeat."""
    from monitor.config import get_settings
    from monitor.services.startup import open_database, seed

    settings = get_settings()
    report = seed(engine=open_database(settings), settings=settings)
    click.echo(str(report))


@main.command("demo-data")
@click.option(
    "--evidence", "count", type=click.IntRange(0, 5_000_000), default=1000, show_default=True
)
@click.option("--seed", "seed_value", type=int, default=1, show_default=True)
@one_line_errors
def demo_data_command(count: int, seed_value: int) -> None:
    """Add deterministic synthetic evidence and a status history (for demos and benchmarks)."""
    from monitor.config import get_settings
    from monitor.services import demo_data
    from monitor.services.startup import command_actor, seed
    from monitor.services.transactions import in_transaction

    settings = get_settings()
    engine = _engine(settings)
    seed(engine=engine, settings=settings)
    report = in_transaction(
        engine,
        demo_data.load_demo_data,
        actor=command_actor(engine=engine, username=None),
        evidence=count,
        seed=seed_value,
        today=date.today(),
    )
    click.echo(
        str(report) if report.evidence else f"demo data for seed {seed_value} already loaded"
    )


@main.command("capture")
@click.argument("url", required=False)
@click.option(
    "--evidence", "evidence_id", type=int, default=None, help="the entry the capture belongs to"
)
@click.option("--pending", is_flag=True, help="capture every entry's source URL not yet captured")
@click.option("--user", "username", default=None)
@one_line_errors
def capture_command(
    url: str | None, evidence_id: int | None, pending: bool, username: str | None
) -> None:
    """Fetch a source URL (or all pending ones) and record what it said, with its SHA-256."""
    from monitor.config import get_settings
    from monitor.core import storage
    from monitor.services import captures
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    if bool(url) == pending:
        raise click.UsageError("give a URL or --pending")
    settings = get_settings()
    engine = _engine(settings)
    actor = command_actor(engine=engine, username=username)
    targets = (
        in_transaction(engine, captures.pending)
        if pending
        else [captures.Target(str(url), evidence_id)]
    )
    rows = captures.capture_sources(
        engine=engine,
        actor=actor,
        targets=targets,
        folder=storage.captures(settings),
        allowed_hosts=settings.capture_allowed_hosts,
    )
    for row in rows:
        if row.ok:
            note = " (content changed)" if row.changed else ""
            click.echo(f"{row.sha256}  {row.requested_url}{note}")
    failed = [r for r in rows if not r.ok]
    if pending:
        click.echo(f"captured {len(rows) - len(failed)} of {len(rows)}")
        for row in failed:
            click.echo(f"failed: {row.requested_url}: {row.error}", err=True)
    elif failed:
        raise click.ClickException(f"{failed[0].requested_url}: {failed[0].error}")


@main.group()
def inbox() -> None:
    """The triage inbox of public reports."""


@inbox.command("fetch")
@click.option("--user", "username", default=None)
@one_line_errors
def inbox_fetch(username: str | None) -> None:
    """Pull the reports API and the RSS/Atom feeds configured in MONITOR_INBOX_* into the inbox."""
    from monitor.config import get_settings
    from monitor.services import inbox as inbox_service
    from monitor.services.startup import command_actor

    settings = get_settings()
    engine = _engine(settings)
    actor = command_actor(engine=engine, username=username)
    feeds = []
    if settings.inbox_reports_url:
        feeds.append(
            inbox_service.Feed(
                "reports-api", settings.inbox_reports_url, settings.inbox_reports_query
            )
        )
    feeds += [inbox_service.Feed("rss", url) for url in settings.inbox_feeds]
    report = inbox_service.pull_feeds(
        engine=engine, actor=actor, feeds=feeds, allowed_hosts=settings.capture_allowed_hosts
    )
    click.echo(str(report))
    for failure in report.failed or []:
        click.echo(f"failed: {failure}", err=True)
    if report.failed and len(report.failed) == len(feeds):
        raise click.ClickException("no feed could be read")


@main.command("backup")
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--user", "username", default=None)
@one_line_errors
def backup_command(path: str, username: str | None) -> None:
    """Write a consistent backup (all tables, attachments, captures, SHA-256 manifest) to PATH."""
    from monitor.config import get_settings
    from monitor.core import storage
    from monitor.core.files import write_atomically
    from monitor.services import backup
    from monitor.services.startup import command_actor, open_database

    settings = get_settings()
    engine = open_database(settings)
    actor = command_actor(engine=engine, username=username)
    target = Path(path)
    if not target.resolve().parent.is_dir():
        raise click.ClickException(f"no such folder: {target.resolve().parent}")
    data = backup.create(
        engine=engine,
        actor=actor,
        data_dir=settings.data_dir,
        now=datetime.now(UTC),
        stores=storage.for_settings(settings),
    )
    # a backup holds confidential data: its owner's only (0600), whatever the umask
    write_atomically(target, lambda handle: handle.write(data), private=True)
    click.echo(f"wrote {target} ({len(data) // 1024} KiB)")
    for altered in backup.left_out(data):
        click.echo(
            f"left out {altered.folder}/{altered.recorded}: its SHA-256 is now {altered.seen}"
            " (tampering, recorded in the custody log)",
            err=True,
        )


@main.command("restore")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@one_line_errors
def restore_command(path: str) -> None:
    """Restore a backup into the empty database MONITOR_DATABASE_URL names (checked first)."""
    from monitor.config import get_settings
    from monitor.core import storage
    from monitor.core.db import make_engine
    from monitor.services import backup

    settings = get_settings()
    engine = make_engine(settings.database_url)
    try:
        with Path(path).open("rb") as archive:  # read in chunks, never whole
            counts = backup.restore(
                engine=engine,
                blob=archive,
                data_dir=settings.data_dir,
                stores=storage.for_settings(settings),
            )
    finally:
        engine.dispose()
    click.echo(f"restored {sum(counts.values())} rows in {len(counts)} tables")


@main.group()
def user() -> None:
    """User accounts."""


@user.command("add")
@click.argument("username")
@click.option("--role", "role_name", required=True, help="viewer, editor or admin")
@click.option("--password-stdin", is_flag=True, help="read the password from standard input")
@click.option("--email", default="", help="the e-mail it signs in with at its organisation")
@click.option("--organisation", default=None, help="its organisation's code (default: the first)")
@one_line_errors
def user_add(
    username: str, role_name: str, password_stdin: bool, organisation: str | None, email: str
) -> None:
    """Create a user; the password is prompted for (or read from stdin), never an argument."""
    from monitor.config import get_settings
    from monitor.core.passwords import hash_password
    from monitor.core.permissions import parse_role
    from monitor.services import accounts
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    role = parse_role(role_name)
    if password_stdin:
        password = sys.stdin.readline().rstrip("\r\n")
    else:
        password = click.prompt("Password", hide_input=True, confirmation_prompt=True)
    settings = get_settings()
    engine = _engine(settings)
    created = in_transaction(
        engine,
        accounts.add_user_with_email,
        actor=command_actor(engine=engine, username=None),
        username=username,
        role=role,
        email=email,
        password_hash=hash_password(accounts.check_password(password)),
        organisation=organisation,
    )
    click.echo(f"created user {created.username} ({created.role.value})")


@main.command("setup-code")
@click.option(
    "--if-needed",
    is_flag=True,
    help="say nothing and succeed when an account can sign in (what `tasks.py run` does)",
)
@one_line_errors
def setup_code(if_needed: bool) -> None:
    """Print a one-time code to create the first admin in the browser, while no account can
    sign in; a new code replaces the one before. (With MONITOR_AUTH=off it is not needed.)"""
    from monitor.config import get_settings
    from monitor.services import accounts
    from monitor.services.transactions import in_transaction

    settings = get_settings()
    if if_needed and not settings.auth:
        return  # single-user mode: nobody signs in
    engine = _engine(settings)
    code = in_transaction(engine, accounts.issue_setup_code, now=datetime.now(UTC))
    if code is not None:
        click.echo(SETUP_CODE_BOX.format(code=code, hours=accounts.SETUP_CODE_HOURS))
    elif not if_needed:
        raise click.ClickException("an account can sign in already: no setup code is needed")


SETUP_CODE_BOX = """
  ------------------------------------------------------------------
  First run: no account can sign in yet.
  Open the dashboard and create the first admin with this setup code:

      {code}

  It works once, for {hours} hours, until the next start prints another.
  ------------------------------------------------------------------
"""


def _register_area_commands() -> None:
    """Import each area module of this package; importing one is what adds its commands."""
    for module in pkgutil.iter_modules(__path__):
        if not module.name.startswith("_"):
            importlib.import_module(f"{__name__}.{module.name}")


_register_area_commands()
