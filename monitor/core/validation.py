"""Field-level validation shared by the form, the import and the command line.

Pydantic checks types and limits; the errors become (i18n key, params) per field so a page can
say what is wrong in the reader's language while keeping everything that was typed.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from enum import Enum
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError

from monitor.core import limits
from monitor.errors import InvalidInput, Problem
from monitor.i18n import t

Model = TypeVar("Model", bound=BaseModel)
When = TypeVar("When", date, date | None)

FORBIDDEN_IN_LINE = {chr(c) for c in range(32)} | {"\x7f"}
FORBIDDEN_IN_TEXT = FORBIDDEN_IN_LINE - {"\t", "\n", "\r"}


def problem(key: str, **params: Any) -> PydanticCustomError:
    """A custom error whose type is our i18n key (raised from validators)."""
    return PydanticCustomError(key, t(key, "en", **params), params)


def check_line(value: str | None) -> str | None:
    """A one-line text: any Unicode, but no control characters (NUL breaks PostgreSQL)."""
    if value is not None and any(ch in FORBIDDEN_IN_LINE for ch in value):
        raise problem("invalid.control_chars")
    return value


def check_text(value: str | None) -> str | None:
    """A multi-line text: tabs and line breaks allowed, other control characters not."""
    if value is not None and any(ch in FORBIDDEN_IN_TEXT for ch in value):
        raise problem("invalid.control_chars")
    return value


def check_not_future(value: When, info: ValidationInfo) -> When:
    """A date may not be later than the `today` the caller passed in the validation context."""
    today = (info.context or {}).get("today")
    if value is not None and today is not None and value > today:
        raise problem("invalid.future_date", today=today.isoformat())
    return value


def check_required(value: str) -> str:
    if not value.strip():
        raise problem("invalid.required")
    return value


def check_free_text(name: str, value: str, *, max_length: int, missing: str | None = None) -> str:
    """A multi-line text a service takes outside an input model (a reason, a note): checked as
    an input model checks its texts, refused as InvalidInput naming the field. `missing` is
    the key to refuse an empty text with (None: empty is allowed)."""
    if missing is not None and not value.strip():
        raise InvalidInput({name: (missing, {})})
    if len(value) > max_length:
        raise InvalidInput({name: ("invalid.too_long", {"max": max_length})})
    if any(ch in FORBIDDEN_IN_TEXT for ch in value):
        raise InvalidInput({name: ("invalid.control_chars", {})})
    return value


def check_reason(reason: str) -> str:
    """The reason a person gives to withdraw, reopen, restore or reject: needed, and bounded."""
    return check_free_text(
        "reason", reason, max_length=limits.REASON, missing="invalid.reason_needed"
    )


_PYDANTIC_KEYS = {
    "missing": "invalid.required",
    "string_too_short": "invalid.required",
    "string_too_long": "invalid.too_long",
    "too_long": "invalid.too_many",
    "too_short": "invalid.required",
    "int_parsing": "invalid.number",
    "int_from_float": "invalid.number",
    "int_type": "invalid.number",
    "greater_than_equal": "invalid.min",
    "less_than_equal": "invalid.max",
    "enum": "invalid.choice",
    "literal_error": "invalid.choice",
    "string_type": "invalid.text",
    "bool_parsing": "invalid.choice",
    "list_type": "invalid.list",
    # the one pattern of the input models: a draft's code
    "string_pattern_mismatch": "invalid.code_chars",
}


def _problem_of(error: Mapping[str, Any], field_type: object) -> Problem:
    """A pydantic error as an i18n key with parameters; the choices of an enumeration field
    are its members (put into words in the reader's language)."""
    kind = str(error["type"])
    ctx = dict(error.get("ctx") or {})
    if kind.startswith("invalid."):
        return kind, ctx
    if kind.startswith(("date", "datetime")):
        return "invalid.date", {}
    key = _PYDANTIC_KEYS.get(kind, "invalid.value")
    params: dict[str, Any] = {}
    if key in ("invalid.too_long", "invalid.too_many"):
        params["max"] = ctx.get("max_length")
    elif key == "invalid.min":
        params["min"] = ctx.get("ge")
    elif key == "invalid.max":
        params["max"] = ctx.get("le")
    elif key == "invalid.choice":
        if isinstance(field_type, type) and issubclass(field_type, Enum):
            params["choices"] = tuple(field_type)
        else:
            params["choices"] = ctx.get("expected", "")
    return key, params


def parse(
    model: type[Model], data: Mapping[str, Any], context: dict[str, Any] | None = None
) -> Model:
    """Validate `data` into `model`, or raise InvalidInput naming every bad field."""
    try:
        return model.model_validate(dict(data), context=context)
    except ValidationError as exc:
        problems: dict[str, Problem] = {}
        for error in exc.errors():
            loc = error["loc"]
            name = str(loc[0]) if loc else "form"
            field = model.model_fields.get(name)
            problems.setdefault(name, _problem_of(error, field and field.annotation))
        raise InvalidInput(problems) from None
