"""The walls of monitor/ui that ruff cannot see: one place catches errors, pages stay short,
text a person or a feed gave never reaches a Markdown element unescaped, and every callback is
guarded."""

from __future__ import annotations

import ast
import io
import re
import textwrap
import tokenize
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "monitor" / "ui"
PAGE_LINES = 100


def _keywords(path: Path, word: str) -> list[int]:
    """Lines where `word` is code (a keyword), not a word in a docstring or a comment."""
    tokens = tokenize.generate_tokens(io.StringIO(path.read_text(encoding="utf-8")).readline)
    return [tok.start[0] for tok in tokens if tok.type == tokenize.NAME and tok.string == word]


def test_only_the_action_runner_catches_errors() -> None:
    files = [*UI.rglob("*.py"), ROOT / "app.py"]
    found = {
        str(path.relative_to(ROOT)): lines
        for path in files
        if path != UI / "actions.py" and (lines := _keywords(path, "except"))
    }
    assert found == {}, f"catch errors in monitor/ui/actions.py only: {found}"
    assert _keywords(UI / "actions.py", "except")  # the check above looks at the right files


def _widget_calls(widget: str) -> Iterator[tuple[str, ast.Call]]:
    """Every call of `<something>.<widget>(...)` in the UI, with its file."""
    for path in sorted(UI.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == widget
            ):
                yield str(path.relative_to(ROOT)), node


def test_no_text_area_tells_the_browser_a_limit() -> None:
    """A browser refuses a paste longer than a box's `max_chars` without a word: the box stays
    empty and what was pasted (a testimony, a rationale) is lost. A multi-line box leaves the
    limit to the save, which names it and keeps the text."""
    found = [
        (path, call.lineno)
        for path, call in _widget_calls("text_area")
        if any(k.arg == "max_chars" for k in call.keywords)
    ]
    assert found == [], f"a text_area with max_chars: {found}"


def test_every_date_box_reads_dates_as_the_files_write_them() -> None:
    """The same ISO form (2025-11-20) in every date box, as the register, the briefs and the
    files write dates: the Admin page's filter and two forms showed yyyy/mm/dd beside boxes
    that showed yyyy-mm-dd."""
    iso = "YYYY-MM-DD"
    calls = list(_widget_calls("date_input"))
    found = [
        (path, call.lineno)
        for path, call in calls
        if not any(
            k.arg == "format" and isinstance(k.value, ast.Constant) and k.value.value == iso
            for k in call.keywords
        )
    ]
    assert len(calls) >= 6 and found == [], f"a date_input without format={iso!r}: {found}"


def test_pages_stay_short() -> None:
    pages = sorted((UI / "pages").glob("*_page.py"))
    assert len(pages) >= 9
    long = {
        p.name: n
        for p in pages
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > PAGE_LINES
    }
    assert long == {}, f"a page over {PAGE_LINES} lines: move a part into ui/components/ ({long})"


# -- text shown inert -------------------------------------------------------------------------
# Streamlit 1.67 renders Markdown in these (see monitor/ui/inert.py): the first argument of a
# text element or message, a container's label, and the label of every widget.
TEXT_SINKS = {
    "markdown", "write", "caption", "title", "header", "subheader", "error", "warning",
    "info", "success", "toast", "expander", "popover", "tabs",
}  # fmt: skip
WIDGETS = {
    "button", "download_button", "link_button", "page_link", "form_submit_button", "checkbox",
    "toggle", "radio", "selectbox", "multiselect", "select_slider", "slider", "text_input",
    "text_area", "number_input", "date_input", "time_input", "file_uploader", "color_picker",
    "segmented_control", "pills", "camera_input", "chat_input",
}  # fmt: skip
MARKDOWN_OPTIONS = {"radio", "segmented_control", "pills", "select_slider"}  # format_func too
ONLY_THROUGH_INERT = {"table"}  # every cell, header and index is Markdown: use inert.table
# calls whose result is the catalogue's words (their key and language are not shown)
CATALOGUE = {"t", "enum_label", "status_label", "field_label"}
NUMBERS = {"len", "int", "float", "round", "number", "percent"}  # i18n.number: a number only
# calls that return Markdown made safe by monitor.ui.inert
INERT = {"said", "escape", "line", "described", "highlighted", "words"}
NUMERIC_FORMAT = re.compile(r"[,_]|[dfFeEgGn%]$")


def _name(func: ast.expr) -> str:
    """The called name: `st.markdown` -> markdown, `t` -> t."""
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else ""


def _numeric_spec(value: ast.FormattedValue) -> bool:
    """`f"{n:,}"`, `f"{x:.0f}"`: a format only a number accepts (a text would raise)."""
    spec = value.format_spec
    if not isinstance(spec, ast.JoinedStr) or len(spec.values) != 1:
        return False
    part = spec.values[0]
    return isinstance(part, ast.Constant) and bool(NUMERIC_FORMAT.search(str(part.value)))


class Safety:
    """Whether an expression of one module can only be our own words, numbers, or Markdown made
    by monitor.ui.inert. A name is safe when every assignment to it in the module is."""

    def __init__(self, tree: ast.AST) -> None:
        self.assigned: dict[str, list[ast.expr]] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign):
                pairs = [(target, node.value) for target in node.targets]
            elif isinstance(node, ast.AnnAssign) and node.value is not None:
                pairs = [(node.target, node.value)]
            else:
                continue
            for target, value in pairs:
                if isinstance(target, ast.Name):
                    self.assigned.setdefault(target.id, []).append(value)
        self.visiting: set[str] = set()

    def name(self, name: str) -> bool:
        """`lang` and UPPER_CASE constants are ours; any other name by its assignments."""
        if name == "lang" or name.isupper():
            return True
        if name in self.visiting or name not in self.assigned:
            return False
        self.visiting.add(name)
        try:
            return all(self.safe(v) for v in self.assigned[name])
        finally:
            self.visiting.discard(name)

    def safe(self, node: ast.expr) -> bool:  # noqa: C901 -- one case per kind of expression
        if isinstance(node, ast.Constant):
            return True
        if isinstance(node, ast.Name):
            return self.name(node.id)
        if isinstance(node, ast.Attribute):
            return node.attr.isupper()  # accounts.SETUP_CODE_HOURS
        if isinstance(node, ast.JoinedStr):
            return all(self.safe(v) for v in node.values)
        if isinstance(node, ast.FormattedValue):
            return _numeric_spec(node) or self.safe(node.value)
        if isinstance(node, ast.BinOp):
            return self.safe(node.left) and self.safe(node.right)
        if isinstance(node, ast.IfExp):
            return self.safe(node.body) and self.safe(node.orelse)
        if isinstance(node, ast.List | ast.Tuple):
            return all(self.safe(e) for e in node.elts)
        if isinstance(node, ast.ListComp | ast.GeneratorExp):
            return self.safe(node.elt)
        if isinstance(node, ast.Lambda):
            return self.safe(node.body)
        if isinstance(node, ast.Call):
            return self.call(node)
        return False

    def call(self, node: ast.Call) -> bool:
        name = _name(node.func)
        if name in INERT or name in NUMBERS:
            return True
        if name == "join" and isinstance(node.func, ast.Attribute):  # " ".join(safe pieces)
            return self.safe(node.func.value) and all(self.safe(a) for a in node.args)
        if name in CATALOGUE:  # the key and language are not shown; the parameters are
            starred = any(isinstance(a, ast.Starred) for a in node.args)
            return not starred and all(
                k.arg is not None and self.safe(k.value) for k in node.keywords
            )
        return False


def _shown(call: ast.Call, name: str) -> Iterator[ast.expr]:
    """The arguments of a Streamlit call that Streamlit renders as Markdown."""
    keywords = {k.arg: k.value for k in call.keywords}
    if name in TEXT_SINKS or name in WIDGETS:
        if call.args:
            yield call.args[0]
        for field in ("body", "label"):
            if field in keywords:
                yield keywords[field]
    if name == "metric":
        yield from call.args[:3]
        yield from (keywords[f] for f in ("label", "value", "delta") if f in keywords)
    if name in MARKDOWN_OPTIONS and "format_func" in keywords:
        yield keywords["format_func"]
    if "help" in keywords:
        yield keywords["help"]


def unescaped(source: str) -> list[str]:
    """Every place in `source` where text that may be someone's reaches a Markdown element,
    an `st.table`, or an `inert.message` body, unescaped."""
    tree = ast.parse(source)
    safety = Safety(tree)
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        via_inert = isinstance(receiver, ast.Name) and receiver.id == "inert"
        if name in ONLY_THROUGH_INERT and not via_inert:
            found.append(f"line {node.lineno}: .{name}() (use inert.{name})")
            continue
        if via_inert and name == "message" and len(node.args) > 1:
            shown: list[ast.expr] = [node.args[1]]
        elif via_inert:
            continue
        else:
            shown = list(_shown(node, name))
        found += [
            f"line {node.lineno}: .{name}({ast.unparse(arg)[:70]})"
            for arg in shown
            if not safety.safe(arg)
        ]
    return found


def _ui_files() -> list[Path]:
    """Every UI module but inert.py itself (where escaping is done and tested)."""
    return [p for p in sorted(UI.rglob("*.py")) if p.name != "inert.py"]


def test_no_text_reaches_markdown_unescaped() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in _ui_files()
        if (lines := unescaped(path.read_text(encoding="utf-8")))
    }
    assert found == {}, (
        "text a person or a feed gave must go through monitor.ui.inert "
        f"(said, escape, line, text, table, labelled): {found}"
    )


PLANTED = textwrap.dedent(
    """
    st.subheader(t("entry.heading", lang, id=evidence_id, title=detail["title"]))
    st.markdown(f"**{row.title}**")
    st.caption(item.summary)
    st.warning(t("entry.withdrawn_notice", lang, reason=reason))
    st.table(frame)
    with st.expander(f"{code} · {titles[code]}"):
        pass
    st.tabs([title for title in drafts])
    st.selectbox(column, options)
    st.radio(t("x", lang), options, format_func=drafts.__getitem__)
    st.metric(name, 3)
    inert.message("error", describe(err, lang))
    st.button(t("x", lang), help=note)
    st.write(t("import.summary", lang, rows=len(checks), **counts))
    shown = row.title if row.title else "—"; st.markdown(shown)
    """
)
CLEAN = textwrap.dedent(
    """
    inert.heading("entry.heading", lang, id=evidence_id, title=detail["title"])
    st.markdown(f"**{inert.line(row.title)}**")
    st.caption(t("register.count", lang, total=f"{total:,}"))
    st.caption(inert.said("register.count", lang, total=total, page=page))
    inert.table(frame)
    st.text(detail["description"])
    with st.expander(f"{inert.line(code)} · {t(f'drafts.change.{c}', lang)}"):
        pass
    st.tabs([t(k, lang) for k in tabs])
    st.metric(t("brief.rows", lang), f"{total:,}")
    st.radio(t("x", lang), options, format_func=lambda v: enum_label("coverage", v, lang))
    inert.message("error", inert.described(err, lang))
    st.write(f"**{t('drafts.level', lang)}:** {enum_label('coverage', level, lang)}")
    label = inert.line(title) if title else "—"; st.markdown(f"**{label}**")
    st.info(t("first_run.explain", lang, hours=accounts.SETUP_CODE_HOURS))
    """
)


def test_the_check_finds_every_planted_violation() -> None:
    found = unescaped(PLANTED)
    assert len(found) == len(PLANTED.strip().splitlines()) - 1, found  # `pass` is no call
    assert unescaped(CLEAN) == []


# -- every callback guarded ----------------------------------------------------------------------


def unguarded_callbacks(source: str) -> list[str]:
    """Functions given as on_click/on_change that are not wrapped by `actions.callback`.

    Streamlit runs callbacks before the page, outside `actions.page`; an error there would
    reach the browser as Streamlit's own error box.
    """
    tree = ast.parse(source)
    guarded = {
        fn.name
        for fn in ast.walk(tree)
        if isinstance(fn, ast.FunctionDef)
        and any(isinstance(d, ast.Call) and _name(d.func) == "callback" for d in fn.decorator_list)
    }
    found = []
    for node in ast.walk(tree):
        for kw in node.keywords if isinstance(node, ast.Call) else ():
            if kw.arg not in ("on_click", "on_change", "on_submit"):
                continue
            value = kw.value
            if isinstance(value, ast.Constant):
                continue  # "ignore", "rerun": no code of ours runs
            if not (isinstance(value, ast.Name) and value.id in guarded):
                found.append(f"line {node.lineno}: {kw.arg}={ast.unparse(value)}")
    return found


def test_every_callback_is_guarded() -> None:
    found = {
        str(path.relative_to(ROOT)): lines
        for path in _ui_files()
        if (lines := unguarded_callbacks(path.read_text(encoding="utf-8")))
    }
    assert found == {}, f"decorate each widget callback with @actions.callback(SLOT): {found}"
    planted = "def save():\n    pass\nst.button('x', on_click=save)\nst.toggle('y', on_change=f)\n"
    assert len(unguarded_callbacks(planted)) == 2
