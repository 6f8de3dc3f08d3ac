"""The open data publication: its files, HXL, Frictionless, the feed, the swap and the lock."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from datetime import UTC, date, datetime
from pathlib import Path

import feedparser
import hxl
import pytest
from frictionless import validate
from sqlalchemy.engine import Engine
from sqlmodel import select

from monitor.core.db import session_scope
from monitor.core.models import Draft, Evidence, Role
from monitor.domain import publication as pub
from monitor.errors import Forbidden, InvalidInput
from monitor.queries import lookups
from monitor.queries import publication as read_publication
from monitor.services import evidence, publication
from tests.db.publication_data import fill, publish
from tests.factories import make_actor, make_assessment


@pytest.fixture
def published(engine: Engine, tmp_path: Path) -> tuple[Engine, Path]:
    filled = fill(engine)
    target = tmp_path / "public"
    report = publish(engine, filled, target)
    assert report.changed
    return engine, target


def _rows(path: Path) -> list[list[str]]:
    return list(csv.reader(io.StringIO(path.read_text("utf-8-sig"), newline="")))


def test_every_file_is_in_the_manifest_with_its_sha256(published: tuple[Engine, Path]) -> None:
    _, target = published
    lines = (target / pub.MANIFEST_FILE).read_text().splitlines()
    listed = {name: digest for digest, name in (line.split("  ") for line in lines)}
    present = {p.name for p in target.iterdir()} - {pub.MANIFEST_FILE}
    assert set(listed) == present
    assert {f"{t}.csv" for t in ("demands", "statuses", "coverage", "gap_matrix")} <= present
    for name, digest in listed.items():
        assert hashlib.sha256((target / name).read_bytes()).hexdigest() == digest


def test_csv_files_carry_hxl_tags_that_libhxl_reads_and_validates(
    published: tuple[Engine, Path], tmp_path: Path
) -> None:
    _, target = published
    for table in pub.tables([f"D{n:02d}" for n in range(1, 11)]):
        source = hxl.data(str(target / table.csv_file), hxl.InputOptions(allow_local=True))
        assert [c.display_tag for c in source.columns] == pub.hxl_row(table), table.name
        # libhxl keeps the byte-order mark (kept for Excel's Cyrillic) in the first header
        assert [c.header.lstrip("\ufeff") for c in source.columns] == table.names
    rules = [
        ["#valid_tag", "#valid_required", "#valid_datatype", "#valid_unique", "#valid_value+list"],
        ["#meta+id", "true", "", "true", ""],
        ["#date+start", "true", "date", "", ""],
        ["#meta+credibility", "true", "number", "", ""],
        ["#indicator+direction", "true", "", "", "progress|regression|neutral"],
    ]
    issues: list[object] = []
    schema = hxl.schema(rules, callback=issues.append)
    evidence = str(target / "evidence.csv")
    assert schema.validate(hxl.data(evidence, hxl.InputOptions(allow_local=True)))
    assert issues == []
    # the same schema refuses a broken copy, so the check above can fail
    rows = _rows(target / "evidence.csv")
    rows[2][rows[0].index("direction")] = "sideways"
    rows[3][rows[0].index("event_start")] = "not a date"
    broken = tmp_path / "broken.csv"
    with open(broken, "w", newline="", encoding="utf-8") as handle:
        csv.writer(handle).writerows(rows)
    assert not schema.validate(hxl.data(str(broken), hxl.InputOptions(allow_local=True)))


def test_datapackage_is_valid_frictionless_and_catches_a_changed_byte(
    published: tuple[Engine, Path],
) -> None:
    _, target = published
    report = validate(str(target / pub.DATAPACKAGE_FILE))
    assert report.valid, report.flatten(["rowNumber", "fieldNumber", "type", "note"])
    descriptor = json.loads((target / pub.DATAPACKAGE_FILE).read_text())
    assert descriptor["licenses"][0]["name"] == "CC-BY-4.0"
    fields = descriptor["resources"][0]["schema"]["fields"]
    assert fields[0] == {
        "name": "code",
        "type": "string",
        "description": pub.DEMAND_CODE,
        "hxl": "#indicator+code",
    }
    evidence = target / "evidence.csv"
    data = evidence.read_bytes()
    evidence.write_bytes(data.replace(b",regression,", b",progress,", 1))
    assert not validate(str(target / pub.DATAPACKAGE_FILE)).valid


def test_tables_hold_published_statuses_and_approved_coverage_only(
    published: tuple[Engine, Path],
) -> None:
    engine, target = published
    with sqlite3.connect(f"file:{target / pub.SQLITE_FILE}?mode=ro", uri=True) as conn:
        statuses = conn.execute(
            "SELECT demand, assessed_on, score, previous_score, is_current FROM statuses"
        ).fetchall()
        coverage = conn.execute("SELECT draft, demand, level FROM coverage").fetchall()
        counts = dict(
            conn.execute("SELECT demand, sum(entries) FROM evidence_counts GROUP BY demand")
        )
        links = conn.execute("SELECT count(*) FROM evidence_demands").fetchone()[0]
        gap_row = conn.execute("SELECT * FROM gap_matrix LIMIT 1").fetchone()
    assert statuses == [("D01", "2025-01-01", 1, None, 0), ("D01", "2025-06-01", 2, 1, 1)]
    approved = lookups.coverage_matrix(engine)
    assert sorted(coverage) == sorted(
        zip(approved["draft"], approved["demand"], map(str, approved["level"]), strict=True)
    )
    assert counts == {"D01": 3, "D03": 3}  # public entries only, each counted for each demand
    assert links == 6
    assert gap_row is not None


def test_feed_parses_with_stable_ids_and_grows_with_a_change(
    published: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, target = published
    feed = feedparser.parse((target / pub.FEED_FILE).read_bytes())
    assert not feed.bozo, feed.bozo_exception
    ids = [e.id for e in feed.entries]
    assert len(ids) == len(set(ids))
    kinds = {e.tags[0].term for e in feed.entries}
    assert kinds == {"status-published", "coverage-approved", "draft-added"}
    assert any(e.title.startswith("D01 status: 2 partial") for e in feed.entries)
    with session_scope(engine) as session:
        admin = make_actor(session, "second-admin", Role.ADMIN)
        make_assessment(
            session, admin, "D04", 3, date(2025, 8, 1), decided_at=datetime(2025, 8, 2, tzinfo=UTC)
        )
    report = publication.publish(engine=engine, actor=admin, target=target)
    assert report.changed
    again = feedparser.parse((target / pub.FEED_FILE).read_bytes())
    new_ids = [e.id for e in again.entries]
    assert set(ids) < set(new_ids)
    assert len(new_ids) == len(ids) + 1


def test_publishing_twice_without_a_change_gives_identical_bytes(
    published: tuple[Engine, Path], tmp_path: Path
) -> None:
    engine, target = published
    first = target.resolve()
    with session_scope(engine) as session:
        admin = make_actor(session, "another-admin", Role.ADMIN)
    elsewhere = tmp_path / "elsewhere" / "public"
    report = publication.publish(engine=engine, actor=admin, target=elsewhere)
    again = publication.publish(engine=engine, actor=admin, target=target)
    assert not again.changed and target.resolve() == first
    assert report.counts == again.counts
    names = sorted(p.name for p in first.iterdir())
    assert names == sorted(p.name for p in elsewhere.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (elsewhere / name).read_bytes(), name


def test_a_failed_run_leaves_the_last_good_publication(
    published: tuple[Engine, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    engine, target = published
    before = {p.name: p.read_bytes() for p in target.iterdir()}
    pointed = target.resolve()
    with session_scope(engine) as session:
        admin = make_actor(session, "third-admin", Role.ADMIN)
        make_assessment(session, admin, "D07", 1, date(2025, 9, 1))

    def broken(*args: object) -> bytes:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(pub, "atom", broken)  # after the SQLite file and the CSVs are written
    with pytest.raises(Exception, match="No space left"):
        publication.publish(engine=engine, actor=admin, target=target)
    assert target.resolve() == pointed
    assert {p.name: p.read_bytes() for p in target.iterdir()} == before
    assert not list(publication.versions_dir(target).glob(".tmp-*"))
    monkeypatch.undo()
    assert publication.publish(engine=engine, actor=admin, target=target).changed


def test_a_second_run_is_refused_while_one_holds_the_lock(
    published: tuple[Engine, Path],
) -> None:
    engine, target = published
    with session_scope(engine) as session:
        admin = make_actor(session, "lock-admin", Role.ADMIN)
    with publication.locked(target), pytest.raises(publication.PublicationBusy):
        publication.publish(engine=engine, actor=admin, target=target)
    assert not publication.publish(engine=engine, actor=admin, target=target).changed


def test_a_folder_of_other_files_is_refused_and_left_alone(engine: Engine, tmp_path: Path) -> None:
    target = tmp_path / "publications" / "mine"
    target.mkdir(parents=True)
    (target / "notes.txt").write_text("keep me")
    with session_scope(engine) as session:
        admin = make_actor(session, "folder-admin", Role.ADMIN)
        editor = make_actor(session, "folder-editor", Role.EDITOR)
    with pytest.raises(InvalidInput) as refused:
        publication.publish(engine=engine, actor=admin, target=target)
    assert "holds other files" in str(refused.value)
    assert (target / "notes.txt").read_text() == "keep me"
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine"]
    with pytest.raises(Forbidden):
        publication.publish(engine=engine, actor=editor, target=target.parent / "other")
    assert sorted(p.name for p in target.parent.iterdir()) == ["mine"]


def test_an_entry_withdrawn_after_publication_leaves_the_next_one(
    engine: Engine, tmp_path: Path
) -> None:
    filled = fill(engine)
    target = tmp_path / "site" / "public"
    publish(engine, filled, target)
    gone = filled.public_uids[0].encode()
    assert gone in (target / pub.SQLITE_FILE).read_bytes()
    with session_scope(engine) as session:
        entry = session.exec(select(Evidence).where(Evidence.uid == filled.public_uids[0])).one()
        assert filled.admin is not None and entry.id is not None
        evidence.withdraw(
            session=session,
            actor=filled.admin,
            evidence_id=entry.id,
            expected_version=entry.version,
            reason="names a witness",
        )
    assert publish(engine, filled, target).changed
    assert all(gone not in p.read_bytes() for p in target.iterdir())
    with session_scope(engine) as session:
        make_assessment(session, filled.admin, "D09", 2, date(2025, 10, 1))
    assert publish(engine, filled, target).changed  # the earlier version is removed now
    left = [p for p in target.parent.rglob("*") if p.is_file() and gone in p.read_bytes()]
    assert left == []
    assert len(list(publication.versions_dir(target).iterdir())) == 2


def test_readme_states_provenance_and_the_citation(published: tuple[Engine, Path]) -> None:
    engine, target = published
    text = (target / pub.README_FILE).read_text()
    version, last_change, release = read_publication.provenance_state(engine)
    assert last_change is not None
    assert f"- Data version: {version}" in text
    assert f"- As of (the data's latest change, UTC): {pub.iso_utc(last_change)}" in text
    assert f"- Reference data release: {release}" in text and release
    assert pub.citation(pub.Provenance(release, version, last_change)) in text
    assert "| evidence.csv | Public evidence entries | 3 |" in text


def test_every_csv_cell_passes_the_formula_guard_and_sqlite_keeps_the_value(
    engine: Engine, tmp_path: Path
) -> None:
    filled = fill(engine)
    with session_scope(engine) as session:
        draft = session.get(Draft, 2)
        assert draft is not None
        draft.proponent = '=HYPERLINK("http://example.org","x")'
        draft.title_uk = "Текст\n@SUM(A1)"
        draft.other_sources = "https://a.example\n-2+3"
    target = tmp_path / "public"
    publish(engine, filled, target)
    rows = _rows(target / "drafts.csv")
    row = next(r for r in rows[2:] if r[0] == draft.code)
    by = dict(zip(rows[0], row, strict=True))
    assert by["proponent"] == '\'=HYPERLINK("http://example.org","x")'
    assert by["title_uk"] == "Текст\n'@SUM(A1)"
    assert by["other_sources"] == "https://a.example\n'-2+3"
    assert _rows(target / "demands.csv")[1][0] == "#indicator+code"
    with sqlite3.connect(f"file:{target / pub.SQLITE_FILE}?mode=ro", uri=True) as conn:
        stored = conn.execute("SELECT proponent FROM drafts WHERE code = ?", (draft.code,))
        assert stored.fetchone()[0] == '=HYPERLINK("http://example.org","x")'
