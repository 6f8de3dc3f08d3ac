"""The `monitor oidc` commands (Streamlit's `[auth]` file for sign-in with an organisation's
OpenID Connect provider) and `monitor user email` (the e-mail an account signs in with there).

The client secret is MONITOR_OIDC_CLIENT_SECRET, never an option (a command line is seen by
every user of the machine and kept in shell histories), and nothing here prints it.
"""

from __future__ import annotations

import click

from monitor.cli import _engine, main, one_line_errors, user


@main.group("oidc")
def oidc_group() -> None:
    """Sign-in with an organisation's OpenID Connect provider (st.login)."""


@oidc_group.command("write-config")
@one_line_errors
def write_config() -> None:
    """Write Streamlit's [auth] settings from MONITOR_OIDC_* into the data folder (0600) and
    print the file's path, for `streamlit run --secrets.files=PATH` (what `tasks.py run`
    does); print nothing, and remove an earlier file, when OpenID Connect is not set up."""
    from monitor.config import get_settings
    from monitor.core import oidc

    path = oidc.write(get_settings())
    if path is not None:
        click.echo(str(path))


@oidc_group.command("status")
@one_line_errors
def status() -> None:
    """The provider's discovery address, the client id, the callback address, and whether
    the secrets are set (never their values)."""
    from monitor.config import get_settings
    from monitor.core import oidc

    settings = get_settings()
    if not settings.oidc:
        click.echo("OpenID Connect sign-in: off (MONITOR_OIDC_CLIENT_ID is not set)")
        return
    click.echo(f"provider: {settings.oidc_metadata_url}")
    click.echo(f"client id: {settings.oidc_client_id}")
    click.echo(f"callback: {settings.oidc_redirect_uri}")
    click.echo("client secret: set")
    cookie = "set" if settings.oidc_cookie_secret else "generated, kept in the data folder"
    click.echo(f"cookie secret: {cookie}")
    click.echo(f"settings file: {oidc.secrets_file(settings)}")


@user.command("email")
@click.argument("username")
@click.argument("address")
@click.option("--user", "admin", default=None, help="an admin (default: system)")
@one_line_errors
def user_email(username: str, address: str, admin: str | None) -> None:
    """Set the e-mail USERNAME signs in with through the organisation's provider ("" clears
    it); the provider must say it verified that address."""
    from monitor.config import get_settings
    from monitor.services import accounts
    from monitor.services.startup import command_actor
    from monitor.services.transactions import in_transaction

    engine = _engine(get_settings())
    changed = in_transaction(
        engine,
        accounts.set_email,
        actor=command_actor(engine=engine, username=admin),
        username=username,
        email=address,
    )
    click.echo(f"{changed.username}: {changed.email or 'no e-mail'}")
