"""Evidence entries: create, edit (with a version check), verify, withdraw and restore.

Every change is validated by the same input model (form, import, command line), writes an
audit event with the values before and after in the same transaction, and bumps the version,
so two people editing one entry can never silently overwrite each other.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql
from sqlalchemy.engine import Engine
from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, col, select

from monitor.config import Settings
from monitor.core import audit, demand_mask, search_text, storage
from monitor.core.db import session_scope
from monitor.core.inputs import NEXT_STEP, EvidenceInput, ReasonInput
from monitor.core.models import (
    Capture,
    Demand,
    Evidence,
    EvidenceDemand,
    Region,
    Verification,
    table_of,
    utcnow,
)
from monitor.core.permissions import Action, Actor, require, require_recordable, visibility
from monitor.core.validation import parse
from monitor.domain import settlements
from monitor.errors import InvalidInput, MonitorError, NotFound, Problem, StaleVersion
from monitor.queries.evidence import DEMAND_ORDER, linked_codes
from monitor.services import attachments, captures, inbox, incidents


@dataclass(frozen=True)
class EntryChecks:
    """What checking an entry needs from the database (known demands and regions), read once,
    so an import of a million rows checks each one by the same rules without two queries a row."""

    today: date
    demands: frozenset[str]
    regions: Mapping[str, str]  # region code -> KATOTTG code of its oblast
    # demand code -> id, in demand order (DEMAND_ORDER): what linking and the audit's view need
    demand_ids: Mapping[str, int] = field(default_factory=dict)

    def codes_in_order(self, codes: Sequence[str]) -> list[str]:
        """These known demand codes once each, in demand order (as `demand_codes` reads them)."""
        chosen = set(codes)
        return [code for code in self.demand_ids if code in chosen]


# The regions and the demands in one statement: a save reads them on every call.
_REFERENCE: sa.CompoundSelect[tuple[str, str, str | None, int | None, int | None]] = sa.union_all(
    sa.select(
        sa.literal("region"),
        col(Region.code),
        col(Region.katottg),
        sa.cast(sa.null(), sa.Integer),
        sa.cast(sa.null(), sa.Integer),
    ),
    sa.select(
        sa.literal("demand"),
        col(Demand.code),
        sa.cast(sa.null(), sa.String),
        col(Demand.id),
        col(Demand.position),
    ),
)


def entry_checks(*, session: Session, today: date) -> EntryChecks:
    """The known demands (with their ids, in demand order) and regions, for `check`."""
    regions: dict[str, str] = {}
    demands: list[tuple[int, str, int]] = []
    if session.autoflush:  # as `session.execute` would, before reading through the connection
        session.flush()
    # the connection's execute, not the session's: the ORM's handling of a statement that
    # reads no ORM entity was a sixth of a save's CPU
    rows: Iterable[Any] = session.connection().execute(_REFERENCE)
    for kind, code, katottg, demand_id, position in rows:
        if kind == "region":
            regions[code] = katottg
        else:
            demands.append((int(position), code, int(demand_id)))
    ids = {code: demand_id for _, code, demand_id in sorted(demands)}
    return EntryChecks(today, frozenset(ids), regions, ids)


def check(checks: EntryChecks, data: Mapping[str, Any]) -> EvidenceInput:
    """Parse and check one entry, reporting every bad field in one pass."""
    regions = checks.regions
    context = {"today": checks.today, "demands": checks.demands, "regions": regions}
    entry = parse(EvidenceInput, data, context=context)
    problems: dict[str, Problem] = {}
    if entry.event_end is not None and entry.event_end < entry.event_start:
        problems["event_end"] = ("invalid.range_order", {})
    if entry.settlement_code is not None:
        place = settlements.lookup(entry.settlement_code)
        if place is None:
            problems["settlement_code"] = ("invalid.unknown_code", {"value": entry.settlement_code})
        elif place.oblast_code != regions[entry.region_code]:
            problems["settlement_code"] = ("invalid.settlement_region", {})
        elif not entry.settlement_name:
            entry.settlement_name = place.name
    if problems:
        raise InvalidInput(problems)
    return entry


def validate(*, session: Session, data: Mapping[str, Any], today: date) -> EvidenceInput:
    """Parse and check against the database, reporting every bad field in one pass."""
    return check(entry_checks(session=session, today=today), data)


def _demand_ids(session: Session, codes: list[str]) -> dict[str, int]:
    rows = session.exec(select(Demand.code, Demand.id).where(col(Demand.code).in_(codes))).all()
    return {code: int(i) for code, i in rows if i is not None}


def demand_codes(*, session: Session, evidence_id: int) -> list[str]:
    """The entry's demand codes in demand order (`monitor.queries.evidence.linked_codes`)."""
    query = linked_codes(evidence_id).order_by(*DEMAND_ORDER)
    return list(session.execute(query).scalars())


def view(*, session: Session, entry: Evidence, demands: list[str] | None = None) -> dict[str, Any]:
    """An entry's values with its demand codes: what the audit stores and the page shows.

    `demands`: the codes in demand order when the caller has just written them (a new entry),
    instead of reading them back."""
    assert entry.id is not None
    if demands is None:
        demands = demand_codes(session=session, evidence_id=entry.id)
    return _audited(audit.snapshot(entry), demands)


def _audited(values: dict[str, Any], demands: list[str]) -> dict[str, Any]:
    """The audited view of an entry's column values (`view`): what is derived is left out."""
    del values["demand_mask"]  # derived from the demands, which are listed by code
    for derived in incidents.STORED_KEYS:  # derived from the source and title (duplicates)
        values.pop(derived, None)
    del values["search_text"]  # derived from the texts (monitor.core.search_text)
    return {**values, "demands": demands}


# A new entry is written with Core statements built once, not through the ORM's unit of work
# (its object, flush and per-row bookkeeping were a third of a writer's CPU under load). On
# PostgreSQL the entry, its demand links, its audit event and the data version's count are one
# statement: the entry's INSERT and the links' INSERT as CTEs of the audit event's INSERT
# (`audit.new_row_statements`). SQLite allows no INSERT in a WITH, and its statements cost no
# round trip: there they are the entry's INSERT, the links' executemany and `audit.record`.
_EVIDENCE = table_of(Evidence)
_LINKS = table_of(EvidenceDemand)
_ENTRY_COLUMNS = tuple(column.name for column in _EVIDENCE.c if column.name != "id")
_INSERT_ENTRY = sa.insert(_EVIDENCE).returning(_EVIDENCE.c.id)
_NEW_ENTRY = (
    sa.insert(_EVIDENCE)
    .values(
        {name: sa.bindparam(f"e_{name}", type_=_EVIDENCE.c[name].type) for name in _ENTRY_COLUMNS}
    )
    .returning(_EVIDENCE.c.id)
    .cte("new_entry")
)
_NEW_LINKS = (
    sa.insert(_LINKS)
    .from_select(
        ["evidence_id", "demand_id"],
        sa.select(
            _NEW_ENTRY.c.id,
            sa.func.unnest(sa.cast(sa.bindparam("demand_ids"), postgresql.ARRAY(sa.Integer))),
        ),
    )
    .cte("new_links")
)
_CREATE = audit.new_row_statements(_NEW_ENTRY, "create", "evidence", _NEW_LINKS)


# The model's defaults, read once: the plain ones (None, "", "uk", 0, 1, unverified, public:
# immutable, shared safely) and the factories called for each row (created and updated now).
_DEFAULTS = {
    name: field.default
    for name, field in Evidence.model_fields.items()
    if field.default_factory is None and not field.is_required()
}
_DEFAULT_FACTORIES = {
    name: field.default_factory
    for name, field in Evidence.model_fields.items()
    if field.default_factory is not None
}


def _new_row(**values: Any) -> dict[str, Any]:
    """A new entry's column values: these, and the model's defaults for the rest (the same
    defaults `Evidence(...)` fills in: unverified, version 1, created and updated now...)."""
    made = {name: make() for name, make in _DEFAULT_FACTORIES.items()}  # type: ignore[call-arg]
    row = {**_DEFAULTS, **made, **values}
    return {name: row[name] for name in Evidence.model_fields}  # every column, in model order


def _as_loaded(session: Session, row: dict[str, Any]) -> Evidence:
    """The entry just written, in the session as if read back: built as the ORM builds the rows
    it loads (the class's own `__new__`, then its values), not by `Evidence(...)`, which set
    each field through the ORM's and pydantic's bookkeeping (a tenth of a save's CPU)."""
    entry: Evidence = sa.inspect(Evidence).class_manager.new_instance()
    entry.__dict__.update(row)
    make_transient_to_detached(entry)  # a row with its key: persistent once added
    session.add(entry)
    return entry


def create(
    *, session: Session, actor: Actor, data: Mapping[str, Any], today: date, uid: str | None = None
) -> Evidence:
    """Log a new entry (unverified), linked to its demands, audited.

    The entry returned is in the session as if loaded (persistent, nothing pending): a change
    to it is flushed as an UPDATE, and `session.get` finds it without a query."""
    require(actor, Action.EDIT)
    checks = entry_checks(session=session, today=today)
    entry_input = check(checks, data)
    require_recordable(actor.organisation_id, entry_input.sensitivity)
    values = entry_input.model_dump(exclude={"demands"})
    uid = uid or str(uuid.uuid4())
    # the demands' ids and order come from the checks just read: no query to look them up,
    # none to read the links back for the audit
    codes = checks.codes_in_order(entry_input.demands)
    ids = sorted({checks.demand_ids[code] for code in codes})
    row = _new_row(
        **values,
        uid=uid,
        created_by=actor.id,
        updated_by=actor.id,
        organisation_id=actor.organisation_id,  # recorded under the author's organisation
        **incidents.stored_keys(values),  # what duplicates are found by
        search_text=search_text.build({**values, "uid": uid}),  # what search reads
        demand_mask=demand_mask.mask(ids),  # refuses an id that does not fit, before writing
    )
    del row["id"]
    after = _audited(dict(row), codes)
    session.flush()  # the caller's pending rows first, as the entry's own flush wrote them
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        params = {f"e_{name}": value for name, value in row.items()}
        entry_id, _ = audit.record_new_row(
            session, actor, _CREATE, {**params, "demand_ids": ids}, after=after
        )
    else:
        entry_id = int(conn.execute(_INSERT_ENTRY, row).scalar_one())
        if ids:
            conn.execute(
                sa.insert(_LINKS), [{"evidence_id": entry_id, "demand_id": i} for i in ids]
            )
        audit.record(
            session, actor, "create", "evidence", entry_id, after={"id": entry_id, **after}
        )
    return _as_loaded(session, {"id": entry_id, **row})


@dataclass(frozen=True)
class Upload:
    """A file a person attached, as the browser sent it."""

    name: str
    data: bytes


@dataclass
class LoggedEntry:
    """What logging one entry did: the entry, and what happened to its files and its source."""

    evidence_id: int
    uid: str
    attachment_errors: list[tuple[str, MonitorError]] = field(default_factory=list)
    capture: Capture | None = None
    duplicate_error: MonitorError | None = None  # why the chosen link or merge was refused


def log_entry(
    *,
    engine: Engine,
    actor: Actor,
    data: Mapping[str, Any],
    today: date,
    settings: Settings,
    uploads: Sequence[Upload] = (),
    inbox_item: int | None = None,
    duplicate: incidents.Decision | None = None,
) -> LoggedEntry:
    """Log evidence as the form does: the entry (and the inbox item it came from, accepted in
    the same transaction), then each attachment, then what the person chose for its likely
    duplicates (`incidents.decide_logged`), then a capture of the source of an inbox item.

    It owns its transactions because the entry must survive what may fail after it: a refused
    attachment is reported, not fatal, and capturing waits on the network (never inside a
    transaction). Nothing is written when the entry itself is refused.
    """
    with session_scope(engine) as session:
        entry = create(session=session, actor=actor, data=data, today=today)
        assert entry.id is not None
        if inbox_item:
            inbox.accept(session=session, actor=actor, item_id=inbox_item, evidence_id=entry.id)
    logged = LoggedEntry(entry.id, entry.uid)
    for upload in uploads:
        try:
            with session_scope(engine) as session:
                attachments.attach(
                    session=session,
                    actor=actor,
                    evidence_id=entry.id,
                    filename=upload.name,
                    data=upload.data,
                    folder=storage.attachments(settings),
                )
        except MonitorError as err:
            logged.attachment_errors.append((upload.name, err))
    if duplicate is not None:  # after the files, so that a merge keeps them too
        logged.duplicate_error = incidents.decide_logged(
            engine=engine, actor=actor, evidence_id=entry.id, decision=duplicate
        )
    if inbox_item and entry.source_url:
        (logged.capture,) = captures.capture_sources(
            engine=engine,
            actor=actor,
            targets=[captures.Target(entry.source_url, entry.id)],
            folder=storage.captures(settings),
            allowed_hosts=settings.capture_allowed_hosts,
        )
    return logged


def load(*, session: Session, evidence_id: int) -> Evidence:
    entry = session.get(Evidence, evidence_id, populate_existing=True)
    if entry is None:
        raise NotFound(key="not_found.evidence", id=evidence_id)
    return entry


def readable(*, session: Session, actor: Actor, evidence_id: int) -> Evidence:
    """The entry, if the actor may read it (`permissions.Visibility`): another organisation's
    organisation-only entry is not found, as on every page, so it cannot be changed either."""
    entry = load(session=session, evidence_id=evidence_id)
    if not visibility(actor).admits(entry.sensitivity, entry.organisation_id):
        raise NotFound(key="not_found.evidence", id=evidence_id)
    return entry


def _apply(
    session: Session,
    actor: Actor,
    evidence_id: int,
    expected_version: int,
    action: str,
    changes: dict[str, Any],
    demands: list[str] | None = None,
) -> Evidence:
    """UPDATE ... WHERE version = expected: the database decides who saved first."""
    before_row = load(session=session, evidence_id=evidence_id)
    before = view(session=session, entry=before_row)
    if not changes.keys().isdisjoint(search_text.SEARCHED):  # the stored search text follows
        changes = {**changes, "search_text": search_text.build(before_row.model_dump() | changes)}
    result = session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == evidence_id, col(Evidence.version) == expected_version)
        .values(
            **changes, version=col(Evidence.version) + 1, updated_at=utcnow(), updated_by=actor.id
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:  # type: ignore[attr-defined]
        current = view(session=session, entry=load(session=session, evidence_id=evidence_id))
        raise StaleVersion(
            key="evidence.stale",
            id=evidence_id,
            version=current["version"],
            expected=expected_version,
            current=current,
        )
    if demands is not None and sorted(demands) != sorted(before["demands"]):
        demand_mask.set_links(session, evidence_id, _demand_ids(session, demands).values())
    entry = load(session=session, evidence_id=evidence_id)
    audit.record(
        session,
        actor,
        action,
        "evidence",
        evidence_id,
        before=before,
        after=view(session=session, entry=entry),
    )
    return entry


def edit(
    *,
    session: Session,
    actor: Actor,
    evidence_id: int,
    expected_version: int,
    data: Mapping[str, Any],
    today: date,
) -> Evidence:
    """Change an entry's fields; a verified entry must first be returned to corroborated."""
    require(actor, Action.EDIT)
    current = readable(session=session, actor=actor, evidence_id=evidence_id)
    if current.verification == Verification.VERIFIED:
        raise InvalidInput({"verification": ("evidence.verified_locked", {})})
    if current.withdrawn_at is not None:
        raise InvalidInput({"withdrawn": ("evidence.withdrawn_locked", {})})
    entry_input = validate(session=session, data=data, today=today)
    require_recordable(current.organisation_id, entry_input.sensitivity)
    changes = entry_input.model_dump(exclude={"demands"})
    changes.update(incidents.stored_keys(changes))  # what duplicates are found by
    return _apply(
        session, actor, evidence_id, expected_version, "edit", changes, entry_input.demands
    )


def advance_verification(
    *, session: Session, actor: Actor, evidence_id: int, expected_version: int
) -> Evidence:
    """unverified -> corroborated -> verified, one step at a time, with who and when audited."""
    require(actor, Action.EDIT)
    current = readable(session=session, actor=actor, evidence_id=evidence_id)
    step = NEXT_STEP.get(current.verification)
    if step is None:
        raise InvalidInput({"verification": ("evidence.already_verified", {})})
    return _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        f"verify:{step.value}",
        {"verification": step},
    )


def reopen(
    *, session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Return a verified entry to corroborated, with a reason, so that it can be edited."""
    require(actor, Action.EDIT)
    reason = parse(ReasonInput, {"reason": reason}).reason
    if readable(session=session, actor=actor, evidence_id=evidence_id).verification != (
        Verification.VERIFIED
    ):
        raise InvalidInput({"verification": ("evidence.not_verified", {})})
    entry = _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "reopen",
        {"verification": Verification.CORROBORATED},
    )
    audit.record(session, actor, "reopen-reason", "evidence", evidence_id, after={"reason": reason})
    return entry


def withdraw(
    *, session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Take an entry out of charts and default exports; the record and its reason stay."""
    require(actor, Action.EDIT)
    reason = parse(ReasonInput, {"reason": reason}).reason
    if readable(session=session, actor=actor, evidence_id=evidence_id).withdrawn_at is not None:
        raise InvalidInput({"withdrawn": ("evidence.already_withdrawn", {})})
    return _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "withdraw",
        {"withdrawn_at": utcnow(), "withdrawn_reason": reason},
    )


def restore(
    *, session: Session, actor: Actor, evidence_id: int, expected_version: int, reason: str
) -> Evidence:
    """Undo a withdrawal (admins only); the withdrawal stays in the audit trail."""
    require(actor, Action.RESTORE_WITHDRAWN)
    reason = parse(ReasonInput, {"reason": reason}).reason
    if readable(session=session, actor=actor, evidence_id=evidence_id).withdrawn_at is None:
        raise InvalidInput({"withdrawn": ("evidence.not_withdrawn", {})})
    entry = _apply(
        session,
        actor,
        evidence_id,
        expected_version,
        "restore",
        {"withdrawn_at": None, "withdrawn_reason": None},
    )
    audit.record(
        session, actor, "restore-reason", "evidence", evidence_id, after={"reason": reason}
    )
    return entry
