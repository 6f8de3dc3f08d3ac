"""Reference loading: everything in the files arrives; loading twice changes nothing."""

import csv
import shutil
from collections import Counter
from pathlib import Path

import pytest
import sqlalchemy as sa
from sqlmodel import Session, select

from monitor.core.db import session_scope
from monitor.core.models import AuditEvent, Coverage, Demand, Draft, DraftPoint, Region
from monitor.errors import ConfigError
from monitor.services.reference import load_reference
from tests.conftest import REFERENCE_DIR


def _csv(name: str) -> list[dict[str, str]]:
    with (REFERENCE_DIR / name).open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _count(session: Session, model: type) -> int:
    return int(session.exec(select(sa.func.count()).select_from(model)).one())


def test_everything_in_the_files_is_loaded(engine: sa.Engine) -> None:
    with Session(engine) as session:
        assert _count(session, Demand) == len(_csv("demands.csv")) == 10
        assert _count(session, Region) == len(_csv("regions.csv")) == 8
        assert _count(session, Draft) == len(_csv("drafts.csv"))
        assert _count(session, DraftPoint) == len(_csv("draft_points.csv"))
        assert (
            _count(session, Coverage) == len(_csv("coverage.csv")) == 10 * len(_csv("drafts.csv"))
        )
        d08 = session.exec(select(Demand).where(Demand.code == "D08")).one()
        assert "паспорт" in d08.text_uk
        assert d08.text_uk_is_translation
        assert d08.pax_codes.startswith("HrCit")


def test_drafts_keep_their_supersedes_chain(engine: sa.Engine) -> None:
    with Session(engine) as session:
        drafts = {d.code: d for d in session.exec(select(Draft)).all()}
    assert drafts["UA20-2025-12"].supersedes_id == drafts["GENEVA19-2025-11"].id
    assert drafts["GENEVA19-2025-11"].supersedes_id == drafts["US28-2025-11"].id


def test_coverage_levels_match_the_file(engine: sa.Engine) -> None:
    expected = Counter(row["level"] for row in _csv("coverage.csv"))
    with Session(engine) as session:
        levels = Counter(str(c.level) for c in session.exec(select(Coverage)).all())
    assert levels == expected
    assert levels["contradicts"] == 2
    assert levels["not_reported"] == 10  # the Geneva text was never published


def test_loading_twice_changes_nothing_and_keeps_user_edits(engine: sa.Engine) -> None:
    with session_scope(engine) as session:
        demand = session.exec(select(Demand).where(Demand.code == "D01")).one()
        demand.title_en = "Edited by a user"
    with session_scope(engine) as session:
        events_before = _count(session, AuditEvent)
        report = load_reference(session=session, folder=REFERENCE_DIR)
    assert report.total == 0
    assert "nothing changed" in str(report)
    with Session(engine) as session:
        assert _count(session, AuditEvent) == events_before
        demand = session.exec(select(Demand).where(Demand.code == "D01")).one()
        assert demand.title_en == "Edited by a user"
        assert _count(session, DraftPoint) == len(_csv("draft_points.csv"))


def test_a_demand_list_the_overview_cannot_count_is_refused_whole(
    engine: sa.Engine, tmp_path: Path
) -> None:
    folder = tmp_path / "reference"
    shutil.copytree(REFERENCE_DIR, folder)
    rows = _csv("demands.csv")
    extra = [{**rows[0], "code": f"X{n:02d}", "position": str(n)} for n in range(11, 64)]
    with (folder / "demands.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows + extra)
    with pytest.raises(ConfigError, match="cannot be counted"), session_scope(engine) as session:
        load_reference(session=session, folder=folder)
    with Session(engine) as session:
        assert _count(session, Demand) == 10  # the 52 that fitted were not kept either
