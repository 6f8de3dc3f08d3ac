"""The open data publication without the database: its tables, HXL tags, Frictionless and
Datasette descriptors, the Atom feed of changes, the README and the manifest.

What is public is decided here, field by field, and nowhere else: a table lists exactly the
columns that leave the building. The rule behind the choice:

- Reference texts are published (the demands as quoted, the drafts' titles, proponents and
  public sources, the regions): they are public documents to begin with.
- Codes and judgements are published (statuses and their dates, coverage levels with the cited
  point labels and the draft's confidence, the gap matrix, counts).
- Free text typed in the course of the work is never published, even on a public entry: an
  entry's title and description, its source title and URL, the typed settlement name, an
  assessment's rationale, coverage notes and legal notes, reasons. Any of them can name a
  detainee, a witness or a colleague, and none of them was written or reviewed for the open
  internet (a public entry is one that may go to a partner in a briefing). A public entry is
  published by its structured fields only; its settlement is named from the official KATOTTG
  codifier by its code, never from what was typed.
- Nothing about people who use the tool: no user names, authors, approvers or e-mails.

Which entries are public is the permission policy's answer for a file handed on by default
(`monitor.core.permissions.export_sensitivities`); withdrawn entries are never published.
The aggregates count the same public entries only: a count of restricted entries could reveal
that they exist in a region and month.

Everything here is deterministic: the same data makes the same bytes (no clock is read; the
time a publication states is the data's own latest change).
"""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from feedgen.feed import FeedGenerator

from monitor.domain import csv_files, gaps

DATASET_NAME = "demands-monitor"
SQLITE_FILE = "demands_monitor.db"
DATAPACKAGE_FILE = "datapackage.json"
METADATA_FILE = "metadata.json"  # Datasette's
FEED_FILE = "feed.atom"
README_FILE = "README.md"
MANIFEST_FILE = "MANIFEST.sha256"
TITLE = "Demands Monitor: ten human-rights demands for Ukrainians in the occupied territories"
DESCRIPTION = (
    "Open data of Demands Monitor: the ten demands that eight Ukrainian human-rights "
    "organisations asked every party to the peace negotiations to include for Ukrainians in "
    "the temporarily occupied territories, the status of each over time, how each draft peace "
    "agreement covers them (with the confidence of the draft's text), the gap matrix, and the "
    "public evidence: counts by demand, month, region and direction, and each public entry by "
    "its structured fields."
)
LICENSE = {
    "name": "CC-BY-4.0",
    "title": "Creative Commons Attribution 4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
SOURCE_TITLE = "Demands Monitor (the coalition's evidence register and coverage coding)"
FEED_ID = "urn:demands-monitor:feed"
FEED_LIMIT = 500  # the newest changes; the tables hold the whole history
_HXL_PART = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Column:
    """One published column: its name, Frictionless type, HXL hashtag and meaning."""

    name: str
    type: str  # string, integer, boolean, date, datetime (Frictionless types)
    hxl: str
    description: str
    unique: bool = False  # values rarely repeat (the CSV guard is not memoised for them)

    @property
    def sql_type(self) -> str:
        return "INTEGER" if self.type in ("integer", "boolean") else "TEXT"


@dataclass(frozen=True)
class Table:
    """One published table: a CSV file, a SQLite table and a Frictionless resource alike."""

    name: str
    title: str
    description: str
    columns: tuple[Column, ...]
    primary_key: tuple[str, ...]
    indexes: tuple[tuple[str, ...], ...] = ()
    foreign_keys: tuple[tuple[str, str, str], ...] = ()  # column, table, column there

    @property
    def csv_file(self) -> str:
        return f"{self.name}.csv"

    @property
    def names(self) -> list[str]:
        return [c.name for c in self.columns]


def hxl_tag(*parts: str) -> str:
    """A hashtag with attributes, checked to be valid HXL (lower-case words after # and +)."""
    for part in parts:
        if not _HXL_PART.match(part):
            raise ValueError(f"not an HXL hashtag part: {part!r}")
    return "#" + "+".join(parts)


def hxl_attribute(code: str) -> str:
    """A demand code as an HXL attribute ('D01' -> 'd01')."""
    cleaned = re.sub(r"[^a-z0-9_]", "_", code.lower())
    return cleaned if cleaned[:1].isalpha() else f"c_{cleaned}"


def _c(name: str, kind: str, tag: str, description: str, *, unique: bool = False) -> Column:
    return Column(name, kind, tag, description, unique)


DEMAND_CODE = "the demand's code (D01..D10)"
DRAFT_CODE = "the draft's code"

DEMANDS = Table(
    "demands",
    "The ten demands",
    "The demands in both languages as listed, with their source and crosswalk codes.",
    (
        _c("code", "string", "#indicator+code", DEMAND_CODE),
        _c("position", "integer", "#meta+position", "the order the demands are listed in"),
        _c("title_en", "string", "#indicator+name+i_en", "short title, English"),
        _c("title_uk", "string", "#indicator+name+i_uk", "short title, Ukrainian"),
        _c("text_en", "string", "#description+i_en", "the demand, English (quoted)"),
        _c("text_uk", "string", "#description+i_uk", "the demand, Ukrainian"),
        _c(
            "text_uk_is_translation",
            "boolean",
            "#meta+translated",
            "whether the Ukrainian text is the coalition's translation",
        ),
        _c("source", "string", "#meta+source", "where the demand's text comes from"),
        _c("pax_codes", "string", "#meta+code+pax", "PA-X codebook codes (version 8)"),
        _c("pam_provision", "string", "#meta+code+pam", "Peace Accords Matrix provision"),
    ),
    ("code",),
)
REGIONS = Table(
    "regions",
    "Regions",
    "The regions of the temporarily occupied territories, with their KATOTTG codes.",
    (
        _c("code", "string", "#adm1+code+monitor", "the region's code in this dataset"),
        _c("katottg", "string", "#adm1+code", "the region's KATOTTG code"),
        _c("name_en", "string", "#adm1+name+i_en", "name, English"),
        _c("name_uk", "string", "#adm1+name+i_uk", "name, Ukrainian"),
        _c("position", "integer", "#meta+position", "display order"),
    ),
    ("code",),
)
STATUSES = Table(
    "statuses",
    "Statuses of the demands over time",
    "Every published status assessment of every demand (0 not met .. 3 met, the Peace "
    "Accords Matrix scale), oldest first; the latest of a demand is its current status. "
    "Rationales and the names of analysts are not published.",
    (
        _c("id", "integer", "#meta+id", "the assessment's stable number"),
        _c("demand", "string", "#indicator+code", DEMAND_CODE),
        _c("assessed_on", "date", "#date+assessed", "the date the status describes"),
        _c("score", "integer", "#indicator+score+num", "0 not met, 1 minimal, 2 partial, 3 met"),
        _c("status_en", "string", "#status+i_en", "the score in words, English"),
        _c("status_uk", "string", "#status+i_uk", "the score in words, Ukrainian"),
        _c(
            "previous_score",
            "integer",
            "#indicator+score+previous",
            "the demand's score before this one (empty for its first)",
        ),
        _c("is_current", "boolean", "#meta+current", "whether this is the demand's status now"),
        _c("published_at", "datetime", "#date+published", "when it was approved (UTC)"),
    ),
    ("id",),
    indexes=(("demand", "assessed_on"),),
    foreign_keys=(("demand", "demands", "code"),),
)
DRAFTS = Table(
    "drafts",
    "Draft peace agreements",
    "Each version of a peace text that was coded, by date; its notes are not published.",
    (
        _c("code", "string", "#meta+draft+code", DRAFT_CODE),
        _c("title_en", "string", "#meta+draft+name+i_en", "title, English"),
        _c("title_uk", "string", "#meta+draft+name+i_uk", "title, Ukrainian"),
        _c("original_language", "string", "#meta+lang", "the language the text was taken in"),
        _c("proponent", "string", "#org+proponent", "who proposed it"),
        _c("published_on", "date", "#date+published", "when it was published or leaked"),
        _c("status", "string", "#status+draft", "leaked, proposed, agreed or superseded"),
        _c(
            "confidence",
            "string",
            "#meta+confidence",
            "how well the draft's text is known (high, medium-high, medium, low)",
        ),
        _c("source_url", "string", "#meta+source+url", "the public source of the text"),
        _c("other_sources", "string", "#meta+source+other", "further public sources, one a line"),
        _c("supersedes", "string", "#meta+draft+supersedes", "the draft this version replaces"),
    ),
    ("code",),
)
COVERAGE = Table(
    "coverage",
    "Coverage of the demands by each draft",
    "The approved code of how each draft covers each demand (explicit, partial, absent, "
    "contradicts, not reported), the points it cites and the draft's confidence. Codes "
    "waiting for a second reviewer are not published.",
    (
        _c("draft", "string", "#meta+draft+code", DRAFT_CODE),
        _c("demand", "string", "#indicator+code", DEMAND_CODE),
        _c(
            "level",
            "string",
            "#indicator+coverage",
            "explicit, partial, absent, contradicts, not_reported",
        ),
        _c("points", "string", "#meta+points", "the draft's points cited"),
        _c("uncertain", "boolean", "#meta+uncertain", "whether the coder marked it uncertain"),
        _c("legal_review", "boolean", "#meta+legal_review", "flagged for a lawyer's reading"),
        _c("confidence", "string", "#meta+confidence", "the confidence of the draft's text"),
        _c("published_on", "date", "#date+published", "the draft's date"),
    ),
    ("draft", "demand"),
    indexes=(("demand",),),
    foreign_keys=(("draft", "drafts", "code"), ("demand", "demands", "code")),
)
GAP_COUNT_COLUMNS = (  # the gaps by kind in the order of monitor.domain.gaps.GAP_KINDS
    _c("gaps", "integer", "#indicator+gaps+num", "demands not explicitly covered"),
    _c("gaps_contradicts", "integer", "#indicator+gaps+contradicts", "of which contradicted"),
    _c("gaps_absent", "integer", "#indicator+gaps+absent", "of which absent"),
    _c("gaps_partial", "integer", "#indicator+gaps+partial", "of which partly covered"),
    _c("gaps_not_coded", "integer", "#indicator+gaps+not_coded", "of which not coded yet"),
    _c("not_reported", "integer", "#indicator+not_reported", "demands whose text is unknown"),
    _c("uncertain", "integer", "#indicator+uncertain", "codes marked uncertain"),
)
EVIDENCE_COUNTS = Table(
    "evidence_counts",
    "Public evidence by demand, month, region and direction",
    "How many public entries (withdrawn ones excluded) concern each demand, by the month the "
    "events began, the region and the direction. An entry about two demands counts for each. "
    "Restricted and confidential entries are not counted.",
    (
        _c("demand", "string", "#indicator+code", DEMAND_CODE),
        _c("month", "string", "#date+month", "the month the events began (YYYY-MM)"),
        _c("region", "string", "#adm1+code+monitor", "the region's code"),
        _c("direction", "string", "#indicator+direction", "progress, regression or neutral"),
        _c("entries", "integer", "#meta+count", "public entries"),
    ),
    ("demand", "month", "region", "direction"),
    indexes=(("month",), ("region",)),
    foreign_keys=(("demand", "demands", "code"), ("region", "regions", "code")),
)
EVIDENCE = Table(
    "evidence",
    "Public evidence entries",
    "Each public entry (withdrawn ones excluded) by its structured fields only, in the order "
    "of its identifier. Titles, "
    "descriptions, sources' titles and addresses and typed place names are not published: "
    "they can carry personal data.",
    (
        _c("uid", "string", "#meta+id", "the entry's stable identifier", unique=True),
        _c("demands", "string", "#indicator+code+list", "the demands it concerns ('; ' between)"),
        _c("event_start", "date", "#date+start", "when the events began"),
        _c("event_end", "date", "#date+end", "when they ended (empty: one day or ongoing)"),
        _c("region", "string", "#adm1+code+monitor", "the region's code"),
        _c("settlement_code", "string", "#loc+code", "the settlement's KATOTTG code"),
        _c("settlement_name", "string", "#loc+name", "its name in the KATOTTG codifier"),
        _c("source_type", "string", "#meta+source+type", "the kind of source"),
        _c("reliability", "string", "#meta+reliability", "Admiralty source reliability A-F"),
        _c("credibility", "integer", "#meta+credibility", "Admiralty information credibility 1-6"),
        _c("direction", "string", "#indicator+direction", "progress, regression or neutral"),
        _c("verification", "string", "#status+verification", "unverified, corroborated, verified"),
        _c("language", "string", "#meta+lang", "the language of the entry"),
        _c("people_count", "integer", "#affected+num", "people concerned (empty: not known)"),
        _c("version", "integer", "#meta+version", "how many times it was saved"),
        _c("logged_on", "date", "#date+logged", "the day it was logged"),
    ),
    ("uid",),
    indexes=(("event_start",), ("region",)),
    foreign_keys=(("region", "regions", "code"),),
)
EVIDENCE_DEMANDS = Table(
    "evidence_demands",
    "Which demands each public entry concerns",
    "One row per public entry and demand, for joins and filters by demand.",
    (
        _c("uid", "string", "#meta+id", "the entry's identifier", unique=True),
        _c("demand", "string", "#indicator+code", DEMAND_CODE),
    ),
    ("uid", "demand"),
    indexes=(("demand",),),
    foreign_keys=(("uid", "evidence", "uid"), ("demand", "demands", "code")),
)


def gap_matrix_table(demand_codes: Sequence[str]) -> Table:
    """The gap matrix: one row per draft, one column per demand with its level, and the
    draft's gaps by kind. Its columns follow the demands the data holds."""
    cells = tuple(
        _c(
            code,
            "string",
            hxl_tag("indicator", "coverage", hxl_attribute(code)),
            f"{code}: the approved level, or not_coded",
        )
        for code in demand_codes
    )
    return Table(
        "gap_matrix",
        "The gap matrix",
        "Each draft against each demand: the approved coverage level, and the draft's gaps "
        "(a demand not explicitly covered) by kind. Not reported is not a gap: it is counted "
        "apart, because nobody knows what the draft says on it.",
        (
            _c("draft", "string", "#meta+draft+code", DRAFT_CODE),
            _c("title_en", "string", "#meta+draft+name+i_en", "the draft's title, English"),
            _c("published_on", "date", "#date+published", "the draft's date"),
            _c("confidence", "string", "#meta+confidence", "the confidence of the draft's text"),
            *cells,
            *GAP_COUNT_COLUMNS,
        ),
        ("draft",),
        foreign_keys=(("draft", "drafts", "code"),),
    )


def tables(demand_codes: Sequence[str]) -> tuple[Table, ...]:
    """Every published table, in the order they are written and listed."""
    return (
        DEMANDS,
        REGIONS,
        STATUSES,
        DRAFTS,
        COVERAGE,
        gap_matrix_table(demand_codes),
        EVIDENCE_COUNTS,
        EVIDENCE,
        EVIDENCE_DEMANDS,
    )


@dataclass(frozen=True)
class Provenance:
    """Where a publication comes from and which state of the data it shows."""

    reference_release: str
    data_version: int
    as_of: datetime | None  # the data's latest change: what "generated" means here
    public_url: str = ""  # where it is hosted, when known (links in the feed and README)

    @property
    def as_of_text(self) -> str:
        return iso_utc(self.as_of) if self.as_of else "no change recorded"


def iso_utc(moment: datetime) -> str:
    """'YYYY-MM-DDTHH:MM:SSZ': one spelling of a time in every published file."""
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def citation(provenance: Provenance) -> str:
    """The line to cite the dataset by."""
    where = f" {provenance.public_url}" if provenance.public_url else ""
    day = provenance.as_of.astimezone(UTC).date().isoformat() if provenance.as_of else "undated"
    release = provenance.reference_release or "none"
    return (
        f"Demands Monitor open data, data version {provenance.data_version} ({day}; reference "
        f"data release {release}). Licensed {LICENSE['name']}.{where}"
    )


# -- rows ---------------------------------------------------------------------------------


class _CellWords(dict[Any, Any]):
    """One column's cells as the CSV writes them, each worked out once: empty for a missing
    value, true/false for a boolean, anything else through the formula guard
    (`csv_files.safe_cell`, the one rule for every CSV cell)."""

    def __init__(self, column: Column) -> None:
        super().__init__()
        self.boolean = column.type == "boolean"

    def __missing__(self, value: Any) -> Any:
        found = self[value] = _cell(value, boolean=self.boolean)
        return found


def _cell(value: Any, *, boolean: bool = False) -> Any:
    if value is None:
        return ""
    if boolean:
        return "true" if value else "false"
    return csv_files.safe_cell(value)


GUARD_CHUNK = 5000


def guard_rows(columns: Sequence[Column], rows: Iterable[Sequence[Any]]) -> Iterator[Sequence[Any]]:
    """Rows ready for `csv_files.write_csv(..., escaped=True)`, every cell through `_cell`.

    Worked column by column in chunks: a column whose values repeat (codes, dates, labels)
    looks each value up once, so a million rows need a few thousand guard calls; a column of
    identifiers (`unique`) is guarded cell by cell."""
    words = [None if c.unique else _CellWords(c) for c in columns]
    source = iter(rows)
    while chunk := list(itertools.islice(source, GUARD_CHUNK)):
        cells = [
            list(map(_cell, values)) if memo is None else list(map(memo.__getitem__, values))
            for values, memo in zip(zip(*chunk, strict=True), words, strict=True)
        ]
        yield from zip(*cells, strict=True)


def hxl_row(table: Table) -> list[str]:
    """The HXL hashtag row, the CSV file's second row."""
    return [c.hxl for c in table.columns]


def status_rows(
    history: Sequence[Mapping[str, Any]], labels: Mapping[str, Mapping[int, str]]
) -> list[list[Any]]:
    """Published assessments (oldest first) as rows of `statuses`: each with the demand's
    score before it and whether it is the demand's status now. `labels` maps a language to
    score -> words."""
    ordered = sorted(history, key=lambda r: (r["assessed_on"], r["id"]))
    previous: dict[str, int] = {}
    latest = {r["demand"]: r["id"] for r in ordered}
    rows = []
    for r in ordered:
        score = int(r["score"])
        decided = r["decided_at"]
        rows.append(
            [
                int(r["id"]),
                r["demand"],
                r["assessed_on"].isoformat(),
                score,
                labels["en"][score],
                labels["uk"][score],
                previous.get(r["demand"]),
                latest[r["demand"]] == r["id"],
                iso_utc(decided) if decided else None,
            ]
        )
        previous[r["demand"]] = score
    return rows


def gap_matrix_rows(
    drafts: Sequence[Mapping[str, Any]],
    levels: Mapping[tuple[str, str], str],
    counts: Mapping[str, gaps.GapCount],
    demand_codes: Sequence[str],
) -> list[list[Any]]:
    """One row per draft: its approved level on each demand ('not_coded' without one) and its
    gaps by kind as `monitor.domain.gaps.gap_counts` counts them."""
    rows = []
    for d in drafts:
        count = counts[d["code"]]
        rows.append(
            [
                d["code"],
                d["title_en"],
                d["published_on"].isoformat(),
                d["confidence"],
                *(levels.get((d["code"], code), "not_coded") for code in demand_codes),
                count.gaps,
                *(count.by_kind[k] for k in gaps.GAP_KINDS),
                count.not_reported,
                count.uncertain,
            ]
        )
    return rows


# -- descriptors --------------------------------------------------------------------------


def datapackage(
    all_tables: Sequence[Table], files: Mapping[str, tuple[int, str]], provenance: Provenance
) -> bytes:
    """The Frictionless Data Package descriptor: every CSV with its schema, HXL tags, size and
    SHA-256. `files` maps a file name to (bytes, sha256)."""
    resources = []
    for table in all_tables:
        size, digest = files[table.csv_file]
        schema: dict[str, Any] = {
            "fields": [
                {
                    "name": c.name,
                    "type": c.type,
                    "description": c.description,
                    "hxl": c.hxl,
                    **(
                        {"trueValues": ["true"], "falseValues": ["false"]}
                        if c.type == "boolean"
                        else {}
                    ),
                }
                for c in table.columns
            ],
            "primaryKey": list(table.primary_key),
            "missingValues": [""],
        }
        if table.foreign_keys:
            schema["foreignKeys"] = [
                {"fields": [mine], "reference": {"resource": other, "fields": [theirs]}}
                for mine, other, theirs in table.foreign_keys
            ]
        resources.append(
            {
                "name": table.name.replace("_", "-"),
                "path": table.csv_file,
                "title": table.title,
                "description": table.description,
                "profile": "tabular-data-resource",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8-sig",
                "bytes": size,
                "hash": f"sha256:{digest}",
                "dialect": {"headerRows": [1], "commentRows": [2]},
                "schema": schema,
            }
        )
    descriptor = {
        "profile": "tabular-data-package",
        "name": DATASET_NAME,
        "title": TITLE,
        "description": DESCRIPTION,
        "version": f"{provenance.data_version}",
        "created": provenance.as_of_text if provenance.as_of else None,
        "licenses": [LICENSE],
        "sources": [
            {
                "title": SOURCE_TITLE,
                **({"path": provenance.public_url} if provenance.public_url else {}),
            }
        ],
        "keywords": ["Ukraine", "human rights", "peace agreements", "HXL"],
        "citation": citation(provenance),
        "referenceRelease": provenance.reference_release,
        "resources": resources,
    }
    return _json({k: v for k, v in descriptor.items() if v is not None})


def datasette_metadata(all_tables: Sequence[Table], provenance: Provenance) -> bytes:
    """Datasette's metadata.json: titles, descriptions, licence and source of the database
    and of every table and column."""
    database = SQLITE_FILE.removesuffix(".db")
    metadata = {
        "title": TITLE,
        "description": f"{DESCRIPTION} {citation(provenance)}",
        "license": LICENSE["title"],
        "license_url": LICENSE["path"],
        "source": SOURCE_TITLE,
        **({"source_url": provenance.public_url} if provenance.public_url else {}),
        "databases": {
            database: {
                "title": TITLE,
                "description": f"Data version {provenance.data_version}, as of "
                f"{provenance.as_of_text}; reference data release "
                f"{provenance.reference_release or 'none'}.",
                "tables": {
                    t.name: {
                        "title": t.title,
                        "description": t.description,
                        "columns": {c.name: f"{c.description} ({c.hxl})" for c in t.columns},
                        "sort": t.primary_key[0],
                    }
                    for t in all_tables
                },
            }
        },
    }
    return _json(metadata)


def _json(value: Any) -> bytes:
    return (json.dumps(value, ensure_ascii=False, indent=2, sort_keys=False) + "\n").encode()


# -- the feed -------------------------------------------------------------------------------


@dataclass(frozen=True)
class FeedEntry:
    """One change a partner's feed reader shows; `id` never changes for the same change."""

    id: str
    title: str
    updated: datetime
    content: str
    category: str


def status_entry(row: Mapping[str, Any], demand_title: str, label_uk: str) -> FeedEntry:
    """A status published: demand, score in words, the date it describes."""
    moment = row["decided_at"] or datetime.combine(row["assessed_on"], datetime.min.time(), UTC)
    return FeedEntry(
        id=f"urn:demands-monitor:status:{row['id']}",
        title=f"{row['demand']} status: {row['status_en']} (as of {row['assessed_on']})",
        updated=moment,
        content=f"{row['demand']} {demand_title}: status {row['status_en']} / {label_uk}, "
        f"assessed on {row['assessed_on']}.",
        category="status-published",
    )


def coverage_entry(row: Mapping[str, Any]) -> FeedEntry:
    """A coverage code approved: which draft, which demand, which level, which points."""
    points = f", points {row['points']}" if row["points"] else ""
    return FeedEntry(
        id=f"urn:demands-monitor:coverage:{row['id']}",
        title=f"{row['draft']} x {row['demand']}: {row['level']}",
        updated=row["decided_at"],
        content=f"Coverage of {row['demand']} by draft {row['draft']} approved as "
        f"{row['level']}{points}.",
        category="coverage-approved",
    )


def draft_entry(row: Mapping[str, Any]) -> FeedEntry:
    """A draft added: its code, title, proponent and date."""
    return FeedEntry(
        id=f"urn:demands-monitor:draft:{row['code']}",
        title=f"Draft added: {row['code']} {row['title_en']}",
        updated=row["created_at"],
        content=f"{row['title_en']} ({row['proponent']}, {row['published_on']}); confidence of "
        f"its text: {row['confidence'] or 'not stated'}.",
        category="draft-added",
    )


def atom(entries: Iterable[FeedEntry], provenance: Provenance) -> bytes:
    """The Atom feed of the newest changes, newest first; its time is the newest entry's."""
    newest = sorted(entries, key=lambda e: (e.updated, e.id), reverse=True)[:FEED_LIMIT]
    feed = FeedGenerator()
    feed.id(FEED_ID)
    feed.title(TITLE)
    feed.subtitle("Statuses published, coverage approved and drafts added.")
    feed.language("en")
    feed.rights(f"{LICENSE['title']} ({LICENSE['path']})")
    base = provenance.public_url.rstrip("/")
    feed.link(href=f"{base}/{FEED_FILE}" if base else FEED_ID, rel="self")
    if base:
        feed.link(href=base, rel="alternate")
    feed.updated(
        newest[0].updated if newest else provenance.as_of or datetime(1970, 1, 1, tzinfo=UTC)
    )
    for item in reversed(newest):  # feedgen puts each new entry first
        entry = feed.add_entry()
        entry.id(item.id)
        entry.title(item.title)
        entry.updated(item.updated)
        entry.content(item.content, type="text")
        entry.category(term=item.category)
    return bytes(feed.atom_str(pretty=True))


# -- README and manifest --------------------------------------------------------------------


def readme(all_tables: Sequence[Table], counts: Mapping[str, int], provenance: Provenance) -> str:
    """The publication's README: what it holds, where it comes from, what is not in it, how
    to cite it and how to serve it."""
    lines = [
        f"# {TITLE}",
        "",
        DESCRIPTION,
        "",
        "## Provenance",
        "",
        f"- Data version: {provenance.data_version}",
        f"- As of (the data's latest change, UTC): {provenance.as_of_text}",
        f"- Reference data release: {provenance.reference_release or 'none'}",
        f"- Licence: {LICENSE['title']} ({LICENSE['path']})",
        "",
        "## Cite as",
        "",
        citation(provenance),
        "",
        "## Files",
        "",
        "| file | table | rows |",
        "|---|---|---|",
        *(f"| {t.csv_file} | {t.title} | {counts[t.name]} |" for t in all_tables),
        f"| {SQLITE_FILE} | every table above, for SQL and Datasette | |",
        f"| {DATAPACKAGE_FILE} | Frictionless Data Package: schemas, HXL tags, SHA-256 | |",
        f"| {METADATA_FILE} | Datasette metadata (titles, descriptions, licence, source) | |",
        f"| {FEED_FILE} | Atom feed: statuses published, coverage approved, drafts added | |",
        f"| {MANIFEST_FILE} | SHA-256 of every other file (`sha256sum -c {MANIFEST_FILE}`) | |",
        "",
        "Each CSV is UTF-8 with a byte-order mark; its first row names the columns, its second "
        "holds HXL hashtags. A cell a spreadsheet would run as a formula starts with an "
        "apostrophe, which is not part of the value.",
        "",
        "## What is not published",
        "",
        "Restricted and confidential evidence, withdrawn entries, and every free text typed in "
        "the course of the work: entries' titles and descriptions, sources' titles and "
        "addresses, typed place names, rationales of assessments, coverage and legal notes. No "
        "name of a person who uses the tool. The evidence counts count public entries only.",
        "",
        "## Serve it",
        "",
        f"`datasette serve -i {SQLITE_FILE} --metadata {METADATA_FILE}` (read-only), or "
        f"`monitor serve-public DIR`. Any host that runs Datasette serves it the same way.",
        "",
    ]
    return "\n".join(lines)


def manifest(files: Mapping[str, str]) -> str:
    """sha256sum lines for every file (name -> digest), sorted by name."""
    return "".join(f"{digest}  {name}\n" for name, digest in sorted(files.items()))
