"""Field-level validation shared by the form, the import, the command line and every service.

Pydantic checks types and limits; the errors become (i18n key, params) per field so a page can
say what is wrong in the reader's language while keeping everything that was typed.

Every text a service takes is one of two annotated types, so the rule for texts is written
once (here) and every input model in `monitor.core.inputs` uses it:

    Annotated[str, OneLine(limits.X)]      a name, a title, a code, an address
    Annotated[str, MultiLine(limits.Y)]    a description, a reason, a note, a point's text

The rule, the same for every field:

- Text is stored exactly as typed: no trimming, no case change, no Unicode normalisation.
  Not NFC, because a silent rewrite would make "stored exactly" untrue, change what an import
  compares against ("unchanged" rows), and gain nothing here: nothing matches texts by
  equality except codes and user names, which allow only a plain alphabet anyway.
- The one rewrite: in a multi-line text, CRLF and a lone CR become LF (a pasted Windows text
  and a typed one are the same text). The limit counts characters after that.
- Refused everywhere: control characters (Unicode category Cc: C0, DEL and C1, NUL among them,
  which PostgreSQL cannot store and which no person means to type) and lone surrogates (half of
  a UTF-16 pair, from a JSON feed or a mis-decoded argument: no database can encode them).
- A multi-line text allows tab and LF; a one-line text allows neither, nor CR, vertical tab,
  form feed, NEL or the Unicode line and paragraph separators (it is shown on one line).
- Everything else is text, stored as typed: emoji, zero-width joiners (emoji and several
  scripts need them), right-to-left marks and overrides (Arabic and Hebrew quotations need
  them), combining accents. Showing such text inert is the page's concern, not the store's.
- A limit is a number of characters (Unicode code points), as PostgreSQL's VARCHAR counts them.
- `required=True`: a text of nothing but whitespace is refused as missing.

Feed text that no person typed is cleaned by the same rule (`clean_feed_text`) instead of
refused, so one bad byte in a report does not lose the report.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import Enum
from typing import Any, ClassVar, TypeVar
from urllib.parse import urlsplit

from pydantic import BaseModel, GetCoreSchemaHandler, ValidationError, ValidationInfo
from pydantic_core import PydanticCustomError, core_schema

from monitor.errors import InvalidInput, Problem
from monitor.i18n import t

Model = TypeVar("Model", bound=BaseModel)
When = TypeVar("When", date, date | None)

# what no text may hold: lone surrogates, and control characters other than tab and LF
_SURROGATE = re.compile("[\ud800-\udfff]")
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# what a one-line text may not hold besides: the characters that break or indent a line
_LINE_BREAK = re.compile("[\t\n\x0b\x0c\r\x85\u2028\u2029]")
_CONTROL_IN_LINE = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f]")
_CRLF_OR_CR = re.compile("\r\n?")
# every character either rule above refuses, in one class: a text none of whose characters is
# in it passes (the usual case, checked by one search instead of three); a text with one is
# judged by the rules above, which name the first rule it breaks
_REFUSED_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_REFUSED_IN_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")


def problem(key: str, **params: Any) -> PydanticCustomError:
    """A custom error whose type is our i18n key (raised from validators)."""
    return PydanticCustomError(key, t(key, "en", **params), params)


def _check_characters(text: str, *, multi_line: bool) -> None:
    """Refuse `text` when it holds a character the rule refuses (the first rule it breaks).

    Clean texts pass at once: `str.isprintable` is false for every character refused here
    (control characters, surrogates, the line and paragraph separators) and true for most of
    what people type; a text it is false for (a tab, a line break, a no-break space, a joiner)
    is searched once for a refused character, and only a text with one goes through the rules
    one by one. Import rows check ten texts each, and the three searches were a tenth of a
    row's cost."""
    if text.isprintable():
        return
    if not (_REFUSED_IN_TEXT if multi_line else _REFUSED_IN_LINE).search(text):
        return
    if _SURROGATE.search(text):
        raise problem("invalid.broken_character")
    if not multi_line and _LINE_BREAK.search(text):
        raise problem("invalid.one_line")
    if (_CONTROL_IN_TEXT if multi_line else _CONTROL_IN_LINE).search(text):
        raise problem("invalid.control_chars")


@dataclass(frozen=True)
class OneLine:
    """The rule for a one-line text (see the module docstring), with its limit from `limits`."""

    max_length: int
    required: bool = False
    multi_line: ClassVar[bool] = False

    def __get_pydantic_core_schema__(
        self, source: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_after_validator_function(self.check, handler(source))

    def check(self, value: str) -> str:
        """The text as it is stored, or a refusal naming the first rule it breaks."""
        text = _CRLF_OR_CR.sub("\n", value) if self.multi_line else value
        _check_characters(text, multi_line=self.multi_line)
        if len(text) > self.max_length:
            raise problem("invalid.too_long", max=self.max_length)
        if self.required and not text.strip():
            raise problem("invalid.required")
        return text


@dataclass(frozen=True)
class MultiLine(OneLine):
    """The rule for a multi-line text: tabs and line breaks allowed, CRLF and CR become LF."""

    multi_line: ClassVar[bool] = True


@dataclass(frozen=True)
class WebAddress(OneLine):
    """A one-line text that is an http(s) address with a host; "" when not required."""

    def check(self, value: str) -> str:
        text = super().check(value)
        if not text and not self.required:
            return text
        try:
            parts = urlsplit(text)
            hostname = parts.hostname
        except ValueError:  # an unclosed [IPv6 bracket
            raise problem("invalid.url") from None
        if parts.scheme.lower() not in ("http", "https") or not hostname or " " in text:
            raise problem("invalid.url")
        return text


def clean_feed_text(text: object, limit: int) -> str:
    """Text from a feed as one line that passes `OneLine`: whitespace runs (line breaks
    included) become one space, what the rule refuses is dropped, and it is cut to `limit`.

    Cleaned, not refused: nobody here typed it, and refusing would lose the whole report
    for one stray byte; what is dropped could not have been shown anyway. Anything that is
    not text is no text.
    """
    if not isinstance(text, str):  # a missing element, or JSON that is not text
        return ""
    kept = _CONTROL_IN_LINE.sub("", _SURROGATE.sub("", text))
    return " ".join(kept.split())[:limit].strip()


def check_not_future(value: When, info: ValidationInfo) -> When:
    """A date may not be later than the `today` the caller passed in the validation context."""
    today = (info.context or {}).get("today")
    if value is not None and today is not None and value > today:
        raise problem("invalid.future_date", today=today.isoformat())
    return value


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
}


def _problem_of(error: Mapping[str, Any], field_type: object) -> Problem:
    """A pydantic error as an i18n key with parameters; the choices of an enumeration field
    are its members (put into words in the reader's language)."""
    kind = str(error["type"])
    ctx = dict(error.get("ctx") or {})
    if kind.startswith("invalid."):
        return kind, ctx
    if error.get("input") is None:  # nothing given: missing, not "text/a number is needed"
        return "invalid.required", {}
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
