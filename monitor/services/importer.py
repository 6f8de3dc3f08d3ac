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

from monitor import audit
from monitor.auth import Actor, require
from monitor.columns import IMPORT_FIELDS, suggest_field
from monitor.errors import InvalidInput
from monitor.i18n import CATALOGUE, t
from monitor.models import Evidence, Region, Role
from monitor.services import evidence
from monitor.validation import Problem, refuse

MAX_ROWS = 50_000
_CONTENT_NAMESPACE = uuid.UUID("0b6a3f4e-7c1d-4d59-8f0a-2a4d9d6c1e77")


class ImportRefused(InvalidInput):
    """Some rows are invalid; nothing was imported. `rows` maps row number -> field problems."""

    key = "import.refused"

    def __init__(self, rows: dict[int, dict[str, Problem]]) -> None:
        first = min(rows)
        fields = {
            f"row {n}": "; ".join(
                f"{name}: {t(key, 'en', **params)}" for name, (key, params) in p.items()
            )
            for n, p in rows.items()
        }
        super().__init__(fields, key=self.key)
        self.rows = rows
        self.args = (
            f"{len(rows)} rows are invalid, nothing was imported "
            f"(first: row {first}: {fields[f'row {first}']})",
        )


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
    suffix = Path(filename).suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        try:
            frame = pd.read_excel(io.BytesIO(data), dtype=str, keep_default_na=False)
        except Exception as exc:  # openpyxl raises many kinds on a damaged file
            raise refuse({"file": ("import.unreadable", {"reason": type(exc).__name__})}) from None
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
            raise refuse({"file": ("import.unreadable", {"reason": str(exc)[:200]})}) from None
    else:
        raise refuse({"file": ("import.bad_type", {})})
    if len(frame) > MAX_ROWS:
        raise refuse({"file": ("import.too_many_rows", {"max": MAX_ROWS})})
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


def unescape_cell(value: Any) -> Any:
    """Undo the export's formula guard ('=x -> =x), so a briefing round-trips exactly."""
    if isinstance(value, str) and value.startswith("'") and value[1:2] and value[1] in "=+-@\t\r\n":
        return value[1:]
    return value


_CATEGORY_FIELDS = ("source_type", "reliability", "direction", "language", "sensitivity")


def category_maps(session: Session) -> dict[str, dict[str, str]]:
    """Labels in either language (as an exported briefing has them) -> stored codes."""
    maps: dict[str, dict[str, str]] = {name: {} for name in (*_CATEGORY_FIELDS, "region_code")}
    for key, texts in CATALOGUE.items():
        parts = key.split(".")
        if len(parts) == 3 and parts[0] == "enum" and parts[1] in _CATEGORY_FIELDS:
            for text in texts.values():
                maps[parts[1]][text.casefold()] = parts[2]
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


def _same(current: dict[str, Any], checked: evidence.EvidenceInput) -> bool:
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


def check_rows(
    session: Session, frame: pd.DataFrame, mapping: Mapping[str, str], *, today: date
) -> list[RowCheck]:
    """Validate every row (1-based, as a spreadsheet counts data rows) without writing."""
    results: list[RowCheck] = []
    seen: dict[str, int] = {}
    categories = category_maps(session)
    for index, record in enumerate(frame.to_dict(orient="records"), start=1):
        data = _row_data(record, mapping, categories)
        uid = str(data.pop("uid", "") or "").strip() or content_uid(data)
        version = str(data.pop("version", "") or "").strip()
        check = RowCheck(index, uid, "create")
        if uid in seen:
            check.problems["uid"] = ("invalid.duplicate", {"value": f"row {seen[uid]}"})
        seen.setdefault(uid, index)
        try:
            checked = evidence.validate(session, data, today=today)
        except InvalidInput as err:
            check.problems.update(err.problems)
            checked = None
        existing = session.exec(select(Evidence).where(Evidence.uid == uid)).first()
        if existing is not None and checked is not None:
            if _same(evidence.view(session, existing), checked):
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
    session: Session,
    actor: Actor,
    frame: pd.DataFrame,
    mapping: Mapping[str, str],
    *,
    today: date,
    source: str = "",
) -> ImportReport:
    """Import every row in the caller's transaction, or refuse them all with row-level reasons."""
    require(actor, Role.EDITOR)
    checks = check_rows(session, frame, mapping, today=today)
    bad = {c.row: c.problems for c in checks if c.problems}
    if bad:
        raise ImportRefused(bad)
    report = ImportReport()
    records = frame.to_dict(orient="records")
    categories = category_maps(session)
    for check in checks:
        data = _row_data(records[check.row - 1], mapping, categories)
        data.pop("uid", None)
        data.pop("version", None)
        try:
            if check.action == "create":
                evidence.create(session, actor, data, today=today, uid=check.uid)
                report.created += 1
            elif check.action == "update":
                existing = session.exec(select(Evidence).where(Evidence.uid == check.uid)).one()
                assert existing.id is not None
                evidence.edit(session, actor, existing.id, existing.version, data, today=today)
                report.updated += 1
            else:
                report.unchanged += 1
        except InvalidInput as err:
            raise ImportRefused({check.row: err.problems}) from None
    audit.record(session, actor, "import", "evidence", after={"source": source, **report.__dict__})
    return report
