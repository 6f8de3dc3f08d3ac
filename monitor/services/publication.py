"""Write the open data publication to a folder, whole or not at all, as a use case.

It owns its transactions (it reads the database and writes files), so it takes `engine`.

How a folder is never half-written. `DIR` is a symbolic link to one version folder beside it,
`.DIR.versions/v<data version>-<digest>/`. A run writes a new version folder under a temporary
name, checks and syncs every file, renames it, and only then points `DIR` at it by renaming a
new link over the old one (`rename(2)` replaces a link atomically: a reader sees the old
publication or the new one, never a mixture). A run that fails at any point removes its
temporary folder and leaves `DIR` where it was. A run whose files are the same as the
published ones changes nothing. The newest earlier version is kept (a reader or a Datasette
process may still be in it); older ones are removed.

A lock file beside `DIR` (`.DIR.lock`, an advisory `flock`) keeps two runs from overlapping:
a second run while one holds it is refused at once rather than queued.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import itertools
import json
import os
import secrets
import shutil
import sqlite3
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
from sqlalchemy.engine import Engine

from monitor.core import audit, demand_mask, files
from monitor.core.db import session_scope
from monitor.core.permissions import Action, Actor, require
from monitor.domain import gaps, settlements
from monitor.domain import publication as pub
from monitor.domain.csv_files import safe_cell, write_csv
from monitor.errors import ConfigError, InvalidInput, MonitorError
from monitor.i18n import status_label
from monitor.queries import lookups
from monitor.queries import publication as read

# one earlier version stays, for a reader or a Datasette process still in it; the next run
# removes it (so an entry withdrawn since lingers in no more than that one folder)
KEEP_EARLIER = 1
INSERT_CHUNK = 10_000
# the build's page cache: the identifiers' index (about 60 MB at a million entries) stays in
# memory, so inserting in id order (identifiers in random order) does not thrash the disk
CACHE_KIB = 256 * 1024
BUILD_FILE = ".build.sqlite"
SCORES = range(4)


class PublicationBusy(MonitorError):
    """Another publication run holds the lock."""

    key = "publication.busy"


@dataclass(frozen=True)
class PublicationReport:
    """What a run did: the version folder now published, whether it changed, rows per table."""

    folder: Path
    changed: bool
    counts: dict[str, int]
    files: int
    data_version: int
    as_of: datetime | None


def versions_dir(target: Path) -> Path:
    return target.parent / f".{target.name}.versions"


def lock_path(target: Path) -> Path:
    return target.parent / f".{target.name}.lock"


@contextlib.contextmanager
def locked(target: Path) -> Iterator[None]:
    """Hold the publication's lock, or refuse at once when another run holds it."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        handle = open(lock_path(target), "a+b")  # noqa: SIM115 - closed below, after the lock
    except OSError as exc:
        raise ConfigError(
            key="publication.unwritable", folder=str(target), reason=exc.strerror or str(exc)
        ) from exc
    with handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise PublicationBusy(path=str(target)) from None
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def check_target(target: Path) -> None:
    """Refuse a DIR that is something other than a publication (a file, a folder with files
    in it), before anything is written: a publication never replaces what it did not write."""
    if target.is_symlink():
        return
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise InvalidInput({"dir": ("publication.not_a_publication", {"path": str(target)})})


def current_folder(target: Path) -> Path | None:
    """The version folder DIR points at now, if DIR is a publication."""
    return target.resolve() if target.is_symlink() and target.resolve().is_dir() else None


def published_state(target: Path) -> tuple[str, str] | None:
    """The version folder DIR points at and the time of its data (what the Admin page shows),
    or None when nothing is published there."""
    folder = current_folder(target)
    descriptor = folder / pub.DATAPACKAGE_FILE if folder else None
    if folder is None or descriptor is None or not descriptor.is_file():
        return None
    try:
        created = json.loads(descriptor.read_text("utf-8")).get("created", "")
    except (OSError, ValueError):
        return None
    return folder.name, str(created or "—")


def serving_folder(target: Path) -> Path:
    """The version folder to serve, or a refusal when DIR holds no publication."""
    folder = current_folder(target)
    if folder is None or not (folder / pub.SQLITE_FILE).is_file():
        raise InvalidInput({"dir": ("publication.no_database", {"path": str(target)})})
    return folder


def datasette_command(folder: Path, *, host: str, port: int) -> list[str]:
    """Datasette on the published file only: immutable (`-i`: opened read-only, never
    locked or written), with the metadata the publication wrote, CORS for partners'
    dashboards, and Datasette's own limits on SQL queries."""
    return [
        sys.executable,
        "-m",
        "datasette",
        "serve",
        "-i",
        str(folder / pub.SQLITE_FILE),
        "--metadata",
        str(folder / pub.METADATA_FILE),
        "--host",
        host,
        "--port",
        str(port),
        "--cors",
        "--setting",
        "sql_time_limit_ms",
        "1000",
        "--setting",
        "max_returned_rows",
        "1000",
    ]


def publish(
    *, engine: Engine, actor: Actor, target: Path, public_url: str = ""
) -> PublicationReport:
    """Publish what is public to `target` (see the module docstring), audited as an export."""
    require(actor, Action.ADMINISTER)
    check_target(target)
    with locked(target):
        report = _publish(engine, target, public_url)
    with session_scope(engine) as session:  # an access, not a change: the data version stays
        audit.record(
            session,
            actor,
            "export",
            "publication",
            report.folder.name,
            changes_data=False,
            after={"dir": str(target), "changed": report.changed, "rows": report.counts},
        )
    return report


def _publish(engine: Engine, target: Path, public_url: str) -> PublicationReport:
    versions = versions_dir(target)
    versions.mkdir(parents=True, exist_ok=True)
    for leftover in versions.glob(".tmp-*"):  # a crashed run's; the lock says none is running
        shutil.rmtree(leftover, ignore_errors=True)
    staging = versions / f".tmp-{secrets.token_hex(6)}"
    staging.mkdir()
    try:
        version, as_of, counts, digests = write_publication(engine, staging, public_url)
        return _swap(target, staging, version, as_of, counts, digests)
    except OSError as exc:  # a full disk, a folder without permission: one clear line
        raise ConfigError(
            key="publication.unwritable", folder=str(target), reason=exc.strerror or str(exc)
        ) from exc
    finally:
        if staging.exists():
            shutil.rmtree(staging, ignore_errors=True)


def _swap(
    target: Path,
    staging: Path,
    version: int,
    as_of: datetime | None,
    counts: dict[str, int],
    digests: dict[str, str],
) -> PublicationReport:
    """Point DIR at the new version folder in one rename, unless it holds the same files."""
    manifest_digest = digests[pub.MANIFEST_FILE]
    folder = staging.parent / f"v{version}-{manifest_digest[:12]}"
    current = current_folder(target)
    changed = current is None or _manifest_of(current) != _manifest_of(staging)
    if not changed:
        assert current is not None
        return PublicationReport(current, False, counts, len(digests), version, as_of)
    if folder.exists():  # the same files were published before: reuse that folder
        shutil.rmtree(staging)
    else:
        staging.rename(folder)
    _fsync_dir(staging.parent)
    if target.exists() and not target.is_symlink():
        target.rmdir()  # an empty folder (check_target refused any other)
    link = target.parent / f".{target.name}.link-{secrets.token_hex(6)}"
    os.symlink(os.path.relpath(folder, target.parent), link)
    os.replace(link, target)
    _fsync_dir(target.parent)
    _prune(staging.parent, keep=folder)
    return PublicationReport(folder, True, counts, len(digests), version, as_of)


def _manifest_of(folder: Path) -> bytes | None:
    path = folder / pub.MANIFEST_FILE
    return path.read_bytes() if path.exists() else None


def _prune(versions: Path, *, keep: Path) -> None:
    """Remove all but the current version and the newest earlier ones."""
    earlier = sorted(
        (p for p in versions.iterdir() if p.is_dir() and p != keep and p.name.startswith("v")),
        key=lambda p: p.stat().st_mtime,
        reverse=True,
    )
    for old in earlier[KEEP_EARLIER:]:
        shutil.rmtree(old, ignore_errors=True)


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


# -- building the files ---------------------------------------------------------------------


def write_publication(
    engine: Engine, folder: Path, public_url: str
) -> tuple[int, datetime | None, dict[str, int], dict[str, str]]:
    """Write every file of a publication into `folder` (empty); returns the data version, its
    time, the rows per table and each file's SHA-256 (the manifest's included)."""
    version, last_change, release = read.provenance_state(engine)
    demand_rows = read.demands(engine)
    demand_codes = [d["code"] for d in demand_rows]
    tables = pub.tables(demand_codes)
    entries = _feed_entries(engine, demand_rows)
    as_of = last_change or max((e.updated for e in entries), default=None)
    provenance = pub.Provenance(release, version, as_of, public_url)

    database = folder / pub.SQLITE_FILE
    build = folder / BUILD_FILE  # VACUUM INTO the published file: compact, no free page
    conn = sqlite3.connect(build, isolation_level=None)
    files: dict[str, tuple[int, str]] = {}
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute(f"PRAGMA cache_size=-{CACHE_KIB}")
        conn.execute("BEGIN")
        for table in tables:
            conn.execute(_create_sql(table))
        for table, rows in _table_rows(engine, tables, demand_rows):
            files[table.csv_file] = _write_table(conn, folder / table.csv_file, table, rows)
        conn.execute("COMMIT")
        for table in tables:
            for number, columns in enumerate(table.indexes):
                conn.execute(
                    f'CREATE INDEX "ix_{table.name}_{number}" ON "{table.name}" '
                    f"({', '.join(_q(c) for c in columns)})"
                )
        conn.execute("ANALYZE")
        counts = {t.name: _count(conn, t) for t in tables}
        conn.execute("VACUUM INTO ?", (str(database),))
    finally:
        conn.close()
        build.unlink(missing_ok=True)

    files[pub.DATAPACKAGE_FILE] = _write_bytes(
        folder / pub.DATAPACKAGE_FILE, pub.datapackage(tables, files, provenance)
    )
    files[pub.METADATA_FILE] = _write_bytes(
        folder / pub.METADATA_FILE, pub.datasette_metadata(tables, provenance)
    )
    files[pub.FEED_FILE] = _write_bytes(folder / pub.FEED_FILE, pub.atom(entries, provenance))
    files[pub.README_FILE] = _write_bytes(
        folder / pub.README_FILE, pub.readme(tables, counts, provenance).encode()
    )
    files[pub.SQLITE_FILE] = _hash_file(database)
    digests = {name: digest for name, (_, digest) in files.items()}
    manifest = pub.manifest(digests).encode()
    digests[pub.MANIFEST_FILE] = _write_bytes(folder / pub.MANIFEST_FILE, manifest)[1]
    _sync(folder, digests)
    return version, as_of, counts, digests


def _q(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _create_sql(table: pub.Table) -> str:
    columns = [f"{_q(c.name)} {c.sql_type}" for c in table.columns]
    keys = [f"PRIMARY KEY ({', '.join(_q(k) for k in table.primary_key)})"]
    references = [
        f"FOREIGN KEY ({_q(mine)}) REFERENCES {_q(other)} ({_q(theirs)})"
        for mine, other, theirs in table.foreign_keys
    ]
    return f"CREATE TABLE {_q(table.name)} ({', '.join([*columns, *keys, *references])})"


def _write_table(
    conn: sqlite3.Connection, path: Path, table: pub.Table, rows: Iterable[Sequence[Any]]
) -> tuple[int, str]:
    """One table into the SQLite file and its CSV from the same rows, chunk by chunk: the
    CSV's header, its HXL row, then every row with every cell through the one formula guard.
    Returns the CSV's size and SHA-256."""
    sql = f"INSERT INTO {_q(table.name)} VALUES ({', '.join('?' for _ in table.columns)})"

    def written() -> Iterator[Sequence[Any]]:
        yield [safe_cell(tag) for tag in pub.hxl_row(table)]
        source = iter(rows)
        while chunk := list(itertools.islice(source, INSERT_CHUNK)):
            conn.executemany(sql, chunk)
            yield from pub.guard_rows(table.columns, chunk)

    with open(path, "wb") as handle:
        write_csv(handle, table.names, written(), escaped=True)
    return _hash_file(path)


def _count(conn: sqlite3.Connection, table: pub.Table) -> int:
    return int(conn.execute(f"SELECT count(*) FROM {_q(table.name)}").fetchone()[0])


def _table_rows(
    engine: Engine, tables: Sequence[pub.Table], demand_rows: list[dict[str, Any]]
) -> Iterator[tuple[pub.Table, Iterable[Sequence[Any]]]]:
    """Each table with its rows, in the tables' order (evidence and its links streamed)."""
    by_name = {t.name: t for t in tables}
    demand_codes = [d["code"] for d in demand_rows]
    yield by_name["demands"], ([d[c] for c in pub.DEMANDS.names] for d in demand_rows)
    yield by_name["regions"], ([r[c] for c in pub.REGIONS.names] for r in read.regions(engine))
    yield by_name["statuses"], _status_rows(engine)
    draft_rows = read.drafts(engine)
    yield (
        by_name["drafts"],
        (
            [
                *(d[c] for c in pub.DRAFTS.names[:5]),
                d["published_on"].isoformat(),
                *(d[c] for c in pub.DRAFTS.names[6:]),
            ]
            for d in draft_rows
        ),
    )
    coverage = lookups.coverage_matrix(engine, "en")
    yield (
        by_name["coverage"],
        (
            [
                r.draft,
                r.demand,
                str(r.level),
                r.points,
                bool(r.uncertain),
                bool(r.legal_review),
                r.confidence,
                r.published_on.isoformat(),
            ]
            for r in coverage.itertuples()
        ),
    )
    levels = {(r.draft, r.demand): str(r.level) for r in coverage.itertuples()}
    counts = gaps.gap_counts(coverage, [d["code"] for d in draft_rows], demand_codes)
    yield by_name["gap_matrix"], pub.gap_matrix_rows(draft_rows, levels, counts, demand_codes)
    codes_of = _mask_decoder(demand_rows)
    yield by_name["evidence_counts"], _count_rows(engine, codes_of, demand_codes)
    links: list[tuple[str, str]] = []
    yield by_name["evidence"], _evidence_rows(engine, codes_of, links)
    yield by_name["evidence_demands"], links


def _status_rows(engine: Engine) -> list[list[Any]]:
    return pub.status_rows(_history_rows(engine), _labels())


def _labels() -> dict[str, dict[int, str]]:
    return {lang: {s: status_label(s, lang) for s in SCORES} for lang in ("en", "uk")}


def _mask_decoder(demand_rows: list[dict[str, Any]]) -> Callable[[int], tuple[str, ...]]:
    """Demand bits -> the demands' codes in display order (memoised: masks repeat)."""
    ordered = [(demand_mask.bit(int(d["id"])), d["code"]) for d in demand_rows]
    memo: dict[int, tuple[str, ...]] = {}

    def codes(mask: int) -> tuple[str, ...]:
        found = memo.get(mask)
        if found is None:
            found = memo[mask] = tuple(code for bit, code in ordered if mask & bit)
        return found

    return codes


def _count_rows(
    engine: Engine, codes_of: Callable[[int], tuple[str, ...]], demand_codes: list[str]
) -> list[tuple[str, str, str, str, int]]:
    totals: dict[tuple[str, str, str, str], int] = defaultdict(int)
    for mask, month, region, direction, n in read.evidence_counts(engine):
        for code in codes_of(mask):
            totals[(code, month, region, direction)] += n
    order = {code: i for i, code in enumerate(demand_codes)}
    keys = sorted(totals, key=lambda k: (order[k[0]], k[1], k[2], k[3]))
    return [(*k, totals[k]) for k in keys]


def _evidence_rows(
    engine: Engine, codes_of: Callable[[int], tuple[str, ...]], links: list[tuple[str, str]]
) -> Iterator[list[Any]]:
    """Published evidence rows; each entry's demand links are collected into `links`."""
    names: dict[str, str | None] = {}
    for row in read.evidence_stream(engine):
        (
            uid,
            mask,
            start,
            end,
            region,
            settlement,
            source_type,
            reliability,
            credibility,
            direction,
            verification,
            language,
            people,
            version,
            created,
        ) = row
        codes = codes_of(mask)
        links.extend((uid, code) for code in codes)
        name = None
        if settlement:
            if settlement not in names:
                found = settlements.lookup(settlement)
                names[settlement] = found.name if found else None
            name = names[settlement]
        yield [
            uid,
            "; ".join(codes),
            start,
            end,
            region,
            settlement,
            name,
            source_type,
            reliability,
            credibility,
            direction,
            verification,
            language,
            people,
            version,
            created[:10],
        ]


def _write_bytes(path: Path, data: bytes) -> tuple[int, str]:
    path.write_bytes(data)
    return len(data), files.sha256(data)


def _hash_file(path: Path) -> tuple[int, str]:
    digest = hashlib.sha256()
    size = 0
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
            size += len(block)
    return size, digest.hexdigest()


def _sync(folder: Path, digests: dict[str, str]) -> None:
    """Every file on disk before the folder can be published, and no file beside them."""
    present = {p.name for p in folder.iterdir()}
    if present != set(digests):
        raise RuntimeError(f"unexpected files in a publication: {sorted(present ^ set(digests))}")
    for name in digests:
        with open(folder / name, "rb") as handle:
            os.fsync(handle.fileno())
    _fsync_dir(folder)


def _feed_entries(engine: Engine, demand_rows: list[dict[str, Any]]) -> list[pub.FeedEntry]:
    titles = {d["code"]: d["title_en"] for d in demand_rows}
    labels = _labels()
    entries = [
        pub.status_entry(
            {**row, "status_en": labels["en"][row["score"]]},
            titles.get(row["demand"], ""),
            labels["uk"][row["score"]],
        )
        for row in _history_rows(engine)
    ]
    entries += [pub.coverage_entry(r) for r in read.coverage_approvals(engine)]
    entries += [pub.draft_entry(d) for d in read.drafts(engine)]
    return entries


def _history_rows(engine: Engine) -> list[dict[str, Any]]:
    history: pd.DataFrame = lookups.status_history(engine)
    times = read.publication_times(engine)
    return [
        {
            "id": int(r.id),
            "demand": r.demand,
            "assessed_on": r.assessed_on,
            "score": int(r.score),
            "decided_at": times.get(int(r.id)),
        }
        for r in history.itertuples()
    ]
