"""`monitor storage check` and `monitor storage copy-folder`: the file store from a terminal.

`check` reaches the store MONITOR_STORAGE names and counts what it holds, so a deployment
(a new bucket, new credentials) is checked before the app serves anyone. `copy-folder` moves
an instance onto object storage: every file of the data folder is copied into the bucket,
each checked against its SHA-256 on the way; the folder is left as it was.

(Not named storage.py: a submodule of monitor.cli is an attribute of the package, and the
package's own code uses `storage`, monitor.core's.)
"""

from __future__ import annotations

import click

from monitor.cli import main, one_line_errors


@main.group("storage")
def storage_group() -> None:
    """Where attachments and captures are stored (MONITOR_STORAGE)."""


@storage_group.command("check")
@one_line_errors
def check_command() -> None:
    """Reach the store and count its files (exits non-zero, in one line, when it cannot)."""
    from monitor.config import get_settings
    from monitor.core import storage

    for area in storage.AREAS:
        store = storage.for_settings(get_settings()).area(area)
        if isinstance(store, storage.S3Store):
            store.check()
        click.echo(f"{area}: {store.where}, {len(store.digests())} files")


@storage_group.command("copy-folder")
@one_line_errors
def copy_folder_command() -> None:
    """Copy the data folder's files into the bucket MONITOR_STORAGE=s3 names."""
    from monitor.config import get_settings
    from monitor.core import storage

    settings = get_settings()
    target = storage.for_settings(settings)
    if not isinstance(target.attachments, storage.S3Store):
        raise click.ClickException("MONITOR_STORAGE is local: the files are in the folder already")
    done = storage.copy_all(storage.Stores.local(settings.data_dir), target)
    click.echo(f"copied {done.copied} files, {done.present} were there already")
    if done.refused:
        raise click.ClickException(
            f"{len(done.refused)} files no longer match their SHA-256 and were not copied: "
            + "; ".join(done.refused)
        )
