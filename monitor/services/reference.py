"""Idempotent load of data/reference/: demands, regions, drafts, their points and coverage.

Loading only inserts what is missing, keyed by natural codes (demand code, region code, draft
code, draft x demand). It never updates a row that exists, so whatever users edited in the
database stays as they left it, and running it twice changes nothing.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from sqlmodel import Session, select

from monitor.core import audit, demand_mask
from monitor.core.models import (
    Coverage,
    CoverageLevel,
    Demand,
    Draft,
    DraftPoint,
    DraftStatus,
    Region,
)
from monitor.core.permissions import Actor
from monitor.errors import ConfigError
from monitor.services.accounts import system_actor


@dataclass
class LoadReport:
    """How many rows of each kind this load inserted."""

    inserted: dict[str, int] = field(default_factory=dict)

    def add(self, kind: str, n: int = 1) -> None:
        self.inserted[kind] = self.inserted.get(kind, 0) + n

    @property
    def total(self) -> int:
        return sum(self.inserted.values())

    def __str__(self) -> str:
        if not self.total:
            return "reference data already loaded; nothing changed"
        return "loaded " + ", ".join(f"{n} {kind}" for kind, n in sorted(self.inserted.items()))


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 reference CSV as dicts (BOM tolerated, so spreadsheet edits work)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _flag(value: str) -> bool:
    return value.strip().lower() in {"true", "1", "yes"}


def load_reference(*, session: Session, folder: Path, actor: Actor | None = None) -> LoadReport:
    """Insert the missing reference rows from `folder`, audited as one seed event."""
    actor = actor or system_actor(session=session)
    report = LoadReport()
    _load_regions(session, read_rows(folder / "regions.csv"), report)
    demand_ids = _load_demands(session, read_rows(folder / "demands.csv"), report)
    draft_ids = _load_drafts(session, folder, report)
    _load_coverage(
        session, read_rows(folder / "coverage.csv"), demand_ids, draft_ids, actor, report
    )
    if report.total:
        audit.record(session, actor, "seed", "reference", after=report.inserted)
    return report


def _load_regions(session: Session, rows: list[dict[str, str]], report: LoadReport) -> None:
    existing = set(session.exec(select(Region.code)).all())
    for row in rows:
        if row["code"] not in existing:
            session.add(
                Region(
                    code=row["code"],
                    katottg=row["katottg"],
                    name_en=row["name_en"],
                    name_uk=row["name_uk"],
                    position=int(row["position"]),
                )
            )
            report.add("regions")
    session.flush()


def _load_demands(
    session: Session, rows: list[dict[str, str]], report: LoadReport
) -> dict[str, int]:
    existing = {d.code: d.id for d in session.exec(select(Demand)).all()}
    new = [row for row in rows if row["code"] not in existing]
    highest = max((i for i in existing.values() if i is not None), default=0)
    if new and highest + len(new) > demand_mask.MAX_DEMAND_ID:
        # checked before inserting, so a refused list does not use up PostgreSQL's id sequence
        raise ConfigError(
            key="config.too_many_demands",
            n=len(existing) + len(new),
            max=demand_mask.MAX_DEMAND_ID,
        )
    for row in new:
        demand = Demand(
            code=row["code"],
            position=int(row["position"]),
            title_en=row["title_en"],
            title_uk=row["title_uk"],
            text_en=row["text_en"],
            text_uk=row["text_uk"],
            text_uk_is_translation=_flag(row["text_uk_is_translation"]),
            source=row["source"],
            pax_codes=row["pax_codes"],
            pam_provision=row["pam_provision"],
        )
        session.add(demand)
        session.flush()
        assert demand.id is not None
        demand_mask.bit(demand.id)  # refuses, and so rolls back, a demand the Overview can't count
        existing[demand.code] = demand.id
        report.add("demands")
    return {code: int(i) for code, i in existing.items() if i is not None}


def _load_drafts(session: Session, folder: Path, report: LoadReport) -> dict[str, int]:
    existing = {d.code: d.id for d in session.exec(select(Draft)).all()}
    points = read_rows(folder / "draft_points.csv")
    for row in read_rows(folder / "drafts.csv"):
        if row["code"] in existing:
            continue
        supersedes = row["supersedes"].strip()
        draft = Draft(
            code=row["code"],
            title=row["title"],
            proponent=row["proponent"],
            published_on=date.fromisoformat(row["published_on"]),
            status=DraftStatus(row["status"]),
            source_url=row["source_url"],
            confidence=row["confidence"],
            notes=row["notes"],
            supersedes_id=existing.get(supersedes) if supersedes else None,
        )
        session.add(draft)
        session.flush()
        assert draft.id is not None
        existing[draft.code] = draft.id
        report.add("drafts")
        for point in (p for p in points if p["draft"] == draft.code):
            session.add(
                DraftPoint(
                    draft_id=draft.id,
                    label=point["label"],
                    position=int(point["position"]),
                    humanitarian=_flag(point["humanitarian"]),
                    text=point["text"],
                )
            )
            report.add("draft points")
    session.flush()
    return {code: int(i) for code, i in existing.items() if i is not None}


def _load_coverage(
    session: Session,
    rows: list[dict[str, str]],
    demand_ids: dict[str, int],
    draft_ids: dict[str, int],
    actor: Actor,
    report: LoadReport,
) -> None:
    existing = set(session.exec(select(Coverage.draft_id, Coverage.demand_id)).all())
    for row in rows:
        key = (draft_ids[row["draft"]], demand_ids[row["demand"]])
        if key in existing:
            continue
        session.add(
            Coverage(
                draft_id=key[0],
                demand_id=key[1],
                level=CoverageLevel(row["level"]),
                point_labels=row["points"],
                note=row["note"],
                uncertain=_flag(row["uncertain"]),
                updated_by=actor.id,
            )
        )
        existing.add(key)
        report.add("coverage codes")
    session.flush()
