"""The audit trail: who did what to which record, with values before and after. Append-only.

`record` is the only writer, and it runs inside the caller's transaction, so a change and its
audit event are committed together or not at all. There is no update or delete path.
"""

from __future__ import annotations

import enum
import json
from datetime import date, datetime
from typing import Any, NamedTuple

import sqlalchemy as sa
from sqlmodel import Session, SQLModel, col

from monitor.core.models import DATA_VERSION_SLOTS, AuditEvent, DataVersion, table_of, utcnow
from monitor.core.permissions import Actor

ACCESS_ACTIONS = ("export", "sign-in", "sign-in-failed", "sign-out")


def jsonable(value: Any) -> Any:
    """Turn dates, enums and nested containers into plain JSON values."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple | set):
        return [jsonable(v) for v in value]
    return value


def snapshot(row: SQLModel) -> dict[str, Any]:
    """The column values of a row, JSON-ready, for before/after."""
    values = jsonable(row.model_dump())
    assert isinstance(values, dict)
    return values


def change_fields(
    session: Session,
    actor: Actor | None,
    entity: str,
    row: Any,
    *,
    changes_data: bool = True,
    **values: Any,
) -> None:
    """Set some fields of one row and record them, before and after, as one "change" event:
    what an account's e-mail, language or organisation changing each is."""
    before = {name: getattr(row, name) for name in values}
    for name, value in values.items():
        setattr(row, name, value)
    session.add(row)
    session.flush()
    record(
        session,
        actor,
        "change",
        entity,
        row.id,
        before=before,
        after=values,
        changes_data=changes_data,
    )


def record(
    session: Session,
    actor: Actor | None,
    action: str,
    entity: str,
    entity_id: object = "",
    *,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    changes_data: bool = True,
) -> AuditEvent:
    """Append one audit event in the caller's transaction.

    A change also bumps the data version in the same transaction; an event that only records
    an access (an export, a sign-in) passes changes_data=False and leaves caches valid.

    The caller's pending rows are flushed first (as the event's own flush did), then the event
    is one INSERT ... RETURNING of the table: on PostgreSQL the data version's bump rides in
    the same statement (below), one round trip for both on every save. The event returned
    carries its id; it is not added to the session (nothing reads it back through it).
    """
    event = AuditEvent(
        actor_id=actor.id if actor else None,
        action=action,
        entity=entity,
        entity_id=str(entity_id),
        before=jsonable(before) if before is not None else None,
        after=jsonable(after) if after is not None else None,
    )
    session.flush()
    values = {key: getattr(event, key) for key in _EVENT_COLUMNS}
    if changes_data:
        event.id = _insert_counted(session, values)
    else:
        event.id = int(session.connection().execute(_INSERT_EVENT, values).scalar_one())
    return event


# -- the data version ------------------------------------------------------------------------
#
# The version is the sum of DATA_VERSION_SLOTS counters, and it counts exactly the changes
# committed before the snapshot that reads it:
# - a change adds one to a slot inside its own transaction, so the one is seen exactly by the
#   snapshots that see the change's rows; no one is lost, because writers of the same slot
#   take its row lock in turn and each adds to the value the previous one committed;
# - one SELECT sums every slot from one snapshot, and a later snapshot sees every transaction
#   an earlier one saw, plus those that committed in between.
# So a change that commits after a read is counted by every later read and by none before it,
# whatever order writers began, took ids or committed in: two reads that return the same number
# saw the same committed changes. Readers take the number before the data (ui/state.py), so the
# data cached under a number is at least as new as it, and no later commit can share it. A
# sequence or max(id) cannot promise this: ids are handed out at insert, not at commit, so a
# lower id that commits after a higher one leaves max(id) where a reader had already seen it.
#
# On PostgreSQL a writer takes a slot no open transaction holds (FOR UPDATE SKIP LOCKED), so
# writers do not wait for each other; with one row they queued behind its lock until each
# commit. The slot is kept for the rest of the transaction, so a transaction holds one slot
# and never waits on a second. SQLite lets one writer in at a time anyway: slot 1 is enough.

_SLOT = "monitor_data_version_slot"  # session.info: (transaction, slot) of this transaction
_SUM_OF_SLOTS = sa.select(sa.func.sum(col(DataVersion.version)))
_ADD_TO_SLOT = (
    sa.update(DataVersion)
    .where(col(DataVersion.id) == sa.bindparam("slot"))
    .values(version=col(DataVersion.version) + 1)
)
# The free slot is a subquery in the UPDATE's FROM, not a scalar subquery in its WHERE: when
# the slot's row was changed by a commit after the statement's snapshot, PostgreSQL rechecks
# the UPDATE on the row's newest version, and a scalar subquery was evaluated again there (with
# random() choosing another slot): the transaction then held the locks of two slots and had
# counted in neither (99 of 11,828 saves of 30 writers), and waiting for a slot as below, two
# such writers deadlocked (a refused save). A FROM subquery's row is kept for the recheck.
_FREE_SLOT = (
    sa.select(col(DataVersion.id))
    .order_by(sa.func.random())
    .limit(1)
    .with_for_update(skip_locked=True)
    .subquery("free_slot")
)
_ADD_TO_A_FREE_SLOT = (
    sa.update(DataVersion)
    .where(col(DataVersion.id) == _FREE_SLOT.c.id)
    .values(version=col(DataVersion.version) + 1)
    .returning(col(DataVersion.id))
)

_EVENTS = table_of(AuditEvent)
_EVENT_COLUMNS = ("at", "actor_id", "action", "entity", "entity_id", "before", "after")
_INSERT_EVENT = sa.insert(_EVENTS).returning(_EVENTS.c.id)


def _insert_event_counting(bump: sa.Update) -> sa.Insert:
    counted = bump.returning(col(DataVersion.id)) if bump is _ADD_TO_SLOT else bump
    cte = counted.cte("counted")
    return (
        sa.insert(_EVENTS)
        .add_cte(cte)
        .returning(_EVENTS.c.id, sa.select(cte.c.id).scalar_subquery())
    )


_INSERT_EVENT_IN_SLOT = _insert_event_counting(_ADD_TO_SLOT)
_INSERT_EVENT_IN_A_FREE_SLOT = _insert_event_counting(_ADD_TO_A_FREE_SLOT)


def _insert_counted(session: Session, values: dict[str, Any]) -> int:
    """Insert an audit event and count one change in the slot this transaction holds, taking
    one first (see above); return the event's id.

    On PostgreSQL both are one statement: the slot's UPDATE is a data-modifying CTE of the
    event's INSERT (PostgreSQL runs it exactly once, in the same snapshot and transaction), and
    RETURNING names the slot taken. SQLite allows no UPDATE in a WITH, and its statements cost
    no round trip: there they are two. The statements are built once (Core, not the ORM).
    """
    conn = session.connection()  # begins the transaction if nothing has yet
    transaction = session.get_transaction()
    held = session.info.get(_SLOT)
    slot = held[1] if held is not None and held[0] is transaction else None
    if conn.dialect.name != "postgresql":
        if slot is None:
            slot = _take_slot(conn)
        else:
            conn.execute(_ADD_TO_SLOT, {"slot": slot})
        session.info[_SLOT] = (transaction, slot)
        return int(conn.execute(_INSERT_EVENT, values).scalar_one())
    if slot is None:
        event_id, taken = conn.execute(_INSERT_EVENT_IN_A_FREE_SLOT, values).one()
        slot = int(taken) if taken is not None else _wait_for_a_slot(conn)
    else:
        event_id, _ = conn.execute(_INSERT_EVENT_IN_SLOT, {**values, "slot": slot}).one()
    session.info[_SLOT] = (transaction, slot)
    return int(event_id)


class NewRowStatements(NamedTuple):
    """One new row and its audit event in one PostgreSQL statement (`new_row_statements`): the
    two ways the change is counted, in the slot this transaction holds or in a free one."""

    in_slot: sa.Insert
    in_a_free_slot: sa.Insert


def new_row_statements(new: sa.CTE, action: str, entity: str, *more: sa.CTE) -> NewRowStatements:
    """The audit event of a row created by `new` (a data-modifying CTE returning the row's
    `id`), counted, as the INSERT of one statement with `new` and `more` (statements that use
    the new id, such as an entry's links) as its CTEs. Built once by a writer, at import.

    The event is what `record` would write for `after` with the id first: the id is known only
    inside the statement, so `after_rest` (the JSON text of the other values, as the JSON type
    encodes them) gets `{"id": <id>, ` in place of its opening brace. Binds: at, actor_id,
    before, after_rest, and slot for `in_slot`.
    """
    entity_id = sa.cast(new.c.id, _EVENTS.c.entity_id.type)
    after = sa.func.concat(
        '{"id": ', new.c.id, ", ", sa.func.substr(sa.bindparam("after_rest", type_=sa.Text), 2)
    )
    event = sa.select(
        sa.bindparam("at", type_=_EVENTS.c.at.type),
        sa.bindparam("actor_id", type_=_EVENTS.c.actor_id.type),
        sa.literal(action, _EVENTS.c.action.type),
        sa.literal(entity, _EVENTS.c.entity.type),
        entity_id,
        sa.bindparam("before", type_=_EVENTS.c.before.type),
        sa.cast(after, sa.JSON),
    )

    def counted_in(bump: sa.Update) -> sa.Insert:
        counted = (bump.returning(col(DataVersion.id)) if bump is _ADD_TO_SLOT else bump).cte(
            "counted"
        )
        statement = sa.insert(_EVENTS).from_select(_EVENT_COLUMNS, event)
        for cte in (new, *more, counted):
            statement = statement.add_cte(cte)
        return statement.returning(
            _EVENTS.c.id,
            sa.select(new.c.id).scalar_subquery(),
            sa.select(counted.c.id).scalar_subquery(),
        )

    return NewRowStatements(counted_in(_ADD_TO_SLOT), counted_in(_ADD_TO_A_FREE_SLOT))


def record_new_row(
    session: Session,
    actor: Actor | None,
    statements: NewRowStatements,
    params: dict[str, Any],
    *,
    after: dict[str, Any],
) -> tuple[int, int]:
    """Run `statements` (PostgreSQL only): the new row, what else it carries, its audit event
    with `after` (the row's values but its id) and the change counted, in one round trip, in
    the caller's transaction; return the new row's id and the event's.

    What is stored is what `record` stores for the same values with the id first: the same
    JSON encoding, `before` NULL as `record` binds it, `at` now. The slot is taken as
    `_insert_counted` takes it (kept for the rest of the transaction; waited for when every
    slot is held).
    """
    conn = session.connection()
    assert conn.dialect.name == "postgresql"
    transaction = session.get_transaction()
    held = session.info.get(_SLOT)
    slot = held[1] if held is not None and held[0] is transaction else None
    values = {
        **params,
        "at": utcnow(),
        "actor_id": actor.id if actor else None,
        "before": None,
        "after_rest": json.dumps(jsonable(after)),  # as the JSON type encodes it (`record`)
    }
    if slot is None:
        event_id, row_id, taken = conn.execute(statements.in_a_free_slot, values).one()
        slot = int(taken) if taken is not None else _wait_for_a_slot(conn)
    else:
        event_id, row_id, _ = conn.execute(statements.in_slot, {**values, "slot": slot}).one()
    session.info[_SLOT] = (transaction, slot)
    return int(row_id), int(event_id)


def _take_slot(conn: sa.Connection) -> int:
    """Add one to a slot no open transaction holds; return which slot it was."""
    if conn.dialect.name != "postgresql":
        conn.execute(_ADD_TO_SLOT, {"slot": 1})
        return 1
    taken = conn.execute(_ADD_TO_A_FREE_SLOT).scalar()
    if taken is not None:
        return int(taken)
    return _wait_for_a_slot(conn)


def _wait_for_a_slot(conn: sa.Connection) -> int:
    """Every slot is held by an open transaction: wait for one, as every writer did before."""
    backend = int(conn.execute(sa.select(sa.func.pg_backend_pid())).scalar_one())
    slot = 1 + backend % DATA_VERSION_SLOTS
    conn.execute(_ADD_TO_SLOT, {"slot": slot})
    return slot


def data_version(conn: sa.Connection | Session) -> int:
    """The number of changes committed, in any process; it changes exactly when one commits.

    Cached queries take it as an argument (read it before the data, so the data is at least as
    new), and every process sees fresh data after a write from any other process (another app
    worker, the command line) without clearing caches. Backups and briefings record it.
    """
    value = conn.execute(_SUM_OF_SLOTS).scalar()
    return int(value or 0)


def advance_data_version(session: Session, at_least: int) -> int:
    """Set the data version past both its current value and `at_least`; return it.

    A restore passes the backup's version: the restored data then carries a number above the
    backup's (as a change after it would) and above any this database had, so nothing cached
    from before the restore is taken for it. The slots are locked first, so a change that
    commits meanwhile is counted in `current`, not overwritten.
    """
    slots = session.execute(sa.select(col(DataVersion.version)).with_for_update()).scalars()
    current = sum(int(count) for count in slots)
    version = max(current, at_least) + 1
    session.execute(sa.update(DataVersion).values(version=0))
    session.execute(sa.update(DataVersion).where(col(DataVersion.id) == 1).values(version=version))
    return version
