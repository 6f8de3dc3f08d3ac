"""The demand mask always says what the link table says, whichever path wrote the entry."""

from __future__ import annotations

import hashlib
import io
import json
import zipfile
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session

from monitor.core import demand_mask, migrate
from monitor.core.db import make_engine, session_scope
from monitor.core.models import Evidence, Role
from monitor.services import backup, demo_data, evidence, importer
from monitor.services.accounts import system_actor
from tests.factories import demand_id, make_actor, make_evidence, restore_at

TODAY = date(2026, 11, 23)


def _entry(**overrides: object) -> dict[str, object]:
    return {
        "title": "Detained volunteer released",
        "event_start": "2026-10-01",
        "region_code": "kherson",
        "source_type": "ngo_report",
        "reliability": "B",
        "credibility": 2,
        "direction": "progress",
        "demands": "D01; D05",
        **overrides,
    }


def _masks(engine: sa.Engine) -> dict[int, int]:
    with engine.connect() as conn:
        return dict(conn.execute(sa.select(Evidence.id, Evidence.demand_mask)).all())  # type: ignore[arg-type]


def _expected(session: Session, *codes: str) -> int:
    return sum(1 << demand_id(session, c) for c in codes)


def test_bits_refuse_ids_that_do_not_fit() -> None:
    assert demand_mask.mask([1, 3]) == 0b1010
    assert demand_mask.mask([]) == 0
    for bad in (0, 63, -1):
        with pytest.raises(ValueError, match="cannot be counted"):
            demand_mask.bit(bad)


def test_create_and_edit_keep_the_mask(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        entry = evidence.create(session=session, actor=editor, data=_entry(), today=TODAY)
        entry_id = entry.id
        assert entry_id is not None
        expected = _expected(session, "D01", "D05")
    assert _masks(engine)[entry_id] == expected
    with session_scope(engine) as session:
        evidence.edit(
            session=session,
            actor=editor,
            evidence_id=entry_id,
            expected_version=1,
            data=_entry(demands="D10"),
            today=TODAY,
        )
        expected = _expected(session, "D10")
        history = evidence.view(
            session=session, entry=evidence.load(session=session, evidence_id=entry_id)
        )
        assert "demand_mask" not in history  # the audit lists demands by code, not as bits
    assert _masks(engine)[entry_id] == expected
    with Session(engine) as session:
        assert demand_mask.mismatches(session) == 0


def test_import_and_demo_data_keep_the_mask(engine: sa.Engine) -> None:
    csv = (
        b"title,event_start,region_code,source_type,reliability,credibility,direction,demands\n"
        b"Corridor opened,2026-09-01,kherson,ngo_report,B,2,progress,D03; D04\n"
        b"Passports forced,2026-09-02,crimea,media,C,3,regression,D08\n"
    )
    with session_scope(engine) as session:
        editor = make_actor(session, "ed", Role.EDITOR)
        table = importer.read_table("rows.csv", csv)
        importer.import_rows(
            session=session,
            actor=editor,
            table=table,
            mapping=importer.suggest_mapping(table.columns),
            today=TODAY,
        )
        demo_data.load_demo_data(
            session=session, actor=system_actor(session=session), evidence=300, seed=3, today=TODAY
        )
    with Session(engine) as session:
        assert demand_mask.mismatches(session) == 0
    assert all(m != 0 for m in _masks(engine).values())  # every entry concerns some demand


def test_restore_recomputes_the_mask_of_an_older_backup(engine: sa.Engine, tmp_path: Path) -> None:
    with session_scope(engine) as session:
        admin = make_actor(session, "admin", Role.ADMIN)
        make_evidence(session, admin, demands=("D02", "D09"))
    blob = backup.create(
        engine=engine,
        actor=admin,
        data_dir=tmp_path / "data",
        now=datetime(2026, 11, 23, 12, tzinfo=UTC),
    )
    # a backup written before the column existed: the same rows without it, manifest rewritten
    source = zipfile.ZipFile(io.BytesIO(blob))
    members = {name: source.read(name) for name in source.namelist()}
    rows = [json.loads(line) for line in members["tables/evidence.jsonl"].decode().splitlines()]
    for row in rows:
        del row["demand_mask"]
    members["tables/evidence.jsonl"] = "".join(json.dumps(r) + "\n" for r in rows).encode()
    members.pop("MANIFEST.sha256")
    manifest = "".join(f"{hashlib.sha256(d).hexdigest()}  {n}\n" for n, d in members.items())
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as older:
        for name, data in members.items():
            older.writestr(name, data)
        older.writestr("MANIFEST.sha256", manifest)
    target = f"sqlite:///{tmp_path / 'restored.db'}"
    restore_at(target, blob=out.getvalue(), data_dir=tmp_path / "restored")
    copy = make_engine(target)
    with Session(copy) as session:
        assert demand_mask.mismatches(session) == 0
        assert set(_masks(copy).values()) == {_expected(session, "D02", "D09")}
    copy.dispose()


def test_the_migration_fills_the_mask_of_existing_entries(database_url: str) -> None:
    engine = make_engine(database_url)
    with session_scope(engine) as session:
        actor = make_actor(session)
        make_evidence(session, actor, demands=("D01", "D07"))
        make_evidence(session, actor, demands=("D10",))
        expected = sorted([_expected(session, "D01", "D07"), _expected(session, "D10")])
    engine.dispose()
    migrate.downgrade(database_url, "0008")
    assert migrate.upgrade(database_url) is True
    engine = make_engine(database_url)
    assert sorted(_masks(engine).values()) == expected
    engine.dispose()
