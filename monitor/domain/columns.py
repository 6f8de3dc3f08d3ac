"""The evidence columns shared by the briefing export and the import, in a stable order.

An exported register can be edited in a spreadsheet and imported back: the import accepts the
headers in either language, or the plain field names.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    field: str
    en: str
    uk: str
    importable: bool = True

    def header(self, lang: str) -> str:
        return self.uk if lang == "uk" else self.en


EVIDENCE_COLUMNS: tuple[Column, ...] = (
    Column("uid", "id", "ідентифікатор"),
    Column("version", "version", "версія"),
    Column("demands", "demands", "вимоги"),
    Column("title", "title", "назва"),
    Column("description", "description", "опис"),
    Column("event_start", "event start", "початок подій"),
    Column("event_end", "event end", "кінець подій"),
    Column("region_code", "region", "регіон"),
    Column("settlement_code", "settlement code (KATOTTG)", "код населеного пункту (КАТОТТГ)"),
    Column("settlement_name", "settlement", "населений пункт"),
    Column("source_type", "source type", "тип джерела"),
    Column("source_url", "source URL", "URL джерела"),
    Column("source_title", "source title", "назва джерела"),
    Column("reliability", "source reliability (A-F)", "надійність джерела (A-F)"),
    Column("credibility", "information credibility (1-6)", "достовірність інформації (1-6)"),
    Column("direction", "direction", "напрям"),
    Column("language", "language", "мова"),
    Column("people_count", "people concerned", "кількість людей"),
    Column("sensitivity", "sensitivity", "чутливість"),
    Column("verification", "verification", "верифікація", importable=False),
    Column("created_at", "logged at (UTC)", "внесено (UTC)", importable=False),
    Column("updated_at", "last changed (UTC)", "остання зміна (UTC)", importable=False),
    Column(
        "source_sha256",
        "source SHA-256 (last capture)",
        "SHA-256 джерела (остання копія)",
        importable=False,
    ),
)

IMPORT_FIELDS = tuple(c.field for c in EVIDENCE_COLUMNS if c.importable)


def _norm(text: str) -> str:
    return " ".join(text.replace("_", " ").casefold().split())


# the headers an import recognises: the importable fields', and verification's, which an
# import reads only when the person importing says the source is trusted
_ALIASES: dict[str, str] = {}
for _col in EVIDENCE_COLUMNS:
    if _col.importable or _col.field == "verification":
        for _name in (_col.field, _col.en, _col.uk):
            _ALIASES[_norm(_name)] = _col.field
# the short headers partners' own sheets use, in both languages
_ALIASES.update(
    {
        _norm(k): v
        for k, v in {
            "region code": "region_code",
            "oblast": "region_code",
            "область": "region_code",
            "date": "event_start",
            "дата": "event_start",
            "reliability": "reliability",
            "надійність": "reliability",
            "credibility": "credibility",
            "достовірність": "credibility",
            "url": "source_url",
            "katottg": "settlement_code",
            "катоттг": "settlement_code",
        }.items()
    }
)
_GRADES = re.compile(r"\s*\([^()]*\)\s*$")  # "(A-F)", "(1-6)", "(UTC)" after a name
_ALIASES.update({_GRADES.sub("", name): field for name, field in list(_ALIASES.items())})


def suggest_field(header: str) -> str | None:
    """The evidence field a spreadsheet header most likely means, if any: its name in either
    language (with or without the grades in brackets after it), a field name, or a short
    header partners use ("Дата", "Надійність").

    A header that starts with "_" is a form tool's own column (KoboToolbox's `_id` is its row
    number, `_uuid` its submission id): never taken for a field, so `_id` does not become the
    entry's stable id; a profile maps such columns on purpose."""
    if header.strip().startswith("_"):
        return None
    name = _norm(header)
    return _ALIASES.get(name) or _ALIASES.get(_norm(_GRADES.sub("", name)))
