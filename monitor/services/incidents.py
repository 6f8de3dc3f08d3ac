"""Duplicates joined as corroboration: link entries into one incident, unlink, or merge one
entry into another. Every change is audited in the caller's transaction.

- link: both entries end in one incident (a new one, the one either is in, or, when both are
  in different incidents, the first's, which the second's entries all join);
- unlink: the entry leaves its incident; an incident left with one entry is dissolved;
- merge: one entry survives. The merged entry's source (type, URL, title) and the sources it
  had kept are kept on the survivor (`EvidenceSource`), its attachments are attached to the
  survivor too (the same stored file, by its SHA-256), its demands are added to the
  survivor's, both end in one incident, and the merged entry is withdrawn with
  `merged_into` naming the survivor: nothing is deleted, and the merge is in both histories.

Only entries the actor may see can be linked or merged (`visible`): one the actor may not see
is "not found", exactly as opening it would be.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from monitor.core import audit, demand_mask, permissions
from monitor.core.db import session_scope
from monitor.core.models import (
    Attachment,
    AuditEvent,
    CustodyAction,
    CustodyItem,
    Demand,
    Evidence,
    EvidenceDemand,
    EvidenceSource,
    Incident,
    utcnow,
)
from monitor.core.permissions import Action, Actor, require
from monitor.domain import duplicates
from monitor.domain.duplicates import Choice
from monitor.domain.filters import EvidenceFilters
from monitor.errors import InvalidInput, MonitorError, NotFound
from monitor.queries import duplicates as found
from monitor.queries.evidence import evidence_conditions
from monitor.services import custody

MERGED_REASON = "merged into #{survivor}"
STORED_KEYS = ("source_url_key", "source_key", "text_key")  # `duplicates.keys`, by column


def visible(actor: Actor) -> list[sa.ColumnElement[bool]]:
    """The entries this actor may see, as SQL conditions (the policy's own rule)."""
    return permissions.visibility(actor).conditions()


def _load(session: Session, actor: Actor, evidence_id: int) -> Evidence:
    """An entry the actor may see, or "not found" (whether it exists or is hidden)."""
    query = select(Evidence).where(col(Evidence.id) == evidence_id, *visible(actor))
    entry = session.exec(query.execution_options(populate_existing=True)).first()
    if entry is None:
        raise NotFound(key="not_found.evidence", id=evidence_id)
    return entry


def _open(entry: Evidence, field: str = "evidence") -> None:
    if entry.withdrawn_at is not None:
        raise InvalidInput({field: ("duplicates.withdrawn", {"id": entry.id})})


def _two(session: Session, actor: Actor, evidence_id: int, other_id: int) -> tuple[Evidence, ...]:
    require(actor, Action.EDIT)
    if other_id < 1:
        raise InvalidInput({"other": ("duplicates.choose_entry", {})})
    if evidence_id == other_id:
        raise InvalidInput({"other": ("duplicates.same_entry", {"id": other_id})})
    first, second = _load(session, actor, evidence_id), _load(session, actor, other_id)
    _open(first)
    _open(second, "other")
    return first, second


def _set_incident(
    session: Session, actor: Actor, entries: Sequence[Evidence], incident_id: int | None
) -> None:
    for entry in entries:
        if entry.incident_id == incident_id:
            continue
        before = {"incident_id": entry.incident_id}
        session.execute(
            sa.update(Evidence)
            .where(col(Evidence.id) == entry.id)
            .values(incident_id=incident_id)
            .execution_options(synchronize_session=False)
        )
        action = "link" if incident_id is not None else "unlink"
        after = {"incident_id": incident_id}
        audit.record(session, actor, action, "evidence", entry.id, before=before, after=after)


def _join(session: Session, actor: Actor, first: Evidence, second: Evidence) -> int:
    """Put both in one incident; returns its id."""
    target = first.incident_id or second.incident_id
    if target is None:
        incident = Incident(created_by=actor.id)
        session.add(incident)
        session.flush()
        assert incident.id is not None
        target = incident.id
        audit.record(session, actor, "create", "incident", target)
    movers = [first, second]
    other = second.incident_id
    if other is not None and other != target:  # the second's incident joins the first's
        movers += list(
            session.exec(
                select(Evidence).where(
                    col(Evidence.incident_id) == other, col(Evidence.id) != second.id
                )
            )
        )
    _set_incident(session, actor, movers, target)
    if other is not None and other != target:
        _drop_incident(session, actor, other)
    return target


def _drop_incident(session: Session, actor: Actor, incident_id: int) -> None:
    session.execute(sa.delete(Incident).where(col(Incident.id) == incident_id))
    audit.record(session, actor, "dissolve", "incident", incident_id)


def link(*, session: Session, actor: Actor, evidence_id: int, other_id: int) -> int:
    """Join two entries as corroboration of one incident; returns the incident's id."""
    first, second = _two(session, actor, evidence_id, other_id)
    return _join(session, actor, first, second)


def unlink(*, session: Session, actor: Actor, evidence_id: int) -> None:
    """Take an entry out of its incident (an incident left with one entry is dissolved)."""
    require(actor, Action.EDIT)
    entry = _load(session, actor, evidence_id)
    incident_id = entry.incident_id
    if incident_id is None:
        raise InvalidInput({"evidence": ("duplicates.not_linked", {"id": evidence_id})})
    _set_incident(session, actor, [entry], None)
    rest = list(session.exec(select(Evidence).where(col(Evidence.incident_id) == incident_id)))
    if len(rest) <= 1:
        _set_incident(session, actor, rest, None)
        _drop_incident(session, actor, incident_id)


def _keep_sources(
    session: Session, actor: Actor, survivor: Evidence, merged: Evidence
) -> list[int]:
    """The merged entry's source, and those it kept, kept on the survivor; the ids of the
    rows added (what an undo of the merge takes away again)."""
    assert merged.id is not None and survivor.id is not None
    rows: list[dict[str, Any]] = [
        {
            "from_evidence_id": merged.id,
            "source_type": merged.source_type,
            "source_url": merged.source_url,
            "source_title": merged.source_title,
            "source_url_key": merged.source_url_key,
            "source_key": merged.source_key,
        }
    ]
    for kept in session.exec(select(EvidenceSource).where(EvidenceSource.evidence_id == merged.id)):
        rows.append(
            {
                name: getattr(kept, name)
                for name in (
                    "from_evidence_id",
                    "source_type",
                    "source_url",
                    "source_title",
                    "source_url_key",
                    "source_key",
                )
            }
        )
    have = set(
        session.exec(
            select(EvidenceSource.from_evidence_id).where(EvidenceSource.evidence_id == survivor.id)
        )
    )
    added: list[EvidenceSource] = []
    for row in rows:
        if row["from_evidence_id"] in have or row["from_evidence_id"] == survivor.id:
            continue
        added.append(EvidenceSource(evidence_id=survivor.id, added_by=actor.id, **row))
        have.add(row["from_evidence_id"])
    session.add_all(added)
    session.flush()
    return [int(kept.id) for kept in added if kept.id is not None]


def _keep_attachments(
    session: Session, actor: Actor, survivor: Evidence, merged: Evidence
) -> list[int]:
    """The merged entry's files attached to the survivor too (the same stored file), each a
    custody event on the survivor's new attachment: the chain names where it came from. The
    bytes are not read here, so no hash is claimed as seen. Returns the new attachments' ids."""
    have = set(session.exec(select(Attachment.sha256).where(Attachment.evidence_id == survivor.id)))
    added: list[int] = []
    for item in session.exec(select(Attachment).where(Attachment.evidence_id == merged.id)):
        if item.sha256 in have:
            continue
        assert survivor.id is not None
        kept = Attachment(
            evidence_id=survivor.id,
            sha256=item.sha256,
            filename=item.filename,
            media_type=item.media_type,
            size=item.size,
            created_by=actor.id,
            revealing_metadata=item.revealing_metadata,
        )
        session.add(kept)
        session.flush()
        assert kept.id is not None
        custody.record(
            session=session,
            actor=actor,
            action=CustodyAction.ATTACH,
            item_kind=CustodyItem.ATTACHMENT,
            item_id=kept.id,
            evidence_id=survivor.id,
            recorded=item.sha256,
            seen=None,
            detail=f"kept from entry #{merged.id} (attachment #{item.id}) when it was merged",
        )
        have.add(item.sha256)
        added.append(kept.id)
    return added


def _demands_of(session: Session, evidence_id: int) -> list[int]:
    links = select(EvidenceDemand.demand_id).where(EvidenceDemand.evidence_id == evidence_id)
    return sorted(set(session.exec(links)))


def _keep_demands(session: Session, survivor: Evidence, merged: Evidence) -> tuple[list[int], ...]:
    """The survivor's demands and the merged entry's together; (before, after)."""
    assert survivor.id is not None and merged.id is not None
    before = _demands_of(session, survivor.id)
    ids = sorted({*before, *_demands_of(session, merged.id)})
    demand_mask.set_links(session, survivor.id, ids)
    return before, ids


def merge(*, session: Session, actor: Actor, survivor_id: int, merged_id: int) -> int:
    """Merge `merged_id` into `survivor_id` (see the module's docstring); returns the
    survivor's id."""
    survivor, merged = _two(session, actor, survivor_id, merged_id)
    now = utcnow()
    versions = {"survivor": survivor.version + 1, "merged": merged.version + 1}
    sources = _keep_sources(session, actor, survivor, merged)
    files = _keep_attachments(session, actor, survivor, merged)
    session.flush()
    demands_before, demands = _keep_demands(session, survivor, merged)
    incident_id = _join(session, actor, survivor, merged)
    reason = MERGED_REASON.format(survivor=survivor_id)
    session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == merged_id)
        .values(
            withdrawn_at=now,
            withdrawn_reason=reason,
            merged_into=survivor_id,
            version=col(Evidence.version) + 1,
            updated_at=now,
            updated_by=actor.id,
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == survivor_id)
        .values(version=col(Evidence.version) + 1, updated_at=now, updated_by=actor.id)
        .execution_options(synchronize_session=False)
    )
    audit.record(
        session,
        actor,
        "merge",
        "evidence",
        survivor_id,
        before={"demand_ids": demands_before},
        after={
            "merged": merged_id,
            "sources_kept": len(sources),
            "attachments_kept": len(files),
            "demand_ids": demands,
            "incident_id": incident_id,
            # what an undo of the merge takes back (`unmerge`), and the versions it expects
            "source_rows": sources,
            "attachment_rows": files,
            "versions": versions,
        },
    )
    audit.record(
        session,
        actor,
        "merged",
        "evidence",
        merged_id,
        before={"withdrawn_at": None, "merged_into": None},
        after={"withdrawn_reason": reason, "merged_into": survivor_id},
    )
    return survivor_id


@dataclass(frozen=True)
class Unmerged:
    """What an undone merge gave back: the entry restored, and what the survivor lost (only
    what the merge had given it). The two stay linked as corroboration in `incident_id`."""

    survivor_id: int
    merged_id: int
    sources: int  # sources the survivor had kept from the merged entry, taken back
    attachments: int  # attachments copied onto the survivor, taken back (the files stay)
    demand_codes: tuple[str, ...]  # demands the survivor had only from the merge, taken back
    incident_id: int | None


def _merge_event(session: Session, survivor_id: int, merged_id: int) -> AuditEvent | None:
    """The audit event of the merge of `merged_id` into `survivor_id` (the latest)."""
    events = session.exec(
        select(AuditEvent)
        .where(
            AuditEvent.action == "merge",
            AuditEvent.entity == "evidence",
            AuditEvent.entity_id == str(survivor_id),
        )
        .order_by(col(AuditEvent.id).desc())
    )
    return next((e for e in events if (e.after or {}).get("merged") == merged_id), None)


def unmerge(*, session: Session, actor: Actor, merged_id: int) -> Unmerged:
    """Undo the merge of `merged_id`: it is open again with its own status, source, files and
    demands (a merge never changed those); the survivor loses the sources, the attachment
    copies and the demands the merge gave it, and nothing it had before or was given since.

    Refused when either entry changed since the merge (its version moved on: an edit, a
    verification step, another merge): what the merge gave could then be woven into that
    change, and an undo cannot tell. Only merges recorded with what they gave (`merge`) can
    be undone. The two entries stay linked as corroboration: unlink them if they are not."""
    require(actor, Action.EDIT)
    merged = _load(session, actor, merged_id)
    if merged.merged_into is None:
        raise InvalidInput({"evidence": ("duplicates.not_merged", {"id": merged_id})})
    survivor = _load(session, actor, merged.merged_into)
    assert survivor.id is not None
    event = _merge_event(session, survivor.id, merged_id)
    given = (event.after or {}) if event is not None else {}
    if event is None or "versions" not in given:
        raise InvalidInput({"evidence": ("duplicates.undo_unrecorded", {"id": merged_id})})
    versions = given["versions"]
    for entry, role in ((survivor, "survivor"), (merged, "merged")):
        if entry.version != versions[role]:
            problem = {"id": entry.id, "then": versions[role], "now": entry.version}
            raise InvalidInput({"evidence": ("duplicates.undo_changed", problem)})
    survivor_id = survivor.id
    conn = session.connection()
    sources = conn.execute(
        sa.delete(EvidenceSource).where(
            col(EvidenceSource.id).in_(given.get("source_rows") or []),
            col(EvidenceSource.evidence_id) == survivor_id,
        )
    ).rowcount
    files = conn.execute(
        sa.delete(Attachment).where(
            col(Attachment.id).in_(given.get("attachment_rows") or []),
            col(Attachment.evidence_id) == survivor_id,
        )
    ).rowcount
    before = set((event.before or {}).get("demand_ids") or [])
    now_ids = set(_demands_of(session, survivor_id))
    taken = sorted(now_ids - before)
    demand_mask.set_links(session, survivor_id, sorted(now_ids & before))
    codes = tuple(
        session.exec(select(Demand.code).where(col(Demand.id).in_(taken)).order_by(Demand.code))
    )
    stamp = {"updated_at": utcnow(), "updated_by": actor.id}
    session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == merged_id)
        .values(
            withdrawn_at=None,
            withdrawn_reason=None,
            merged_into=None,
            version=col(Evidence.version) + 1,
            **stamp,
        )
        .execution_options(synchronize_session=False)
    )
    session.execute(
        sa.update(Evidence)
        .where(col(Evidence.id) == survivor_id)
        .values(version=col(Evidence.version) + 1, **stamp)
        .execution_options(synchronize_session=False)
    )
    undone = {"merge_event": event.id, "merged": merged_id}
    taken_back = {
        "source_rows": given.get("source_rows") or [],
        "attachment_rows": given.get("attachment_rows") or [],
        "demand_ids": taken,
    }
    audit.record(
        session, actor, "unmerge", "evidence", survivor_id, before=taken_back, after=undone
    )
    audit.record(
        session,
        actor,
        "unmerged",
        "evidence",
        merged_id,
        before={"withdrawn_reason": merged.withdrawn_reason, "merged_into": survivor_id},
        after={"withdrawn_at": None, "merged_into": None},
    )
    return Unmerged(
        survivor_id, merged_id, int(sources or 0), int(files or 0), codes, merged.incident_id
    )


@dataclass(frozen=True)
class LinkedAll:
    """What "link all as corroboration" did: the pairs linked, and each refused with why."""

    linked: list[tuple[int, int]]
    refused: list[tuple[int, int, MonitorError]]


def link_all(*, session: Session, actor: Actor, pairs: Sequence[tuple[int, int]]) -> LinkedAll:
    """Link each pair as `link` would, each audited as one; a pair that is refused (an entry
    withdrawn, hidden from the actor, gone) is undone alone (a savepoint each) and reported,
    and the others are kept."""
    require(actor, Action.EDIT)
    linked: list[tuple[int, int]] = []
    refused: list[tuple[int, int, MonitorError]] = []
    for first, second in dict.fromkeys(pairs):
        try:
            with session.begin_nested():
                link(session=session, actor=actor, evidence_id=first, other_id=second)
        except MonitorError as err:
            refused.append((first, second, err))
        else:
            linked.append((first, second))
    return LinkedAll(linked, refused)


@dataclass(frozen=True)
class Decision:
    """What a person chose for a new entry with likely duplicates: the choice, and the entry
    it is linked or merged into (none for a separate entry)."""

    choice: Choice
    other_id: int | None = None

    @classmethod
    def parse(cls, choice: str, other_id: object) -> Decision:
        """From what a form or a command line gave, refused clearly when it makes no sense."""
        try:
            chosen = Choice(str(choice))
        except ValueError:
            problem = ("invalid.choice", {"choices": tuple(Choice)})
            raise InvalidInput({"duplicate": problem}) from None
        if chosen is Choice.SEPARATE:
            return cls(chosen)
        if not isinstance(other_id, int) or isinstance(other_id, bool) or other_id < 1:
            raise InvalidInput({"duplicate": ("duplicates.choose_entry", {})})
        return cls(chosen, other_id)


def decide(*, session: Session, actor: Actor, evidence_id: int, decision: Decision) -> None:
    """Carry out the choice for the entry just logged (in its transaction): nothing for a
    separate entry, a link, or a merge of the new entry into the other."""
    if decision.choice is Choice.SEPARATE or decision.other_id is None:
        return
    if decision.choice is Choice.LINK:
        link(session=session, actor=actor, evidence_id=evidence_id, other_id=decision.other_id)
    else:
        merge(session=session, actor=actor, survivor_id=decision.other_id, merged_id=evidence_id)


def likely_duplicates(
    *,
    session: Session,
    actor: Actor,
    data: Mapping[str, Any],
    hashes: Sequence[str] = (),
    evidence_id: int | None = None,
) -> pd.DataFrame:
    """The likely duplicates of an entry (as typed in a form, or stored) among the entries the
    actor may see: id, title, event_start, region_code, source_url, incident_id, reasons, score.
    Nothing to compare yet (no title, region or date) finds nothing."""
    require(actor, Action.READ)
    if not data.get("title") or not data.get("region_code") or not data.get("event_start"):
        return pd.DataFrame(columns=[*found.DESCRIBED, "reasons", "score"])
    exclude = (evidence_id,) if evidence_id is not None else ()
    try:
        probe = found.Probe.of(dict(data), hashes=tuple(hashes), exclude=exclude)
    except ValueError:  # a date the save will refuse, clearly, beside its field
        return pd.DataFrame(columns=[*found.DESCRIBED, "reasons", "score"])
    conn = session.connection()
    where = visible(actor)
    matches = found.described(conn, found.find(conn, probe, where), where)
    entry = session.get(Evidence, evidence_id) if evidence_id is not None else None
    if entry is not None and entry.incident_id is not None:  # already linked: not news
        matches = matches[matches["incident_id"] != entry.incident_id].reset_index(drop=True)
    return matches


def stored_keys(values: Mapping[str, Any]) -> dict[str, str | None]:
    """The duplicate keys to store beside an entry's values (`duplicates.keys`)."""
    return duplicates.keys(
        source_url=values.get("source_url"),
        source_title=values.get("source_title"),
        title=str(values.get("title") or ""),
    )


def decide_logged(
    *, engine: Engine, actor: Actor, evidence_id: int, decision: Decision
) -> MonitorError | None:
    """`decide` in a transaction of its own, after the new entry and its files were saved: a
    refusal (the other entry was withdrawn meanwhile, say) leaves the entry saved as a separate
    one and is returned to be reported."""
    try:
        with session_scope(engine) as session:
            decide(session=session, actor=actor, evidence_id=evidence_id, decision=decision)
    except MonitorError as err:
        return err
    return None


@dataclass(frozen=True)
class IncidentView:
    """An opened entry's incident as its reader may see it."""

    incident_id: int | None
    members: pd.DataFrame  # `queries.duplicates.MEMBERS`
    sources: int  # independent sources (`monitor.domain.duplicates`)
    kept: pd.DataFrame  # the sources it kept from merged entries (`queries.duplicates.KEPT`)


def incident_view(*, session: Session, actor: Actor, evidence_id: int) -> IncidentView:
    """The incident of an entry the actor may see, its entries and sources the actor may see."""
    require(actor, Action.READ)
    entry = _load(session, actor, evidence_id)
    conn = session.connection()
    where = visible(actor)
    kept = found.kept_sources(conn, evidence_id)
    if entry.incident_id not in found.shared_incidents(conn, {entry.incident_id or 0}, where):
        return IncidentView(None, pd.DataFrame(columns=found.MEMBERS), 0, kept)
    members = found.incident_members(conn, entry.incident_id, where)
    sources = found.independent_sources(conn, [entry.incident_id], where)
    return IncidentView(entry.incident_id, members, sources.get(entry.incident_id, 0), kept)


LISTED = 1000  # rows whose likely duplicates an import report keeps; every one is counted


class ScannedRows(dict[int, list[duplicates.RowMatch]]):
    """The listed rows' likely duplicates (row -> matches, as `ImportScan.finish` lists them),
    and what finds their entries once the import has written them (`imported_duplicates`):
    where each listed row, and each earlier row of the file one resembles, stands among the
    new rows the scan saw (the import writes them in that order, one after another), with the
    hash of its title key and region, which the entry found there must have; and the last
    entry id before the import began, and the scan's process (the hashes are its own)."""

    placed: dict[int, tuple[int, int]]  # row -> (position among the new rows, title hash)
    before: int
    process: int


@dataclass
class ImportScan:
    """Likely duplicates of an import's new rows, found as the rows stream: within the file
    (`duplicates.FileScan`) and, when `where` is given (the importer's visibility), among the
    stored entries the importer may see, one look-up by address and one by title a chunk
    (`queries.duplicates.find_batch`). Only reported: the import writes the rows as entries
    of their own, which can be linked or merged afterwards (`imported_duplicates` finds them,
    `link_all` links them)."""

    where: list[sa.ColumnElement[bool]] | None
    file: duplicates.FileScan = field(default_factory=duplicates.FileScan)
    found: dict[int, list[duplicates.RowMatch]] = field(default_factory=dict)
    stored_rows: set[int] = field(default_factory=set)
    before: int | None = None  # the last entry id when the first chunk came (one query a pass)

    @classmethod
    def of(cls, actor: Actor | None) -> ImportScan:
        return cls(None if actor is None else visible(actor))

    def chunk(
        self, session: Session, rows: Sequence[tuple[int, Mapping[str, Any]]]
    ) -> dict[int, dict[str, str | None]]:
        """Scan a chunk of new rows (row number, the entry's checked values); returns each
        row's stored keys, for the insert to write."""
        if self.before is None:  # before the first chunk is written: the import's ids follow it
            last = session.execute(sa.select(sa.func.max(col(Evidence.id)))).scalar()
            self.before = int(last or 0)
        keys: dict[int, dict[str, str | None]] = {}
        batch: list[found.BatchRow] = []
        for number, values in rows:
            stored = keys[number] = stored_keys(values)
            region, day = str(values["region_code"]), values["event_start"]
            self.file.add(number, stored["source_url_key"], stored["text_key"] or "", region, day)
            if self.where is not None:
                probe = found.Probe.of(values)
                text_key = stored["text_key"] or ""
                batch.append(found.BatchRow(number, probe, stored["source_url_key"], text_key))
        if batch and self.where is not None:
            for number, matches in found.find_batch(
                session.connection(), batch, self.where
            ).items():
                self.stored_rows.add(number)
                if len(self.found) < LISTED or number in self.found:
                    self.found.setdefault(number, []).extend(
                        duplicates.RowMatch(
                            number, m.strongest, entry_of=m.evidence_id, score=m.score
                        )
                        for m in matches
                    )
        return keys

    def finish(self) -> tuple[ScannedRows, int]:
        """The rows with likely duplicates (the first LISTED, by row) and how many in all.

        The file's matches stay arrays: only those of the listed rows are built (a million
        rows' every match, built to be counted, took 600 MB)."""
        within = self.file.matches()
        stored = np.fromiter(self.stored_rows, dtype=np.int64, count=len(self.stored_rows))
        rows = len(np.union1d(within.distinct_rows(), stored))
        for match in within.listed(self.found.keys(), LISTED - len(self.found)):
            self.found.setdefault(match.row, []).append(match)
        listed = ScannedRows(sorted(self.found.items())[:LISTED])
        wanted = {m.row_of for ms in listed.values() for m in ms if m.row_of} | set(listed)
        listed.placed = self._placed(wanted)
        listed.before = self.before or 0
        listed.process = os.getpid()
        return listed, rows

    def _placed(self, numbers: set[int]) -> dict[int, tuple[int, int]]:
        """Each row's position among the new rows (they came in order) and its title hash."""
        order = np.frombuffer(self.file.rows, dtype=np.int64)
        titles = np.frombuffer(self.file.titles, dtype=np.int64)
        asked = np.fromiter(sorted(numbers), dtype=np.int64, count=len(numbers))
        at = np.searchsorted(order, asked)
        placed: dict[int, tuple[int, int]] = {}
        for number, position in zip(asked.tolist(), at.tolist(), strict=True):
            if position < len(order) and int(order[position]) == number:
                placed[number] = (position, int(titles[position]))
        return placed


@dataclass(frozen=True)
class Resembled:
    """What a new entry of an import resembles: an entry (stored before, or written from an
    earlier row of the file, `row`), why and how alike."""

    evidence_id: int
    reason: duplicates.Reason
    score: float
    row: int | None = None


@dataclass(frozen=True)
class NewDuplicate:
    """A new entry an import wrote that has likely duplicates the importer may see."""

    evidence_id: int
    row: int
    title: str
    resembles: tuple[Resembled, ...]


def imported_duplicates(
    *, session: Session, actor: Actor, listed: Mapping[int, list[duplicates.RowMatch]]
) -> list[NewDuplicate]:
    """The entries an import just wrote (as `actor`) for its listed rows, each with the
    entries it resembles, by number: one look-up for them all (`queries.duplicates.
    imported_entries`). An entry is named only when the one at its row's place has that row's
    title and region (else nothing is claimed about it), and only entries the actor may see
    now are named, the new ones or those they resemble."""
    require(actor, Action.READ)
    if not isinstance(listed, ScannedRows) or listed.process != os.getpid() or not listed:
        return []
    positions = {position for position, _ in listed.placed.values()}
    conn = session.connection()
    at = found.imported_entries(conn, listed.before, actor.id, positions)
    entry_of: dict[int, int] = {}
    for number, (position, title_hash) in listed.placed.items():
        written = at.get(position)
        if written is not None and hash((written[1] or "", written[2])) == title_hash:
            entry_of[number] = written[0]
    ids = set(entry_of.values()) | {m.entry_of for ms in listed.values() for m in ms if m.entry_of}
    seen = found.titles(conn, ids, visible(actor))
    out: list[NewDuplicate] = []
    for number, matches in listed.items():
        entry_id = entry_of.get(number)
        if entry_id is None or entry_id not in seen:
            continue
        resembles: dict[int, Resembled] = {}
        for m in matches:
            other = m.entry_of if m.entry_of else entry_of.get(m.row_of or 0)
            if other is None or other not in seen or other == entry_id or other in resembles:
                continue
            resembles[other] = Resembled(other, m.reason, m.score, m.row_of)
        if resembles:
            out.append(NewDuplicate(entry_id, number, seen[entry_id], tuple(resembles.values())))
    return out


def incident_total(
    *, session: Session, actor: Actor, filters: EvidenceFilters, entries: int
) -> int:
    """How many incidents the `entries` entries these filters select (as the actor sees them)
    report: linked entries count once, every other entry is one."""
    require(actor, Action.READ)
    conditions = evidence_conditions(filters, permissions.visibility(actor))
    return found.incident_counts(session.connection(), conditions, entries)


def sources_of(*, session: Session, actor: Actor, incident_ids: Sequence[int]) -> dict[int, int]:
    """Incident -> its independent sources, counted over the entries the actor may see, for
    the incidents shown to the actor (`queries.duplicates.shared_incidents`)."""
    require(actor, Action.READ)
    conn, where = session.connection(), visible(actor)
    shared = found.shared_incidents(conn, set(incident_ids), where)
    return found.independent_sources(conn, shared, where)
