"""Every command and every setting is in the README (a user cannot use what is not written)."""

from __future__ import annotations

import re
from pathlib import Path

import click

from monitor.cli import main

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "monitor") -> list[str]:
    found = []
    for name, command in group.commands.items():
        path = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found += _commands(command, path)
        else:
            found.append(path)
    return found


def test_every_command_is_documented() -> None:
    missing = [c for c in _commands(main) if c not in README]
    assert not missing, missing


def test_every_setting_is_documented() -> None:
    source = (ROOT / "monitor" / "config.py").read_text(encoding="utf-8")
    settings = set(re.findall(r"MONITOR_[A-Z_]+", source))
    assert settings
    missing = sorted(s for s in settings if s not in README)
    assert not missing, missing
