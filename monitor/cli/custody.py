"""`monitor custody check` and `monitor custody export`: the chain of custody from a terminal.

`check` hashes every stored attachment and capture again (of the entries named, or of every
entry), each a custody event, so a scheduled run leaves a dated record that the evidence is
unchanged, and exits non-zero naming what no longer matches. `export` writes one entry's
custody log as CSV.
"""

from __future__ import annotations

from pathlib import Path

import click

from monitor.cli import _engine, main, one_line_errors


@main.group("custody")
def custody_group() -> None:
    """The chain of custody of attachments and captures."""


@custody_group.command("check")
@click.option("--evidence", "evidence_ids", type=int, multiple=True, metavar="ID")
@click.option("--user", "username", default=None, help="the editor the check is recorded as")
@one_line_errors
def check_command(evidence_ids: tuple[int, ...], username: str | None) -> None:
    """Hash every stored file again (of entry ID, repeatable; default every entry)."""
    from monitor.config import get_settings
    from monitor.core import storage
    from monitor.queries import custody as custody_queries
    from monitor.services import attachments
    from monitor.services.startup import command_actor

    settings = get_settings()
    engine = _engine(settings)
    actor = command_actor(engine=engine, username=username)
    chosen = list(evidence_ids) or custody_queries.entries_with_items(engine)
    checked, failed = 0, []
    for evidence_id in chosen:
        for result in attachments.rehash(
            engine=engine,
            actor=actor,
            evidence_id=evidence_id,
            attachments_dir=storage.attachments(settings),
            captures_dir=storage.captures(settings),
        ):
            checked += 1
            if not result.matched:
                failed.append(f"entry {evidence_id}: {result.kind.value} {result.item_id}")
    if failed:
        raise click.ClickException(
            f"{len(failed)} of {checked} stored files no longer match their SHA-256: "
            + "; ".join(failed)
        )
    click.echo(f"checked {checked} stored files: all match their SHA-256")


@custody_group.command("export")
@click.argument("evidence_id", type=int)
@click.option("--out", "out", type=click.Path(path_type=Path), required=True)
@click.option("--user", "username", default=None)
@one_line_errors
def export_command(evidence_id: int, out: Path, username: str | None) -> None:
    """Write entry EVIDENCE_ID's chain of custody as CSV to OUT."""
    from monitor.config import get_settings
    from monitor.core.files import write_atomically
    from monitor.services import custody
    from monitor.services.startup import command_actor

    settings = get_settings()
    engine = _engine(settings)
    actor = command_actor(engine=engine, username=username)
    data = custody.entry_csv(engine=engine, actor=actor, evidence_id=evidence_id)
    write_atomically(out, lambda handle: handle.write(data), private=False)
    click.echo(f"wrote {out}")
