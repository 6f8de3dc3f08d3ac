"""Backup and restore: every table as JSON lines, the stored files, and a SHA-256 manifest.

The copy is read in one transaction (a consistent snapshot while the app keeps running) and is
portable: a SQLite backup restores into PostgreSQL and back. Restore goes only into an empty
database and checks every file against the manifest first.
"""

from __future__ import annotations

import io
import json
import sqlite3
import tempfile
import zipfile
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from monitor.core import audit, demand_mask, files, migrate
from monitor.core.db import session_scope
from monitor.core.models import DataVersion
from monitor.core.permissions import Action, Actor, require
from monitor.errors import InvalidInput

FORMAT = 1
SKIP = {"data_version"}


def _tables() -> list[sa.Table]:
    return [t for t in SQLModel.metadata.sorted_tables if t.name not in SKIP]


def _encode(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return getattr(value, "value", value)


def _rows(conn: sa.Connection, table: sa.Table) -> Iterator[str]:
    order = [c for c in table.primary_key.columns]
    for row in conn.execute(sa.select(table).order_by(*order)).mappings():
        yield json.dumps(
            {k: _encode(v) for k, v in row.items()}, ensure_ascii=False, sort_keys=True
        )


def create(*, engine: Engine, actor: Actor, data_dir: Path, now: datetime) -> bytes:
    """The whole database and its files as one zip (admins only).

    It owns its transactions: the tables are read in one of their own (a consistent snapshot
    while the app keeps running), and the backup is recorded in another once the zip is made.
    """
    require(actor, Action.ADMINISTER)
    members: dict[str, bytes] = {}
    counts: dict[str, int] = {}
    options = {"isolation_level": "REPEATABLE READ"} if engine.dialect.name == "postgresql" else {}
    with engine.connect().execution_options(**options) as conn, conn.begin():
        version = audit.data_version(conn)
        for table in _tables():
            lines = list(_rows(conn, table))
            counts[table.name] = len(lines)
            members[f"tables/{table.name}.jsonl"] = (
                "\n".join(lines) + ("\n" if lines else "")
            ).encode()
    if engine.dialect.name == "sqlite" and engine.url.database:
        members["database.sqlite"] = _sqlite_copy(engine.url.database)
    for folder in ("attachments", "captures"):
        root = data_dir / folder
        for path in sorted(root.glob("??/*")) if root.exists() else []:
            members[f"files/{folder}/{path.parent.name}/{path.name}"] = path.read_bytes()
    meta = {
        "format": FORMAT,
        "revision": migrate.head_revision(),
        "created": now.astimezone(UTC).isoformat(),
        "made_by": actor.username,
        "data_version": version,
        "tables": counts,
    }
    members["backup.json"] = json.dumps(meta, indent=2).encode()
    manifest = "".join(f"{files.sha256(data)}  {name}\n" for name, data in sorted(members.items()))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
        archive.writestr("MANIFEST.sha256", manifest)
    with session_scope(engine) as session:
        audit.record(
            session, actor, "backup", "database", after={"tables": counts}, changes_data=False
        )
    return buffer.getvalue()


def _sqlite_copy(path: str) -> bytes:
    """A consistent copy of a live SQLite file through SQLite's online backup API (an extra:
    restore reads the portable tables, which also load into PostgreSQL)."""
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "copy.sqlite"
        source, copy = sqlite3.connect(path), sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
            source.close()
        return target.read_bytes()


def _verified(blob: bytes) -> dict[str, bytes]:
    """Every member, after checking it against the manifest (nothing missing, nothing altered)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(blob))
        members = {name: archive.read(name) for name in archive.namelist()}
    except (zipfile.BadZipFile, KeyError, OSError) as exc:
        problem = ("backup.not_archive", {"reason": type(exc).__name__})
        raise InvalidInput({"file": problem}) from None
    manifest = members.pop("MANIFEST.sha256", b"").decode()
    listed: dict[str, str] = {}
    for line in manifest.splitlines():
        if "  " in line:
            digest, name = line.split("  ", 1)
            listed[name] = digest
    if not listed or set(listed) != set(members):
        raise InvalidInput({"file": ("backup.manifest", {})})
    bad = [name for name, digest in listed.items() if files.sha256(members[name]) != digest]
    if bad:
        raise InvalidInput({"file": ("backup.altered", {"n": len(bad), "name": bad[0]})})
    return members


def _decode(table: sa.Table, record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        if column.name not in record and column.server_default is not None:
            continue  # a column added after the backup was made: the database fills it in
        value = record.get(column.name)
        if value is not None:
            python_type = getattr(column.type, "impl", column.type)
            if isinstance(python_type, sa.DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(python_type, sa.Date):
                value = date.fromisoformat(value)
        out[column.name] = value
    return out


def restore(*, engine: Engine, blob: bytes, data_dir: Path) -> dict[str, int]:
    """Load a verified backup into the empty database of `engine`; returns the rows per table.

    It owns its transaction (it builds the schema first, then loads every table in one
    transaction) and writes the stored files; nothing is loaded unless the archive checks out
    and the database is empty.
    """
    members = _verified(blob)
    meta = json.loads(members["backup.json"])
    if meta.get("format") != FORMAT:
        problem = ("backup.unknown_format", {"value": str(meta.get("format"))})
        raise InvalidInput({"file": problem})
    migrate.upgrade(engine.url.render_as_string(hide_password=False))
    _check_empty(engine)
    with session_scope(engine) as session:
        counts = _load_tables(session, members)
        demand_mask.refresh(session)  # derived from the links (older backups lack it)
        session.execute(sa.update(DataVersion).values(version=int(meta.get("data_version", 0)) + 1))
        if engine.dialect.name == "postgresql":
            _reset_sequences(session)
    _restore_files(members, data_dir)
    return counts


def _check_empty(engine: Engine) -> None:
    """Refuse a database that holds anything: a restore never mixes two histories."""
    with engine.connect() as conn:
        used = [
            t.name
            for t in _tables()
            if conn.execute(sa.select(sa.func.count()).select_from(t)).scalar()
        ]
    if used:
        raise InvalidInput({"database": ("backup.not_empty", {"tables": ", ".join(used[:4])})})


def _load_tables(session: Session, members: dict[str, bytes]) -> dict[str, int]:
    """Insert every table's rows, parents first, in chunks; the rows per table."""
    counts = {}
    for table in _tables():
        lines = members.get(f"tables/{table.name}.jsonl", b"").decode().splitlines()
        rows = [_decode(table, json.loads(line)) for line in lines if line.strip()]
        for start in range(0, len(rows), 2000):
            session.execute(table.insert(), rows[start : start + 2000])
        counts[table.name] = len(rows)
    return counts


def _reset_sequences(session: Session) -> None:
    """PostgreSQL: move each id sequence past the ids just loaded."""
    for table in _tables():
        if "id" in table.columns and isinstance(table.columns["id"].type, sa.Integer):
            session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('\"{table.name}\"', 'id'), "
                    f'(SELECT COALESCE(MAX(id), 1) FROM "{table.name}"))'
                )
            )


def _restore_files(members: dict[str, bytes], data_dir: Path) -> None:
    """The attachments and captures of the archive, each stored once under its hash."""
    for name, data in members.items():
        if name.startswith("files/"):
            _, folder, digest_dir, digest = name.split("/")
            if not (data_dir / folder / digest_dir / digest).exists():
                files.write_once(data_dir / folder, data)
