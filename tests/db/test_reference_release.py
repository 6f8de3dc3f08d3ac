"""A reviewed release of the reference data reaches existing databases: unedited rows take the
new values, edited rows are kept as people left them (and named), a bad file changes nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import (
    AuditEvent,
    Coverage,
    CoverageProposal,
    Draft,
    DraftPoint,
    ReferenceRow,
    Region,
)
from monitor.errors import ConfigError
from monitor.queries.settings import reference_release
from monitor.services.reference import LoadReport, load_reference, release_digests
from tests.conftest import REFERENCE_DIR


def _rows(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _write(path: Path, rows: list[dict[str, str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


def _older_release(folder: Path) -> None:
    """Make `folder` look like an earlier release: Geneva x D03 absent, Sevastopol unprefixed,
    the European plan's grouped points numbered 17-21, no Mykolaiv."""
    cover = _rows(folder / "coverage.csv")
    for row in cover:
        if (row["draft"], row["demand"]) == ("GENEVA19-2025-11", "D03"):
            row.update(level="absent", uncertain="true")
        if (row["draft"], row["demand"]) == ("EU24-2025-11", "D03"):
            row["points"] = "8; 2; 17"
    _write(folder / "coverage.csv", cover)
    regions = [r for r in _rows(folder / "regions.csv") if r["code"] != "mykolaiv"]
    for row in regions:
        if row["code"] == "sevastopol":
            row["name_uk"] = "Севастополь"
    _write(folder / "regions.csv", regions)
    points = _rows(folder / "draft_points.csv")
    for row in points:
        if row["draft"] == "EU24-2025-11" and row["label"].startswith("G"):
            row["label"] = str(16 + int(row["label"][1:]))
    _write(folder / "draft_points.csv", points)
    (folder / "release.json").write_text('{"release": "test-old"}', encoding="utf-8")
    shutil.rmtree(folder / "releases")


def _load(engine: sa.Engine, folder: Path) -> LoadReport:
    with session_scope(engine) as session:
        return load_reference(session=session, folder=folder)


def _cell(session: Session, draft: str, demand: str) -> Coverage:
    return session.exec(
        sa.text(
            "SELECT c.* FROM coverage c JOIN draft d ON d.id = c.draft_id "
            "JOIN demand m ON m.id = c.demand_id WHERE d.code = :draft AND m.code = :demand"
        ).bindparams(draft=draft, demand=demand)
    ).one()  # type: ignore[call-overload, no-any-return]


@pytest.fixture
def releases(tmp_path: Path) -> tuple[Path, Path]:
    """(old, new): an earlier release, and today's whose releases/ knows the old one."""
    old, new = tmp_path / "old", tmp_path / "new"
    shutil.copytree(REFERENCE_DIR, old)
    _older_release(old)
    shutil.copytree(REFERENCE_DIR, new)
    with (new / "releases" / "test-old.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["kind", "key", "digest"])
        writer.writerows(release_digests(old))
    return old, new


def test_a_fresh_load_fingerprints_every_row(engine: sa.Engine) -> None:
    with Session(engine) as session:
        kinds = sa.func.count()
        counted = dict(
            session.exec(
                select(ReferenceRow.kind, kinds).group_by(ReferenceRow.kind)  # type: ignore[call-overload]
            ).all()
        )
        assert reference_release(session) == "2026.12"
    assert counted == {"region": 8, "demand": 10, "draft": 5, "draft_points": 5, "coverage": 50}


def test_unedited_rows_take_the_release_and_edited_rows_are_kept(
    engine: sa.Engine, releases: tuple[Path, Path]
) -> None:
    old, new = releases
    _load(engine, old)  # the database as the earlier release left it ...
    with engine.begin() as conn:  # ... loaded before fingerprints existed
        conn.execute(sa.text("DELETE FROM reference_row"))
        conn.execute(
            sa.text(
                "UPDATE coverage SET note = 'our own reading' WHERE draft_id = "
                "(SELECT id FROM draft WHERE code = 'GENEVA19-2025-11') AND demand_id = "
                "(SELECT id FROM demand WHERE code = 'D05')"
            )
        )
    report = _load(engine, new)
    assert report.inserted == {}  # Mykolaiv was loaded with the fixture (regions stay)
    assert report.updated == {"coverage codes": 2, "draft point lists": 1, "regions": 1}
    assert report.kept_edited == ["coverage GENEVA19-2025-11|D05"]
    assert "kept 1 edited row" in str(report)
    with Session(engine) as session:
        geneva = _cell(session, "GENEVA19-2025-11", "D03")
        assert (geneva.level, geneva.uncertain) == ("not_reported", False)
        edited = _cell(session, "GENEVA19-2025-11", "D05")
        assert edited.note == "our own reading"  # kept exactly as the person left it
        assert _cell(session, "EU24-2025-11", "D03").point_labels == "8; 2; G1"
        eu24 = session.exec(select(Draft).where(Draft.code == "EU24-2025-11")).one()
        labels = session.exec(
            select(DraftPoint.label)
            .where(DraftPoint.draft_id == eu24.id)
            .order_by(DraftPoint.position)  # type: ignore[arg-type]
        ).all()
        assert labels[-5:] == ["G1", "G2", "G3", "G4", "G5"]
        sevastopol = session.get(Region, "sevastopol")
        assert sevastopol is not None and sevastopol.name_uk == "м. Севастополь"
        assert session.get(Region, "mykolaiv") is not None
        history = session.exec(
            select(CoverageProposal.reason).where(
                CoverageProposal.draft_id == geneva.draft_id,
                CoverageProposal.demand_id == geneva.demand_id,
            )
        ).all()  # each change of the cell says which release made it
        assert history == [
            "reference release 2026.12",
            "reference release test-old",
            "reference release 2026.12",
        ]
        event = session.exec(
            select(AuditEvent).where(AuditEvent.action == "seed").order_by(AuditEvent.id.desc())  # type: ignore[union-attr]
        ).first()
        assert event is not None and "GENEVA19-2025-11|D05" in str(event.after)
        assert reference_release(session) == "2026.12"
    again = _load(engine, new)
    assert again.total == 0 and again.kept_edited == ["coverage GENEVA19-2025-11|D05"]


def test_a_row_edited_after_a_fingerprinted_load_is_kept(
    engine: sa.Engine, releases: tuple[Path, Path]
) -> None:
    old, new = releases
    _load(engine, old)  # fingerprints of the old release are recorded this time
    with session_scope(engine) as session:
        region = session.get(Region, "sevastopol")
        assert region is not None
        region.name_uk = "Севастополь (місто)"
    report = _load(engine, new)
    assert "region sevastopol" in report.kept_edited
    with Session(engine) as session:
        region = session.get(Region, "sevastopol")
        assert region is not None and region.name_uk == "Севастополь (місто)"


@pytest.mark.parametrize(
    ("change", "why"),
    [
        ({"level": "maybe"}, "not reported"),
        ({"level": "not_reported", "points": "24b"}, "cites no point"),
        ({"level": "partial", "points": "99"}, "99"),
        ({"level": "partial", "points": ""}, "points"),
    ],
)
def test_a_bad_coverage_row_refuses_the_whole_release(
    engine: sa.Engine, tmp_path: Path, change: dict[str, str], why: str
) -> None:
    folder = tmp_path / "bad"
    shutil.copytree(REFERENCE_DIR, folder)
    rows = _rows(folder / "coverage.csv")
    rows[0].update(change)
    _write(folder / "coverage.csv", rows)
    regions = _rows(folder / "regions.csv")
    regions[0]["name_en"] = "Renamed in the same release"
    _write(folder / "regions.csv", regions)
    with pytest.raises(ConfigError, match=f"(?i)coverage.csv US28-2025-11.D01.*{why}"):
        _load(engine, folder)
    with Session(engine) as session:
        region = session.get(Region, regions[0]["code"])
        assert region is not None and region.name_en != "Renamed in the same release"
