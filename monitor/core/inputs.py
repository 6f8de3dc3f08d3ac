"""Input models: what a person may type, with the limits from `monitor.core.limits`.

The form, the import and the command line validate through the same model (`validation.parse`),
so a limit or a check is never written twice. Checks that need the database (known codes) read
what the caller put in the validation context.
"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from monitor.core import limits
from monitor.core.models import (
    Direction,
    DraftStatus,
    Reliability,
    Sensitivity,
    SourceType,
    Verification,
)
from monitor.core.validation import (
    check_line,
    check_not_future,
    check_required,
    check_text,
    problem,
)

EVIDENCE_LANGUAGES = ("uk", "en", "crh", "ru", "other")
NEXT_STEP = {
    Verification.UNVERIFIED: Verification.CORROBORATED,
    Verification.CORROBORATED: Verification.VERIFIED,
}


class EvidenceInput(BaseModel):
    """What a person may type for one entry; limits on the fields, checks in the validators."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)

    demands: list[str] = Field(min_length=1, max_length=limits.DEMANDS_PER_ENTRY)
    title: str = Field(max_length=limits.EVIDENCE_TITLE)
    description: str = Field(default="", max_length=limits.EVIDENCE_DESCRIPTION)
    event_start: date
    event_end: date | None = None
    region_code: str = Field(max_length=limits.CODE)
    settlement_code: str | None = Field(default=None, max_length=limits.CODE)
    settlement_name: str | None = Field(default=None, max_length=limits.SETTLEMENT_NAME)
    source_type: SourceType
    source_url: str | None = Field(default=None, max_length=limits.URL)
    source_title: str | None = Field(default=None, max_length=limits.SOURCE_TITLE)
    reliability: Reliability
    credibility: int = Field(ge=limits.CREDIBILITY_MIN, le=limits.CREDIBILITY_MAX)
    direction: Direction
    language: str = "uk"
    people_count: int | None = Field(default=None, ge=0, le=limits.PEOPLE_MAX)
    sensitivity: Sensitivity = Sensitivity.PUBLIC

    @field_validator(
        "event_end",
        "settlement_code",
        "settlement_name",
        "source_url",
        "source_title",
        "people_count",
        mode="before",
    )
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value

    @field_validator("title")
    @classmethod
    def _title(cls, value: str) -> str:
        return check_required(check_line(value) or "")

    @field_validator("settlement_name", "source_title")
    @classmethod
    def _line(cls, value: str | None) -> str | None:
        return check_line(value)

    @field_validator("description")
    @classmethod
    def _text(cls, value: str) -> str:
        return check_text(value) or ""

    @field_validator("source_url")
    @classmethod
    def _url(cls, value: str | None) -> str | None:
        if value is None:
            return None
        check_line(value)
        parts = urlsplit(value)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname or " " in value:
            raise problem("invalid.url")
        return value

    @field_validator("language")
    @classmethod
    def _language(cls, value: str) -> str:
        if value not in EVIDENCE_LANGUAGES:
            raise problem("invalid.choice", choices=", ".join(EVIDENCE_LANGUAGES))
        return value

    @field_validator("demands")
    @classmethod
    def _known_demands(cls, value: list[str], info: ValidationInfo) -> list[str]:
        known = (info.context or {}).get("demands")
        unknown = [code for code in value if known is not None and code not in known]
        if unknown:
            raise problem("invalid.unknown_code", value=", ".join(unknown))
        if len(set(value)) != len(value):
            raise problem("invalid.duplicate", value=", ".join(value))
        return value

    @field_validator("region_code")
    @classmethod
    def _known_region(cls, value: str, info: ValidationInfo) -> str:
        regions = (info.context or {}).get("regions")
        if regions is not None and value not in regions:
            raise problem("invalid.unknown_code", value=value)
        return value

    @field_validator("event_start", "event_end")
    @classmethod
    def _not_future(cls, value: date | None, info: ValidationInfo) -> date | None:
        return check_not_future(value, info)

    @field_validator("demands", mode="before")
    @classmethod
    def _split_demands(cls, value: Any) -> Any:
        if isinstance(value, str):  # "D01; D08" from a spreadsheet cell
            return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]
        return value


class DraftInput(BaseModel):
    code: str = Field(
        min_length=limits.DRAFT_CODE_MIN,
        max_length=limits.CODE,
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$",
    )
    title: str = Field(max_length=limits.DRAFT_TITLE)
    proponent: str = Field(max_length=limits.PROPONENT)
    published_on: date
    status: DraftStatus
    source_url: str = Field(default="", max_length=limits.URL)
    confidence: str = Field(default="", max_length=limits.CONFIDENCE)
    notes: str = Field(default="", max_length=limits.DRAFT_NOTES)
    supersedes: str | None = None

    @field_validator("title", "proponent")
    @classmethod
    def _required_line(cls, value: str) -> str:
        return check_required(check_line(value) or "")

    @field_validator("source_url", "confidence")
    @classmethod
    def _line(cls, value: str) -> str:
        return check_line(value) or ""

    @field_validator("notes")
    @classmethod
    def _text(cls, value: str) -> str:
        return check_text(value) or ""

    @field_validator("published_on")
    @classmethod
    def _not_future(cls, value: date, info: ValidationInfo) -> date:
        return check_not_future(value, info)

    @field_validator("supersedes", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return None if isinstance(value, str) and not value.strip() else value


class AssessmentInput(BaseModel):
    demand: str
    score: int = Field(ge=limits.SCORE_MIN, le=limits.SCORE_MAX)
    assessed_on: date
    rationale: str = Field(max_length=limits.RATIONALE)
    evidence_ids: list[int] = Field(
        default_factory=list, max_length=limits.EVIDENCE_IDS_PER_ASSESSMENT
    )

    @field_validator("rationale")
    @classmethod
    def _rationale(cls, value: str) -> str:
        return check_required(check_text(value) or "")

    @field_validator("assessed_on")
    @classmethod
    def _not_future(cls, value: date, info: ValidationInfo) -> date:
        return check_not_future(value, info)
