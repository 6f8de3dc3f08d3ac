"""The text rule's quick pass for clean texts refuses exactly what the rule refuses.

`validation._check_characters` lets a text through at once when `str.isprintable` holds for
it, or when one search for any refused character finds none; only then does it apply the
rules one by one (which name the refusal). Both quick tests are properties of each character
on its own, so checking every code point, alone and inside a clean text, in a one-line and in
a multi-line text, proves the quick pass lets nothing through that the rules refuse, and the
refusal a text gets is the one the rules give.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from typing import Annotated

import pytest
from pydantic import BaseModel

from monitor.core import validation
from monitor.core.validation import MultiLine, OneLine, parse
from monitor.errors import InvalidInput

EVERY = "".join(chr(c) for c in range(sys.maxunicode + 1))


def _rules(text: str, *, multi_line: bool) -> str | None:
    """The refusal the rules one by one give (the module's own patterns), or None."""
    if validation._SURROGATE.search(text):
        return "invalid.broken_character"
    if not multi_line and validation._LINE_BREAK.search(text):
        return "invalid.one_line"
    pattern = validation._CONTROL_IN_TEXT if multi_line else validation._CONTROL_IN_LINE
    if pattern.search(text):
        return "invalid.control_chars"
    return None


def _checked(text: str, *, multi_line: bool) -> str | None:
    """The refusal `_check_characters` (the quick pass, then the rules) gives, or None."""
    try:
        validation._check_characters(text, multi_line=multi_line)
    except Exception as err:  # a PydanticCustomError, its type the i18n key
        return str(getattr(err, "type", err))
    return None


def _refused(multi_line: bool) -> set[str]:
    """Every character the rules refuse, found by their own patterns over all code points."""
    patterns = [validation._SURROGATE]
    if multi_line:
        patterns.append(validation._CONTROL_IN_TEXT)
    else:
        patterns += [validation._LINE_BREAK, validation._CONTROL_IN_LINE]
    return {c for p in patterns for c in p.findall(EVERY)}


@pytest.mark.parametrize("multi_line", [False, True], ids=["one-line", "multi-line"])
def test_every_code_point_gets_the_rules_answer(multi_line: bool) -> None:
    refused = _refused(multi_line)
    for code in range(sys.maxunicode + 1):
        char = chr(code)
        if char.isprintable() or char not in refused:
            # the quick pass: nothing it lets through is refused by a rule
            assert char not in refused, hex(code)
            assert _checked(char, multi_line=multi_line) is None, hex(code)
            assert _checked(f"a{char}б", multi_line=multi_line) is None, hex(code)
        else:
            want = _rules(char, multi_line=multi_line)
            assert want is not None
            assert _checked(char, multi_line=multi_line) == want, hex(code)
            assert _checked(f"Текст {char} text", multi_line=multi_line) == want, hex(code)


@pytest.mark.parametrize("multi_line", [False, True], ids=["one-line", "multi-line"])
def test_the_quick_search_holds_exactly_the_refused_characters(multi_line: bool) -> None:
    quick = validation._REFUSED_IN_TEXT if multi_line else validation._REFUSED_IN_LINE
    assert set(quick.findall(EVERY)) == _refused(multi_line)


def test_what_is_refused_is_every_control_character_and_surrogate_and_the_breaks() -> None:
    controls = {c for c in EVERY if unicodedata.category(c) == "Cc"}
    surrogates = {chr(c) for c in range(0xD800, 0xE000)}
    breaks = {"\u2028", "\u2029"}
    assert _refused(multi_line=True) == (controls | surrogates) - {"\t", "\n"}
    assert _refused(multi_line=False) == controls | surrogates | breaks


class _Texts(BaseModel):
    line: Annotated[str, OneLine(50)] = ""
    text: Annotated[str, MultiLine(50)] = ""


@pytest.mark.parametrize(
    ("field", "value", "key"),
    [
        ("line", "a\tb", "invalid.one_line"),
        ("line", "a\nb", "invalid.one_line"),
        ("line", "a\rb", "invalid.one_line"),
        ("line", "a\x0bb", "invalid.one_line"),
        ("line", "a\x0cb", "invalid.one_line"),
        ("line", "a\x85b", "invalid.one_line"),
        ("line", "a\u2028b", "invalid.one_line"),
        ("line", "a\u2029b", "invalid.one_line"),
        ("line", "a\x00b", "invalid.control_chars"),
        ("line", "a\x7fb", "invalid.control_chars"),
        ("line", "a\x9fb", "invalid.control_chars"),
        ("line", "a\ud800b", "invalid.broken_character"),
        ("line", "a\udfff\tb", "invalid.broken_character"),  # the first rule it breaks
        ("line", "a\t\x00b", "invalid.one_line"),
        ("text", "a\x0bb", "invalid.control_chars"),
        ("text", "a\x0cb", "invalid.control_chars"),
        ("text", "a\x85b", "invalid.control_chars"),
        ("text", "a\x00\nb", "invalid.control_chars"),
        ("text", "a\udc80b", "invalid.broken_character"),
    ],
)
def test_a_refused_text_names_the_rule(field: str, value: str, key: str) -> None:
    with pytest.raises(InvalidInput) as err:
        parse(_Texts, {field: value})
    assert err.value.problems[field][0] == key


@pytest.mark.parametrize(
    ("field", "value", "stored"),
    [
        ("text", "a\tb\nc", "a\tb\nc"),
        ("text", "a\r\nb\rc", "a\nb\nc"),  # CRLF and CR become LF
        ("text", "a\u2028b\u2029c", "a\u2028b\u2029c"),  # a multi-line text keeps them
        ("line", "a\u00a0b\u200dc\u200fd\u00ade", "a\u00a0b\u200dc\u200fd\u00ade"),
        ("line", "\U0001f600\ue000\U000e0001", "\U0001f600\ue000\U000e0001"),
        ("line", "\u0378", "\u0378"),  # an unassigned code point is text as well
    ],
)
def test_texts_the_quick_pass_may_not_decide_are_stored_as_typed(
    field: str, value: str, stored: str
) -> None:
    assert getattr(parse(_Texts, {field: value}), field) == stored


def test_the_patterns_are_character_classes() -> None:
    """The per-character argument above holds only for patterns of one character class."""
    for name in ("_REFUSED_IN_TEXT", "_REFUSED_IN_LINE", "_SURROGATE", "_LINE_BREAK"):
        pattern: re.Pattern[str] = getattr(validation, name)
        assert pattern.pattern.startswith("[") and pattern.pattern.endswith("]")
        assert pattern.pattern.count("[") == 1
