"""The domain model as SQLModel tables: the database enforces what it can.

Enumerations are StrEnums stored as VARCHAR with CHECK constraints (never native PostgreSQL
enums, whose types a downgrade would leave behind). Timestamps are timezone-aware UTC on both
engines. Evidence carries an integer version for optimistic locking.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any

import sqlalchemy as sa
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field, SQLModel
from typing_extensions import override

from monitor.core import limits

SQLModel.metadata.naming_convention = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def table_of(model: type[SQLModel]) -> sa.Table:
    """The Core table of a table model (SQLModel does not declare `__table__` for the types)."""
    table = model.__table__  # type: ignore[attr-defined]
    assert isinstance(table, sa.Table)
    return table


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Stores aware datetimes as UTC; SQLite would otherwise drop the offset without converting."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    @override
    def process_bind_param(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime refused: pass a timezone-aware value")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    @override  # SQLAlchemy's hook: both engines return UTC the same way, so `dialect` is unused
    def process_result_value(self, value: datetime | None, dialect: sa.Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def enum_type(enum: type[StrEnum], name: str) -> sa.Enum:
    """A portable enum column: VARCHAR(32) plus a named CHECK constraint, storing the values."""
    return sa.Enum(
        enum,
        name=name,
        native_enum=False,
        create_constraint=True,
        length=32,
        values_callable=lambda members: [m.value for m in members],
        validate_strings=True,
    )


class Role(StrEnum):
    """Declared least first: this order is the roles' rank (`monitor.core.permissions`)."""

    VIEWER = "viewer"
    EDITOR = "editor"
    ADMIN = "admin"


class Direction(StrEnum):
    PROGRESS = "progress"
    REGRESSION = "regression"
    NEUTRAL = "neutral"


class Verification(StrEnum):
    UNVERIFIED = "unverified"
    CORROBORATED = "corroborated"
    VERIFIED = "verified"


class Sensitivity(StrEnum):
    PUBLIC = "public"
    RESTRICTED = "restricted"
    CONFIDENTIAL = "confidential"
    # readable only by members of the organisation that recorded the entry and by the
    # instance's admins (`monitor.core.permissions.Visibility`)
    ORGANISATION = "organisation"


class SourceType(StrEnum):
    NGO_REPORT = "ngo_report"
    UN_REPORT = "un_report"
    MEDIA = "media"
    OFFICIAL = "official"
    WITNESS = "witness"
    SOCIAL_MEDIA = "social_media"
    COURT = "court"
    OTHER = "other"


class Reliability(StrEnum):
    """Admiralty scale, source reliability: A completely reliable .. F cannot be judged."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"


class AssessmentState(StrEnum):
    PROPOSED = "proposed"
    PUBLISHED = "published"
    REJECTED = "rejected"


class DraftStatus(StrEnum):
    LEAKED = "leaked"
    PROPOSED = "proposed"
    AGREED = "agreed"
    SUPERSEDED = "superseded"


class CoverageLevel(StrEnum):
    """Declared best first: this order is the one coverage ranking (`monitor.domain.gaps`).

    NOT_REPORTED comes last and is outside the ranking: the draft's text on this demand is not
    available, so it is neither covered nor a gap, and no comparison can say better or worse.
    """

    EXPLICIT = "explicit"
    PARTIAL = "partial"
    ABSENT = "absent"
    CONTRADICTS = "contradicts"
    NOT_REPORTED = "not_reported"


# levels that cite no point: nothing in the text covers the demand, or the text is unknown
UNCITED_LEVELS = (CoverageLevel.ABSENT, CoverageLevel.NOT_REPORTED)


class Organisation(SQLModel, table=True):
    """One of the organisations sharing the instance: users belong to one, and what they
    record (entries, assessments, coverage codes, imports) names it."""

    __table_args__ = (
        sa.CheckConstraint("length(code) > 0", name="code_not_empty"),
        sa.CheckConstraint("length(name_en) > 0", name="name_not_empty"),
    )

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=limits.ORGANISATION_CODE, unique=True)
    name_en: str = Field(max_length=limits.ORGANISATION_NAME)
    name_uk: str = Field(default="", max_length=limits.ORGANISATION_NAME)  # empty: one name
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class User(SQLModel, table=True):
    """A person acting in the tool; every write names one."""

    id: int | None = Field(default=None, primary_key=True)
    username: str = Field(max_length=limits.USERNAME, unique=True)
    display_name: str = Field(default="", max_length=limits.DISPLAY_NAME)
    # the address an organisation's OpenID Connect provider vouches for (trimmed, lower case):
    # a verified identity with this e-mail signs in as this account (services.accounts)
    email: str | None = Field(default=None, max_length=limits.EMAIL, unique=True, index=True)
    role: Role = Field(sa_type=enum_type(Role, "role"))
    password_hash: str | None = Field(default=None, max_length=512)
    is_active: bool = True
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # the UI language the person last chose ("uk", "en"; None: never chose): a sign-in that
    # comes back without one in its address opens the app in it
    language: str | None = Field(default=None, max_length=2)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class Region(SQLModel, table=True):
    """A region of the temporarily occupied territories, keyed by its KATOTTG code."""

    code: str = Field(primary_key=True, max_length=limits.CODE)
    katottg: str = Field(max_length=32, unique=True)
    name_en: str = Field(max_length=100)
    name_uk: str = Field(max_length=100)
    position: int = 0


class Demand(SQLModel, table=True):
    """One of the demands (D01..D10 and any later list), in both languages, with its source."""

    __table_args__ = (sa.CheckConstraint("length(code) > 0", name="code_not_empty"),)

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=16, unique=True)
    position: int = 0
    title_en: str = Field(max_length=200)
    title_uk: str = Field(max_length=200)
    text_en: str = Field(max_length=4000)
    text_uk: str = Field(max_length=4000)
    text_uk_is_translation: bool = False
    source: str = Field(default="", max_length=1000)
    pax_codes: str = Field(default="", max_length=200)
    pam_provision: str = Field(default="", max_length=200)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class EvidenceDemand(SQLModel, table=True):
    """Which demands an evidence entry concerns (one entry may concern several)."""

    __tablename__ = "evidence_demand"

    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True)
    demand_id: int = Field(foreign_key="demand.id", primary_key=True, index=True)


class Evidence(SQLModel, table=True):
    """One documented fact about one or more demands."""

    __table_args__ = (
        sa.CheckConstraint("credibility BETWEEN 1 AND 6", name="credibility_range"),
        sa.CheckConstraint("people_count IS NULL OR people_count >= 0", name="people_nonneg"),
        sa.CheckConstraint(
            "event_end IS NULL OR event_end >= event_start", name="event_range_order"
        ),
        sa.CheckConstraint("version >= 1", name="version_positive"),
        sa.CheckConstraint(
            "withdrawn_at IS NULL OR length(withdrawn_reason) > 0", name="withdrawn_has_reason"
        ),
        sa.Index("ix_evidence_region_start", "region_code", "event_start"),
        # an import's look-up of likely duplicates: a row's title key at its region and dates
        # (`queries.duplicates.find_batch`); it serves every look-up by title key alone too
        sa.Index("ix_evidence_text_place", "text_key", "region_code", "event_start"),
        # two covering indexes for the Overview: each aggregate reads a narrow index in the
        # order of its GROUP BY, so SQLite aggregates as it scans instead of sorting a million
        # rows; the columns after the grouped ones are what the filters test
        sa.Index(
            "ix_evidence_by_demand",
            "withdrawn_at",
            "demand_mask",
            "direction",
            "event_start",
            "verification",
            "created_at",
            "sensitivity",
            "event_end",
            "region_code",
            "source_type",
        ),
        sa.Index(
            "ix_evidence_by_source",
            "withdrawn_at",
            "region_code",
            "source_type",
            "reliability",
            "organisation_id",  # who recorded it: counted in the same pass ("Recorded by")
            "sensitivity",
            "event_start",
            "event_end",
            "verification",
            "demand_mask",
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    uid: str = Field(max_length=limits.UID, unique=True)
    title: str = Field(max_length=limits.EVIDENCE_TITLE)
    description: str = Field(default="", max_length=limits.EVIDENCE_DESCRIPTION)
    event_start: date = Field(index=True)
    event_end: date | None = None
    region_code: str = Field(foreign_key="region.code", max_length=limits.CODE)
    settlement_code: str | None = Field(default=None, max_length=limits.CODE)
    settlement_name: str | None = Field(default=None, max_length=limits.SETTLEMENT_NAME)
    source_type: SourceType = Field(sa_type=enum_type(SourceType, "source_type"))
    source_url: str | None = Field(default=None, max_length=limits.URL)
    source_title: str | None = Field(default=None, max_length=limits.SOURCE_TITLE)
    reliability: Reliability = Field(sa_type=enum_type(Reliability, "reliability"))
    credibility: int
    direction: Direction = Field(sa_type=enum_type(Direction, "direction"))
    language: str = Field(default="uk", max_length=limits.LANGUAGE)
    people_count: int | None = None
    verification: Verification = Field(
        default=Verification.UNVERIFIED, sa_type=enum_type(Verification, "verification")
    )
    sensitivity: Sensitivity = Field(
        default=Sensitivity.PUBLIC, sa_type=enum_type(Sensitivity, "sensitivity")
    )
    # the demands as bits (1 << demand id), derived from the links: see monitor.demand_mask
    demand_mask: int = Field(
        default=0, sa_type=sa.BigInteger, sa_column_kwargs={"server_default": "0"}
    )
    # the searched texts folded, written with them: see monitor.core.search_text
    search_text: str = Field(default="", sa_type=sa.Text, sa_column_kwargs={"server_default": ""})
    withdrawn_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    withdrawn_reason: str | None = Field(default=None, max_length=limits.REASON)
    version: int = 1
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime, index=True)
    created_by: int = Field(foreign_key="user.id")
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: int = Field(foreign_key="user.id")
    # the organisation of whoever recorded it (NULL: none; an organisation-only entry without
    # one is then the admins' alone)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id", index=True)
    # duplicates and corroboration (`monitor.domain.duplicates`): the stored keys a save
    # writes beside the values (digests, indexed where a look-up uses them), the incident the
    # entry corroborates, and the entry it was merged into (then it is withdrawn)
    source_url_key: str | None = Field(default=None, max_length=64, index=True)
    source_key: str | None = Field(default=None, max_length=64)
    text_key: str | None = Field(default=None, max_length=64)  # ix_evidence_text_place
    incident_id: int | None = Field(default=None, foreign_key="incident.id", index=True)
    merged_into: int | None = Field(default=None, foreign_key="evidence.id")


class Incident(SQLModel, table=True):
    """One incident reported by several entries (corroboration): the entries name it."""

    id: int | None = Field(default=None, primary_key=True)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int = Field(foreign_key="user.id")


class EvidenceSource(SQLModel, table=True):
    """A source an entry keeps from an entry merged into it (the merged one stays, withdrawn),
    so merging loses no source and each still counts as corroboration."""

    __tablename__ = "evidence_source"
    __table_args__ = (sa.UniqueConstraint("evidence_id", "from_evidence_id"),)

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    from_evidence_id: int = Field(foreign_key="evidence.id")
    source_type: SourceType = Field(sa_type=enum_type(SourceType, "source_type"))
    source_url: str | None = Field(default=None, max_length=limits.URL)
    source_title: str | None = Field(default=None, max_length=limits.SOURCE_TITLE)
    source_url_key: str | None = Field(default=None, max_length=64, index=True)
    source_key: str | None = Field(default=None, max_length=64)
    added_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    added_by: int = Field(foreign_key="user.id")


class Attachment(SQLModel, table=True):
    """A file attached to an evidence entry, stored under data/attachments/ by its SHA-256."""

    __table_args__ = (
        sa.CheckConstraint("size >= 0", name="size_nonneg"),
        sa.CheckConstraint("length(sha256) = 64", name="sha256_length"),
        sa.UniqueConstraint("evidence_id", "sha256"),
    )

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    sha256: str = Field(max_length=64, index=True)
    filename: str = Field(max_length=limits.FILENAME)
    media_type: str = Field(max_length=100)
    size: int
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    created_by: int = Field(foreign_key="user.id")
    # what in the file could reveal a witness (GPS position, device make and model, author),
    # found when it was attached or re-hashed; None until the file has been examined
    revealing_metadata: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class Capture(SQLModel, table=True):
    """One attempt to fix what a source URL said: what was received, when, and its SHA-256."""

    __table_args__ = (
        sa.CheckConstraint("sha256 IS NULL OR length(sha256) = 64", name="sha256_length"),
        sa.CheckConstraint("ok = false OR sha256 IS NOT NULL", name="ok_has_hash"),
        sa.Index("ix_capture_url_at", "requested_url", "fetched_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id", index=True)
    requested_url: str = Field(max_length=limits.URL)
    final_url: str | None = Field(default=None, max_length=limits.URL)
    status_code: int | None = None
    content_type: str | None = Field(default=None, max_length=limits.CONTENT_TYPE)
    size: int | None = None
    title: str | None = Field(default=None, max_length=limits.PAGE_TITLE)
    sha256: str | None = Field(default=None, max_length=64)
    ok: bool = False
    changed: bool | None = None
    error: str | None = Field(default=None, max_length=limits.CAPTURE_ERROR)
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    requested_by: int = Field(foreign_key="user.id")


class InboxState(StrEnum):
    NEW = "new"
    ACCEPTED = "accepted"
    DISMISSED = "dismissed"


class InboxItem(SQLModel, table=True):
    """A public report pulled from a feed, waiting for an editor to accept or dismiss it."""

    __tablename__ = "inbox_item"
    __table_args__ = (sa.UniqueConstraint("source", "external_id"),)

    id: int | None = Field(default=None, primary_key=True)
    source: str = Field(max_length=200)
    external_id: str = Field(max_length=limits.INBOX_EXTERNAL_ID)
    url: str = Field(max_length=limits.URL)
    title: str = Field(max_length=limits.INBOX_TITLE)
    summary: str = Field(default="", max_length=limits.INBOX_SUMMARY)
    published_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    fetched_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    state: InboxState = Field(default=InboxState.NEW, sa_type=enum_type(InboxState, "inbox_state"))
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id")
    decided_by: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    note: str = Field(default="", max_length=limits.INBOX_NOTE)


class Assessment(SQLModel, table=True):
    """An analyst's dated judgement of one demand (0 not met .. 3 met); appended, never edited."""

    __table_args__ = (
        sa.CheckConstraint("score BETWEEN 0 AND 3", name="score_range"),
        sa.CheckConstraint("length(rationale) > 0", name="rationale_not_empty"),
        sa.Index("ix_assessment_demand_on", "demand_id", "assessed_on"),
    )

    id: int | None = Field(default=None, primary_key=True)
    demand_id: int = Field(foreign_key="demand.id")
    assessed_on: date
    score: int
    rationale: str = Field(max_length=limits.RATIONALE)
    state: AssessmentState = Field(
        default=AssessmentState.PROPOSED, sa_type=enum_type(AssessmentState, "assessment_state")
    )
    self_approved: bool = False
    author_id: int = Field(foreign_key="user.id")
    approver_id: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")


class AssessmentEvidence(SQLModel, table=True):
    """The evidence entries an assessment rests on."""

    __tablename__ = "assessment_evidence"

    assessment_id: int = Field(foreign_key="assessment.id", primary_key=True)
    evidence_id: int = Field(foreign_key="evidence.id", primary_key=True, index=True)


class Draft(SQLModel, table=True):
    """One version of a peace text; a new version names the one it supersedes."""

    id: int | None = Field(default=None, primary_key=True)
    code: str = Field(max_length=limits.CODE, unique=True)
    title: str = Field(max_length=limits.DRAFT_TITLE)  # English
    title_uk: str = Field(default="", max_length=limits.DRAFT_TITLE)
    # the language the texts were taken in; the other language's texts are our translation
    original_language: str = Field(default="en", max_length=limits.LANGUAGE)
    proponent: str = Field(max_length=limits.PROPONENT)
    published_on: date
    status: DraftStatus = Field(sa_type=enum_type(DraftStatus, "draft_status"))
    source_url: str = Field(default="", max_length=limits.URL)
    other_sources: str = Field(default="", max_length=limits.DRAFT_SOURCES)  # one URL a line
    confidence: str = Field(default="", max_length=limits.CONFIDENCE)  # of the text as a whole
    notes: str = Field(default="", max_length=limits.DRAFT_NOTES)
    supersedes_id: int | None = Field(default=None, foreign_key="draft.id")
    created_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)


class DraftPoint(SQLModel, table=True):
    """A numbered point of a draft, paraphrased, in its order."""

    __tablename__ = "draft_point"
    __table_args__ = (
        sa.UniqueConstraint("draft_id", "position"),
        sa.UniqueConstraint("draft_id", "label"),
    )

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id", index=True)
    position: int
    label: str = Field(max_length=limits.POINT_LABEL)
    text: str = Field(max_length=limits.POINT_TEXT)  # English
    text_uk: str = Field(default="", max_length=limits.POINT_TEXT)
    humanitarian: bool = False


CITED_POINTS_NEEDED = "level IN ('absent', 'not_reported') OR length(point_labels) > 0"
NOT_REPORTED_CITES_NOTHING = "level <> 'not_reported' OR length(point_labels) = 0"


class Coverage(SQLModel, table=True):
    """The approved code of how one draft covers one demand; one row per (draft, demand).

    What the Overview, comparisons and briefings read. Every code, proposed or approved, is
    also a row of `coverage_proposal`: that table is the cell's history.
    """

    __table_args__ = (
        sa.UniqueConstraint("draft_id", "demand_id"),
        sa.CheckConstraint(CITED_POINTS_NEEDED, name="cited_points_needed"),
        sa.CheckConstraint(NOT_REPORTED_CITES_NOTHING, name="not_reported_cites_nothing"),
    )

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id")
    demand_id: int = Field(foreign_key="demand.id", index=True)
    level: CoverageLevel = Field(sa_type=enum_type(CoverageLevel, "coverage_level"))
    point_labels: str = Field(default="", max_length=limits.COVERAGE_POINTS)
    note: str = Field(default="", max_length=limits.COVERAGE_NOTE)
    uncertain: bool = False
    legal_review: bool = False  # flagged for a lawyer's reading before it is relied on
    legal_note: str = Field(default="", max_length=limits.COVERAGE_NOTE)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: int = Field(foreign_key="user.id")  # who approved what is shown
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")


class CoverageProposal(SQLModel, table=True):
    """One code of one cell as somebody proposed it, and what became of it (append-only
    history: a second editor approves or rejects, as for status assessments)."""

    __tablename__ = "coverage_proposal"
    __table_args__ = (
        sa.CheckConstraint(CITED_POINTS_NEEDED, name="cited_points_needed"),
        sa.CheckConstraint(NOT_REPORTED_CITES_NOTHING, name="not_reported_cites_nothing"),
        sa.Index("ix_coverage_proposal_cell", "draft_id", "demand_id", "proposed_at"),
    )

    id: int | None = Field(default=None, primary_key=True)
    draft_id: int = Field(foreign_key="draft.id")
    demand_id: int = Field(foreign_key="demand.id")
    level: CoverageLevel = Field(sa_type=enum_type(CoverageLevel, "coverage_level"))
    point_labels: str = Field(default="", max_length=limits.COVERAGE_POINTS)
    note: str = Field(default="", max_length=limits.COVERAGE_NOTE)
    uncertain: bool = False
    legal_review: bool = False
    legal_note: str = Field(default="", max_length=limits.COVERAGE_NOTE)
    state: AssessmentState = Field(
        default=AssessmentState.PROPOSED, sa_type=enum_type(AssessmentState, "assessment_state")
    )
    self_approved: bool = False  # four-eyes review was off when it was published
    author_id: int = Field(foreign_key="user.id")
    proposed_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    approver_id: int | None = Field(default=None, foreign_key="user.id")
    decided_at: datetime | None = Field(default=None, sa_type=UTCDateTime)
    reason: str = Field(default="", max_length=limits.REASON)  # of a rejection
    organisation_id: int | None = Field(default=None, foreign_key="organisation.id")


class ReferenceRow(SQLModel, table=True):
    """The fingerprint of each reference row as shipped, so that a later release can update
    the rows nobody edited and leave every edited row alone (`monitor.services.reference`)."""

    __tablename__ = "reference_row"

    kind: str = Field(primary_key=True, max_length=32)
    key: str = Field(primary_key=True, max_length=80)
    digest: str = Field(max_length=64)
    release: str = Field(max_length=32)


class AppSetting(SQLModel, table=True):
    """A setting an admin changes in the app (not the environment): shared by every process."""

    __tablename__ = "app_setting"

    key: str = Field(primary_key=True, max_length=limits.SETTING_KEY)
    value: str = Field(max_length=limits.SETTING_VALUE)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: int | None = Field(default=None, foreign_key="user.id")


DATA_VERSION_SLOTS = 64  # more than the writers expected at once; migration 0012 makes them


class DataVersion(SQLModel, table=True):
    """Committed changes counted in slots; the data version is their sum, and caches key on it.

    A change adds one to a slot no other open transaction holds (monitor.core.audit), so
    concurrent writers on PostgreSQL do not queue behind one row; reads (exports) add nothing.
    """

    __tablename__ = "data_version"
    __table_args__ = (sa.CheckConstraint(f"id BETWEEN 1 AND {DATA_VERSION_SLOTS}", name="slot"),)

    id: int = Field(default=1, primary_key=True)
    version: int = 0


class AuditEvent(SQLModel, table=True):
    """Who did what to which record, when, with the values before and after. Append-only."""

    __tablename__ = "audit_event"
    __table_args__ = (sa.Index("ix_audit_event_entity", "entity", "entity_id"),)

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="user.id", index=True)
    action: str = Field(max_length=64)
    entity: str = Field(max_length=64)
    entity_id: str = Field(default="", max_length=64)
    before: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)
    after: dict[str, Any] | None = Field(default=None, sa_type=sa.JSON)


class CustodyAction(StrEnum):
    """What was done with a stored item (Berkeley Protocol: every handling is recorded)."""

    ATTACH = "attach"
    CAPTURE = "capture"
    VIEW = "view"
    DOWNLOAD = "download"
    EXPORT = "export"
    REHASH = "rehash"
    RESTORE = "restore"


class CustodyItem(StrEnum):
    ATTACHMENT = "attachment"
    CAPTURE = "capture"


class CustodyEvent(SQLModel, table=True):
    """One link of an item's chain of custody: who handled which stored file, when, how, the
    SHA-256 of the bytes read, and of the copy handed out when it differs. Append-only."""

    __tablename__ = "custody_event"
    __table_args__ = (
        sa.CheckConstraint(
            "sha256_seen IS NULL OR length(sha256_seen) = 64", name="sha256_seen_length"
        ),
        sa.CheckConstraint(
            "sha256_out IS NULL OR length(sha256_out) = 64", name="sha256_out_length"
        ),
        sa.Index("ix_custody_event_item", "item_kind", "item_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    actor_id: int | None = Field(default=None, foreign_key="user.id")
    action: CustodyAction = Field(sa_type=enum_type(CustodyAction, "custody_action"))
    item_kind: CustodyItem = Field(sa_type=enum_type(CustodyItem, "custody_item"))
    item_id: int
    evidence_id: int | None = Field(default=None, foreign_key="evidence.id", index=True)
    sha256_recorded: str | None = Field(default=None, max_length=64)  # what the item's row says
    sha256_seen: str | None = Field(default=None, max_length=64)  # None: the file was missing
    sha256_out: str | None = Field(default=None, max_length=64)  # a copy that differs
    matched: bool = True  # the bytes read hash to what the row says
    detail: str = Field(default="", max_length=200)


class SavedImportMapping(SQLModel, table=True):
    """An import mapping someone saved under a name, to use again for the next file of the
    same kind (`monitor.domain.import_mapping`'s profile JSON)."""

    __tablename__ = "import_mapping"

    name: str = Field(primary_key=True, max_length=limits.MAPPING_NAME)
    spec: dict[str, Any] = Field(sa_type=sa.JSON)
    updated_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    updated_by: int | None = Field(default=None, foreign_key="user.id")


class KoboSubmission(SQLModel, table=True):
    """A KoboToolbox submission as last pulled: the entry it became and the version of it.

    KoboToolbox gives an edited submission a new instance id (`_uuid`) and keeps the first
    one as `meta/rootUuid`; the root is the submission's identity (the entry's id is
    `kobo:<root>`), the instance says which version was pulled, and `evidence_version` is the
    entry's version that pull wrote, so a later edit in KoboToolbox updates the entry only if
    nobody changed it here since (optimistic locking, as every edit). A submission deleted on
    the server is noted in `gone_since` and reported; its entry is never removed.
    """

    __tablename__ = "kobo_submission"
    __table_args__ = (sa.UniqueConstraint("asset_uid", "root_uuid"),)

    id: int | None = Field(default=None, primary_key=True)
    asset_uid: str = Field(max_length=64)
    root_uuid: str = Field(max_length=64)
    instance_uuid: str = Field(max_length=64)
    submitted_at: datetime = Field(sa_type=UTCDateTime)
    evidence_id: int = Field(foreign_key="evidence.id", index=True)
    evidence_version: int
    pulled_at: datetime = Field(default_factory=utcnow, sa_type=UTCDateTime)
    gone_since: datetime | None = Field(default=None, sa_type=UTCDateTime)
