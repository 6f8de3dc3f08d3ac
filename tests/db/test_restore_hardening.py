"""Restore against crafted archives: each is refused before anything is written, or undone whole.

Every archive here is built by the test itself from a real backup, usually with a manifest
that matches (the strongest forgery): a traversal, an absolute path, a link, an unexpected
depth or name, a declared size past its limit, zip bombs honest and lying about their size,
a manifest that does not match, a duplicate member, a truncated or damaged archive, and
failures after the rows are written. Each must be refused with its message in both languages,
leave the database empty (so a retry works) and leave no file anywhere.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import random
import stat
import struct
import subprocess
import sys
import threading
import time
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa

from monitor.core import files
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Role
from monitor.errors import MonitorError
from monitor.services import attachments, backup
from tests.conftest import give_back_pg_database, new_pg_database
from tests.db.test_messages_in_both_languages import assert_reads_in_both_languages
from tests.factories import make_actor, make_evidence

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)
ATTACHMENT = b"%PDF-1.4 a report about a detention"
CAPTURE = "<html><title>Звіт</title></html>".encode()
BIG = 300 * 2**20  # the size of the bombs: 300 MB unpacked


# -- archives made here -------------------------------------------------------------------------


def members_of(blob: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(blob)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def manifest(members: dict[str, bytes]) -> bytes:
    lines = [
        f"{hashlib.sha256(data).hexdigest()}  {name}\n" for name, data in sorted(members.items())
    ]
    return "".join(lines).encode()


def archive(
    members: dict[str, bytes],
    *,
    listed: dict[str, bytes] | None = None,
    extra: tuple[tuple[zipfile.ZipInfo, bytes], ...] = (),
) -> bytes:
    """A zip of `members` (without their manifest) and a manifest of `listed` (default: them)."""
    content = {k: v for k, v in members.items() if k != backup.MANIFEST}
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, data in content.items():
            zipped.writestr(name, data)
        for info, data in extra:
            zipped.writestr(info, data)
        zipped.writestr(backup.MANIFEST, manifest(content if listed is None else listed))
    return out.getvalue()


def with_member(good: bytes, name: str, data: bytes) -> bytes:
    """The good backup plus one member, listed in a manifest that matches."""
    members = {**members_of(good), name: data}
    members.pop(backup.MANIFEST)
    return archive(members)


def stored_name(data: bytes, folder: str = "attachments") -> str:
    digest = hashlib.sha256(data).hexdigest()
    return f"files/{folder}/{digest[:2]}/{digest}"


def patch_header(blob: bytes, name: str, fmt: str, central: int, local: int, value: int) -> bytes:
    """The same archive with one field of `name`'s central and local headers set to `value`."""
    data = bytearray(blob)
    end = data.rfind(b"PK\x05\x06")
    count, _, offset = struct.unpack_from("<HII", data, end + 10)
    for _ in range(count):
        name_len, extra_len, comment_len = struct.unpack_from("<HHH", data, offset + 28)
        if data[offset + 46 : offset + 46 + name_len] == name.encode():
            struct.pack_into(fmt, data, offset + central, value)
            header = struct.unpack_from("<I", data, offset + 42)[0]
            struct.pack_into(fmt, data, header + local, value)
        offset += 46 + name_len + extra_len + comment_len
    return bytes(data)


def declare_size(blob: bytes, name: str, size: int) -> bytes:
    """The same archive with `name` declaring `size` unpacked bytes."""
    return patch_header(blob, name, "<I", 24, 22, size)


def big_archive(good: bytes, block: bytes) -> bytes:
    """The good backup with database.sqlite replaced by BIG bytes (`block` repeated), packed
    in chunks as `create` would, and a manifest that matches."""
    members = members_of(good)
    for name in (backup.MANIFEST, backup.SQLITE_COPY):
        members.pop(name)
    hashed = hashlib.sha256()
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as zipped:
        for name, data in members.items():
            zipped.writestr(name, data)
        with zipped.open(backup.SQLITE_COPY, "w") as handle:
            for _ in range(BIG // len(block)):
                handle.write(block)
                hashed.update(block)
        listed = manifest(members) + f"{hashed.hexdigest()}  {backup.SQLITE_COPY}\n".encode()
        zipped.writestr(backup.MANIFEST, listed)
    return out.getvalue()


# -- the world ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good(sqlite_template: Path, tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A real backup: the reference data, one entry with an attachment, one capture file."""
    folder = tmp_path_factory.mktemp("source")
    (folder / "source.db").write_bytes(sqlite_template.read_bytes())
    engine = make_engine(f"sqlite:///{folder / 'source.db'}")
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        entry = make_evidence(session, admin, title="Запис для відновлення")
        attachments.attach(
            session=session,
            actor=admin,
            evidence_id=entry.id,
            filename="r.pdf",
            data=ATTACHMENT,
            folder=folder / "data" / "attachments",
        )
    files.write_once(folder / "data" / "captures", CAPTURE)
    blob = backup.create(engine=engine, actor=admin, data_dir=folder / "data", now=NOW)
    engine.dispose()
    return blob


@dataclass
class Target:
    """An empty database and a data folder that does not exist yet, under `root`."""

    url: str
    root: Path
    data: Path

    def restore(self, blob: bytes | io.BufferedReader) -> dict[str, int]:
        engine = make_engine(self.url)
        try:
            return backup.restore(engine=engine, blob=blob, data_dir=self.data)
        finally:
            engine.dispose()

    def stray_files(self) -> list[Path]:
        """Every file under `root` but the SQLite database's own (in or beside the data folder)."""
        return [p for p in files_under(self.root) if p.parent != self.root / "db"]

    def tables(self) -> list[str]:
        engine = make_engine(self.url)
        try:
            return sa.inspect(engine).get_table_names()
        finally:
            engine.dispose()

    def rows(self) -> int:
        engine = make_engine(self.url)
        try:
            with engine.connect() as conn:
                tables = backup._tables()
                return sum(
                    conn.execute(sa.select(sa.func.count()).select_from(t)).scalar_one()
                    for t in tables
                )
        finally:
            engine.dispose()


def files_under(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if not p.is_dir()) if folder.exists() else []


@pytest.fixture
def target(tmp_path: Path) -> Target:
    return Target(f"sqlite:///{tmp_path / 'db' / 'restored.db'}", tmp_path, tmp_path / "data")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_target(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Target]:
    """An empty database on each backend (a fresh SQLite file, a fresh PostgreSQL database)."""
    if request.param == "sqlite":
        (tmp_path / "db").mkdir()
        yield Target(f"sqlite:///{tmp_path / 'db' / 'restored.db'}", tmp_path, tmp_path / "data")
        return
    url = new_pg_database()
    try:
        yield Target(url, tmp_path, tmp_path / "data")
    finally:
        give_back_pg_database(url)


def refused(target: Target, blob: bytes, key: str | tuple[str, ...]) -> MonitorError:
    with pytest.raises(MonitorError) as info:
        target.restore(blob)
    err = info.value
    found = err.problems["file"][0] if err.problems else err.key
    assert found in ((key,) if isinstance(key, str) else key), str(err)
    assert_reads_in_both_languages(err)
    return err


# -- refused before anything is written -----------------------------------------------------------


def _symlink(name: str) -> tuple[tuple[zipfile.ZipInfo, bytes], ...]:
    info = zipfile.ZipInfo(name)
    info.create_system = 3
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return ((info, b"../../../../etc/passwd"),)


def _traversal(good: bytes) -> bytes:
    digest = hashlib.sha256(b"outside").hexdigest()
    return with_member(good, f"files/../{digest[:2]}/{digest}", b"outside")


def _without_manifest_line(good: bytes) -> bytes:
    members = members_of(good)
    members.pop(backup.MANIFEST)
    listed = dict(members)
    listed.pop(stored_name(ATTACHMENT))
    return archive(members, listed=listed)


def _listing_a_missing_member(good: bytes) -> bytes:
    members = members_of(good)
    members.pop(backup.MANIFEST)
    return archive(members, listed={**members, "tables/region.jsonl.bak": b""})


def _malformed_manifest(good: bytes) -> bytes:
    members = members_of(good)
    text = members[backup.MANIFEST].replace(b"  ", b" ", 1)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
        for name, data in members.items():
            zipped.writestr(name, text if name == backup.MANIFEST else data)
    return out.getvalue()


def _duplicate(good: bytes) -> bytes:
    members = members_of(good)
    out = io.BytesIO()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)  # zipfile warns of the duplicate name
        with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as zipped:
            for name, data in members.items():
                zipped.writestr(name, data)
            zipped.writestr("tables/user.jsonl", members["tables/user.jsonl"])
    return out.getvalue()


def _damaged(good: bytes) -> bytes:
    """The bytes in the middle of the largest packed member flipped."""
    with zipfile.ZipFile(io.BytesIO(good)) as zipped:
        info = max(zipped.infolist(), key=lambda i: i.compress_size)
    data = bytearray(good)
    name_len, extra_len = struct.unpack_from("<HH", data, info.header_offset + 26)
    start = info.header_offset + 30 + name_len + extra_len + info.compress_size // 2
    data[start : start + 64] = bytes(b ^ 0xFF for b in data[start : start + 64])
    return bytes(data)


def _wrong_name_for_its_bytes(good: bytes) -> bytes:
    return with_member(good, stored_name(b"other bytes"), b"not the bytes named")


def _encrypted(good: bytes) -> bytes:
    """A member flagged as encrypted (general purpose bit 0), with a manifest that matches."""
    blob = with_member(good, stored_name(b"secret"), b"secret")
    return patch_header(blob, stored_name(b"secret"), "<H", 8, 6, 0x1)


def _bzip2(good: bytes) -> bytes:
    info = zipfile.ZipInfo(stored_name(b"packed otherwise"))
    info.compress_type = zipfile.ZIP_BZIP2
    return archive(members_of(good), extra=((info, b"packed otherwise"),))


def _many_small_bombs(good: bytes) -> bytes:
    """Twenty members of 1 MB of zeros each: none alone past ZIP_RATIO_FROM, together 1,000 to 1."""
    members = members_of(good)
    for i in range(20):
        data = bytes([i]) + bytes(2**20 - 1)
        members[stored_name(data)] = data
    return archive(members)


def _huge_in_total(good: bytes) -> bytes:
    """Every table and the SQLite copy declaring 4 GB: 68 GB in all."""
    blob = good
    for name in members_of(good):
        if name.startswith("tables/") or name == backup.SQLITE_COPY:
            blob = declare_size(blob, name, 2**32 - 1)
    return blob


CRAFTED: dict[str, tuple[Callable[[bytes], bytes], str | tuple[str, ...]]] = {
    "a traversal out of the data folder": (_traversal, "backup.unexpected_member"),
    "a traversal inside files/": (
        lambda g: with_member(g, "files/attachments/../../../escaped", b"x"),
        "backup.unexpected_member",
    ),
    "an absolute path": (
        lambda g: with_member(g, "/tmp/escaped", b"x"),
        "backup.unexpected_member",
    ),
    "a backslash path": (
        lambda g: with_member(g, "files\\attachments\\..\\..\\escaped", b"x"),
        "backup.unexpected_member",
    ),
    "an unexpected depth": (
        lambda g: with_member(g, "files/a/b/c/d/e", b"x"),
        "backup.unexpected_member",
    ),
    "an unknown table": (
        lambda g: with_member(g, "tables/evil.jsonl", b"{}\n"),
        "backup.unexpected_member",
    ),
    "a stray file": (lambda g: with_member(g, "notes.txt", b"x"), "backup.unexpected_member"),
    "a folder member": (lambda g: with_member(g, "files/", b""), "backup.unexpected_member"),
    "a symlink member": (
        lambda g: archive(
            {k: v for k, v in members_of(g).items()}, extra=_symlink(stored_name(b"link"))
        ),
        "backup.not_regular",
    ),
    "a stored file not named by its hash": (_wrong_name_for_its_bytes, "backup.altered"),
    "a member the manifest leaves out": (_without_manifest_line, "backup.manifest"),
    "a manifest line for a missing member": (_listing_a_missing_member, "backup.manifest"),
    "a malformed manifest": (_malformed_manifest, "backup.manifest"),
    "a duplicate member": (_duplicate, "backup.duplicate"),
    "an altered member": (
        lambda g: archive(
            {**members_of(g), "tables/user.jsonl": b'{"id": 1, "username": "forged"}\n'},
            listed={k: v for k, v in members_of(g).items() if k != backup.MANIFEST},
        ),
        "backup.altered",
    ),
    "an encrypted member": (_encrypted, "backup.unsupported_member"),
    "a member packed with bzip2": (_bzip2, "backup.unsupported_member"),
    "many small bombs": (_many_small_bombs, "backup.total_ratio"),
    "huge declared sizes in total": (_huge_in_total, "backup.total_too_large"),
    "a truncated archive": (lambda g: g[: len(g) // 2], "backup.not_archive"),
    "a damaged member": (_damaged, ("backup.damaged", "backup.size_mismatch")),
    "a huge declared size": (
        lambda g: declare_size(g, stored_name(ATTACHMENT), 2**31),
        "backup.too_large",
    ),
    "an unknown format": (
        lambda g: with_member(g, backup.META, b'{"format": 99}'),
        "backup.unknown_format",
    ),
    "backup.json not JSON": (lambda g: with_member(g, backup.META, b"{oops"), "backup.bad_meta"),
    "a data version that is not a number": (
        lambda g: with_member(g, backup.META, b'{"format": 1, "data_version": "x"}'),
        "backup.bad_meta",
    ),
}


@pytest.mark.parametrize("case", sorted(CRAFTED))
def test_a_crafted_archive_is_refused_before_anything_is_written(
    good: bytes, target: Target, case: str
) -> None:
    craft, key = CRAFTED[case]
    refused(target, craft(good), key)
    # nothing written anywhere: not a table in the database, no file in or beside the data folder
    assert target.stray_files() == []
    assert target.tables() == []


def test_the_cli_says_one_line_and_writes_nothing(good: bytes, tmp_path: Path) -> None:
    crafted = tmp_path / "crafted.zip"
    crafted.write_bytes(with_member(good, "files/a/b/c/d/e", b"x"))
    env = {
        **os.environ,
        "MONITOR_DATABASE_URL": f"sqlite:///{tmp_path / 'db' / 'restored.db'}",
        "MONITOR_DATA_DIR": str(tmp_path / "data"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "monitor.cli", "restore", str(crafted)],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert done.stderr.strip().splitlines() == [
        "Error: file: unexpected member files/a/b/c/d/e: no backup contains such a name"
    ]
    assert [p for p in files_under(tmp_path) if p.parent.name != "db"] == [crafted]


# -- the bombs, and memory ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def zeros(good: bytes) -> bytes:
    """database.sqlite of 300 MB of zeros: about 1.4 MB packed (229 to 1)."""
    return big_archive(good, bytes(2**20))


class PeakMemory:
    """The resident set of this process, sampled every 2 ms while the block runs."""

    def __init__(self) -> None:
        self.before = self.peak = 0
        self._stop = threading.Event()

    @staticmethod
    def resident() -> int:
        pages = int(Path("/proc/self/statm").read_text().split()[1])
        return pages * os.sysconf("SC_PAGE_SIZE")

    def _sample(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, self.resident())
            time.sleep(0.002)

    def __enter__(self) -> PeakMemory:
        self.before = self.peak = self.resident()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, self.resident())

    @property
    def growth_mb(self) -> float:
        return (self.peak - self.before) / 2**20


def test_a_bomb_that_declares_its_size_is_refused_unread(target: Target, zeros: bytes) -> None:
    with PeakMemory() as memory:
        err = refused(target, zeros, "backup.ratio")
    assert err.problems["file"][1]["ratio"] > files.ZIP_RATIO_LIMIT
    assert memory.growth_mb < 32, f"{memory.growth_mb:.1f} MB"
    assert target.stray_files() == [] and target.tables() == []


def test_a_bomb_that_lies_about_its_size_is_refused_after_its_declared_bytes(
    target: Target, zeros: bytes
) -> None:
    blob = declare_size(zeros, backup.SQLITE_COPY, 1000)
    with PeakMemory() as memory:
        refused(target, blob, "backup.size_mismatch")
    assert memory.growth_mb < 32, f"{memory.growth_mb:.1f} MB"
    assert target.stray_files() == [] and target.tables() == []


def test_a_large_member_that_packs_like_real_data_is_streamed_not_held(
    good: bytes, target: Target
) -> None:
    # 12 KB of noise in every MB: packs about 60 to 1, under the limit, so it is read in full
    block = random.Random(1).randbytes(12 * 1024) + bytes(2**20 - 12 * 1024)
    blob = big_archive(good, block)
    with PeakMemory() as memory:
        counts = target.restore(blob)
    assert counts["evidence"] == 1
    assert memory.growth_mb < 64, f"{memory.growth_mb:.1f} MB for a {BIG // 2**20} MB member"
    print(f"\nrestoring a {BIG // 2**20} MB member: resident memory grew {memory.growth_mb:.1f} MB")


# -- failures after the rows are written: all or nothing ------------------------------------------


def test_a_file_that_cannot_be_moved_undoes_the_rows_and_the_files(
    good: bytes, any_target: Target
) -> None:
    blocked = files.path_for(
        any_target.data / "attachments", hashlib.sha256(ATTACHMENT).hexdigest()
    )
    blocked.mkdir(parents=True)  # the destination is a folder: the move fails after the rows
    refused(any_target, good, "backup.cannot_write")
    assert any_target.rows() == 0
    assert any_target.stray_files() == []
    assert sorted(p.name for p in any_target.data.iterdir()) == ["attachments"]  # as it was
    blocked.rmdir()
    counts = any_target.restore(good)  # the retry works: the database stayed empty
    assert counts["evidence"] == 1
    restored = {p.read_bytes() for p in files_under(any_target.data)}
    assert restored == {ATTACHMENT, CAPTURE}


def _user_row(**changes: object) -> Callable[[bytes], bytes]:
    """The user table with its first row changed (the rest as they are)."""

    def change(lines: bytes) -> bytes:
        first, rest = lines.split(b"\n", 1)
        return json.dumps({**json.loads(first), **changes}).encode() + b"\n" + rest

    return change


BAD_ROWS: dict[str, tuple[Callable[[bytes], bytes], str]] = {
    "every id twice": (lambda lines: lines + lines, "backup.rows_refused"),
    "a name that is not text": (_user_row(username={"nested": 1}), "backup.rows_refused"),
    "a role no one has": (_user_row(role="overlord"), "backup.rows_refused"),
    "a date that is a number": (_user_row(created_at=12345), "backup.bad_rows"),
    "a row that is a list": (lambda lines: b"[1, 2]\n" + lines, "backup.bad_rows"),
}


@pytest.mark.parametrize("case", sorted(BAD_ROWS))
def test_rows_the_database_refuses_undo_everything(
    good: bytes, any_target: Target, case: str
) -> None:
    change, key = BAD_ROWS[case]
    members = members_of(good)
    members.pop(backup.MANIFEST)
    user = members["tables/user.jsonl"]
    crafted = archive({**members, "tables/user.jsonl": change(user)})
    refused(any_target, crafted, key)
    assert any_target.rows() == 0
    assert any_target.stray_files() == []
    assert any_target.restore(good)["user"] == user.count(b"\n")


def test_a_row_that_is_not_json_undoes_everything(good: bytes, target: Target) -> None:
    members = members_of(good)
    members.pop(backup.MANIFEST)
    crafted = archive(
        {**members, "tables/region.jsonl": members["tables/region.jsonl"] + b"{oops\n"}
    )
    err = refused(target, crafted, "backup.bad_rows")
    assert err.problems["file"][1]["line"] == members["tables/region.jsonl"].count(b"\n") + 1
    assert target.rows() == 0
    assert target.stray_files() == []


def test_a_good_backup_restores_from_an_open_file(good: bytes, target: Target) -> None:
    path = target.root / "good.zip"
    path.write_bytes(good)
    with path.open("rb") as handle:
        counts = target.restore(handle)
    assert counts["evidence"] == 1
    assert {p.read_bytes() for p in files_under(target.data)} == {ATTACHMENT, CAPTURE}
    assert not [p for p in target.data.iterdir() if p.name.startswith(files.TEMP_PREFIX)]


def test_a_backup_from_before_a_column_existed_restores_with_its_default(
    good: bytes, target: Target
) -> None:
    members = members_of(good)
    members.pop(backup.MANIFEST)
    drafts = [json.loads(line) for line in members["tables/draft.jsonl"].splitlines()]
    assert drafts and all("title_uk" in d for d in drafts)
    older = [{k: v for k, v in d.items() if k != "title_uk"} for d in drafts]
    members["tables/draft.jsonl"] = "".join(json.dumps(d) + "\n" for d in older).encode()
    assert target.restore(archive(members))["draft"] == len(drafts)
    engine = make_engine(target.url)
    try:
        with engine.connect() as conn:
            titles = conn.exec_driver_sql("SELECT DISTINCT title_uk FROM draft").scalars().all()
    finally:
        engine.dispose()
    assert titles == [""]
