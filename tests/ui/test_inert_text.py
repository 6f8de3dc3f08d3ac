"""Text from a person or a feed, escaped for Markdown, and put in charts as it is: hostile
strings come back as the same characters and nothing else.

The checks undo the escaping by CommonMark's own rule (a backslash before ASCII punctuation is
that character; a backslash at a line end is a line break), independently of the escaping code,
and look for the bare-address patterns Streamlit's renderer (remark-gfm, copied from its
bundle) turns into links after escapes are undone.
"""

from __future__ import annotations

import json
import re
import string
from collections.abc import Iterator
from datetime import date

import pandas as pd
import pytest

from monitor.domain import vega_charts
from monitor.errors import InvalidInput, NotFound
from monitor.ui import inert
from tests import vega_cells

HOSTILE = [
    "![pixel](http://127.0.0.1:9/p.png)",
    "[click](javascript:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<a href='http://evil.example'>x</a>",
    "see https://evil.example/a?b=c and www.evil.example and mail me@evil.example",
    "<http://evil.example>",
    "**bold** _em_ ~~strike~~ `code` $x^2$ :red[red] :material/home: :smile:",
    "# heading\n> quote\n- item\n1. one\n1) two\n---\n| a | b |\n|---|---|",
    "    indented code",
    "&lt;b&gt; &#x3C;img&#x3E; &amp;",
    "Київ — затримання «вчителів» 12.03",
    "\u202eRTL override\u202c and \u200fmark",
    "x" * 5000,
    "line one\r\nline two\rline three\n\n\nafter blanks",
    "nul\x00bell\x07esc\x1b[31m",
    "back\\slash \\*not bold\\* [^1]",
]
# remark-gfm's literal autolinks (mdast-util-gfm-autolink-literal), as Streamlit 1.67 ships it
URL = re.compile(r"(https?://|www(?=\.))([-.\w]+)([^ \t\r\n]*)", re.IGNORECASE)
EMAIL = re.compile(r"([-.\w+]+)@([-\w]+(?:\.[-\w]+)+)")
SHORTCODE = re.compile(r":[\w/+-]+:")
PUNCTUATION = re.escape(string.punctuation)


def commonmark_text(source: str) -> str:
    """What CommonMark reads from `source` when it holds only escapes and text."""
    lines = source.replace("\\\n", "\n")
    return re.sub(rf"\\([{PUNCTUATION}])", r"\1", lines)


def unescaped_specials(source: str) -> list[str]:
    """Markdown punctuation in `source` that no backslash escapes: anywhere, the characters
    that mean something inside a line; at a line's start, those that start a block."""
    lines = source.split("\\\n")
    bare = [re.sub(rf"\\[{PUNCTUATION}]", "", line) for line in lines]
    inline = [c for line in bare for c in re.findall(r"[\\`*_{}\[\]<>|~$&:@^]", line)]
    starts = [m.group(0) for line in lines if (m := re.match(r"\s*([-+=#>]|\d+[.)])", line))]
    return inline + starts


@pytest.mark.parametrize("hostile", HOSTILE)
def test_escaped_text_reads_the_same_and_does_nothing(hostile: str) -> None:
    source = inert.escape(hostile)
    assert unescaped_specials(source) == []
    read = commonmark_text(source)
    assert read.replace(inert.WORD_JOINER, "") == inert.clean(hostile).strip()
    assert not URL.search(read) and not EMAIL.search(read) and not SHORTCODE.search(read)
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", read)


def test_control_characters_are_shown_not_obeyed() -> None:
    assert inert.clean("a\x00b\x1bc\x7f") == "a\ufffdb\ufffdc\ufffd"
    assert inert.clean("a\r\nb\rc\td") == "a\nb\nc d"


def test_one_line_and_highlights() -> None:
    assert "\n" not in inert.line("a\nb")
    text = "Demining of **towns** https://x.example"
    pieces = (("Demining", True), (" of **towns** https://x.example", False))
    shown = inert.highlighted(pieces)
    assert shown.startswith("**Demining** of \\*\\*towns")
    assert commonmark_text(shown.replace("**Demining**", "Demining")).replace(
        inert.WORD_JOINER, ""
    ) == (text)
    assert not URL.search(commonmark_text(shown))


def test_catalogue_words_stay_markdown_parameters_are_escaped() -> None:
    said = inert.said("brief.provenance", "en", when="now", user="**x**", version=3, rows="1,234")
    assert said.startswith("Made **now** by **\\*\\*x\\*\\***")
    assert "**1,234**" in said and "**3**" in said
    nested = inert.said(
        "inbox.fetched", "en", report=inert.said("entry.heading", "en", id=1, title="[a](b)")
    )
    assert "\\[a\\](b)" in nested and "\\\\" not in nested  # escaped once, not twice


def test_an_error_says_the_same_sentence_with_escaped_parameters() -> None:
    err = NotFound(key="not_found.draft", code="![x](http://127.0.0.1/p)")
    plain = inert.described(err, "uk")
    assert "\\!\\[x\\]" in plain and URL.search(commonmark_text(plain)) is None
    refused = InvalidInput({"<b>col</b>": ("invalid.reason_needed", {})})
    assert "\\<b\\>col\\</b\\>" in inert.described(refused, "en")


def test_only_http_links() -> None:
    assert inert.http_only("https://example.org/a?b=1") == "https://example.org/a?b=1"
    for bad in ("javascript:alert(1)", "data:text/html,x", "//evil.example", "http://", "ftp://x"):
        assert inert.http_only(bad) is None
    assert inert.http_only("https://ex.org/a b") is None


def test_tables_escape_cells_headers_and_index() -> None:
    frame = pd.DataFrame({"<b>h</b>": ["![i](http://x.example/p)"], "n": [5]}, index=["**r**"])
    # what inert.table hands to st.table, built the way it builds it
    shown = frame.map(lambda v: inert.line(v) if isinstance(v, str) else v)
    assert shown.iloc[0, 0].startswith("\\!\\[i\\]") and shown.iloc[0, 1] == 5


EXPRESSIONS = {"calculate", "labelExpr", "test", "expr", "filter"}  # what Vega evaluates


def _strings(node: object, key: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a Vega-Lite spec, with the key it sits under."""
    if isinstance(node, str):
        yield key, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, str(k))
    elif isinstance(node, list):
        for v in node:
            yield from _strings(v, key)


@pytest.mark.parametrize("evil", HOSTILE)
def test_overview_charts_show_titles_and_points_as_text(evil: str) -> None:
    """Vega draws labels and tooltips as text: a title, a region, a draft and its points are
    in the spec as typed (no entities, which Vega would show), never in an expression."""
    matrix = pd.DataFrame(
        {
            "draft": ["D1"],
            "title": [evil],
            "confidence": [evil],
            "demand": ["D01"],
            "level": ["partial"],
            "points": [evil],
            "uncertain": [False],
        }
    )
    titles = {"D01": evil}
    month = pd.DataFrame({"demand": ["D01"], "month": ["2026-01"], "direction": ["progress"]})
    specs = [
        vega_charts.gap_matrix(matrix, titles, "en", drafts={"D1": evil}, select=False),
        vega_charts.status_heatmap(pd.DataFrame({"2026-01": [1.0]}, index=["D01"]), titles, "en"),
        vega_charts.evidence_by_region(pd.DataFrame({"region": [evil], "n": [3]}), "en"),
        vega_charts.evidence_by_month(month.assign(n=[1]), "uk", titles),
        vega_charts.draft_strip(
            pd.DataFrame(
                {
                    "demand": ["D01"],
                    "draft": ["D1"],
                    "title": [evil],
                    "published_on": [date(2025, 11, 1)],
                    "confidence": ["high"],
                    "level": ["partial"],
                    "uncertain": [True],
                    "points": [evil],
                    "cited": [evil],
                    "change": [None],
                }
            ),
            titles,
            "uk",
        ),
    ]
    for spec in specs:
        # the cells as sent (a heat map's are a frame of numbers, Arrow in the browser)
        sent = {**spec, "data": {"values": vega_cells.rows(spec["data"]["values"])}}
        strings = list(_strings(sent))
        assert any(evil in text for _, text in strings), spec["title"]
        assert not any(evil in text for key, text in strings if key in EXPRESSIONS)
        json.dumps(sent)  # plain JSON: nothing but text and numbers goes to the browser
