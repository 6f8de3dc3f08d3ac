"""UI text in Ukrainian and English, from one catalogue; t(key, lang, **params).

The catalogue itself is data, in `catalogue.py`; this module is how everything reads it, errors
included (`describe`). A parameter that is itself words is put into words in the same language:
an enumeration value (its `enum.<kind>.<value>` label), several of them (joined), or an error.

A text that says a count has its plural forms separated by " | " (English two: one, other;
Ukrainian three: 1 запис, 2-4 записи, 5+ записів); `t` picks the form by its `count`
parameter (`plural_form`), which the text itself need not show. A limit (`max`, `min`) is
written in the language's number format.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from enum import Enum
from typing import Any, Protocol, runtime_checkable

from monitor.i18n.catalogue import CATALOGUE

LANGUAGES = {"uk": "Українська", "en": "English"}
# a limit in a refusal is a quantity, written as the language writes numbers (20 000 символів);
# other whole numbers (an entry's id, a year, a row) stay as they are
LIMITS = frozenset({"max", "min"})
DEFAULT_LANGUAGE = "uk"

__all__ = [
    "CATALOGUE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Describable",
    "describe",
    "enum_label",
    "enum_labels",
    "field_label",
    "field_messages",
    "moment",
    "number",
    "number_symbols",
    "percent",
    "plural_form",
    "status_label",
    "t",
]

# enumerations whose catalogue kind is not their class name in snake case
_ENUM_KINDS = {"CoverageLevel": "coverage"}
_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")
PLURAL_SEPARATOR = " | "


@runtime_checkable
class Describable(Protocol):
    """What `describe` reads of an error (`monitor.errors.MonitorError` has it)."""

    key: str
    params: dict[str, Any]
    problems: Mapping[str, tuple[str, dict[str, Any]]]


def t(key: str, lang: str = DEFAULT_LANGUAGE, **params: object) -> str:
    """The text of `key` in `lang` (English as the fallback), with {params} filled in."""
    entry = CATALOGUE.get(key)
    if entry is None:
        return key
    text = entry.get(lang) or entry["en"]
    if PLURAL_SEPARATOR in text:
        forms = text.split(PLURAL_SEPARATOR)
        count = params.get("count", 0)
        chosen = plural_form(
            count if isinstance(count, int) else 0, lang if entry.get(lang) else "en"
        )
        text = forms[min(chosen, len(forms) - 1)]
    if not params:
        return text
    return text.format(
        **{
            name: number(value, lang)
            if name in LIMITS and isinstance(value, int) and not isinstance(value, bool)
            else _words(value, lang)
            for name, value in params.items()
        }
    )


def plural_form(n: int, lang: str) -> int:
    """Which plural form `n` takes in `lang`: English 0 for one, 1 otherwise; Ukrainian 0 for
    1, 21, 31 ... (not 11), 1 for 2-4, 22-24 ... (not 12-14), 2 for the rest (5-20, 25, 0)."""
    n = abs(n)
    if lang != "uk":
        return 0 if n == 1 else 1
    if n % 10 == 1 and n % 100 != 11:
        return 0
    if 2 <= n % 10 <= 4 and not 12 <= n % 100 <= 14:
        return 1
    return 2


def _words(value: object, lang: str) -> object:
    """A parameter in `lang` when it is words (see the module docstring); else as it is."""
    if isinstance(value, Enum):  # before str: a StrEnum is a str too
        return _enum_words(value, lang)
    if isinstance(value, str | int | float):
        return value
    if isinstance(value, tuple | list) and value and all(isinstance(v, Enum) for v in value):
        return ", ".join(_enum_words(v, lang) for v in value)
    if isinstance(value, Describable):
        return describe(value, lang)
    return value


def _enum_words(value: Enum, lang: str) -> str:
    name = type(value).__name__
    kind = _ENUM_KINDS.get(name) or _CAMEL.sub("_", name).lower()
    key = f"enum.{kind}.{value.value}"
    return t(key, lang) if key in CATALOGUE else str(value.value)


def enum_label(kind: str, value: object, lang: str) -> str:
    """The words for an enumeration value (source type, direction, verification, ...)."""
    raw = getattr(value, "value", value)
    return t(f"enum.{kind}.{raw}", lang)


def enum_labels(kind: str, lang: str) -> dict[str, str]:
    """Every value of an enumeration with its words in `lang` (for SQL CASE and the import)."""
    prefix = f"enum.{kind}."
    return {
        key[len(prefix) :]: text.get(lang) or text["en"]
        for key, text in CATALOGUE.items()
        if key.startswith(prefix)
    }


def confidence_label(value: object, lang: str) -> str:
    """How well a draft's text is known, in words: the shipped scale (high, medium-high,
    medium, low) in `lang`; a value someone typed otherwise stays as typed; "—" for none."""
    key = f"confidence.{value}"
    if key in CATALOGUE:
        return t(key, lang)
    return str(value) if isinstance(value, str) and value else "—"


def status_label(score: object, lang: str) -> str:
    """The words for a status score; missing (None, NaN, pandas NA) reads 'not assessed'."""
    # pandas here, not at the top: monitor.errors and monitor.config import this module, and
    # a `monitor` command that needs neither pandas nor a table would wait 0.7 s for it
    import pandas as pd  # noqa: PLC0415

    if score is None or bool(pd.isna(score)):
        return t("status.none", lang)
    return t(f"status.{int(score)}", lang)  # type: ignore[call-overload]


# the locales whose number rules a language follows (CLDR's, through Babel)
_NUMBER_LOCALES = {"uk": "uk_UA", "en": "en_GB"}


def moment(when: datetime) -> str:
    """A moment as a reader is shown it, the same in both languages and on every page and
    brief: UTC to the minute (2026-12-03 06:49 UTC). A moment stored without its zone is UTC."""
    aware = when if when.tzinfo is not None else when.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M UTC")


def number(value: float, lang: str, *, decimals: int = 0) -> str:
    """A number as the reader's language writes it: 6,992.5 in English, 6 992,5 in Ukrainian
    (a no-break space between thousands, a decimal comma), from CLDR's rules through Babel
    rather than a replace of our own that would miss the next language or sign."""
    from babel.numbers import format_decimal  # noqa: PLC0415 -- `monitor --help` needs none

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "")
    return str(format_decimal(value, format=pattern, locale=_locale(lang)))


def percent(share: float, lang: str, *, decimals: int = 0) -> str:
    """A share of 1 as a percentage in the reader's language: 40% / 40%, 20.5% / 20,5%."""
    from babel.numbers import format_percent  # noqa: PLC0415 -- as in `number`

    pattern = "#,##0" + ("." + "0" * decimals if decimals else "") + "%"
    return str(format_percent(share, format=pattern, locale=_locale(lang)))


def number_symbols(lang: str) -> tuple[str, str]:
    """The decimal sign and the thousands separator of `lang` (for a chart's own formatting
    in the browser, which must write numbers as `number` does)."""
    from babel.numbers import get_decimal_symbol, get_group_symbol  # noqa: PLC0415

    return str(get_decimal_symbol(_locale(lang))), str(get_group_symbol(_locale(lang)))


def _locale(lang: str) -> str:
    return _NUMBER_LOCALES.get(lang, _NUMBER_LOCALES["en"])


def field_label(name: str, lang: str) -> str:
    """A field's name as a person reads it (the catalogue's `field.*`, else the name itself)."""
    key = f"field.{name}"
    return t(key, lang) if key in CATALOGUE else name


def field_messages(problems: Mapping[str, tuple[str, dict[str, Any]]], lang: str) -> dict[str, str]:
    """Each refused field's reason in `lang`, keyed by field name (for messages beside widgets)."""
    return {name: t(key, lang, **params) for name, (key, params) in problems.items()}


def describe(error: Describable, lang: str) -> str:
    """The one sentence a person reads for an error, entirely in their language.

    A refusal of fields names each field and its reason; any other error is its catalogue key
    filled with its parameters (an English message given by hand only fills a `{message}` slot,
    which the tool's own keys do not have).
    """
    if error.problems:
        reasons = field_messages(error.problems, lang)
        return "; ".join(f"{field_label(name, lang)}: {why}" for name, why in reasons.items())
    return t(error.key, lang, **{"message": str(error), **error.params})
