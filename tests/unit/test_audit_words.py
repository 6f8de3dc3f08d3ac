"""Every action and record kind a service writes to the audit log has words in both languages,
so the Admin page's log and its filters never show a Ukrainian reader a bare code.

The codes are read off the source: the action and entity arguments of every `audit.record`
call, following a name to what it is given (a parameter to the calls of its function, a local
to what is assigned to it) and an f-string to every value of the enum it spells.
"""

from __future__ import annotations

import ast
import functools
from collections.abc import Iterator
from pathlib import Path

from monitor.core.models import Verification
from monitor.i18n import CATALOGUE

ROOT = Path(__file__).resolve().parents[2] / "monitor"
ACTION, ENTITY = 2, 3  # positions in audit.record(session, actor, action, entity, ...)
SPELLED = {"step.value": [v.value for v in Verification if v is not Verification.UNVERIFIED]}


def _is_record(node: ast.AST) -> bool:
    return (
        isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "record"
        and isinstance(node.func.value, ast.Name)
        and node.func.value.id == "audit"
    )


def _values(node: ast.expr, function: ast.FunctionDef | None, tree: ast.Module) -> Iterator[str]:
    """The strings an argument can be: constants, both sides of an if, an enum spelled out."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        yield node.value
    elif isinstance(node, ast.IfExp):
        yield from _values(node.body, function, tree)
        yield from _values(node.orelse, function, tree)
    elif isinstance(node, ast.JoinedStr):
        head = "".join(p.value for p in node.values if isinstance(p, ast.Constant))
        (hole,) = [ast.unparse(p.value) for p in node.values if isinstance(p, ast.FormattedValue)]
        yield from (head + value for value in SPELLED[hole])
    elif isinstance(node, ast.Name) and function is not None:
        yield from _what_a_name_holds(node.id, function, tree)
    else:
        raise AssertionError(f"cannot tell what {ast.unparse(node)} holds: add it to this test")


def _what_a_name_holds(name: str, function: ast.FunctionDef, tree: ast.Module) -> Iterator[str]:
    assigned = [
        n.value
        for n in ast.walk(function)
        if isinstance(n, ast.Assign) and any(getattr(t, "id", None) == name for t in n.targets)
    ]
    for value in assigned:
        yield from _values(value, function, tree)
    if assigned:
        return
    position = [a.arg for a in function.args.args].index(name)
    calls = [
        n
        for n in ast.walk(tree)
        if isinstance(n, ast.Call) and getattr(n.func, "id", None) == function.name
    ]
    assert calls, f"{function.name} is never called: {name} holds nothing known"
    for call in calls:
        yield from _values(call.args[position], None, tree)


@functools.cache
def _written(position: int) -> set[str]:
    codes: set[str] = set()
    for path in sorted(ROOT.rglob("*.py")):
        tree = ast.parse(path.read_text())
        for function in (n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef)):
            for call in (n for n in ast.walk(function) if _is_record(n)):
                assert isinstance(call, ast.Call)
                codes |= set(_values(call.args[position], function, tree))
    return codes


def test_every_action_written_has_words_in_both_languages() -> None:
    actions = _written(ACTION)
    assert {"create", "sign-in", "verify:verified", "withdraw", "link", "unlink"} <= actions
    missing = sorted(a for a in actions if f"audit.action.{a}" not in CATALOGUE)
    assert not missing, f"audit actions with no words: {missing}"
    for action in actions:
        words = CATALOGUE[f"audit.action.{action}"]
        assert words["en"] != words["uk"] and all(words.values()), action


def test_every_record_kind_written_has_words_in_both_languages() -> None:
    kinds = _written(ENTITY)
    assert {"evidence", "capture", "organisation", "publication"} <= kinds
    missing = sorted(k for k in kinds if f"audit.entity.{k}" not in CATALOGUE)
    assert not missing, f"audit record kinds with no words: {missing}"


def test_the_catalogue_names_no_code_nothing_writes() -> None:
    """A filter offering an action or a kind that is never written would always find nothing."""
    for prefix, position in (("audit.action.", ACTION), ("audit.entity.", ENTITY)):
        named = {k.removeprefix(prefix) for k in CATALOGUE if k.startswith(prefix)}
        assert named == _written(position), prefix
