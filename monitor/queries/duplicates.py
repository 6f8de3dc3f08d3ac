"""Likely duplicates of an entry among those a reader may see, by indexed look-ups only.

One save asks at most four narrow questions: entries (and sources kept from merged entries)
with the same source-URL key (`ix_evidence_source_url_key`, `ix_evidence_source_source_url_key`),
entries with an attachment of the same SHA-256 (`ix_attachment_sha256`), and the entries of
the same region whose events start within the window (`ix_evidence_region_start`, at most
`duplicates.CANDIDATES`), whose texts rapidfuzz then compares. An import asks, per chunk of
rows, once by URL key and once by title key at each row's region and dates
(`ix_evidence_text_place`).

`where` is the reader's visibility as SQL conditions on `evidence` (the policy's own form):
an entry the reader may not see is never looked at, so no warning, score or count can tell
of it. Withdrawn entries (merged ones among them) are not duplicates of anything.
"""

from __future__ import annotations

import json
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import col

from monitor.core.models import Attachment, Evidence, EvidenceSource
from monitor.domain import duplicates
from monitor.domain.duplicates import Candidate, Match, Place

Where = Sequence[sa.ColumnElement[bool]]
DESCRIPTION_PREFIX = duplicates.TEXT_PREFIX


@dataclass(frozen=True)
class Probe:
    """What a new (or opened) entry says that duplicates are looked for by."""

    title: str
    description: str
    region_code: str
    event_start: date
    event_end: date | None = None
    settlement_code: str | None = None
    source_url: str | None = None
    hashes: tuple[str, ...] = ()  # SHA-256 of its attachments
    exclude: tuple[int, ...] = ()  # the entry itself, when it is stored

    @property
    def place(self) -> Place:
        return Place(self.region_code, self.settlement_code, self.event_start, self.event_end)

    @classmethod
    def of(cls, values: Mapping[str, Any], **more: Any) -> Probe:
        """From an entry's values (a form's, or a stored entry's; dates as dates or ISO text,
        a ValueError for a date that is neither)."""
        return cls(
            title=str(values.get("title") or ""),
            description=str(values.get("description") or ""),
            region_code=str(values["region_code"]),
            event_start=_day(values["event_start"]),
            event_end=_day(values.get("event_end")) if values.get("event_end") else None,
            settlement_code=values.get("settlement_code") or None,
            source_url=values.get("source_url") or None,
            **more,
        )


def _day(value: object) -> date:
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value).strip())


def _seen(where: Where) -> list[sa.ColumnElement[bool]]:
    """The reader's entries that are not withdrawn. Withdrawn is tested through a function,
    so that no index on `withdrawn_at` can serve it: left to itself SQLite prefers the
    Overview's covering indexes, whose first column that is, and scans every open entry
    instead of looking the keys up."""
    withdrawn = sa.func.coalesce(col(Evidence.withdrawn_at), None)
    return [*where, withdrawn.is_(None)]


def _by_url(conn: sa.Connection, key: str | None, where: Where) -> list[int]:
    if key is None:
        return []
    direct: sa.Select[Any] = sa.select(col(Evidence.id)).where(
        col(Evidence.source_url_key) == key, *_seen(where)
    )
    kept: sa.Select[Any] = (
        sa.select(col(EvidenceSource.evidence_id))
        .join(Evidence, col(Evidence.id) == col(EvidenceSource.evidence_id))
        .where(col(EvidenceSource.source_url_key) == key, *_seen(where))
    )
    query: sa.CompoundSelect[Any] = sa.union(direct, kept).limit(duplicates.SHOWN * 2)
    return [int(i) for i in conn.execute(query).scalars()]


def _by_file(conn: sa.Connection, hashes: Collection[str], where: Where) -> list[int]:
    if not hashes:
        return []
    query = (
        sa.select(col(Attachment.evidence_id))
        .join(Evidence, col(Evidence.id) == col(Attachment.evidence_id))
        .where(col(Attachment.sha256).in_(list(hashes)), *_seen(where))
        .distinct()
        .limit(duplicates.SHOWN * 2)
    )
    return [int(i) for i in conn.execute(query).scalars()]


_CANDIDATE_COLUMNS = (
    col(Evidence.id),
    col(Evidence.title),
    sa.func.substr(col(Evidence.description), 1, DESCRIPTION_PREFIX).label("description"),
    col(Evidence.region_code),
    col(Evidence.settlement_code),
    col(Evidence.event_start),
    col(Evidence.event_end),
)


def _candidate(row: Any) -> Candidate:
    place = Place(row.region_code, row.settlement_code, row.event_start, row.event_end)
    return Candidate(int(row.id), place, duplicates.comparable(row.title, row.description))


def _by_text(conn: sa.Connection, probe: Probe, where: Where) -> dict[int, float]:
    window = timedelta(days=duplicates.DATE_WINDOW)
    query = (
        sa.select(*_CANDIDATE_COLUMNS)
        .where(
            col(Evidence.region_code) == probe.region_code,
            col(Evidence.event_start) >= probe.event_start - window,
            col(Evidence.event_start) <= (probe.event_end or probe.event_start) + window,
            *_seen(where),
        )
        .limit(duplicates.CANDIDATES)
    )
    candidates = [_candidate(row) for row in conn.execute(query)]
    text = duplicates.comparable(probe.title, probe.description)
    return duplicates.text_matches(text, probe.place, candidates)


def find(conn: sa.Connection, probe: Probe, where: Where) -> list[Match]:
    """The likely duplicates of one entry, strongest first (at most `duplicates.SHOWN`)."""
    return duplicates.combine(
        by_url=_by_url(conn, duplicates.url_key(probe.source_url), where),
        by_file=_by_file(conn, probe.hashes, where),
        by_text=_by_text(conn, probe, where),
        exclude=probe.exclude,
    )


DESCRIBED = ["id", "title", "event_start", "region_code", "source_url", "incident_id"]


def described(conn: sa.Connection, matches: Sequence[Match], where: Where) -> pd.DataFrame:
    """The matched entries as a person is shown them, with why and how alike each is."""
    ids = [m.evidence_id for m in matches]
    query = sa.select(*(table_col(name) for name in DESCRIBED)).where(
        col(Evidence.id).in_(ids), *where
    )
    rows = {row.id: row for row in conn.execute(query)} if ids else {}
    shared = shared_incidents(conn, {r.incident_id for r in rows.values() if r.incident_id}, where)
    records = [
        {
            **{name: getattr(rows[m.evidence_id], name) for name in DESCRIBED},
            "incident_id": rows[m.evidence_id].incident_id
            if rows[m.evidence_id].incident_id in shared
            else None,
            "reasons": [r.value for r in m.reasons],
            "score": round(m.score if m.text_score is None else m.text_score),  # as said
        }
        for m in matches
        if m.evidence_id in rows
    ]
    return pd.DataFrame(records, columns=[*DESCRIBED, "reasons", "score"])


def table_col(name: str) -> sa.ColumnElement[Any]:
    return Evidence.__table__.c[name]  # type: ignore[attr-defined,no-any-return]


@dataclass
class BatchRow:
    """A row of an import checked against the database: its position and what it says."""

    number: int
    probe: Probe
    url_key: str | None
    text_key: str


def _probe_rows(rows: Sequence[BatchRow]) -> str:
    """A chunk's rows as the look-up's one parameter: a JSON array of [title key, region,
    first day, last day] (the event's dates widened by the window)."""
    window = timedelta(days=duplicates.DATE_WINDOW)
    return json.dumps(
        [
            [
                r.text_key,
                r.probe.region_code,
                (r.probe.event_start - window).isoformat(),
                ((r.probe.event_end or r.probe.event_start) + window).isoformat(),
            ]
            for r in rows
        ]
    )


def _probes(dialect: str) -> sa.Subquery:
    """The rows of the `probes` parameter (`_probe_rows`) as a table of key, region, low and
    high. One JSON text, not a VALUES list of four parameters a row: the statement is then
    the same for every chunk, compiled once and cached (the VALUES of 2,000 rows took longer
    to compile than to run)."""
    given = sa.bindparam("probes", type_=sa.Text)
    fields: list[sa.ColumnElement[Any]]
    day: type[sa.types.TypeEngine[Any]]
    if dialect == "postgresql":
        item = sa.func.jsonb_array_elements(sa.cast(given, JSONB)).table_valued("value")
        fields = [item.c.value.op("->>")(i) for i in range(4)]
        day = sa.Date
    else:  # SQLite: dates are ISO texts there, compared as such
        item = sa.func.json_each(given).table_valued("value")
        fields = [sa.func.json_extract(item.c.value, f"$[{i}]") for i in range(4)]
        day = sa.Text
    key, region, low, high = fields
    return sa.select(
        sa.cast(key, sa.Text).label("key"),
        sa.cast(region, sa.Text).label("region"),
        sa.cast(low, day).label("low"),
        sa.cast(high, day).label("high"),
    ).subquery("probe")


def one_of(column: Any, values: Collection[str], dialect: str) -> Any:
    """`column IN values` with the values as one JSON parameter, not one bind parameter a
    value: the statement is the same for every chunk of an import, compiled once (an
    expanding IN of 2,000 keys is rendered again for each execution)."""
    given = sa.literal(json.dumps(list(values)), sa.Text)
    if dialect == "postgresql":
        items = sa.func.jsonb_array_elements_text(sa.cast(given, JSONB)).table_valued("value")
    else:
        items = sa.func.json_each(given).table_valued("value")
    return column.in_(sa.select(items.c.value))


def find_batch(
    conn: sa.Connection, rows: Sequence[BatchRow], where: Where
) -> dict[int, list[Match]]:
    """Likely duplicates of a chunk of import rows among stored entries: one look-up by URL
    key and one by title key at each row's region and dates for the whole chunk; the title
    matches are then kept only about the same place with near-identical text."""
    url_keys = {r.url_key for r in rows if r.url_key}
    by_url: dict[str, list[int]] = {}
    if url_keys:
        dialect = conn.dialect.name
        direct = sa.select(col(Evidence.source_url_key), col(Evidence.id)).where(
            one_of(col(Evidence.source_url_key), url_keys, dialect), *_seen(where)
        )
        kept = (
            sa.select(col(EvidenceSource.source_url_key), col(EvidenceSource.evidence_id))
            .join(Evidence, col(Evidence.id) == col(EvidenceSource.evidence_id))
            .where(one_of(col(EvidenceSource.source_url_key), url_keys, dialect), *_seen(where))
        )
        union: sa.CompoundSelect[Any] = sa.union(direct, kept)
        for key, evidence_id in conn.execute(union).all():
            by_url.setdefault(str(key), []).append(int(evidence_id))
    by_title: dict[tuple[str, str], list[Candidate]] = {}  # by title key and region
    if rows:
        # each row's title key at its own region and dates, joined in SQL on one index
        # (`ix_evidence_text_place`): a title many entries share (a partner's "Detention
        # reported") would otherwise bring every one of them back for every chunk, and the
        # import would slow as the database grows
        probes = _probes(conn.dialect.name)
        query = (
            sa.select(col(Evidence.text_key), *_CANDIDATE_COLUMNS)
            .distinct()
            .join(
                probes,
                sa.and_(
                    col(Evidence.text_key) == probes.c.key,
                    col(Evidence.region_code) == probes.c.region,
                    col(Evidence.event_start) >= probes.c.low,
                    col(Evidence.event_start) <= probes.c.high,
                ),
            )
            .where(*_seen(where))
        )
        for stored in conn.execute(query, {"probes": _probe_rows(rows)}).all():
            place = (stored.text_key, stored.region_code)
            by_title.setdefault(place, []).append(_candidate(stored))
    found: dict[int, list[Match]] = {}
    for row in rows:
        urls = by_url.get(row.url_key or "", [])
        titled = by_title.get((row.text_key, row.probe.region_code), [])
        texts: dict[int, float] = {}
        if titled:
            text = duplicates.comparable(row.probe.title, row.probe.description)
            texts = duplicates.text_matches(text, row.probe.place, titled)
        if urls or texts:
            found[row.number] = duplicates.combine(by_url=urls, by_text=texts)
    return found


def _source_of(key: Any, entry_id: Any) -> Any:
    """An entry's source key, or the entry itself when it names no source."""
    return sa.func.coalesce(key, sa.literal("entry:") + sa.cast(entry_id, sa.String))


def shared_incidents(conn: sa.Connection, incident_ids: Collection[int], where: Where) -> set[int]:
    """Those of these incidents in which the reader may see two entries or more. Only those
    are shown as incidents: one whose other entries are all hidden from the reader would tell
    that they exist."""
    if not incident_ids:
        return set()
    linked = col(Evidence.incident_id)
    query = (
        sa.select(linked)
        .where(linked.in_(list(incident_ids)), *where)
        .group_by(linked)
        .having(sa.func.count() >= 2)
    )
    return {int(i) for i in conn.execute(query).scalars() if i is not None}


def independent_sources(
    conn: sa.Connection, incident_ids: Collection[int], where: Where
) -> dict[int, int]:
    """Incident -> how many independent sources its entries (those the reader may see, not
    withdrawn) and the sources they kept from merged entries come from
    (`monitor.domain.duplicates`, "Independent sources")."""
    if not incident_ids:
        return {}
    ids = list(incident_ids)
    own: sa.Select[Any] = sa.select(
        col(Evidence.incident_id).label("incident"),
        _source_of(col(Evidence.source_key), col(Evidence.id)).label("source"),
    ).where(col(Evidence.incident_id).in_(ids), *_seen(where))
    kept: sa.Select[Any] = (
        sa.select(
            col(Evidence.incident_id).label("incident"),
            _source_of(col(EvidenceSource.source_key), col(EvidenceSource.from_evidence_id)),
        )
        .join(Evidence, col(Evidence.id) == col(EvidenceSource.evidence_id))
        .where(col(Evidence.incident_id).in_(ids), *_seen(where))
    )
    sources = sa.union(own, kept).subquery("sources")
    query = sa.select(sources.c.incident, sa.func.count(sa.distinct(sources.c.source))).group_by(
        sources.c.incident
    )
    return {int(i): int(n) for i, n in conn.execute(query)}


MEMBERS = ["id", "title", "event_start", "source_type", "source_url", "source_title", "withdrawn"]


def incident_members(conn: sa.Connection, incident_id: int, where: Where) -> pd.DataFrame:
    """The entries of an incident the reader may see (merged ones too, shown withdrawn)."""
    query = (
        sa.select(
            col(Evidence.id),
            col(Evidence.title),
            col(Evidence.event_start),
            col(Evidence.source_type),
            col(Evidence.source_url),
            col(Evidence.source_title),
            col(Evidence.withdrawn_at).is_not(None).label("withdrawn"),
        )
        .where(col(Evidence.incident_id) == incident_id, *where)
        .order_by(col(Evidence.event_start), col(Evidence.id))
    )
    return pd.DataFrame(conn.execute(query).all(), columns=MEMBERS)


KEPT = ["from_evidence_id", "source_type", "source_url", "source_title", "added_at"]


def kept_sources(conn: sa.Connection, evidence_id: int) -> pd.DataFrame:
    """The sources an entry keeps from entries merged into it (it is shown only with the entry
    itself, which the reader may see)."""
    table = EvidenceSource.__table__  # type: ignore[attr-defined]
    query = (
        sa.select(*(table.c[name] for name in KEPT))
        .where(table.c.evidence_id == evidence_id)
        .order_by(table.c.id)
    )
    return pd.DataFrame(conn.execute(query).all(), columns=KEPT)


def incident_counts(
    conn: sa.Connection, conditions: Sequence[sa.ColumnElement[bool]], entries: int
) -> int:
    """How many incidents `entries` entries (those `conditions` select) are about: each entry
    in no incident is one, the linked ones count once per incident.

    Only the linked entries are read, through `ix_evidence_incident_id`: the conditions are
    tested on each of them inside a CASE, so that SQLite cannot take an index of the filters
    instead (it would, and read every open entry)."""
    linked = col(Evidence.incident_id)
    chosen = sa.case((sa.and_(sa.true(), *conditions), 1), else_=0) == 1
    query = sa.select(sa.func.count(linked), sa.func.count(sa.distinct(linked))).where(
        linked >= 1,
        chosen,  # a range of the index: for IS NOT NULL SQLite scans the table
    )
    in_incidents, incidents = conn.execute(query).one()
    return entries - int(in_incidents or 0) + int(incidents or 0)


def imported_entries(
    conn: sa.Connection, before: int, actor_id: int, positions: Collection[int]
) -> dict[int, tuple[int, str | None, str]]:
    """Position -> (id, title key, region) of the entries an import by `actor_id` wrote past
    the entry `before`, numbered from 0 in the order of their ids (the order it wrote them):
    those at the positions asked for, in one statement (the primary key's range up to the
    last position asked for, numbered in the database: nothing of the other new entries comes
    back, and none past that position is read; the listed rows are a file's first)."""
    if not positions:
        return {}
    written = (
        sa.select(col(Evidence.id), col(Evidence.text_key), col(Evidence.region_code))
        .where(col(Evidence.id) > before, col(Evidence.created_by) == actor_id)
        .order_by(col(Evidence.id))
        .limit(max(positions) + 1)
        .subquery("written")
    )
    numbered = sa.select(
        written,
        (sa.func.row_number().over(order_by=written.c.id) - 1).label("position"),
    ).subquery("numbered")
    query = sa.select(numbered).where(numbered.c.position.in_(sorted(positions)))
    return {
        int(row.position): (int(row.id), row.text_key, str(row.region_code))
        for row in conn.execute(query)
    }


def titles(conn: sa.Connection, ids: Collection[int], where: Where) -> dict[int, str]:
    """Id -> title of those of these entries the reader may see."""
    if not ids:
        return {}
    query = sa.select(col(Evidence.id), col(Evidence.title)).where(
        col(Evidence.id).in_(sorted(ids)), *where
    )
    return {int(row.id): str(row.title) for row in conn.execute(query)}
