"""The walls of monitor/ui that ruff cannot see: one place catches errors, pages stay short."""

from __future__ import annotations

import io
import tokenize
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


def test_pages_stay_short() -> None:
    pages = sorted((UI / "pages").glob("*_page.py"))
    assert len(pages) >= 9
    long = {
        p.name: n
        for p in pages
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > PAGE_LINES
    }
    assert long == {}, f"a page over {PAGE_LINES} lines: move a part into ui/components/ ({long})"
