"""The one way the UI draws text that came from a person or a feed: inert.

Inert means no Markdown, no HTML, no links (not even autolinked bare addresses) and no images,
whatever the text holds. Streamlit 1.67 renders Markdown in `st.markdown`, `st.write`,
`st.caption`, `st.title`/`st.header`/`st.subheader`, every message (`st.error`, `st.info`,
`st.success`, `st.warning`, `st.toast`), every `st.table` cell, header and index, `st.metric`
labels and values, widget labels, radio and segmented-control options, expander, tab and
popover labels, and every `help=` tooltip. It draws plain text in `st.text`, `st.code`,
`st.dataframe` cells (a canvas), selectbox and multiselect options, and input values.

So text a person or a feed gave is either drawn with `text` (`st.text`), or turned by
`escape` into Markdown source that reads exactly as the text, and only then put into a
Markdown element. The catalogue's own text is ours and may use Markdown (`**bold**`); `said`
fills it with escaped parameters, and the result is a `Markdown` value, which is not escaped
again when it is itself a parameter.

Escaping has two layers, because Streamlit's renderer has two: a backslash (CommonMark lets any
ASCII punctuation be escaped) before every character that means something anywhere in a line
(`*`, `_`, backticks, brackets, `<`, `|`, `~`, `$`, `&`, `:`, ...) and before the one that makes
a line a block at its start (`-`, `+`, `#`, `=`, `1.`, `1)`), so dates, hyphens and decimals
stay as they are; and an invisible word joiner (U+2060) after every colon and before every "@"
and the dot of "www.". The second layer is needed because GitHub-flavoured Markdown finds bare
addresses (`https://...`, `www....`, `name@host`) and Streamlit's `:shortcode:` emoji and icons
in the text *after* backslash escapes are undone, so backslashes alone would still make links.
Control characters (which some browsers and terminals act on) become U+FFFD, visibly.

`tests/ui/test_walls.py` fails when a page or component gives a Markdown element anything
but a literal, the catalogue's text with safe parameters, or a value made here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from enum import Enum
from typing import Literal
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from monitor.i18n import CATALOGUE, Describable, describe, t

Kind = Literal["success", "info", "warning", "error"]
WORD_JOINER = "\u2060"
REPLACEMENT = "\ufffd"

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# ASCII punctuation that starts or closes a Markdown, HTML or Streamlit construct anywhere in a
# line: emphasis, code, links and images, HTML and autolinks, tables, strikethrough, math,
# entities, :shortcodes: and :colour[directives]
_ANYWHERE = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>|~$&:@^"})
# what starts a block only at the start of a line: a list, a heading, a quote, a rule
_LINE_START = re.compile(r"^(\s*)([-+=#>!]|\d+[.)])", re.MULTILINE)
# GitHub-flavoured Markdown links bare addresses found in the text after escapes are undone
_WWW = re.compile(r"(www)(\.)", re.IGNORECASE)


class Markdown(str):
    """Markdown source that is safe to render: the catalogue's text, escaped parameters."""

    __slots__ = ()


def clean(text: object) -> str:
    """The text with line ends made one kind and control characters shown as U+FFFD."""
    value = "" if text is None else str(text)
    value = value.replace("\r\n", "\n").replace("\r", "\n").replace("\t", " ")
    return _CONTROL.sub(REPLACEMENT, value)


def _inline(piece: str) -> str:
    """The two layers of escaping (see the module docstring) for a piece of text."""
    joined = piece.replace(":", ":" + WORD_JOINER).replace("@", WORD_JOINER + "@")
    if "." in joined:
        joined = _WWW.sub(r"\1" + WORD_JOINER + r"\2", joined)
    escaped = joined.translate(_ANYWHERE)
    return _LINE_START.sub(lambda m: f"{m.group(1)}{_escape_last(m.group(2))}", escaped)


def _escape_last(marker: str) -> str:
    """`1.` -> `1\\.`, `-` -> `\\-`: the punctuation that makes a line a block, escaped."""
    return f"{marker[:-1]}\\{marker[-1]}"


def _breaks(value: str) -> str:
    """A backslash at the end of a line is a hard line break: lines stay lines, and an empty
    line never starts a new block (a list, a quote, indented code)."""
    return value.replace("\n", "\\\n")


def escape(text: object) -> Markdown:
    """Markdown source that reads exactly as `text` (line breaks kept) and does nothing else.

    Leading and trailing blanks go: four leading spaces would make a code block.
    """
    return Markdown(_breaks(_inline(clean(text).strip())))


def highlighted(pieces: Iterable[tuple[str, bool]]) -> Markdown:
    """Someone's text in pieces, the matched ones in bold (a suggestion's matched words)."""
    parts = [(_breaks(_inline(clean(p))), matched) for p, matched in pieces]
    return Markdown(
        "".join(f"**{p}**" if matched and p.strip() else p for p, matched in parts).strip()
    )


def line(text: object) -> Markdown:
    """`escape` for one line (a heading, a label, a table cell): line breaks become spaces."""
    return escape(" ".join(clean(text).split("\n")))


def said(key: str, lang: str, /, **params: object) -> Markdown:
    """The catalogue's text of `key` in `lang`, every parameter a person or a feed could have
    given escaped first (numbers and enumerations are the catalogue's words already)."""
    return Markdown(t(key, lang, **{name: _param(value, lang) for name, value in params.items()}))


def described(error: Describable, lang: str) -> Markdown:
    """An error's sentence (`monitor.i18n.describe`), its parameters escaped."""
    return Markdown(describe(_Escaped(error, lang), lang))


def _param(value: object, lang: str) -> object:
    """One parameter as `t` should see it: Markdown and numbers as they are, words escaped."""
    if isinstance(value, Markdown | Enum | bool | int | float):
        return value
    if isinstance(value, tuple | list) and value and all(isinstance(v, Enum) for v in value):
        return value
    if isinstance(value, Describable):
        return described(value, lang)
    return line(value)


class _Escaped:
    """An error seen through escaping glasses: the same key, every parameter escaped.

    `describe` reads `key`, `params`, `problems` and `str(error)`; giving it this view keeps
    the one rule of what an error says in `monitor.i18n`.
    """

    def __init__(self, error: Describable, lang: str) -> None:
        self._message = line(str(error))
        self.key = error.key
        self.params: dict[str, object] = {k: _param(v, lang) for k, v in error.params.items()}
        self.problems: Mapping[str, tuple[str, dict[str, object]]] = {
            _field(name): (key, {k: _param(v, lang) for k, v in params.items()})
            for name, (key, params) in error.problems.items()
        }

    def __str__(self) -> str:
        return self._message


def _field(name: str) -> str:
    """A refused field's name: ours when the catalogue knows it (it is labelled from there),
    else escaped (an imported sheet's column is named by whoever made the sheet)."""
    return name if f"field.{name}" in CATALOGUE else line(name)


def http_only(url: object) -> str | None:
    """`url` when it is an http(s) address with a host, else None: the only links we draw."""
    value = clean(url).strip()
    parts = urlsplit(value)
    ok = parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
    return value if ok and not any(c.isspace() for c in value) else None


# -- the shapes the pages draw ----------------------------------------------------------------


def text(value: object) -> None:
    """A paragraph of someone's text, as it is (`st.text` renders no Markdown or HTML)."""
    st.text(clean(value))


def heading(key: str, lang: str, /, **params: object) -> None:
    """A section heading from the catalogue, its parameters escaped."""
    st.subheader(said(key, lang, **params))


def caption(value: object) -> None:
    """Someone's text in the small grey type of a caption."""
    st.caption(escape(value))


def labelled(key: str, lang: str, value: object) -> None:
    """ "**Label:** value": the label from the catalogue, the value someone gave, inert."""
    st.markdown(f"**{t(key, lang)}:** {escape(value) if value not in (None, '') else '—'}")


def message(kind: Kind, body: Markdown) -> None:
    """A message box of `kind`; its body is Markdown made here (`said`, `described`)."""
    {"success": st.success, "info": st.info, "warning": st.warning, "error": st.error}[kind](body)


def link(url: object) -> None:
    """A source's address: a link showing the full address when it is http(s), else text."""
    target = http_only(url)
    if target is None:
        text(url)
    else:
        st.link_button(line(target), target, type="tertiary")


def table(frame: pd.DataFrame) -> None:
    """`st.table` (whose cells, headers and index are Markdown) with every text escaped; an
    index that only counts the rows (0, 1, 2 ...) is not drawn: it says nothing."""
    shown = frame.map(lambda v: line(v) if isinstance(v, str) else v)
    shown.columns = [line(c) for c in shown.columns]
    counting = isinstance(frame.index, pd.RangeIndex) and frame.index.name is None
    shown.index = pd.Index([line(i) if isinstance(i, str) else i for i in shown.index])
    if frame.index.name:
        shown.index.name = line(frame.index.name)
    st.table(shown, hide_index=counting)


def blanked(frame: pd.DataFrame) -> pd.DataFrame:
    """A table to draw with nothing shown as an empty cell, never as None or NaN (and a count
    beside an empty cell kept whole, not 12.0): the register, the audit log, a preview."""
    shown = frame.astype(object)
    for name in shown.columns:
        missing = shown[name].isna()
        if missing.any() and not all(isinstance(v, str) for v in shown[name][~missing]):
            # numbers beside empty cells: one column of text, as Streamlit would make it after
            # failing to send the mix as a column of numbers (and logging a traceback each time)
            shown[name] = [
                "" if gone else _cell(v) for v, gone in zip(shown[name], missing, strict=True)
            ]
    return shown.where(shown.notna(), "")


def _cell(value: object) -> str:
    """A value as the text of a cell: a whole float without its '.0' (a count read as float)."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
