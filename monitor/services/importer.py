"""Bulk import of evidence from CSV or XLSX: map columns, check every row, then all or nothing.

The file streams (`monitor.domain.import_files`): rows are read, mapped
(`monitor.domain.import_mapping`), checked by the form's own rules (`evidence.check`, the
database's demands and regions read once) and written CHUNK rows at a time, in the caller's one
transaction. Each chunk asks the database once which of its ids exist and compares what it
holds with what the row says (the entry's fields and its demand mask: a fingerprint, with no
query a row); new entries go in as one multi-row INSERT with their demand links, their masks
and their "create" audit events; an entry the file changes is edited through
`evidence.edit`, with its version check. So a million rows import with memory flat, and an
unchanged re-import writes nothing but its one audit record.

All or nothing: after the first bad row nothing more is written, but every row is still
checked, so the refusal counts every bad row (and lists the first LISTED); raising it rolls the
transaction back.

Rows carry a stable id: an id that exists updates that entry (with the version check), a new id
creates one, a row without an id gets an id derived from its content, so importing the same
file twice changes nothing the second time. A mapping with an external id makes the id
`<system>:<the row's id there>` (`kobo:<_uuid>`).

Verification: entries come in unverified, unless the person importing says the source is
trusted, which a role that may verify entries may (the policy's `Action.EDIT`); then a new
entry keeps the verification the file gives. An import never changes the verification of an
entry that exists (that is the register's own step-by-step check). The choice is audited.
"""

from __future__ import annotations

import dataclasses
import operator
import uuid
from array import array
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Annotated, Any

import numpy as np
import sqlalchemy as sa
from pydantic import BaseModel
from sqlmodel import Session, col, select

from monitor.core import audit, demand_mask, limits, search_text
from monitor.core.inputs import EvidenceInput, ImportRowInput
from monitor.core.models import (
    AuditEvent,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
    SavedImportMapping,
    utcnow,
)
from monitor.core.models import Verification as VerificationState
from monitor.core.permissions import Action, Actor, require, require_recordable
from monitor.core.validation import OneLine, parse
from monitor.domain.columns import IMPORT_FIELDS
from monitor.domain.csv_files import GUARD, unescape_cell
from monitor.domain.duplicates import RowMatch
from monitor.domain.import_files import Progress, Table, read_table
from monitor.domain.import_mapping import ImportMapping, map_row, suggested
from monitor.errors import InvalidInput, Problem
from monitor.i18n import LANGUAGES, enum_labels
from monitor.queries.duplicates import one_of
from monitor.queries.evidence import DEMAND_ORDER
from monitor.services import evidence, import_writes, incidents

__all__ = [
    "ImportRefused",
    "ImportReport",
    "InvalidInput",
    "Table",
    "check_rows",
    "import_rows",
    "read_table",
    "save_mapping",
    "suggest_mapping",
]

_CONTENT_NAMESPACE = uuid.UUID("0b6a3f4e-7c1d-4d59-8f0a-2a4d9d6c1e77")
CHUNK = 2000  # rows checked against the database and written at once
LISTED = 1000  # bad rows kept for the listing; every one is counted
TRANSLATIONS_KEPT = 1000  # labels remembered per column (a category has a handful)
# the fields an entry's fingerprint compares (its demands are compared as the mask)
_COMPARED = tuple(f for f in EvidenceInput.model_fields if f != "demands")
_CATEGORY_FIELDS = (
    "source_type",
    "reliability",
    "direction",
    "language",
    "sensitivity",
    "verification",
)
ProblemSeen = Callable[[int, Mapping[str, Problem]], None]


class ImportRefused(InvalidInput):
    """Some rows are invalid; nothing was imported. `rows` maps row number -> field problems
    for the first LISTED bad rows; `count` is how many rows were bad in all.

    What it says names the first bad row and its problems (as a refusal of those fields).
    """

    key = "import.refused"

    def __init__(self, rows: Mapping[int, Mapping[str, Problem]], count: int = 0) -> None:
        first = min(rows)
        self.rows = dict(sorted(rows.items()))
        self.count = max(count, len(rows))
        super().__init__(
            {}, n=self.count, count=self.count, row=first, reasons=InvalidInput(rows[first])
        )


@dataclass
class ImportReport:
    """What an import did (or, checked only, would do)."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    invalid: int = 0
    problems: dict[int, dict[str, Problem]] = field(default_factory=dict)  # the first LISTED
    trusted: bool = False
    # likely duplicates of new rows, within the file and among stored entries (reported only)
    likely: dict[int, list[RowMatch]] = field(default_factory=dict)  # the first listed, by row
    likely_rows: int = 0  # every row with one

    @property
    def rows(self) -> int:
        return self.created + self.updated + self.unchanged + self.invalid

    def counts(self) -> dict[str, int]:
        """Rows by what importing them does (the preview's words: create, update, ...)."""
        return {
            "create": self.created,
            "update": self.updated,
            "unchanged": self.unchanged,
            "invalid": self.invalid,
        }

    def __str__(self) -> str:
        return f"created {self.created}, updated {self.updated}, unchanged {self.unchanged}"


def suggest_mapping(columns: list[str]) -> dict[str, str]:
    """Column -> field for every header we recognise (each field used once)."""
    return dict(suggested(columns).columns)


def category_maps(*, session: Session) -> dict[str, dict[str, str]]:
    """Labels in either language (as an exported briefing has them) -> stored codes."""
    maps: dict[str, dict[str, str]] = {name: {} for name in (*_CATEGORY_FIELDS, "region_code")}
    for name in _CATEGORY_FIELDS:
        for code in enum_labels(name, "en"):
            maps[name][code.casefold()] = code
        for lang in LANGUAGES:
            for code, label in enum_labels(name, lang).items():
                maps[name][label.casefold()] = code
    for region in session.exec(select(Region)).all():
        for name in (region.name_en, region.name_uk, region.code):
            maps["region_code"][name.casefold()] = region.code
    return maps


def content_uid(data: Mapping[str, Any]) -> str:
    """A stable id for a row that has none, so a re-import finds the same entry."""
    body = "\x1f".join(
        f"{k}={data.get(k, '')}" for k in sorted(IMPORT_FIELDS) if k not in ("uid", "version")
    )
    return str(uuid.uuid5(_CONTENT_NAMESPACE, body))


@dataclass
class _Row:
    """One checked row waiting for its chunk's look-up."""

    number: int
    uid: str
    version: str
    data: dict[str, Any]
    entry: EvidenceInput
    verification: VerificationState
    position: int  # among the rows whose ids were hashed
    keys: dict[str, str | None] = field(default_factory=dict)  # duplicates' stored keys


@dataclass
class _Run:
    """Everything one pass over a file keeps: the mapping, the database's lookups, counts."""

    session: Session
    actor: Actor | None
    mapping: ImportMapping
    today: date
    trusted: bool
    write: bool
    on_problem: ProblemSeen | None
    categories: dict[str, dict[str, str]]
    checks: evidence.EntryChecks
    demand_ids: dict[str, int]  # in demand order
    report: ImportReport = field(default_factory=ImportReport)
    uid_hashes: array[int] = field(default_factory=lambda: array("q"))
    uid_rows: array[int] = field(default_factory=lambda: array("i"))  # 32 bits: 2 billion rows
    counted: bytearray = field(default_factory=bytearray)  # by hashed row: which count has it
    bad_rows: array[int] = field(default_factory=lambda: array("q"))
    now: datetime = field(default_factory=utcnow)
    source: str = ""
    translated: dict[str, dict[str, str]] = field(default_factory=dict)  # label -> code seen
    likely: incidents.ImportScan = field(default_factory=lambda: incidents.ImportScan(None))

    def bad(self, number: int, problems: Mapping[str, Problem]) -> None:
        self.report.invalid += 1
        self.bad_rows.append(number)
        if len(self.report.problems) < LISTED:
            self.report.problems[number] = dict(problems)
        if self.on_problem is not None:
            self.on_problem(number, problems)

    @property
    def writing(self) -> bool:
        """Writes stop at the first bad row: the transaction will be rolled back anyway."""
        return self.write and not self.report.invalid


def _unguarded(text: str) -> str:
    return unescape_cell(text) if GUARD in text else text


def _row_data(run: _Run, record: Mapping[str, str]) -> dict[str, Any]:
    data: dict[str, Any] = map_row(run.mapping, record)
    for name, known in run.categories.items():
        value = data.get(name)
        if value:
            seen = run.translated.setdefault(name, {})  # a column holds few distinct values
            code = seen.get(value)
            if code is None:
                code = known.get(value.strip().casefold(), value)
                if len(seen) < TRANSLATIONS_KEPT:
                    seen[value] = code
            data[name] = code
    for key, blank in (("language", "uk"), ("sensitivity", "public")):
        if not data.get(key):
            data[key] = blank
    return data


def _row_ids(data: dict[str, Any]) -> tuple[ImportRowInput, dict[str, Problem]]:
    """The row's id and version, taken out of `data` and checked as every text is; a refused
    one counts as blank (so nothing unstorable reaches a query) and brings its problem."""
    raw = {name: str(data.pop(name, "") or "").strip() for name in ("uid", "version")}
    try:
        return parse(ImportRowInput, raw), {}
    except InvalidInput as err:
        return ImportRowInput(), dict(err.problems)


def _verification(run: _Run, data: dict[str, Any]) -> tuple[VerificationState, Problem | None]:
    """The state a new entry takes: the file's only from a trusted source, else unverified."""
    given = str(data.pop("verification", "") or "").strip()
    if not run.trusted or not given:
        return VerificationState.UNVERIFIED, None
    try:
        return VerificationState(given), None
    except ValueError:
        return VerificationState.UNVERIFIED, (
            "invalid.choice",
            {"choices": tuple(VerificationState)},
        )


def _read_row(
    run: _Run, number: int, cells: list[str], positions: list[tuple[str, int]], width: int
) -> _Row | None:
    """One row mapped and checked by the form's rules; None (and the row counted bad) when it
    breaks any."""
    problems: dict[str, Problem] = {}
    if len(cells) > width and any(cells[width:]):
        problems["file"] = ("import.too_many_cells", {"n": len(cells), "max": width})
    size = len(cells)
    record = {c: _unguarded(cells[i]) if i < size else "" for c, i in positions}
    data = _row_data(run, record)
    ids, id_problems = _row_ids(data)
    problems.update(id_problems)
    state, state_problem = _verification(run, data)
    if state_problem is not None:
        problems["verification"] = state_problem
    uid = ids.uid or content_uid(data)
    position = len(run.uid_hashes)
    run.uid_hashes.append(hash(uid))
    run.uid_rows.append(number)
    run.counted.append(0)
    try:
        entry = evidence.check(run.checks, data)
    except InvalidInput as err:
        problems.update(err.problems)
        entry = None
    if problems or entry is None:
        run.bad(number, problems)
        return None
    return _Row(number, uid, ids.version, data, entry, state, position)


_STORED = [getattr(Evidence, f) for f in _COMPARED]


def _existing(session: Session, uids: list[str]) -> dict[str, sa.Row[Any]]:
    query = sa.select(
        col(Evidence.uid),
        col(Evidence.id),
        col(Evidence.version),
        col(Evidence.verification),
        col(Evidence.withdrawn_at),
        col(Evidence.demand_mask),
        col(Evidence.organisation_id),
        *_STORED,
    ).where(one_of(col(Evidence.uid), uids, session.get_bind().dialect.name))
    return {row.uid: row for row in session.execute(query)}


def _mask(run: _Run, entry: EvidenceInput) -> int:
    return demand_mask.mask(run.demand_ids[code] for code in entry.demands)


def _same(stored: sa.Row[Any], wanted: EvidenceInput, mask: int) -> bool:
    """The fingerprint: the entry's fields and demands as stored against the row's."""
    if stored.demand_mask != mask:
        return False
    return all(getattr(stored, f) == getattr(wanted, f) for f in _COMPARED)


def _version_number(text: str) -> int | None:
    """A version as a file gives it: a whole number an INTEGER column holds, else none."""
    if not (text.isascii() and text.isdigit()) or not 1 <= int(text) < 2**31:
        return None
    return int(text)


def _refused_change(row: _Row, stored: sa.Row[Any]) -> dict[str, Problem]:
    """Why a row may not change the entry it names (nothing when it may)."""
    if stored.withdrawn_at is not None:
        return {"withdrawn": ("evidence.withdrawn_locked", {})}
    if stored.verification == VerificationState.VERIFIED:
        return {"verification": ("evidence.verified_locked", {})}
    given = _version_number(row.version)
    if given is None:
        return {"version": ("import.version_needed", {})}
    if given != stored.version:
        return {
            "version": ("import.stale_version", {"file": row.version, "current": stored.version})
        }
    return _unrecordable(stored.organisation_id, row)


def _unrecordable(organisation_id: int | None, row: _Row) -> dict[str, Problem]:
    """Why the entry may not be recorded under `organisation_id` (its importer's, or the
    stored entry's it changes): `permissions.require_recordable`, as a save refuses it."""
    try:
        require_recordable(organisation_id, row.entry.sensitivity)
    except InvalidInput as err:
        return dict(err.problems)
    return {}


def _sort_out(run: _Run, rows: list[_Row]) -> tuple[list[_Row], list[tuple[_Row, sa.Row[Any]]]]:
    """A chunk's ids looked up at once: the rows that create an entry and those that change
    one (with what is stored); the unchanged are counted, the refused counted bad."""
    unique: dict[str, _Row] = {}
    for row in rows:
        unique.setdefault(row.uid, row)  # a second one is refused as a duplicate at the end
    found = _existing(run.session, list(unique))
    new: list[_Row] = []
    updates: list[tuple[_Row, sa.Row[Any]]] = []
    for row in unique.values():
        stored = found.get(row.uid)
        if stored is None:
            # recorded under the importer's organisation (without an importer, a preview that
            # knows none, nothing to check it against)
            refused = _unrecordable(run.actor.organisation_id, row) if run.actor else {}
            if refused:
                run.bad(row.number, refused)
                continue
            new.append(row)
            run.counted[row.position] = _CREATED
        elif _same(stored, row.entry, _mask(run, row.entry)):
            run.report.unchanged += 1
            run.counted[row.position] = _UNCHANGED
        else:
            refused = _refused_change(row, stored)
            if refused:
                run.bad(row.number, refused)
            else:
                updates.append((row, stored))
                run.counted[row.position] = _UPDATED
    return new, updates


def _chunk(run: _Run, rows: list[_Row]) -> None:
    """Create, update or leave each row of a chunk (`_sort_out`); write in bulk."""
    new, updates = _sort_out(run, rows)
    run.report.created += len(new)
    run.report.updated += len(updates)
    keys = run.likely.chunk(run.session, [(row.number, row.entry.__dict__) for row in new])
    for row in new:
        row.keys = keys[row.number]
    if run.writing and new:
        _insert(run, new)
    for row, stored in updates:
        if run.writing:
            evidence.edit(
                session=run.session,
                actor=run.actor,  # type: ignore[arg-type]  # writing means an actor was given
                evidence_id=stored.id,
                expected_version=stored.version,
                data=row.data,
                today=run.today,
            )


def _insert(run: _Run, rows: list[_Row]) -> None:
    """New entries, their demand links (and the mask, `demand_mask.mask` of the same ids), and
    one "create" audit event each, as three multi-row INSERTs.

    The create event names the entry, its demands, its verification and the file it came from,
    not every value again: those are the entry's own row, and the first edit records them as
    "before". (The values again would be a third of a new row's cost and of its bytes.)"""
    assert run.actor is not None
    actor_id, organisation_id, now = run.actor.id, run.actor.organisation_id, run.now
    values = []
    versions = []
    for row in rows:
        # the checked fields as they are (what model_dump gives for these plain fields, at a
        # fifth of its cost a row), in the order of `_INSERTED`
        entry = row.entry.__dict__
        keys = row.keys or incidents.stored_keys(entry)
        version = _version_number(row.version) or 1  # a copy keeps the version it was at
        versions.append(version)
        values.append(
            (
                *_TAKE_FIELDS(entry),
                *_TAKE_KEYS(keys),
                row.uid,
                row.verification,
                _mask(run, row.entry),
                version,
                None,  # withdrawn_at
                None,  # withdrawn_reason
                now,  # created_at
                actor_id,  # created_by
                now,  # updated_at
                actor_id,  # updated_by
                organisation_id,  # the importer's
                search_text.build({**entry, "uid": row.uid}),
            )
        )
    # Core statements on the session's connection: the ORM's bulk path splices RETURNING rows
    # in quadratic time and sends rows with different NULLs one by one
    conn = run.session.connection()
    table = Evidence.__table__  # type: ignore[attr-defined]
    uids = [row.uid for row in rows]
    # their ids: on SQLite the entries past the last id before them (the import holds the
    # write lock, nobody else inserts meanwhile), read by the primary key; elsewhere by uid
    wanted = one_of(table.c.uid, uids, conn.dialect.name)
    if conn.dialect.name == "sqlite":
        last = conn.execute(sa.select(sa.func.coalesce(sa.func.max(table.c.id), 0))).scalar()
        wanted = table.c.id > last
    import_writes.insert_values(conn, table, _INSERTED, values)
    found = conn.execute(sa.select(table.c.uid, table.c.id).where(wanted))
    by_uid = {uid: int(entry_id) for uid, entry_id in found.all()}
    ids = [by_uid[uid] for uid in uids]
    order = {code: index for index, code in enumerate(run.demand_ids)}
    links = []
    events = []
    for entry_id, row, version in zip(ids, rows, versions, strict=True):
        codes = sorted(set(row.entry.demands), key=order.__getitem__)
        links += [{"evidence_id": entry_id, "demand_id": run.demand_ids[c]} for c in codes]
        events.append(
            {
                "at": now,
                "actor_id": actor_id,
                "action": "create",
                "entity": "evidence",
                "entity_id": str(entry_id),
                "before": None,
                "after": {
                    "id": entry_id,
                    "uid": row.uid,
                    "version": version,
                    "verification": row.verification.value,
                    "demands": codes,
                    "import": run.source,
                },
            }
        )
    import_writes.bulk_insert(conn, EvidenceDemand.__table__, links)  # type: ignore[attr-defined]
    import_writes.bulk_insert(conn, AuditEvent.__table__, events)  # type: ignore[attr-defined]


# a new entry's columns, in the order `_insert` gives its values
_INSERTED = (
    *_COMPARED,
    *incidents.STORED_KEYS,
    "uid",
    "verification",
    "demand_mask",
    "version",
    "withdrawn_at",
    "withdrawn_reason",
    "created_at",
    "created_by",
    "updated_at",
    "updated_by",
    "organisation_id",
    "search_text",
)
_TAKE_FIELDS = operator.itemgetter(*_COMPARED)
_TAKE_KEYS = operator.itemgetter(*incidents.STORED_KEYS)
_CREATED, _UNCHANGED, _UPDATED = 1, 2, 3


def _uncount(report: ImportReport, counted: int) -> None:
    if counted == _CREATED:
        report.created -= 1
    elif counted == _UNCHANGED:
        report.unchanged -= 1
    elif counted == _UPDATED:
        report.updated -= 1


def _duplicates(run: _Run) -> None:
    """Rows whose id an earlier row has, named with that row (ids compared by their hash, a
    64-bit number a row, so a million ids cost 16 MB, not a set of strings)."""
    hashes = np.frombuffer(run.uid_hashes, dtype=np.int64)
    if len(hashes) < 2:
        return
    ordered = np.sort(hashes)
    if not (ordered[1:] == ordered[:-1]).any():  # the usual case, in 10 MB for a million
        return
    del ordered
    numbers = np.frombuffer(run.uid_rows, dtype=np.int32)
    order = np.argsort(hashes, kind="stable")  # equal ids stay in row order
    ordered = hashes[order]
    starts = np.concatenate(([True], ordered[1:] != ordered[:-1]))
    repeats = np.flatnonzero(~starts)
    if not len(repeats):
        return
    group_start = np.maximum.accumulate(np.where(starts, np.arange(len(ordered)), 0))
    already = set(np.frombuffer(run.bad_rows, dtype=np.int64).tolist())
    for index in repeats.tolist():
        position = int(order[index])
        number = int(numbers[position])
        first = int(numbers[order[group_start[index]]])
        problem: dict[str, Problem] = {"uid": ("invalid.repeated_row", {"row": first})}
        if number not in already:
            _uncount(run.report, run.counted[position])  # counted before its twin was known
            run.bad(number, problem)
        elif number in run.report.problems:
            run.report.problems[number].update(problem)


def _scan(session: Session, actor: Actor | None, write: bool) -> incidents.ImportScan:
    """The likely-duplicate scan of a pass: among the stored entries as the actor sees them,
    and, while the import writes, only among those stored before it began. The entries it
    writes are rows of the same file, which the scan compares within the file already: its
    preview (which writes nothing) never sees them as stored entries, so the import reports
    what its preview did; found again as stored entries, each row like an earlier chunk's was
    named twice and compared again with every entry of its title, place and dates the import
    had written (the scan's cost grew with the file)."""
    scan = incidents.ImportScan.of(actor)
    if not write or scan.where is None:
        return scan
    last = session.execute(sa.select(sa.func.max(col(Evidence.id)))).scalar()
    if last is None:  # no entry was stored before it: nothing stored to compare with
        return incidents.ImportScan(None)
    return dataclasses.replace(scan, where=[*scan.where, col(Evidence.id) <= int(last)])


def _pass(
    *,
    session: Session,
    actor: Actor | None,
    table: Table,
    mapping: ImportMapping | Mapping[str, str],
    today: date,
    trusted: bool,
    write: bool,
    progress: Progress | None,
    on_problem: ProblemSeen | None,
    source: str = "",
) -> ImportReport:
    """One pass over the file: every row checked, written in chunks while `write` holds."""
    if not isinstance(mapping, ImportMapping):
        mapping = ImportMapping(dict(mapping))
    mapping.check_header(table.header)
    demand_rows = session.execute(
        sa.select(col(Demand.code), col(Demand.id)).order_by(*DEMAND_ORDER)
    )
    run = _Run(
        session=session,
        actor=actor,
        mapping=mapping,
        today=today,
        trusted=trusted,
        write=write,
        on_problem=on_problem,
        categories=category_maps(session=session),
        checks=evidence.entry_checks(session=session, today=today),
        demand_ids={code: int(i) for code, i in demand_rows},
        source=source,
        likely=_scan(session, actor, write),
    )
    run.report.trusted = trusted
    index = {name: i for i, name in enumerate(table.header) if name}
    wanted = [*mapping.columns, *([mapping.external_id.column] if mapping.external_id else [])]
    positions = [(c, index[c]) for c in dict.fromkeys(wanted)]
    pending: list[_Row] = []
    with (
        import_writes.page_cache(session, write),
        import_writes.collector_eased(),
        import_writes.indexes_built_after(session, write),
    ):
        for number, cells in table.rows(progress):
            row = _read_row(run, number, cells, positions, len(table.header))
            if row is not None:
                pending.append(row)
            if len(pending) >= CHUNK:
                _chunk(run, pending)
                pending = []
        if pending:
            _chunk(run, pending)
    _duplicates(run)
    run.report.likely, run.report.likely_rows = run.likely.finish()
    return run.report


def check_rows(
    *,
    session: Session,
    table: Table,
    mapping: ImportMapping | Mapping[str, str],
    today: date,
    trusted: bool = False,
    progress: Progress | None = None,
    on_problem: ProblemSeen | None = None,
    actor: Actor | None = None,
) -> ImportReport:
    """Check every row (1-based, as a spreadsheet counts data rows) without writing: how many
    would be created, updated, left unchanged, and the problems of the bad ones; and the
    likely duplicates of the new ones (among stored entries only with an `actor`, as it may
    see them)."""
    return _pass(
        session=session,
        actor=actor,
        table=table,
        mapping=mapping,
        today=today,
        trusted=trusted,
        write=False,
        progress=progress,
        on_problem=on_problem,
    )


def import_rows(
    *,
    session: Session,
    actor: Actor,
    table: Table,
    mapping: ImportMapping | Mapping[str, str],
    today: date,
    source: str = "",
    trusted: bool = False,
    progress: Progress | None = None,
    on_problem: ProblemSeen | None = None,
) -> ImportReport:
    """Import every row in the caller's transaction, or refuse them all with row-level reasons.

    `trusted`: the file's verification state is kept for new entries (a role that may verify
    entries may say so); otherwise they come in unverified. One audit record sums the import up.
    """
    require(actor, Action.EDIT)  # keeping a file's verification is verifying: the same EDIT
    report = _pass(
        session=session,
        actor=actor,
        table=table,
        mapping=mapping,
        today=today,
        trusted=trusted,
        write=True,
        progress=progress,
        on_problem=on_problem,
        source=source,
    )
    if report.invalid:
        raise ImportRefused(report.problems, report.invalid)
    named = mapping.name if isinstance(mapping, ImportMapping) else ""
    audit.record(
        session,
        actor,
        "import",
        "evidence",
        after={
            "source": source,
            "rows": report.rows,
            "created": report.created,
            "updated": report.updated,
            "unchanged": report.unchanged,
            "verification": "kept from a trusted source" if trusted else "unverified",
            "mapping": named,
        },
        changes_data=bool(report.created or report.updated),
    )
    return report


class _MappingName(BaseModel):
    """A saved mapping's name: one line, as every name a person types (the one text rule)."""

    name: Annotated[str, OneLine(limits.MAPPING_NAME, required=True)]


def save_mapping(*, session: Session, actor: Actor, name: str, mapping: ImportMapping) -> str:
    """Keep a mapping under a name for the next file of the same kind (a name saved again is
    replaced), audited with what it was before."""
    require(actor, Action.EDIT)
    name = parse(_MappingName, {"name": name}).name
    spec = dataclasses.replace(mapping, name=name).to_json()
    row = session.get(SavedImportMapping, name)
    before = dict(row.spec) if row is not None else None
    row = row or SavedImportMapping(name=name, spec=spec)
    row.spec, row.updated_at, row.updated_by = spec, utcnow(), actor.id
    session.add(row)
    session.flush()
    audit.record(session, actor, "save", "import_mapping", name, before=before, after=spec)
    return name
