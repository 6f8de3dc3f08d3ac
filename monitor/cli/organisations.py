"""`monitor organisation list|add|rename|remove|assign`: the organisations sharing the instance.

Run as the system user (an admin), as `monitor user add` is: whoever runs the command holds
the database already.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import click

from monitor.cli import _engine, main, one_line_errors

if TYPE_CHECKING:
    from monitor.core.models import Organisation


@main.group("organisation")
def organisation_group() -> None:
    """Organisations: users belong to one; what they record names it."""


@organisation_group.command("list")
@one_line_errors
def list_command() -> None:
    """Every organisation: code, names and how many accounts belong to it."""
    from monitor.config import get_settings
    from monitor.queries import organisations as organisation_queries

    engine = _engine(get_settings())
    for row in organisation_queries.listing(engine).to_dict("records"):
        uk = f" / {row['name_uk']}" if row["name_uk"] else ""
        click.echo(f"{row['code']}\t{row['name_en']}{uk}\t{row['members']} accounts")


def _name_options(command: Callable[..., None]) -> Callable[..., None]:
    """The two names an organisation has, for `add` and `rename` alike."""
    command = click.option(
        "--name-uk", "name_uk", default="", help="the name in Ukrainian, if it has one"
    )(command)
    return click.option(
        "--name", "name_en", required=True, help="the name (in English, or the only one)"
    )(command)


def _write_names(write: Callable[..., Organisation], code: str, en: str, uk: str) -> Organisation:
    """Run an organisation service that takes the names, as the system user, in one transaction."""
    from monitor.config import get_settings
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    engine = _engine(get_settings())
    actor = command_actor(engine=engine, username=None)
    return in_transaction(engine, write, actor=actor, code=code, name_en=en, name_uk=uk)


@organisation_group.command("add")
@click.argument("code")
@_name_options
@one_line_errors
def add_command(code: str, name_en: str, name_uk: str) -> None:
    """Add an organisation with a short CODE (letters, digits, - _ .)."""
    from monitor.services import organisations

    row = _write_names(organisations.add, code, name_en, name_uk)
    click.echo(f"added organisation {row.code} ({row.name_en})")


@organisation_group.command("rename")
@click.argument("code")
@_name_options
@one_line_errors
def rename_command(code: str, name_en: str, name_uk: str) -> None:
    """Give organisation CODE new names (the code stays)."""
    from monitor.services import organisations

    row = _write_names(organisations.rename, code, name_en, name_uk)
    click.echo(f"renamed organisation {row.code} ({row.name_en})")


@organisation_group.command("remove")
@click.argument("code")
@one_line_errors
def remove_command(code: str) -> None:
    """Remove organisation CODE, one with no accounts and nothing recorded (added by mistake)."""
    from monitor.config import get_settings
    from monitor.services import organisations
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    engine = _engine(get_settings())
    actor = command_actor(engine=engine, username=None)
    row = in_transaction(engine, organisations.remove, actor=actor, code=code)
    click.echo(f"removed organisation {row.code}")


@organisation_group.command("assign")
@click.argument("username")
@click.argument("code")
@one_line_errors
def assign_command(username: str, code: str) -> None:
    """Move account USERNAME to organisation CODE (from its next sign-in)."""
    from monitor.config import get_settings
    from monitor.services import organisations
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    engine = _engine(get_settings())
    user = in_transaction(
        engine,
        organisations.assign,
        actor=command_actor(engine=engine, username=None),
        username=username,
        code=code,
    )
    click.echo(f"{user.username} now belongs to {code}")
