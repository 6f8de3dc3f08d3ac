"""Leak proof: nothing restricted, confidential, withdrawn or personal is in any published byte.

The database is filled with entries whose every text carries a unique marker, with users of
unique names, then published; every byte of every published file (the SQLite file's raw pages,
free pages included, the feed, the manifest, the descriptors) is scanned for every marker.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from sqlalchemy.engine import Engine

from monitor.domain import publication as pub
from tests.db.publication_data import fill, publish


def _published_bytes(target: Path) -> dict[Path, bytes]:
    """Every file a run leaves beside the database (the publication, the version folders, the
    lock), read raw, by its real path."""
    return {
        path.resolve(): path.read_bytes()
        for path in sorted(target.parent.rglob("*"))
        if path.is_file() and not path.name.startswith("monitor.db")
    }


def test_no_secret_marker_and_no_user_name_in_any_published_byte(
    engine: Engine, tmp_path: Path
) -> None:
    filled = fill(engine, entries=4)
    target = tmp_path / "site" / "public"
    publish(engine, filled, target)
    files = _published_bytes(target)
    assert {p.resolve() for p in target.iterdir()} <= set(files)  # every published file
    lowered = {path: data.lower() for path, data in files.items()}
    leaks = [
        (secret, path.name)
        for secret in filled.secrets
        for path, data in lowered.items()
        if secret.lower().encode() in data
    ]
    assert leaks == []
    # the scan finds what is public, so it would find a leak
    database = (target / pub.SQLITE_FILE).read_bytes()
    assert filled.published_marker.encode() in database
    assert all(uid.encode() in database for uid in filled.public_uids)
    # withdrawn, restricted and confidential entries: not even their identifiers
    hidden = [uid for uid in filled.hidden_uids if any(uid.encode() in d for d in files.values())]
    assert hidden == []


def test_the_published_sqlite_file_has_no_free_pages_and_no_journal(
    engine: Engine, tmp_path: Path
) -> None:
    filled = fill(engine)
    target = tmp_path / "public"
    publish(engine, filled, target)
    with sqlite3.connect(f"file:{target / pub.SQLITE_FILE}?mode=ro", uri=True) as conn:
        assert conn.execute("PRAGMA freelist_count").fetchone()[0] == 0
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "delete"
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert tables >= {"evidence", "statuses", "coverage", "gap_matrix", "evidence_counts"}
    assert sorted(p.name for p in target.iterdir()) == sorted(
        [
            *(t.csv_file for t in pub.tables([f"D{n:02d}" for n in range(1, 11)])),
            pub.SQLITE_FILE,
            pub.DATAPACKAGE_FILE,
            pub.METADATA_FILE,
            pub.FEED_FILE,
            pub.README_FILE,
            pub.MANIFEST_FILE,
        ]
    )
