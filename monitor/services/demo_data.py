"""Deterministic synthetic evidence and status history, for demos and benchmarks.

The same seed gives the same rows on any machine. Rows are bulk-inserted with Core in chunks,
so 100,000 entries load in seconds; ids are assigned here so links need no round trips.
"""

from __future__ import annotations

import random
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session, col, select

from monitor.core import audit, demand_mask, search_text
from monitor.core.models import (
    Assessment,
    AssessmentState,
    Demand,
    Direction,
    Evidence,
    EvidenceDemand,
    Region,
    Reliability,
    Sensitivity,
    SourceType,
    Verification,
    table_of,
)
from monitor.core.permissions import Actor
from monitor.errors import ConfigError
from monitor.services import incidents

WAR_START = date(2022, 2, 24)
CHUNK = 5000
_UID_NAMESPACE = uuid.UUID("6f1d3c52-0d47-4b8e-9a56-1e2f3b4c5d6e")

_SUBJECTS = {
    "D01": ("civilian detained", "release of a detained civilian", "hostage held incommunicado"),
    "D02": ("criminal case opened", "administrative fine for a Ukrainian song", "search of a home"),
    "D03": ("checkpoint closed", "crossing refused at the line", "corridor opened for evacuation"),
    "D04": ("aid convoy refused", "humanitarian access granted", "aid distribution blocked"),
    "D05": ("search team refused access", "missing person located", "remains identified"),
    "D06": ("monitors denied entry", "monitoring visit held", "observer mission proposed"),
    "D07": ("mine incident in a village", "demining of a school", "unexploded ordnance near homes"),
    "D08": (
        "passport required for a pension",
        "resident refused without passport",
        "forced passport",
    ),
    "D09": ("hospital care refused", "pension paid across the line", "school forced curriculum"),
    "D10": ("family returned home", "deported child returned", "displacement to Russia reported"),
}
_SETTLEMENTS = {
    "crimea": ("Сімферополь", "Джанкой", "Бахчисарай"),
    "sevastopol": ("Севастополь",),
    "donetsk": ("Маріуполь", "Донецьк", "Горлівка"),
    "luhansk": ("Луганськ", "Сєвєродонецьк", "Алчевськ"),
    "zaporizhzhia": ("Мелітополь", "Енергодар", "Бердянськ"),
    "kherson": ("Генічеськ", "Скадовськ", "Нова Каховка"),
    "kharkiv": ("Куп'янськ", "Вовчанськ"),
}


@dataclass(frozen=True)
class DemoReport:
    evidence: int
    links: int
    assessments: int

    def __str__(self) -> str:
        return (
            f"added {self.evidence} evidence entries ({self.links} demand links) "
            f"and {self.assessments} status assessments"
        )


def demo_uid(seed: int, index: int) -> str:
    """Stable id of the index-th demo entry of a seed."""
    return str(uuid.uuid5(_UID_NAMESPACE, f"{seed}:{index}"))


def _weighted(rng: random.Random, choices: Sequence[tuple[object, float]]) -> object:
    return rng.choices([c for c, _ in choices], weights=[w for _, w in choices])[0]


def generate_evidence(
    n: int, seed: int, *, demand_ids: dict[str, int], regions: list[str], today: date, actor_id: int
) -> tuple[list[dict[str, object]], list[tuple[int, str]]]:
    """n evidence rows (without ids) and their (row index, demand code) links."""
    rng = random.Random(seed)
    codes = sorted(demand_ids)
    demand_weights = [(c, 3.0 if c in ("D01", "D02", "D08", "D10") else 1.0) for c in codes]
    region_weights = [
        (r, 2.0 if r in ("crimea", "donetsk", "zaporizhzhia") else 1.0) for r in regions
    ]
    span = (today - WAR_START).days
    rows: list[dict[str, object]] = []
    links: list[tuple[int, str]] = []
    for i in range(n):
        first = str(_weighted(rng, demand_weights))
        concerned = {first}
        if rng.random() < 0.25:
            concerned.add(rng.choice(codes))
        region = str(_weighted(rng, region_weights))
        # recent months carry more evidence, as documentation grows
        start = today - timedelta(days=int(span * (1 - rng.random() ** 0.7)))
        end = start + timedelta(days=rng.randint(1, 40)) if rng.random() < 0.15 else None
        if end is not None and end > today:
            end = today
        created = datetime.combine(
            min(start + timedelta(days=rng.randint(0, 20)), today), time(12), UTC
        )
        subject = rng.choice(_SUBJECTS.get(first, ("event documented",)))
        settlement = rng.choice(_SETTLEMENTS.get(region, ("",))) if rng.random() < 0.6 else None
        withdrawn = rng.random() < 0.01
        rows.append(
            {
                "uid": demo_uid(seed, i),
                "title": subject[0].upper()
                + subject[1:]
                + (f" ({settlement})" if settlement else ""),
                "description": f"Synthetic demo entry {i} for {', '.join(sorted(concerned))}.",
                "event_start": start,
                "event_end": end,
                "region_code": region,
                "settlement_name": settlement,
                "source_type": _weighted(
                    rng,
                    [
                        (SourceType.NGO_REPORT, 4),
                        (SourceType.MEDIA, 3),
                        (SourceType.WITNESS, 2),
                        (SourceType.UN_REPORT, 1),
                        (SourceType.OFFICIAL, 1),
                        (SourceType.SOCIAL_MEDIA, 1.5),
                        (SourceType.COURT, 0.3),
                        (SourceType.OTHER, 0.2),
                    ],
                ),
                "source_url": f"https://reports.example.org/{seed}/{i}",
                "source_title": f"Report {seed}-{i}",
                "reliability": rng.choice(list(Reliability)),
                "credibility": rng.randint(1, 6),
                "direction": _weighted(
                    rng,
                    [(Direction.REGRESSION, 6), (Direction.NEUTRAL, 2), (Direction.PROGRESS, 1.5)],
                ),
                "language": rng.choice(("uk", "uk", "en", "crh")),
                "people_count": rng.randint(1, 40) if rng.random() < 0.7 else None,
                "verification": _weighted(
                    rng,
                    [
                        (Verification.UNVERIFIED, 3),
                        (Verification.CORROBORATED, 3),
                        (Verification.VERIFIED, 4),
                    ],
                ),
                "sensitivity": _weighted(
                    rng,
                    [
                        (Sensitivity.PUBLIC, 16),
                        (Sensitivity.RESTRICTED, 3),
                        (Sensitivity.CONFIDENTIAL, 1),
                    ],
                ),
                "withdrawn_at": created + timedelta(days=3) if withdrawn else None,
                "withdrawn_reason": "duplicate of another report" if withdrawn else None,
                "version": 1,
                "created_at": created,
                "created_by": actor_id,
                "updated_at": created,
                "updated_by": actor_id,
            }
        )
        links.extend((i, code) for code in sorted(concerned))
    return rows, links


def generate_assessments(
    seed: int, *, demand_ids: dict[str, int], today: date, actor_id: int
) -> list[dict[str, object]]:
    """A quarterly status history per demand: a slow random walk on the 0..3 scale."""
    rng = random.Random(seed * 7919 + 1)
    rows: list[dict[str, object]] = []
    for code in sorted(demand_ids):
        score = rng.choice((0, 0, 1))
        day = date(2023, 1, 15)
        while day <= today:
            step = rng.random()
            score = max(0, min(3, score + (1 if step > 0.85 else -1 if step < 0.1 else 0)))
            rows.append(
                {
                    "demand_id": demand_ids[code],
                    "assessed_on": day,
                    "score": score,
                    "rationale": f"Synthetic quarterly assessment of {code}.",
                    "state": AssessmentState.PUBLISHED,
                    "self_approved": True,
                    "author_id": actor_id,
                    "approver_id": actor_id,
                    "decided_at": datetime.combine(day, time(12), UTC),
                    "created_at": datetime.combine(day, time(12), UTC),
                }
            )
            day = (day.replace(day=1) + timedelta(days=95)).replace(day=15)
    return rows


def load_demo_data(
    *, session: Session, actor: Actor, evidence: int, seed: int, today: date
) -> DemoReport:
    """Insert `evidence` synthetic entries and a status history, unless this seed is loaded."""
    if session.exec(select(Evidence.id).where(Evidence.uid == demo_uid(seed, 0))).first():
        return DemoReport(0, 0, 0)
    demand_ids = {d.code: d.id for d in session.exec(select(Demand)).all() if d.id is not None}
    regions = [r for r in session.exec(select(Region.code).order_by(col(Region.position))).all()]
    if not demand_ids or not regions:
        raise ConfigError(key="config.no_reference")
    rows, links = generate_evidence(
        evidence, seed, demand_ids=demand_ids, regions=regions, today=today, actor_id=actor.id
    )
    first_id = int(session.execute(sa.select(sa.func.max(Evidence.id))).scalar() or 0) + 1
    masks: dict[int, int] = {}
    for i, code in links:
        masks[i] = masks.get(i, 0) | demand_mask.bit(demand_ids[code])
    for offset, row in enumerate(rows):
        row["id"] = first_id + offset
        row["demand_mask"] = masks.get(offset, 0)
        row["search_text"] = search_text.build(row)
        row.update(incidents.stored_keys(row))  # found as duplicates like any entry
    table, link_table = table_of(Evidence), table_of(EvidenceDemand)
    link_rows = [{"evidence_id": first_id + i, "demand_id": demand_ids[c]} for i, c in links]
    for start in range(0, len(rows), CHUNK):
        session.execute(sa.insert(table), rows[start : start + CHUNK])
    for start in range(0, len(link_rows), CHUNK):
        session.execute(sa.insert(link_table), link_rows[start : start + CHUNK])
    assessments = generate_assessments(seed, demand_ids=demand_ids, today=today, actor_id=actor.id)
    if assessments:
        session.execute(sa.insert(table_of(Assessment)), assessments)
    if session.get_bind().dialect.name == "postgresql":
        for name in ("evidence", "assessment"):
            session.execute(
                sa.text(
                    f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                    f"(SELECT COALESCE(MAX(id), 1) FROM {name}))"
                )
            )
    report = DemoReport(len(rows), len(link_rows), len(assessments))
    audit.record(session, actor, "demo-data", "evidence", after={"seed": seed, **report.__dict__})
    return report
