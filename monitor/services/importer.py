"""Bulk import of evidence from CSV or XLSX: map columns, check every row, then all or nothing.

Rows carry a stable id: an id that exists updates that entry (with the version check), a new id
creates one, and a row without an id gets an id derived from its content, so importing the same
file twice changes nothing the second time.
"""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
from sqlmodel import Session, select

from monitor.core import audit, limits
from monitor.core.inputs import EvidenceInput, ImportRowInput
from monitor.core.models import Evidence, Region
from monitor.core.permissions import Action, Actor, require
from monitor.core.validation import parse
from monitor.domain.columns import IMPORT_FIELDS, suggest_field
from monitor.domain.csv_files import unescape_cell
from monitor.errors import InvalidInput, Problem
from monitor.i18n import LANGUAGES, enum_labels
from monitor.services import evidence

_CONTENT_NAMESPACE = uuid.UUID("0b6a3f4e-7c1d-4d59-8f0a-2a4d9d6c1e77")


class ImportRefused(InvalidInput):
    """Some rows are invalid; nothing was imported. `rows` maps row number -> field problems.

    What it says names the first bad row and its problems (as a refusal of those fields).
    """

    key = "import.refused"

    def __init__(self, rows: Mapping[int, Mapping[str, Problem]]) -> None:
        first = min(rows)
        self.rows = rows
        super().__init__({}, n=len(rows), row=first, reasons=InvalidInput(rows[first]))


@dataclass
class RowCheck:
    """What importing one row would do."""

    row: int
    uid: str
    action: str  # create | update | unchanged | invalid
    problems: dict[str, Problem] = field(default_factory=dict)


@dataclass
class ImportReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self) -> str:
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def read_table(filename: str, data: bytes) -> pd.DataFrame:
    """The cells of a CSV (UTF-8 or Windows-1251; comma, semicolon or tab) or XLSX, as text."""
    if len(data) > limits.IMPORT_FILE_MB * 2**20:
        raise InvalidInput({"file": ("attachment.too_large", {"max_mb": limits.IMPORT_FILE_MB})})
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            problem = ("import.unreadable", {"reason": type(exc).__name__})
            raise InvalidInput({"file": problem}) from None
    elif suffix in (".csv", ".txt"):
        text = _decode(data)
        try:
            dialect = csv.Sniffer().sniff(text[:20000], delimiters=",;\t")
            delimiter = dialect.delimiter
        except csv.Error:
            delimiter = ","
        try:
            frame = pd.read_csv(
                io.StringIO(text), sep=delimiter, dtype=str, keep_default_na=False, engine="python"
            )
        except (pd.errors.ParserError, csv.Error) as exc:
            problem = ("import.unreadable", {"reason": str(exc)[:200]})
            raise InvalidInput({"file": problem}) from None
    else:
        raise InvalidInput({"file": ("import.bad_type", {})})
    if len(frame) > limits.IMPORT_ROWS:
        raise InvalidInput({"file": ("import.too_many_rows", {"max": limits.IMPORT_ROWS})})
    frame.columns = [str(c).strip() for c in frame.columns]
    return frame


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1251")


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """Column -> field for every header we recognise (each field used once)."""
    mapping: dict[str, str] = {}
    for column in columns:
        target = suggest_field(column)
        if target and target not in mapping.values():
            mapping[column] = target
    return mapping


_CATEGORY_FIELDS = ("source_type", "reliability", "direction", "language", "sensitivity")


def category_maps(*, session: Session) -> dict[str, dict[str, str]]:
    """Labels in either language (as an exported briefing has them) -> stored codes."""
    maps: dict[str, dict[str, str]] = {name: {} for name in (*_CATEGORY_FIELDS, "region_code")}
    for name in _CATEGORY_FIELDS:
        for lang in LANGUAGES:
            for code, label in enum_labels(name, lang).items():
                maps[name][label.casefold()] = code
    for region in session.exec(select(Region)).all():
        for name in (region.name_en, region.name_uk, region.code):
            maps["region_code"][name.casefold()] = region.code
    return maps


def _row_data(
    record: Mapping[str, Any],
    mapping: Mapping[str, str],
    categories: Mapping[str, Mapping[str, str]],
) -> dict[str, Any]:
    data = {
        target: unescape_cell(record[column])
        for column, target in mapping.items()
        if target in IMPORT_FIELDS
    }
    for name, known in categories.items():
        value = data.get(name)
        if isinstance(value, str) and value.strip().casefold() in known:
            data[name] = known[value.strip().casefold()]
    data.setdefault("language", "uk")
    data.setdefault("sensitivity", "public")
    for key in ("language", "sensitivity"):
        if data[key] == "":
            data[key] = "uk" if key == "language" else "public"
    return data


def content_uid(data: Mapping[str, Any]) -> str:
    """A stable id for a row that has none, so a re-import finds the same entry."""
    body = "\x1f".join(
        f"{k}={data.get(k, '')}" for k in sorted(IMPORT_FIELDS) if k not in ("uid", "version")
    )
    return str(uuid.uuid5(_CONTENT_NAMESPACE, body))


def _same(current: dict[str, Any], checked: EvidenceInput) -> bool:
    wanted = {**checked.model_dump(), "demands": sorted(checked.demands)}
    have = {**current, "demands": sorted(current["demands"])}
    for name, value in wanted.items():
        old = have.get(name)
        new = getattr(value, "value", value)
        if isinstance(new, date):
            new = new.isoformat()
        if old != new:
            return False
    return True


def _row_ids(data: dict[str, Any]) -> tuple[ImportRowInput, dict[str, Problem]]:
    """The row's id and version, taken out of `data` and checked as every text is; a refused
    one counts as blank (so nothing unstorable reaches a query) and brings its problem."""
    raw = {name: str(data.pop(name, "") or "").strip() for name in ("uid", "version")}
    try:
        return parse(ImportRowInput, raw), {}
    except InvalidInput as err:
        return ImportRowInput(), dict(err.problems)


def check_rows(
    *, session: Session, frame: pd.DataFrame, mapping: Mapping[str, str], today: date
) -> list[RowCheck]:
    """Validate every row (1-based, as a spreadsheet counts data rows) without writing."""
    results: list[RowCheck] = []
    seen: dict[str, int] = {}
    categories = category_maps(session=session)
    for index, record in enumerate(frame.to_dict(orient="records"), start=1):
        data = _row_data(record, mapping, categories)
        ids, id_problems = _row_ids(data)
        uid, version = ids.uid or content_uid(data), ids.version
        check = RowCheck(index, uid, "create", id_problems)
        if uid in seen:
            check.problems["uid"] = ("invalid.duplicate", {"value": f"row {seen[uid]}"})
        seen.setdefault(uid, index)
        try:
            checked = evidence.validate(session=session, data=data, today=today)
        except InvalidInput as err:
            check.problems.update(err.problems)
            checked = None
        existing = session.exec(select(Evidence).where(Evidence.uid == uid)).first()
        if existing is not None and checked is not None:
            if _same(evidence.view(session=session, entry=existing), checked):
                check.action = "unchanged"
            elif not version.isdigit():
                check.problems["version"] = ("import.version_needed", {})
            elif int(version) != existing.version:
                check.problems["version"] = (
                    "import.stale_version",
                    {"file": version, "current": existing.version},
                )
            else:
                check.action = "update"
        if check.problems:
            check.action = "invalid"
        results.append(check)
    return results


def import_rows(
    *,
    session: Session,
    actor: Actor,
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    today: date,
    source: str = "",
) -> ImportReport:
    """Import every row in the caller's transaction, or refuse them all with row-level reasons."""
    require(actor, Action.EDIT)
    checks = check_rows(session=session, frame=frame, mapping=mapping, today=today)
    bad = {c.row: c.problems for c in checks if c.problems}
    if bad:
        raise ImportRefused(bad)
    report = ImportReport()
    records = frame.to_dict(orient="records")
    categories = category_maps(session=session)
    for check in checks:
        data = _row_data(records[check.row - 1], mapping, categories)
        data.pop("uid", None)
        data.pop("version", None)
        try:
            if check.action == "create":
                evidence.create(session=session, actor=actor, data=data, today=today, uid=check.uid)
                report.created += 1
            elif check.action == "update":
                existing = session.exec(select(Evidence).where(Evidence.uid == check.uid)).one()
                assert existing.id is not None
                evidence.edit(
                    session=session,
                    actor=actor,
                    evidence_id=existing.id,
                    expected_version=existing.version,
                    data=data,
                    today=today,
                )
                report.updated += 1
            else:
                report.unchanged += 1
        except InvalidInput as err:
            raise ImportRefused({check.row: err.problems}) from None
    audit.record(session, actor, "import", "evidence", after={"source": source, **report.__dict__})
    return report
