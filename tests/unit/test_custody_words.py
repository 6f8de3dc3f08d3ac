"""Every custody detail the services write is said in both languages; others stay as stored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from monitor.domain import custody_words
from monitor.i18n import t

WRITTEN = [  # what the services store (monitor/services: attachments, custody, captures, incidents)
    ("stored under its SHA-256", "збережено під своїм SHA-256"),
    (
        "preview: image, 1 image(s) drawn on the server",
        "перегляд: зображення, зображень намальовано на сервері: 1",
    ),
    ("preview: text", "перегляд: текст"),
    ("working copy, metadata removed", "робоча копія, метадані вилучено"),
    ("working copy, as stored", "робоча копія, як збережено"),
    (
        "original as stored, metadata kept (an admin's choice)",
        "оригінал, як збережено, з метаданими (вибір адміністратора)",
    ),
    ("capture as received", "збережена копія, як отримано"),
    ("checked again: matches", "перевірено ще раз: збігається"),
    ("refused: file missing", "відмовлено: файлу немає"),
    (
        "refused: SHA-256 differs from the record: tampering",
        "відмовлено: SHA-256 відрізняється від запису: підробка",
    ),
    (
        "left out of a backup: SHA-256 differs from the record: tampering",
        "не включено до резервної копії: SHA-256 відрізняється від запису: підробка",
    ),
    ("from a backup, checked against its manifest", "з резервної копії, звірено з її маніфестом"),
    ("file not in backup", "файлу немає в резервній копії"),
    ("custody log of the entry (CSV)", "журнал зберігання запису (CSV)"),
    ("custody log in a briefing pack", "журнал зберігання в пакеті для брифінгу"),
    ("fetched from https://example.org/r?a=1", "завантажено з https://example.org/r?a=1"),
    (
        "kept from entry #4 (attachment #9) when it was merged",
        "збережено із запису #4 (вкладення #9) під час об'єднання",
    ),
]


@pytest.mark.parametrize(("stored", "ukrainian"), WRITTEN)
def test_each_detail_is_said_in_ukrainian_and_stays_in_english(stored: str, ukrainian: str) -> None:
    assert custody_words.detail(stored, "uk") == ukrainian
    assert custody_words.detail(stored, "en") == stored  # the English catalogue is the record


def test_a_detail_it_does_not_know_is_shown_as_stored() -> None:
    assert custody_words.detail("something an older version wrote", "uk") == (
        "something an older version wrote"
    )


def test_every_detail_literal_in_the_services_is_known() -> None:
    """A new detail written without its words here would reach the Ukrainian page in English."""
    services = Path(__file__).parents[2] / "monitor" / "services"
    literals = set()
    for name in ("attachments", "custody", "captures", "incidents"):
        text = (services / f"{name}.py").read_text(encoding="utf-8")
        for pattern in (
            r'detail\s*=\s*"([^"{]+)"',  # detail="...", detail = "..."
            r'detail\s*=\s*"[^"]+" if \w+ else "([^"{]+)"',  # the other side of a choice
            r'(?:seen|sha256), "([^"{]+)"\)',  # _handled(..., seen, "...")
        ):
            literals |= set(re.findall(pattern, text))
        literals |= set(re.findall(r'_exported\(engine, actor, frame, "([^"]+)"\)', text))
    assert len(literals) >= 9, literals  # the patterns find the services' details
    unknown = [d for d in literals if custody_words.detail(d, "uk") == d]
    assert unknown == []
    assert t("custody.detail.stored", "uk") != t("custody.detail.stored", "en")
