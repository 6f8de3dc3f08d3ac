"""Backup and restore: every table as JSON lines, the stored files, and a SHA-256 manifest.

The copy is read in one transaction (a consistent snapshot while the app keeps running) and is
portable: a SQLite backup restores into PostgreSQL and back. Restore goes only into an empty
database, checks the whole archive first (names, kinds, sizes, every byte against the manifest)
and then loads rows and files all or nothing.

The files come from and go to the instance's stores (`monitor.core.storage`): the data folder
or an S3-compatible bucket. The archive is the same either way, so a backup made on one
restores into the other.
"""

from __future__ import annotations

import collections
import concurrent.futures
import contextlib
import copy
import hashlib
import io
import json
import os
import re
import shutil
import sqlite3
import stat
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import IO, Any, NoReturn

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel

from monitor.core import audit, demand_mask, fetching, files, migrate, search_text, storage
from monitor.core.db import session_scope
from monitor.core.permissions import Action, Actor, require
from monitor.errors import ConfigError, InvalidInput
from monitor.services import attachments, custody

FORMAT = 1
SKIP = {"data_version"}
META = "backup.json"
MANIFEST = "MANIFEST.sha256"
SQLITE_COPY = "database.sqlite"  # an extra for SQLite users; restore reads the tables
FILE_FOLDERS = ("attachments", "captures")


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


def create(
    *,
    engine: Engine,
    actor: Actor,
    data_dir: Path,
    now: datetime,
    stores: storage.Stores | None = None,
) -> bytes:
    """The whole database and its files as one zip (admins only).

    It owns its transactions: the tables are read in one of their own (a consistent snapshot
    while the app keeps running), and the backup is recorded in another once the zip is made.
    The files are those of `stores` (by default the folders in `data_dir`).
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
        members[SQLITE_COPY] = _sqlite_copy(engine.url.database)
    stored, altered = _stored_files(stores or storage.Stores.local(data_dir))
    members |= stored
    meta = {
        "format": FORMAT,
        "revision": migrate.head_revision(),
        "created": now.astimezone(UTC).isoformat(),
        "made_by": actor.username,
        "data_version": version,
        "tables": counts,
        "left_out": [{"folder": a.folder, "sha256": a.recorded, "seen": a.seen} for a in altered],
    }
    members[META] = json.dumps(meta, indent=2).encode()
    manifest = "".join(
        f"{_file_digest(name) or files.sha256(data)}  {name}\n"
        for name, data in sorted(members.items())
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, data in sorted(members.items()):
            archive.writestr(name, data)
        archive.writestr(MANIFEST, manifest)
    with session_scope(engine) as session:
        for found in altered:
            attachments.left_out_of_backup(
                session=session,
                actor=actor,
                folder=found.folder,
                recorded=found.recorded,
                seen=found.seen,
            )
        after = {"tables": counts, "left_out": len(altered)}
        audit.record(session, actor, "backup", "database", after=after, changes_data=False)
    return buffer.getvalue()


@dataclass(frozen=True)
class Altered:
    """A stored file whose bytes no longer hash to its name: left out of the backup."""

    folder: str
    recorded: str
    seen: str


def left_out(archive: bytes) -> list[Altered]:
    """The files a backup left out as altered (from its backup.json), for the caller to say."""
    with zipfile.ZipFile(io.BytesIO(archive)) as opened:
        meta = json.loads(opened.read(META))
    return [Altered(m["folder"], m["sha256"], m["seen"]) for m in meta.get("left_out", [])]


def _stored_files(stores: storage.Stores) -> tuple[dict[str, bytes], list[Altered]]:
    """Every stored file as a member `files/<area>/<hh>/<sha256>`, checked against its name as
    every read of a stored file is; a bucket's read a few at a time (each read waits on the
    network). A file listed and then gone is left out; so is one that no longer hashes to its
    name (returned: the archive would otherwise be refused whole at restore)."""
    members, altered = {}, []
    for area in FILE_FOLDERS:
        store = stores.area(area)
        digests = store.digests()
        workers = 1 if isinstance(store, storage.LocalStore) else 8
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            for digest, data in zip(digests, pool.map(store.get, digests), strict=True):
                if data is None:
                    continue
                if (seen := files.sha256(data)) != digest:
                    altered.append(Altered(area, digest, seen))
                else:
                    members[f"files/{area}/{digest[:2]}/{digest}"] = data
    return members, altered


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


# -- restore: the whole archive is checked before anything is written -----------------------
#
# A backup holds exactly what `create` writes: backup.json, MANIFEST.sha256, database.sqlite
# (SQLite sources only), tables/<table>.jsonl and files/<folder>/<hh>/<sha256>. Any other name,
# a link or folder, a duplicate, an encrypted member or one packed with another method is
# refused; so is a declared size past its limit or one that packs too well (a zip bomb), and a
# member that unpacks to more than it declares. Members are read as streams of CHUNK bytes.

_TABLE_MEMBER = re.compile(r"tables/(?P<table>[a-z][a-z0-9_]{0,62})\.jsonl")
_FILE_MEMBER = re.compile(
    rf"files/(?P<folder>{'|'.join(FILE_FOLDERS)})/(?P<prefix>[0-9a-f]{{2}})/(?P<digest>[0-9a-f]{{64}})"
)
_MANIFEST_LINE = re.compile(r"(?P<digest>[0-9a-f]{64})  (?P<name>\S+)")


def _file_digest(name: str) -> str | None:
    """A stored file member's SHA-256, from its name (`create` checked the bytes against it)."""
    stored = _FILE_MEMBER.fullmatch(name)
    return stored["digest"] if stored else None


_MiB = 2**20
_GiB = 2**30
CHUNK = _MiB
MEMBER_LIMITS = {META: _MiB, MANIFEST: 64 * _MiB, SQLITE_COPY: 16 * _GiB}
TABLE_LIMIT = 16 * _GiB
FILE_LIMITS = {"attachments": attachments.MAX_BYTES, "captures": fetching.MAX_BYTES}
TOTAL_LIMIT = 64 * _GiB
ROW_LIMIT = 16 * _MiB
ROWS_PER_INSERT = 2000


@dataclass(frozen=True)
class _Checked:
    """An archive that passed every check: each member's digest (from the manifest) and meta."""

    archive: zipfile.ZipFile
    digests: dict[str, str]
    meta: dict[str, Any]

    def stream(self, name: str) -> Iterator[bytes]:
        """The member again, checked again while it is read (the source may have changed)."""
        return _stream(self.archive, self.archive.getinfo(name), self.digests[name])


def _refuse(key: str, **params: Any) -> NoReturn:
    raise InvalidInput({"file": (key, params)})


def _shown(name: str) -> str:
    """A member name fit for a one-line message (control characters replaced, shortened)."""
    return "".join(c if c.isprintable() else "?" for c in name)[:120]


def _open(source: bytes | IO[bytes]) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(io.BytesIO(source) if isinstance(source, bytes) else source)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        _refuse("backup.not_archive", reason=type(exc).__name__)


def _size_of(source: bytes | IO[bytes]) -> int:
    return len(source) if isinstance(source, bytes) else source.seek(0, io.SEEK_END)


def _check_archive(archive: zipfile.ZipFile, archive_size: int) -> _Checked:
    """Names, kinds and sizes from the directory first, then every member streamed and hashed."""
    infos = archive.infolist()
    for info in infos:
        _check_member(info)
    times = collections.Counter(info.filename for info in infos)
    duplicates = sorted(name for name, count in times.items() if count > 1)
    if duplicates:
        _refuse("backup.duplicate", name=duplicates[0])
    _check_sizes(infos, archive_size)
    digests = _read_manifest(archive, set(times))
    for name, digest in digests.items():
        for _chunk in _stream(archive, archive.getinfo(name), digest):
            pass
    meta = b"".join(_stream(archive, archive.getinfo(META), digests[META]))
    return _Checked(archive, digests, _read_meta(meta))


def _check_member(info: zipfile.ZipInfo) -> None:
    """One member: a name `create` writes, a plain file, stored or deflated, not encrypted."""
    if info.orig_filename != info.filename or _limit_of(info.filename) is None:
        _refuse("backup.unexpected_member", name=_shown(info.orig_filename))
    mode = info.external_attr >> 16
    is_dos_folder = info.external_attr & 0x10
    if info.is_dir() or is_dos_folder or stat.S_IFMT(mode) not in (0, stat.S_IFREG):
        _refuse("backup.not_regular", name=info.filename)
    encrypted = info.flag_bits & 0x1
    if encrypted or info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        _refuse("backup.unsupported_member", name=info.filename)


def _limit_of(name: str) -> int | None:
    """The most bytes a member may unpack to; None for a name no backup contains."""
    if name in MEMBER_LIMITS:
        return MEMBER_LIMITS[name]
    table = _TABLE_MEMBER.fullmatch(name)
    if table:
        return TABLE_LIMIT if table["table"] in {t.name for t in _tables()} else None
    stored = _FILE_MEMBER.fullmatch(name)
    if stored and stored["digest"].startswith(stored["prefix"]):
        return FILE_LIMITS[stored["folder"]]
    return None


def _check_sizes(infos: list[zipfile.ZipInfo], archive_size: int) -> None:
    """Declared sizes against their limits and against what they are packed into."""
    total = sum(info.file_size for info in infos)
    if total > TOTAL_LIMIT:
        _refuse("backup.total_too_large", mb=_mb(total), max_mb=_mb(TOTAL_LIMIT))
    for info in infos:
        limit = _limit_of(info.filename) or 0
        if info.file_size > limit:
            _refuse(
                "backup.too_large", name=info.filename, mb=_mb(info.file_size), max_mb=_mb(limit)
            )
        if files.too_packed(info.file_size, info.compress_size):
            ratio = info.file_size // max(info.compress_size, 1)
            _refuse("backup.ratio", name=info.filename, ratio=ratio, max=files.ZIP_RATIO_LIMIT)
    if files.too_packed(total, archive_size):  # members that overlap share their packed bytes
        ratio = total // max(archive_size, 1)
        _refuse("backup.total_ratio", ratio=ratio, max=files.ZIP_RATIO_LIMIT)


def _mb(size: int) -> int:
    return -(-size // _MiB)


def _stream(archive: zipfile.ZipFile, info: zipfile.ZipInfo, digest: str | None) -> Iterator[bytes]:
    """The member's bytes in chunks, hashed on the way; refused if it unpacks to more or fewer
    bytes than it declares, or (at the end) to bytes whose CRC-32 or SHA-256 is not theirs.

    zipfile stops at the declared size and then checks the CRC, so the member is opened as
    one byte longer with the CRC checked here instead: a byte past the declared size shows
    that it inflates further than it says."""
    probe = copy.copy(info)
    probe.file_size = info.file_size + 1
    del probe.CRC  # zipfile checks no CRC it is not given; it is checked below
    hashed, crc, size = hashlib.sha256(), 0, 0
    try:
        with archive.open(probe) as stream:
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > info.file_size:
                    _refuse("backup.size_mismatch", name=info.filename, size=info.file_size)
                hashed.update(chunk)
                crc = zlib.crc32(chunk, crc)
                yield chunk
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError) as exc:
        _refuse("backup.damaged", name=info.filename, reason=type(exc).__name__)
    if size != info.file_size:
        _refuse("backup.size_mismatch", name=info.filename, size=info.file_size)
    if crc != info.CRC:
        _refuse("backup.damaged", name=info.filename, reason="CRC-32")
    if digest is not None and hashed.hexdigest() != digest:
        _refuse("backup.altered", n=1, name=info.filename)


def _read_manifest(archive: zipfile.ZipFile, names: set[str]) -> dict[str, str]:
    """The manifest's digest of every other member; it lists exactly those, each once."""
    if MANIFEST not in names:
        _refuse("backup.manifest")
    text = b"".join(_stream(archive, archive.getinfo(MANIFEST), None))
    digests: dict[str, str] = {}
    try:
        lines = text.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        _refuse("backup.manifest")
    for line in lines:
        listed = _MANIFEST_LINE.fullmatch(line)
        if listed is None or listed["name"] in digests:
            _refuse("backup.manifest")
        digests[listed["name"]] = listed["digest"]
    if set(digests) != names - {MANIFEST} or META not in digests:
        _refuse("backup.manifest")
    for name, digest in digests.items():
        if (named := _file_digest(name)) is not None and named != digest:
            _refuse("backup.altered", n=1, name=name)  # a stored file is named by its SHA-256
    return digests


def _read_meta(data: bytes) -> dict[str, Any]:
    try:
        meta = json.loads(data)
    except ValueError as exc:
        _refuse("backup.bad_meta", name=META, reason=type(exc).__name__)
    if not isinstance(meta, dict):
        _refuse("backup.bad_meta", name=META, reason=type(meta).__name__)
    if meta.get("format") != FORMAT:
        _refuse("backup.unknown_format", value=str(meta.get("format"))[:40])
    version = meta.get("data_version", 0)
    if not isinstance(version, int) or isinstance(version, bool) or version < 0:
        _refuse("backup.bad_meta", name=META, reason="data_version")
    return meta


def _decode(table: sa.Table, record: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for column in table.columns:
        if column.name not in record and (column.server_default or column.default) is not None:
            continue  # a column added after the backup was made: its default fills it in
        value = record.get(column.name)
        if value is not None:
            python_type = getattr(column.type, "impl", column.type)
            if isinstance(python_type, sa.DateTime):
                value = datetime.fromisoformat(value)
            elif isinstance(python_type, sa.Date):
                value = date.fromisoformat(value)
        out[column.name] = value
    return out


def restore(
    *,
    engine: Engine,
    blob: bytes | IO[bytes],
    data_dir: Path,
    stores: storage.Stores | None = None,
) -> dict[str, int]:
    """Load a verified backup into the empty database of `engine`; returns the rows per table.

    `blob` is the archive's bytes or a seekable binary file (read in chunks, never whole).
    The whole archive is checked before anything is written. It owns its transaction (the
    schema first, then every row in one transaction), and the stored files are written to a
    temporary folder in `data_dir` and moved into place inside that transaction, just before
    it commits: any failure rolls the rows back and removes every file and folder it made, so
    the database stays empty and a retry works. The files go to `stores` (by default the
    folders in `data_dir`; a bucket gets each file put there, and removed again on failure).
    """
    with _open(blob) as archive:
        checked = _check_archive(archive, _size_of(blob))
        migrate.upgrade(engine.url.render_as_string(hide_password=False))
        _check_empty(engine)
        writes = _FileWrites(data_dir, stores or storage.Stores.local(data_dir))
        try:
            staged = _stage_files(checked, writes)
            with session_scope(engine) as session:
                counts = _load_tables(session, checked)
                demand_mask.refresh(session)  # derived from the links (older backups lack it)
                search_text.refresh(session.connection())  # derived from the texts, too
                audit.advance_data_version(session, int(checked.meta.get("data_version", 0)))
                if engine.dialect.name == "postgresql":
                    _reset_sequences(session)
                custody.record_restore(session=session, present=_files_in(checked))
                session.flush()
                _place_files(staged, writes)
        except BaseException:
            writes.undo()
            raise
        finally:
            writes.drop_staging()
    return counts


def _files_in(checked: _Checked) -> set[tuple[str, str]]:
    """(folder, SHA-256) of every stored file the archive carries (each checked already)."""
    found = (_FILE_MEMBER.fullmatch(name) for name in checked.digests)
    return {(m["folder"], m["digest"]) for m in found if m is not None}


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


def _load_tables(session: Session, checked: _Checked) -> dict[str, int]:
    """Insert every table's rows, parents first, streamed in chunks; the rows per table."""
    counts = {}
    for table in _tables():
        name = f"tables/{table.name}.jsonl"
        counts[table.name] = 0
        if name not in checked.digests:
            continue
        batch: list[dict[str, Any]] = []
        for number, line in _lines(checked.stream(name), name):
            batch.append(_row(table, name, number, line))
            if len(batch) == ROWS_PER_INSERT:
                _insert(session, table, name, batch)
                counts[table.name] += len(batch)
                batch = []
        if batch:
            _insert(session, table, name, batch)
            counts[table.name] += len(batch)
    return counts


def _lines(chunks: Iterator[bytes], name: str) -> Iterator[tuple[int, bytes]]:
    """The non-empty lines of a streamed member with their numbers; none longer than ROW_LIMIT."""
    pending, number = b"", 0
    for chunk in chunks:
        pending += chunk
        *complete, pending = pending.split(b"\n")
        for line in complete:
            number += 1
            if line.strip():
                yield number, line
        if len(pending) > ROW_LIMIT:
            _refuse("backup.bad_rows", name=name, line=number + 1, reason="line too long")
    if pending.strip():
        yield number + 1, pending


def _row(table: sa.Table, name: str, number: int, line: bytes) -> dict[str, Any]:
    try:
        record = json.loads(line)
        if not isinstance(record, dict):
            raise TypeError(type(record).__name__)
        return _decode(table, record)
    except (ValueError, TypeError) as exc:
        _refuse("backup.bad_rows", name=name, line=number, reason=type(exc).__name__)


def _insert(session: Session, table: sa.Table, name: str, rows: list[dict[str, Any]]) -> None:
    try:
        session.execute(table.insert(), rows)
    except (sa.exc.IntegrityError, sa.exc.DataError, sa.exc.ProgrammingError) as exc:
        _refuse("backup.rows_refused", name=name, reason=type(exc.orig).__name__)
    except sa.exc.StatementError as exc:  # a value the column type cannot take
        if isinstance(exc, sa.exc.DBAPIError):
            raise  # the database itself failed (connection, disk): not the archive's fault
        _refuse("backup.rows_refused", name=name, reason=type(exc.orig).__name__)


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


class _FileWrites:
    """Every folder and file a restore makes, so that a failure can remove them all: the
    staging folder in the data folder, the folders it creates, the files it moves into place
    and the objects it puts into a bucket."""

    def __init__(self, data_dir: Path, stores: storage.Stores) -> None:
        self.data_dir = data_dir
        self.stores = stores
        self.staging: Path | None = None
        self.folders: list[Path] = []
        self.placed: list[Path] = []
        self.put: list[tuple[storage.Store, str]] = []

    def make_folder(self, folder: Path) -> None:
        """`folder` and any missing parents, each remembered."""
        missing = []
        while not folder.is_dir():
            missing.append(folder)
            folder = folder.parent
        for path in reversed(missing):
            path.mkdir()
            self.folders.append(path)

    def make_staging(self) -> Path:
        """A temporary folder beside the destinations (same file system: moves are renames)."""
        self.make_folder(self.data_dir)
        self.staging = Path(
            tempfile.mkdtemp(dir=self.data_dir, prefix=f"{files.TEMP_PREFIX}restore-")
        )
        return self.staging

    def drop_staging(self) -> None:
        if self.staging is not None:
            shutil.rmtree(self.staging, ignore_errors=True)
            self.staging = None

    def undo(self) -> None:
        for store, digest in reversed(self.put):
            with contextlib.suppress(ConfigError):  # an unreachable bucket keeps a leftover
                store.delete(digest)
        for path in reversed(self.placed):
            path.unlink(missing_ok=True)
        self.drop_staging()
        for folder in reversed(self.folders):
            with contextlib.suppress(OSError):
                folder.rmdir()


def _stage_files(checked: _Checked, writes: _FileWrites) -> list[tuple[Path, str, str]]:
    """Every stored file of the archive written to the staging folder (checked again on the
    way); (staged copy, area, SHA-256) of each."""
    staged = []
    try:
        staging = writes.make_staging()
        for name in checked.digests:
            stored = _FILE_MEMBER.fullmatch(name)
            if stored is None:
                continue
            copy_path = staging / f"{stored['folder']}-{stored['digest']}"
            with copy_path.open("wb") as handle:
                for chunk in checked.stream(name):
                    handle.write(chunk)
                handle.flush()
                os.fsync(handle.fileno())
            staged.append((copy_path, stored["folder"], stored["digest"]))
    except OSError as exc:
        raise ConfigError(
            key="backup.cannot_write",
            path=str(writes.data_dir),
            reason=exc.strerror or type(exc).__name__,
        ) from exc
    return staged


def _place_files(staged: list[tuple[Path, str, str]], writes: _FileWrites) -> None:
    """Put each staged file into its store, unless the same file (same hash) is there: moved
    into a local folder (a rename), put into a bucket (a failure there is the store's refusal,
    in the reader's language)."""
    for copy_path, area, digest in staged:
        store = writes.stores.area(area)
        if not isinstance(store, storage.LocalStore):
            if not store.has(digest):
                store.put(copy_path.read_bytes())
                writes.put.append((store, digest))
            continue
        target = store.path(digest)
        try:
            if target.is_file():
                continue  # stored once under its hash: the same bytes are already there
            writes.make_folder(target.parent)
            os.replace(copy_path, target)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise ConfigError(key="backup.cannot_write", path=str(target), reason=reason) from exc
        writes.placed.append(target)
