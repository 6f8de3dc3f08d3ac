"""Load data/reference/ into the database: insert what is missing, and apply a reviewed new
release to the rows nobody has edited.

Every reference row is fingerprinted (`digest`) as shipped; the fingerprint of what was loaded
is kept in `reference_row`. On a later load, a row whose stored values still have the
fingerprint it was loaded with (or, for a database loaded before fingerprints existed, the
fingerprint of an earlier release listed in `releases/`) is unedited and takes the new values;
a row whose values differ from both was edited by a person and is left exactly as it is, with
a notice. Rows users added (their own drafts, codes of new drafts) are never touched. Running
it twice changes nothing. Demands, regions and drafts are never deleted (evidence and codes
point at them); a draft's points are replaced as one set, since a release may renumber them.
"""

from __future__ import annotations

import csv
import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, delete, select

from monitor.core import audit, demand_mask
from monitor.core.models import (
    AppSetting,
    AssessmentState,
    Coverage,
    CoverageLevel,
    CoverageProposal,
    Demand,
    Draft,
    DraftPoint,
    DraftStatus,
    ReferenceRow,
    Region,
    utcnow,
)
from monitor.core.permissions import Actor
from monitor.domain.points import coverage_problems, normalise_labels
from monitor.errors import ConfigError, InvalidInput
from monitor.i18n import describe
from monitor.queries.settings import REFERENCE_RELEASE
from monitor.services.accounts import system_actor

RELEASE_FILE = "release.json"
EARLIER_RELEASES = "releases"  # one CSV of fingerprints (kind, key, digest) per older release

# the columns a release sets, per kind, in fingerprint order (CSV column names)
FIELDS: dict[str, tuple[str, ...]] = {
    "region": ("katottg", "name_en", "name_uk", "position"),
    "demand": (
        "position",
        "title_en",
        "title_uk",
        "text_en",
        "text_uk",
        "text_uk_is_translation",
        "source",
        "pax_codes",
        "pam_provision",
    ),
    "draft": (
        "title",
        "title_uk",
        "original_language",
        "proponent",
        "published_on",
        "status",
        "source_url",
        "other_sources",
        "confidence",
        "supersedes",
        "notes",
    ),
    "draft_points": ("points",),
    "coverage": ("level", "points", "note", "uncertain", "legal_review", "legal_note"),
}
# what a column holds when an older release's file has no such column
DEFAULTS = {"original_language": "en", "uncertain": "false", "legal_review": "false"}
FLAGS = {"text_uk_is_translation", "humanitarian", "uncertain", "legal_review"}


@dataclass
class LoadReport:
    """What one load did: rows inserted and updated by kind, rows kept because people edited
    them, and the release now loaded."""

    release: str = ""
    inserted: dict[str, int] = field(default_factory=dict)
    updated: dict[str, int] = field(default_factory=dict)
    kept_edited: list[str] = field(default_factory=list)

    def add(self, kind: str, n: int = 1) -> None:
        self.inserted[kind] = self.inserted.get(kind, 0) + n

    def changed(self, kind: str) -> None:
        self.updated[kind] = self.updated.get(kind, 0) + 1

    @property
    def total(self) -> int:
        return sum(self.inserted.values()) + sum(self.updated.values())

    def __str__(self) -> str:
        parts = []
        if self.inserted:
            parts.append("loaded " + _counts(self.inserted))
        if self.updated:
            parts.append(f"updated to release {self.release}: " + _counts(self.updated))
        if not parts:
            parts.append(f"reference release {self.release} already loaded; nothing changed")
        if self.kept_edited:
            parts.append(
                f"kept {len(self.kept_edited)} edited row(s) as they are: "
                + ", ".join(self.kept_edited)
            )
        return "; ".join(parts)


def _counts(counts: Mapping[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in sorted(counts.items()))


def read_rows(path: Path) -> list[dict[str, str]]:
    """Rows of a UTF-8 reference CSV as dicts (BOM tolerated, so spreadsheet edits work)."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def _flag(value: object) -> bool:
    return str(value).strip().lower() in {"true", "1", "yes"}


def _text(name: str, value: object) -> str:
    """One value as a release file writes it, so a stored row and a shipped row compare."""
    if name in FLAGS:
        return "true" if _flag(value) else "false"
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def digest(kind: str, values: Mapping[str, object]) -> str:
    """The fingerprint of one reference row: its release columns, as text, in order."""
    parts = [_text(name, values.get(name, DEFAULTS.get(name, ""))) for name in FIELDS[kind]]
    return hashlib.sha256(json.dumps(parts, ensure_ascii=False).encode()).hexdigest()


def _points_value(points: list[Mapping[str, object]]) -> str:
    """A draft's points as one value (a release may renumber or relabel them together)."""
    ordered = sorted(points, key=lambda p: int(str(p["position"])))
    return json.dumps(
        [
            [
                str(p["label"]),
                str(p["position"]),
                _text("humanitarian", p["humanitarian"]),
                str(p["text"]),
                str(p.get("text_uk") or ""),
            ]
            for p in ordered
        ],
        ensure_ascii=False,
    )


@dataclass(frozen=True)
class Shipped:
    """One release as files: its rows by kind and key, and its name."""

    release: str
    rows: dict[str, dict[str, dict[str, str]]]
    points: dict[str, list[dict[str, str]]]


def read_release(folder: Path) -> Shipped:
    """The release in `folder`, keyed as the fingerprints are (coverage by 'draft|demand')."""
    meta_file = folder / RELEASE_FILE
    release = json.loads(meta_file.read_text("utf-8"))["release"] if meta_file.exists() else ""
    points: dict[str, list[dict[str, str]]] = {}
    for point in read_rows(folder / "draft_points.csv"):
        points.setdefault(point["draft"], []).append(point)
    rows = {
        "region": {r["code"]: r for r in read_rows(folder / "regions.csv")},
        "demand": {r["code"]: r for r in read_rows(folder / "demands.csv")},
        "draft": {r["code"]: r for r in read_rows(folder / "drafts.csv")},
        "draft_points": {
            code: {"points": _points_value(list(found))} for code, found in points.items()
        },
        "coverage": {
            f"{r['draft']}|{r['demand']}": {**r, "points": "; ".join(normalise_labels(r["points"]))}
            for r in read_rows(folder / "coverage.csv")
        },
    }
    return Shipped(str(release), rows, points)


def release_digests(folder: Path) -> list[tuple[str, str, str]]:
    """(kind, key, digest) of every row of the release in `folder`: what `releases/` keeps
    of an older release, so that its unedited rows can be recognised later."""
    shipped = read_release(folder)
    return sorted(
        (kind, key, digest(kind, row))
        for kind, rows in shipped.rows.items()
        for key, row in rows.items()
    )


def _earlier_digests(folder: Path) -> dict[tuple[str, str], set[str]]:
    found: dict[tuple[str, str], set[str]] = {}
    for path in sorted((folder / EARLIER_RELEASES).glob("*.csv")):
        for row in read_rows(path):
            found.setdefault((row["kind"], row["key"]), set()).add(row["digest"])
    return found


@dataclass
class _Loader:
    """One load in one session: the fingerprints known, and what was done."""

    session: Session
    actor: Actor
    shipped: Shipped
    known: dict[tuple[str, str], ReferenceRow]
    earlier: dict[tuple[str, str], set[str]]
    report: LoadReport

    def apply(
        self,
        kind: str,
        key: str,
        stored: Mapping[str, object] | None,
        insert: Callable[[], None],
        update: Callable[[], None],
    ) -> None:
        """Insert a missing row, update an unedited one, keep an edited one (with a notice)."""
        new = digest(kind, self.shipped.rows[kind][key])
        if stored is None:
            insert()
            self.report.add(_NAMES[kind])
        else:
            current = digest(kind, stored)
            recorded = self.known.get((kind, key))
            unedited = (
                current == recorded.digest
                if recorded is not None
                else current in self.earlier.get((kind, key), set())
            )
            if current != new and not unedited:
                self.report.kept_edited.append(f"{kind} {key}")
                return
            if current != new:
                update()
                self.report.changed(_NAMES[kind])
        self._record(kind, key, new)

    def _record(self, kind: str, key: str, value: str) -> None:
        row = self.known.get((kind, key)) or ReferenceRow(kind=kind, key=key, digest="", release="")
        if row.digest != value or row.release != self.shipped.release:
            row.digest, row.release = value, self.shipped.release
            self.session.add(row)
            self.known[(kind, key)] = row


_NAMES = {
    "region": "regions",
    "demand": "demands",
    "draft": "drafts",
    "draft_points": "draft point lists",
    "coverage": "coverage codes",
}


def load_reference(*, session: Session, folder: Path, actor: Actor | None = None) -> LoadReport:
    """Bring the database to the release in `folder` (see the module docstring); audited as
    one seed event. A release file that breaks a rule (a coverage level that does not exist,
    a point cited that the draft lacks) is refused whole, naming the row."""
    actor = actor or system_actor(session=session)
    shipped = read_release(folder)
    known = {(r.kind, r.key): r for r in session.exec(select(ReferenceRow)).all()}
    report = LoadReport(release=shipped.release)
    loader = _Loader(session, actor, shipped, known, _earlier_digests(folder), report)
    _load_regions(loader)
    demand_ids = _load_demands(loader)
    draft_ids = _load_drafts(loader)
    _load_points(loader, draft_ids)
    _load_coverage(loader, demand_ids, draft_ids)
    _set_release(session, shipped.release)
    session.flush()
    if report.total:  # the kept rows are named in the event of the load that skipped them
        audit.record(
            session,
            actor,
            "seed",
            "reference",
            shipped.release,
            after={
                "release": shipped.release,
                "inserted": report.inserted,
                "updated": report.updated,
                "kept_edited": report.kept_edited,
            },
        )
    return report


def _set_release(session: Session, release: str) -> None:
    row = session.get(AppSetting, REFERENCE_RELEASE) or AppSetting(key=REFERENCE_RELEASE, value="")
    if row.value != release:
        row.value, row.updated_at = release, utcnow()
        session.add(row)


def _assign(target: Any, values: Mapping[str, object]) -> None:
    for name, value in values.items():
        setattr(target, name, value)


def _load_regions(loader: _Loader) -> None:
    existing = {r.code: r for r in loader.session.exec(select(Region)).all()}
    for code, row in loader.shipped.rows["region"].items():
        values = {
            "katottg": row["katottg"],
            "name_en": row["name_en"],
            "name_uk": row["name_uk"],
            "position": int(row["position"]),
        }
        region = existing.get(code)
        loader.apply(
            "region",
            code,
            None if region is None else region.model_dump(),
            partial(loader.session.add, Region(code=code, **values)),  # type: ignore[arg-type]
            partial(_assign, region, values),
        )
    loader.session.flush()


def _demand_values(row: Mapping[str, str]) -> dict[str, object]:
    return {
        "position": int(row["position"]),
        "title_en": row["title_en"],
        "title_uk": row["title_uk"],
        "text_en": row["text_en"],
        "text_uk": row["text_uk"],
        "text_uk_is_translation": _flag(row["text_uk_is_translation"]),
        "source": row["source"],
        "pax_codes": row["pax_codes"],
        "pam_provision": row["pam_provision"],
    }


def _load_demands(loader: _Loader) -> dict[str, int]:
    session = loader.session
    existing = {d.code: d for d in session.exec(select(Demand)).all()}
    new = [code for code in loader.shipped.rows["demand"] if code not in existing]
    highest = max((d.id for d in existing.values() if d.id is not None), default=0)
    if new and highest + len(new) > demand_mask.MAX_DEMAND_ID:
        # checked before inserting, so a refused list does not use up PostgreSQL's id sequence
        raise ConfigError(
            key="config.too_many_demands",
            n=len(existing) + len(new),
            max=demand_mask.MAX_DEMAND_ID,
        )

    def insert(code: str, values: dict[str, object]) -> None:
        demand = Demand(code=code, **values)  # type: ignore[arg-type]
        session.add(demand)
        session.flush()
        assert demand.id is not None
        demand_mask.bit(demand.id)  # refuses, and so rolls back, a demand the Overview can't count
        existing[code] = demand

    for code, row in loader.shipped.rows["demand"].items():
        values = _demand_values(row)
        demand = existing.get(code)
        loader.apply(
            "demand",
            code,
            None if demand is None else demand.model_dump(),
            partial(insert, code, values),
            partial(_assign, demand, values),
        )
    session.flush()
    return {code: int(d.id) for code, d in existing.items() if d.id is not None}


def _draft_values(row: Mapping[str, str], ids: Mapping[str, int]) -> dict[str, object]:
    supersedes = row.get("supersedes", "").strip()
    return {
        "title": row["title"],
        "title_uk": row.get("title_uk", ""),
        "original_language": row.get("original_language") or "en",
        "proponent": row["proponent"],
        "published_on": date.fromisoformat(row["published_on"]),
        "status": DraftStatus(row["status"]),
        "source_url": row["source_url"],
        "other_sources": row.get("other_sources", ""),
        "confidence": row["confidence"],
        "notes": row["notes"],
        "supersedes_id": ids.get(supersedes) if supersedes else None,
    }


def _load_drafts(loader: _Loader) -> dict[str, int]:
    session = loader.session
    drafts = {d.code: d for d in session.exec(select(Draft)).all()}
    ids = {code: int(d.id) for code, d in drafts.items() if d.id is not None}
    by_id = {i: code for code, i in ids.items()}

    def insert(code: str, values: dict[str, object]) -> None:
        draft = Draft(code=code, **values)  # type: ignore[arg-type]
        session.add(draft)
        session.flush()
        assert draft.id is not None
        ids[code], by_id[draft.id] = draft.id, code

    for code, row in loader.shipped.rows["draft"].items():  # a release lists older drafts first
        values = _draft_values(row, ids)
        draft = drafts.get(code)
        stored = None
        if draft is not None:
            stored = {**draft.model_dump(), "supersedes": by_id.get(draft.supersedes_id or 0, "")}
        loader.apply(
            "draft",
            code,
            stored,
            partial(insert, code, values),
            partial(_assign, draft, values),
        )
    session.flush()
    return ids


def _load_points(loader: _Loader, draft_ids: Mapping[str, int]) -> None:
    session = loader.session
    for code in loader.shipped.rows["draft_points"]:
        draft_id = draft_ids[code]
        stored = session.exec(select(DraftPoint).where(DraftPoint.draft_id == draft_id)).all()

        def replace(draft_id: int, code: str) -> None:
            session.execute(delete(DraftPoint).where(col(DraftPoint.draft_id) == draft_id))
            session.flush()  # positions and labels are unique per draft: old ones go first
            for point in loader.shipped.points[code]:
                session.add(
                    DraftPoint(
                        draft_id=draft_id,
                        label=point["label"],
                        position=int(point["position"]),
                        humanitarian=_flag(point["humanitarian"]),
                        text=point["text"],
                        text_uk=point.get("text_uk", ""),
                    )
                )

        loader.apply(
            "draft_points",
            code,
            {"points": _points_value([p.model_dump() for p in stored])} if stored else None,
            partial(replace, draft_id, code),
            partial(replace, draft_id, code),
        )
    session.flush()


def _coverage_values(row: Mapping[str, str], known: set[str], where: str) -> dict[str, object]:
    """A coverage row of the release, checked by the same rule as the coding form."""
    try:
        level = CoverageLevel(row["level"])
    except ValueError:
        raise ConfigError(
            key="config.reference_row",
            where=where,
            why=describe(
                InvalidInput({"level": ("invalid.choice", {"choices": tuple(CoverageLevel)})}),
                "en",
            ),
        ) from None
    labels = normalise_labels(row["points"])
    problems = coverage_problems(level, labels, known)
    if problems:
        raise ConfigError(
            key="config.reference_row", where=where, why=describe(InvalidInput(problems), "en")
        )
    return {
        "level": level,
        "point_labels": "; ".join(labels),
        "note": row["note"],
        "uncertain": _flag(row["uncertain"]),
        "legal_review": _flag(row.get("legal_review", "")),
        "legal_note": row.get("legal_note", ""),
    }


def _load_coverage(
    loader: _Loader, demand_ids: Mapping[str, int], draft_ids: Mapping[str, int]
) -> None:
    session, actor = loader.session, loader.actor
    cells = {(c.draft_id, c.demand_id): c for c in session.exec(select(Coverage)).all()}
    labels: dict[int, set[str]] = {}
    for point in session.exec(select(DraftPoint)).all():
        labels.setdefault(point.draft_id, set()).add(point.label)

    def publish(key: tuple[int, int], values: dict[str, object]) -> None:
        cell = cells.get(key) or Coverage(
            draft_id=key[0], demand_id=key[1], level=CoverageLevel.ABSENT, updated_by=actor.id
        )
        _assign(cell, {**values, "updated_at": utcnow(), "updated_by": actor.id})
        session.add(cell)
        session.add(  # the cell's history: the release published this code
            CoverageProposal(
                draft_id=key[0],
                demand_id=key[1],
                author_id=actor.id,
                approver_id=actor.id,
                state=AssessmentState.PUBLISHED,
                self_approved=True,
                decided_at=utcnow(),
                reason=f"reference release {loader.shipped.release}",
                **values,  # type: ignore[arg-type]
            )
        )

    for name, row in loader.shipped.rows["coverage"].items():
        key = (draft_ids[row["draft"]], demand_ids[row["demand"]])
        values = _coverage_values(row, labels.get(key[0], set()), f"coverage.csv {name}")
        cell = cells.get(key)
        stored = None
        if cell is not None:
            stored = {**cell.model_dump(), "points": cell.point_labels}
        loader.apply(
            "coverage", name, stored, partial(publish, key, values), partial(publish, key, values)
        )
    session.flush()
