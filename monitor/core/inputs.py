"""Input models: what a person may type, with the limits from `monitor.core.limits`.

Every text a service takes passes through one of these models (`validation.parse`), and every
text field is `OneLine` or `MultiLine` from `monitor.core.validation`, so the rule for control
characters, lengths and line ends is written once and a refusal always names its field. Checks
that need the database (known codes) read what the caller put in the validation context.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from monitor.core import limits
from monitor.core.models import (
    CoverageLevel,
    Direction,
    DraftStatus,
    Reliability,
    Sensitivity,
    SourceType,
    Verification,
)
from monitor.core.validation import (
    MultiLine,
    OneLine,
    WebAddress,
    check_not_future,
    problem,
)

EVIDENCE_LANGUAGES = ("uk", "en", "crh", "ru", "other")
NEXT_STEP = {
    Verification.UNVERIFIED: Verification.CORROBORATED,
    Verification.CORROBORATED: Verification.VERIFIED,
}

# a code a person picks or types: a demand, a region, a settlement, a draft
Code = Annotated[str, OneLine(limits.CODE)]


class _Input(BaseModel):
    """What every input model shares: unknown keys are ignored, texts are not trimmed."""

    model_config = ConfigDict(extra="ignore", str_strip_whitespace=False)


def _blank_is_none(value: Any) -> Any:
    """An optional field left blank is absent (a form sends "" for an untouched box)."""
    return None if isinstance(value, str) and not value.strip() else value


class EvidenceInput(_Input):
    """What a person may type for one entry; limits on the fields, checks in the validators."""

    demands: list[Code] = Field(min_length=1, max_length=limits.DEMANDS_PER_ENTRY)
    title: Annotated[str, OneLine(limits.EVIDENCE_TITLE, required=True)]
    description: Annotated[str, MultiLine(limits.EVIDENCE_DESCRIPTION)] = ""
    event_start: date
    event_end: date | None = None
    region_code: Code
    settlement_code: Code | None = None
    settlement_name: Annotated[str, OneLine(limits.SETTLEMENT_NAME)] | None = None
    source_type: SourceType
    source_url: Annotated[str, WebAddress(limits.URL, required=True)] | None = None
    source_title: Annotated[str, OneLine(limits.SOURCE_TITLE)] | None = None
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
    def _blank(cls, value: Any) -> Any:
        return _blank_is_none(value)

    @field_validator(
        "region_code",
        "source_type",
        "reliability",
        "credibility",
        "direction",
        "language",
        "sensitivity",
        mode="before",
    )
    @classmethod
    def _chosen(cls, value: Any) -> Any:
        """A field picked from a list (a form's dropdown or radio left unpicked sends None)
        asks for a choice; its type's message ("text is needed", "a whole number is needed")
        named what the list's values are stored as, which nobody picking one can act on."""
        if value is None:
            raise problem("invalid.choose_one")
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
        if isinstance(value, str):  # "D01; D08" from a spreadsheet, "D01 D08" from a field form
            return value.replace(",", " ").replace(";", " ").split()
        return value


class ImportRowInput(_Input):
    """The two columns of an import row that are not fields of the entry (both may be blank)."""

    uid: Annotated[str, OneLine(limits.UID)] = ""
    version: Annotated[str, OneLine(limits.CODE)] = ""


_DRAFT_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")


DraftLanguage = Literal["en", "uk"]
DRAFT_LANGUAGES: tuple[str, ...] = get_args(DraftLanguage)


class DraftInput(_Input):
    """A new draft: its title and points in the language it was taken in (`original_language`),
    the title's translation in the other language if someone wrote one."""

    code: Annotated[str, OneLine(limits.CODE, required=True)]
    title: Annotated[str, OneLine(limits.DRAFT_TITLE, required=True)]
    original_language: DraftLanguage = "en"
    title_translation: Annotated[str, OneLine(limits.DRAFT_TITLE)] = ""
    proponent: Annotated[str, OneLine(limits.PROPONENT, required=True)]
    published_on: date
    status: DraftStatus
    source_url: Annotated[str, WebAddress(limits.URL)] = ""
    other_sources: Annotated[str, MultiLine(limits.DRAFT_SOURCES)] = ""
    confidence: Annotated[str, OneLine(limits.CONFIDENCE)] = ""
    notes: Annotated[str, MultiLine(limits.DRAFT_NOTES)] = ""
    supersedes: Code | None = None

    @field_validator("code")
    @classmethod
    def _code_chars(cls, value: str) -> str:
        """A code is typed into links and file names: a plain alphabet, at least two long."""
        if not _DRAFT_CODE.fullmatch(value):
            raise problem("invalid.code_chars")
        if len(value) < limits.DRAFT_CODE_MIN:
            raise problem("invalid.too_short", min=limits.DRAFT_CODE_MIN)
        return value

    @field_validator("published_on")
    @classmethod
    def _not_future(cls, value: date, info: ValidationInfo) -> date:
        return check_not_future(value, info)

    @field_validator("supersedes", mode="before")
    @classmethod
    def _blank(cls, value: Any) -> Any:
        return _blank_is_none(value)

    @field_validator("source_url", mode="before")
    @classmethod
    def _blank_url(cls, value: Any) -> Any:
        return "" if _blank_is_none(value) is None else value


class PointInput(_Input):
    """One point of a draft: its label ("7", "24b", "7а") and its text.

    The label loses surrounding spaces (as the splitter cuts it): it is a name that coverage
    cites, and "7 " and "7" must be the same point. The text is stored as the rule says.
    """

    label: Annotated[str, OneLine(limits.POINT_LABEL, required=True)]
    text: Annotated[str, MultiLine(limits.POINT_TEXT, required=True)]

    @field_validator("label", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        return value.strip(" ") if isinstance(value, str) else value


class NewPointInput(PointInput):
    """A point added by hand to the end of a draft."""

    draft: Code


class CoverageInput(_Input):
    """How a draft covers a demand: the level, the points it cites (labels), a note."""

    draft: Code
    demand: Code
    level: CoverageLevel
    points: list[Annotated[str, OneLine(limits.POINT_LABEL, required=True)]] = Field(
        default_factory=list, max_length=limits.COVERAGE_POINTS
    )
    note: Annotated[str, MultiLine(limits.COVERAGE_NOTE)] = ""
    uncertain: bool = False
    legal_review: bool = False
    legal_note: Annotated[str, MultiLine(limits.COVERAGE_NOTE)] = ""

    @field_validator("points")
    @classmethod
    def _stored_length(cls, value: list[str]) -> list[str]:
        """The labels are stored joined by "; ", in a column of `limits.COVERAGE_POINTS`."""
        if len("; ".join(value)) > limits.COVERAGE_POINTS:
            raise problem("invalid.too_long", max=limits.COVERAGE_POINTS)
        return value


class AssessmentInput(_Input):
    demand: Code
    score: int = Field(ge=limits.SCORE_MIN, le=limits.SCORE_MAX)
    assessed_on: date
    rationale: Annotated[str, MultiLine(limits.RATIONALE, required=True)]
    evidence_ids: list[int] = Field(
        default_factory=list, max_length=limits.EVIDENCE_IDS_PER_ASSESSMENT
    )

    @field_validator("assessed_on")
    @classmethod
    def _not_future(cls, value: date, info: ValidationInfo) -> date:
        return check_not_future(value, info)


class ReasonInput(_Input):
    """Why a person withdraws, reopens, restores or rejects: needed, and kept in the audit."""

    reason: Annotated[str, MultiLine(limits.REASON, required=True)]


class InboxItemInput(_Input):
    """An inbox item as it is stored (after `validation.clean_feed_text` on the feed's text)."""

    external_id: Annotated[str, OneLine(limits.INBOX_EXTERNAL_ID, required=True)]
    url: Annotated[str, WebAddress(limits.URL, required=True)]
    title: Annotated[str, OneLine(limits.INBOX_TITLE, required=True)]
    summary: Annotated[str, OneLine(limits.INBOX_SUMMARY)] = ""


class DismissInput(_Input):
    """Why an editor set an inbox item aside (optional)."""

    note: Annotated[str, MultiLine(limits.INBOX_NOTE)] = ""


class UsernameInput(_Input):
    """A user name as it is looked up (sign-in, an admin's change) or given to an account the
    tool makes itself (the system user, the configured local user): any storable one line.

    Surrounding spaces are not part of a name (sign-in trims what is typed the same way): the
    one text besides a point's label that is trimmed.
    """

    username: Annotated[str, OneLine(limits.USERNAME, required=True)]

    @field_validator("username", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        return value.strip() if isinstance(value, str) else value


class AccountInput(UsernameInput):
    """An account the tool makes itself; a blank display name is the user name."""

    display_name: Annotated[str, OneLine(limits.DISPLAY_NAME)] = ""


_PLAIN_NAME = re.compile(r"[\w.@-]+")


class NewUsernameInput(UsernameInput):
    """The name of an account a person creates: plain (letters, digits, . _ @ -), so it reads
    and types the same everywhere."""

    @field_validator("username")
    @classmethod
    def _plain(cls, value: str) -> str:
        if len(value) < limits.USERNAME_MIN or not _PLAIN_NAME.fullmatch(value):
            raise problem("invalid.username", min=limits.USERNAME_MIN, max=limits.USERNAME)
        return value


class SettingInput(_Input):
    """A setting an admin changes: a known key and one of the values it takes.

    The keys and their values are the caller's (`context={"choices": {key: values}}`).
    """

    key: Annotated[str, OneLine(limits.SETTING_KEY)]
    value: Annotated[str, OneLine(limits.SETTING_VALUE)]

    @field_validator("key")
    @classmethod
    def _known_key(cls, value: str, info: ValidationInfo) -> str:
        choices = (info.context or {}).get("choices", {})
        if value not in choices:
            raise problem("invalid.choice", choices=", ".join(choices))
        return value

    @field_validator("value")
    @classmethod
    def _known_value(cls, value: str, info: ValidationInfo) -> str:
        allowed = (info.context or {}).get("choices", {}).get(info.data.get("key"))
        if allowed is not None and value not in allowed:
            raise problem("invalid.choice", choices=", ".join(allowed))
        return value
