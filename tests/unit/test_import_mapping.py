"""The column mapping: checked when made, named once for a file, ids keep their system."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from monitor.domain import import_mapping
from monitor.domain.columns import suggest_field
from monitor.domain.import_mapping import ExternalId, ImportMapping, load_profile, map_row
from monitor.errors import InvalidInput
from monitor.i18n import describe

PROFILES = Path(__file__).parent / "import_profiles"


def test_a_profile_maps_a_row_with_defaults_and_its_external_id() -> None:
    profile = load_profile("partner-sheet", PROFILES)
    assert profile.title["uk"] == "Щомісячна таблиця партнера"
    row = {
        "Номер запису": " 4f1c0b6e-1111-4222-8333-444455556666 ",
        "Назва": "Затримання волонтера",
        "Дата": "2026-10-01",
        "Область": "kherson",
        "Вимоги": "D01",
        "Posylannia": "ignored",
        "direction": "progress",  # a column the profile does not map is not read
    }
    assert map_row(profile, row) == {
        "title": "Затримання волонтера",
        "description": "",  # a column the row lacks is blank
        "event_start": "2026-10-01",
        "region_code": "kherson",
        "demands": "D01",
        "source_url": "",
        "source_type": "ngo_report",
        "reliability": "B",
        "credibility": "2",
        "direction": "regression",
        "uid": "partner:4f1c0b6e-1111-4222-8333-444455556666",
    }
    # a default fills a blank cell, never a cell that says something
    given = map_row(
        profile.with_changes(columns={"Надійність": "reliability"}), {"Надійність": "A"}
    )
    assert given["reliability"] == "A"
    assert map_row(profile, {"Номер запису": ""})["uid"] == ""  # no id: none made up


def test_required_fields_nothing_gives_are_named_once_in_both_languages() -> None:
    mapping = ImportMapping({"Назва": "title", "Дата": "event_start"})
    with pytest.raises(InvalidInput) as refused:
        mapping.check_header(["Назва", "Дата", "Інше"])
    assert list(refused.value.problems) == [
        "demands",
        "region_code",
        "source_type",
        "reliability",
        "credibility",
        "direction",
    ]
    uk, en = describe(refused.value, "uk"), describe(refused.value, "en")
    assert "Регіон ТОТ: обов'язкове, але його не дає жодна колонка" in uk
    assert "Region of the TOT: required, but no column" in en
    complete = mapping.with_changes(
        columns={"Інше": "demands"},
        defaults={
            "region_code": "kherson",
            "source_type": "media",
            "reliability": "C",
            "credibility": "3",
            "direction": "progress",
        },
    )
    complete.check_header(["Назва", "Дата", "Інше"])


@pytest.mark.parametrize(
    ("make", "key", "named"),
    [
        (lambda: ImportMapping({"a": "titel", "b": "title"}), "import.unknown_fields", "«titel»"),
        (lambda: ImportMapping({"a": "title"}, {"colour": "x"}), "import.unknown_fields", "colour"),
        (lambda: ImportMapping({"a": "title", "b": "title"}), "import.field_twice", "«title»"),
        (
            lambda: ImportMapping({"_id": "uid"}, external_id=ExternalId("kobo", "_uuid")),
            "import.id_twice",
            "_uuid",
        ),
        (
            lambda: ImportMapping({}, external_id=ExternalId("Kobo Toolbox", "_uuid")),
            "import.bad_system",
            "Kobo Toolbox",
        ),
        (lambda: load_profile("nope", PROFILES), "import.unknown_profile", "«partner-sheet»"),
        (lambda: load_profile("../etc/passwd", PROFILES), "import.unknown_profile", "passwd"),
        (lambda: import_mapping.from_json({"map": {"a": 1}}), "import.bad_profile", "map"),
        (lambda: import_mapping.from_json({"mapping": {}}), "import.bad_profile", "mapping"),
        (
            lambda: import_mapping.parse_pairs(["title"], "--map"),
            "import.bad_pair",
            "«title»",
        ),
    ],
)
def test_a_bad_mapping_is_refused_by_name_in_both_languages(
    make: object, key: str, named: str
) -> None:
    with pytest.raises(InvalidInput) as refused:
        make()  # type: ignore[operator]
    assert refused.value.problems["mapping"][0] == key
    uk, en = describe(refused.value, "uk"), describe(refused.value, "en")
    assert named in uk and named in en and uk != en


def test_columns_the_file_lacks_are_named() -> None:
    profile = load_profile("partner-sheet", PROFILES)
    with pytest.raises(InvalidInput) as refused:
        profile.check_header(["Назва", "Дата"])
    message = describe(refused.value, "en")
    assert "«Що сталося»" in message and "«Номер запису»" in message
    assert "«Назва»" not in message


def test_a_mapping_survives_its_json() -> None:
    profile = load_profile("partner-sheet", PROFILES)
    again = import_mapping.from_json(json.loads(json.dumps(profile.to_json())))
    assert again == profile


def test_command_line_pairs() -> None:
    assert import_mapping.parse_pairs(["a=b=title"], "--map") == {"a=b": "title"}
    assert import_mapping.parse_pairs(["source_url=https://x/?a=1"], "--default") == {
        "source_url": "https://x/?a=1"
    }


def test_suggested_mapping_takes_known_headers_once() -> None:
    mapping = import_mapping.suggested(["назва", "Title", "регіон", "_id", "_uuid", "id"])
    # Kobo's own columns are never taken for fields: its row number is not an entry's id
    assert mapping.columns == {"назва": "title", "регіон": "region_code", "id": "uid"}


@pytest.mark.parametrize(
    ("header", "field"),
    [
        ("Дата", "event_start"),
        ("Надійність", "reliability"),
        ("Достовірність", "credibility"),
        ("Область", "region_code"),
        ("Source reliability (A–F)", "reliability"),  # an en dash, as a spreadsheet writes it
        ("information credibility", "credibility"),
        ("код населеного пункту", "settlement_code"),
        ("_id", None),
    ],
)
def test_partners_short_headers_are_recognised(header: str, field: str | None) -> None:
    """A partner's sheet headed "Дата", "Надійність", "Достовірність" was left unmapped."""
    assert suggest_field(header) == field
