"""What a public deployment relies on stays set: XSRF on, upload limits equal to the services'."""

from __future__ import annotations

import ast
import tomllib
from pathlib import Path

import pytest

from monitor.config import PROJECT_ROOT
from monitor.core import limits
from monitor.errors import InvalidInput
from monitor.i18n import describe
from monitor.services import importer

CONFIG = tomllib.loads((PROJECT_ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
UI = PROJECT_ROOT / "monitor" / "ui"


def test_xsrf_protection_is_on() -> None:
    assert CONFIG["server"]["enableXsrfProtection"] is True


def test_the_server_accepts_no_larger_upload_than_a_service() -> None:
    largest = max(limits.ATTACHMENT_MB, limits.DRAFT_FILE_MB, limits.IMPORT_FILE_MB)
    assert CONFIG["server"]["maxUploadSize"] == largest


def _uploaders(path: Path) -> list[ast.Call]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    return [
        node
        for node in ast.walk(tree)
        if isinstance(node, ast.Call)
        and isinstance(node.func, ast.Attribute)
        and node.func.attr == "file_uploader"
    ]


def test_every_uploader_announces_the_limit_its_service_enforces() -> None:
    calls = {path: _uploaders(path) for path in UI.rglob("*.py")}
    found = [(path, call) for path, found in calls.items() for call in found]
    assert len(found) >= 4  # log, entry panel, drafts, import
    for path, call in found:
        sizes = [k.value for k in call.keywords if k.arg == "max_upload_size"]
        assert sizes, f"{path.name}:{call.lineno} announces Streamlit's default, not its limit"
        assert isinstance(sizes[0], ast.Attribute) and isinstance(sizes[0].value, ast.Name)
        assert sizes[0].value.id == "limits", f"{path.name}:{call.lineno}"


def test_an_import_larger_than_announced_is_refused_in_both_languages() -> None:
    too_big = b"a" * (limits.IMPORT_FILE_MB * 2**20 + 1)
    with pytest.raises(InvalidInput) as refused:
        importer.read_table("huge.csv", too_big)
    assert set(refused.value.problems) == {"file"}
    assert str(limits.IMPORT_FILE_MB) in describe(refused.value, "uk")
    assert describe(refused.value, "uk") != describe(refused.value, "en")
