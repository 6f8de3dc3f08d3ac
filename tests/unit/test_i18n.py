"""The catalogue is a contract: every key in both languages, every placeholder in both."""

import re

import pytest

from monitor.i18n import CATALOGUE, LANGUAGES, status_label, t


@pytest.mark.parametrize("key", sorted(CATALOGUE))
def test_every_key_has_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = CATALOGUE[key]
    assert set(entry) == set(LANGUAGES), f"{key} is missing a language"
    placeholders = {lang: set(re.findall(r"{(\w+)}", text)) for lang, text in entry.items()}
    assert placeholders["uk"] == placeholders["en"], key
    assert all(text.strip() for text in entry.values())


def test_ukrainian_text_is_ukrainian() -> None:
    assert t("nav.overview", "uk") == "Огляд"
    assert t("nav.overview", "en") == "Overview"


def test_params_are_filled_and_unknown_keys_fall_back_to_the_key() -> None:
    assert "alice" in t("sidebar.auth_off", "en", name="alice", role="admin")
    assert t("no.such.key", "en") == "no.such.key"


def test_status_labels() -> None:
    assert status_label(None, "en") == "not assessed"
    assert status_label(3, "uk") == "3 виконано"
    assert [status_label(s, "en")[0] for s in range(4)] == ["0", "1", "2", "3"]


def test_every_key_used_in_code_exists() -> None:
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    sources = [root / "app.py", *sorted((root / "monitor").rglob("*.py"))]
    used = set()
    for path in sources:
        used |= set(re.findall(r"""\bt\(\s*["']([a-z_.0-9]+)["']\s*[,)]""", path.read_text()))
    missing = sorted(used - set(CATALOGUE))
    assert not missing, f"keys used but not in the catalogue: {missing}"


@pytest.mark.parametrize(
    ("n", "uk", "en"),
    [
        (1, "Знайдено 1 запис;", "1 entry matches;"),
        (2, "Знайдено 2 записи;", "2 entries match;"),
        (4, "Знайдено 4 записи;", "4 entries match;"),
        (5, "Знайдено 5 записів;", "5 entries match;"),
        (11, "Знайдено 11 записів;", "11 entries match;"),
        (12, "Знайдено 12 записів;", "12 entries match;"),
        (21, "Знайдено 21 запис;", "21 entries match;"),
        (22, "Знайдено 22 записи;", "22 entries match;"),
        (0, "Знайдено 0 записів;", "0 entries match;"),
    ],
)
def test_counts_take_their_plural_form(n: int, uk: str, en: str) -> None:
    params = {"count": n, "total": n, "page": 1, "pages": 1}
    assert t("register.count", "uk", **params).startswith(uk)
    assert t("register.count", "en", **params).startswith(en)
    assert " | " not in t("register.count", "uk", **params)


def test_numbers_are_written_as_each_language_writes_them() -> None:
    """Ukrainian groups thousands with a no-break space and writes a decimal comma."""
    from monitor.i18n import number, percent

    assert number(1977, "en") == "1,977"
    assert number(1977, "uk") == "1\u00a0977"
    assert number(1_000_000, "uk") == "1\u00a0000\u00a0000"
    assert number(6992.5, "uk", decimals=1) == "6\u00a0992,5"
    assert number(6992.5, "en", decimals=1) == "6,992.5"
    assert number(12, "uk") == "12"
    assert percent(0.2, "uk", decimals=1) == "20,0%"
    assert percent(0.2, "en", decimals=1) == "20.0%"
    assert percent(0.4, "uk") == "40%"


@pytest.mark.parametrize(
    ("key", "params", "one_en", "few_uk", "one_uk"),
    [
        ("drafts.saved", {"code": "X"}, "with 1 point.", "з 3 пунктами.", "з 1 пунктом."),
        (
            "brief.provenance",
            {"when": "w", "user": "u", "version": 1},
            "**1** row.",
            "**3** рядки.",
            "**1** рядок.",
        ),
        (
            "inbox.report_failed",
            {"new": 0, "known": 0, "failures": "f"},
            "1 feed failed",
            "3 джерела",
            "1 джерело",
        ),
        ("pdf.ui.ready", {}, "(1 page).", "(3 сторінки).", "(1 сторінка)."),
        (
            "import.refused",
            {"row": 2, "reasons": "r"},
            "1 row is invalid",
            "рядків: 3",
            "рядків: 1",
        ),
    ],
)
def test_counts_take_the_form_their_number_needs(
    key: str, params: dict[str, object], one_en: str, few_uk: str, one_uk: str
) -> None:
    """'1 points', '784 рядків' and '1 джерел' were written whatever the number."""

    def said(n: int, lang: str) -> str:
        return t(key, lang, n=n, rows=n, count=n, **params)

    assert one_en in said(1, "en")
    assert few_uk in said(3, "uk")
    assert one_uk in said(1, "uk")


@pytest.mark.parametrize(
    ("lang", "said"),
    [("en", "at most 20,000 characters"), ("uk", "не більше 20\u00a0000 символів")],
)
def test_a_limit_is_written_as_the_language_writes_numbers(lang: str, said: str) -> None:
    """'не більше 20000 символів' was the one number on the form in another style."""
    assert t("invalid.too_long", lang, max=20_000) == said
    assert t("invalid.max", lang, max=6).endswith(" 6")
    assert "3001" in t("not_found.evidence", lang, id=3001)  # an id is not a quantity
