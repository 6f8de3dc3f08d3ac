"""How the columns of a file become the fields of an evidence entry: a mapping a person can read.

A mapping says which column holds which field, which value a field takes when the file has no
column for it (a form without a reliability question), and where the file's own id of a row is
(`kobo` and `_uuid`: the entry's stable id becomes `kobo:<uuid>`, keeping the system it came
from, never a row number). The same mapping comes from the command line (`--map`, `--default`),
from a shipped profile (`data/import_profiles/<name>.json`), from the page, or from a mapping
someone saved; every one is checked here, once, so an unknown field or column is named before
any row is read, and a required field nothing gives is named once for the file instead of once
per row.

Profile JSON: {"name": ..., "title": {"en": ..., "uk": ...}, "map": {"<column>": "<field>"},
"defaults": {"<field>": "<value>"}, "external_id": {"system": "kobo", "column": "_uuid"}}.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from monitor.config import PROJECT_ROOT
from monitor.core.inputs import EvidenceInput
from monitor.domain.columns import IMPORT_FIELDS, suggest_field
from monitor.errors import InvalidInput

PROFILES_DIR = PROJECT_ROOT / "data" / "import_profiles"
# what a column may be mapped to: an entry's fields, its id and version, and its verification
# (read only when the person importing says the source is trusted)
MAPPABLE_FIELDS: tuple[str, ...] = (*IMPORT_FIELDS, "verification")
# what a row needs from a column or a default; the input model says which fields these are
REQUIRED_FIELDS: tuple[str, ...] = tuple(
    name for name, info in EvidenceInput.model_fields.items() if info.is_required()
)
_SYSTEM = re.compile(r"[a-z][a-z0-9-]{0,15}")
_PROFILE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")
ID_SEPARATOR = ":"


def _refuse(key: str, **params: Any) -> InvalidInput:
    return InvalidInput({"mapping": (key, params)})


def _names(names: Iterable[str]) -> str:
    """Names for a message: each once, in the order given, quoted so a blank one shows."""
    return ", ".join(f"«{n}»" for n in dict.fromkeys(names))


@dataclass(frozen=True)
class ExternalId:
    """Where a row's id in the system it came from is: `system:<value of column>`."""

    system: str
    column: str

    def uid(self, value: str) -> str:
        """The entry's stable id for this row's id ("" when the row has none)."""
        value = value.strip()
        return f"{self.system}{ID_SEPARATOR}{value}" if value else ""


@dataclass(frozen=True)
class ImportMapping:
    """Column -> field, field -> default value, and the external id, checked when made."""

    columns: Mapping[str, str]
    defaults: Mapping[str, str] = field(default_factory=dict)
    external_id: ExternalId | None = None
    name: str = ""
    title: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        fields = [*self.columns.values(), *self.defaults]
        unknown = [f for f in fields if f not in MAPPABLE_FIELDS]
        if unknown:
            raise _refuse("import.unknown_fields", names=_names(unknown))
        targets = list(self.columns.values())
        twice = [f for f in targets if targets.count(f) > 1]
        if twice:
            raise _refuse("import.field_twice", names=_names(twice))
        if self.external_id is not None:
            if not _SYSTEM.fullmatch(self.external_id.system):
                raise _refuse("import.bad_system", system=self.external_id.system[:40])
            if "uid" in targets or "uid" in self.defaults:
                raise _refuse("import.id_twice", column=self.external_id.column)
        if "uid" in self.defaults or "version" in self.defaults:
            raise _refuse("import.unknown_fields", names=_names(["uid", "version"]))

    @property
    def fields(self) -> set[str]:
        """Every field a row of this mapping can give (from a column or a default)."""
        given = set(self.columns.values()) | set(self.defaults)
        return given | ({"uid"} if self.external_id else set())

    def missing_required(self) -> list[str]:
        """The required fields no column and no default gives, in the input model's order."""
        return [f for f in REQUIRED_FIELDS if f not in self.fields]

    def check_header(self, header: Iterable[str]) -> None:
        """Refuse columns the mapping names that the file lacks, and required fields that
        nothing gives: both once, for the whole file."""
        present = set(header)
        wanted = [*self.columns, *([self.external_id.column] if self.external_id else [])]
        absent = [c for c in wanted if c not in present]
        if absent:
            raise _refuse("import.unknown_columns", names=_names(absent))
        missing = self.missing_required()
        if missing:
            raise InvalidInput({f: ("import.unmapped", {}) for f in missing})

    def with_changes(
        self, columns: Mapping[str, str] | None = None, defaults: Mapping[str, str] | None = None
    ) -> ImportMapping:
        """This mapping with more columns and defaults (a column given again moves to the new
        field; a field mapped again leaves its old column)."""
        columns, defaults = columns or {}, defaults or {}
        merged = {c: f for c, f in self.columns.items() if f not in columns.values()}
        return ImportMapping(
            {**merged, **columns},
            {**self.defaults, **defaults},
            self.external_id,
            self.name,
            self.title,
        )

    def to_json(self) -> dict[str, Any]:
        """The profile JSON of this mapping (what a saved mapping stores)."""
        spec: dict[str, Any] = {
            "name": self.name,
            "title": dict(self.title),
            "map": dict(self.columns),
            "defaults": dict(self.defaults),
        }
        if self.external_id is not None:
            spec["external_id"] = {
                "system": self.external_id.system,
                "column": self.external_id.column,
            }
        return spec


def map_row(mapping: ImportMapping, row: Mapping[str, str]) -> dict[str, str]:
    """One row (column -> text) as field -> text: the mapped columns, then the defaults for
    fields left blank or absent, then the external id. A column the row lacks counts as
    blank (KoboToolbox leaves unanswered questions out of a submission)."""
    data = {target: row.get(column) or "" for column, target in mapping.columns.items()}
    for name, value in mapping.defaults.items():
        if not data.get(name, "").strip():
            data[name] = value
    if mapping.external_id is not None:
        data["uid"] = mapping.external_id.uid(row.get(mapping.external_id.column) or "")
    return data


def suggested(header: Iterable[str]) -> ImportMapping:
    """The mapping of every header we recognise (each field taken by its first column)."""
    columns: dict[str, str] = {}
    for column in header:
        target = suggest_field(column)
        if target and target not in columns.values():
            columns[column] = target
    return ImportMapping(columns)


def _text_pairs(value: object, what: str) -> dict[str, str]:
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise _refuse("import.bad_profile", reason=f"{what}: {{text: text}}")
    return dict(value)


def from_json(spec: object) -> ImportMapping:
    """A mapping from its profile JSON (already parsed), checked as every mapping is."""
    if not isinstance(spec, dict):
        raise _refuse("import.bad_profile", reason="{...}")
    known = {"name", "title", "map", "defaults", "external_id"}
    extra = [k for k in spec if k not in known]
    if extra:
        raise _refuse("import.bad_profile", reason=_names(str(k) for k in extra))
    external = spec.get("external_id")
    external_id = None
    if external is not None:
        pairs = _text_pairs(external, "external_id")
        if set(pairs) != {"system", "column"}:
            raise _refuse("import.bad_profile", reason="external_id: {system, column}")
        external_id = ExternalId(pairs["system"], pairs["column"])
    name = spec.get("name", "")
    if not isinstance(name, str):
        raise _refuse("import.bad_profile", reason="name")
    return ImportMapping(
        _text_pairs(spec.get("map", {}), "map"),
        _text_pairs(spec.get("defaults", {}), "defaults"),
        external_id,
        name,
        _text_pairs(spec.get("title", {}), "title"),
    )


def shipped_profiles(folder: Path = PROFILES_DIR) -> list[str]:
    """The names of the profiles that ship with the product."""
    return sorted(p.stem for p in folder.glob("*.json")) if folder.is_dir() else []


def load_profile(name: str, folder: Path = PROFILES_DIR) -> ImportMapping:
    """A shipped profile by name (`data/import_profiles/<name>.json`), or a refusal naming
    the profiles there are."""
    known = shipped_profiles(folder)
    if not _PROFILE_NAME.fullmatch(name) or name not in known:
        raise _refuse("import.unknown_profile", name=name[:64], names=_names(known))
    try:
        spec = json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise _refuse("import.bad_profile", reason=type(exc).__name__) from None
    return from_json(spec)


def parse_pairs(pairs: Iterable[str], option: str) -> dict[str, str]:
    """`name=value` pairs as the command line gives them. `--map column=field` splits at the
    last "=" (a field name never holds one, a column name may); `--default field=value` at the
    first (a value may hold one)."""
    parsed: dict[str, str] = {}
    bad: list[str] = []
    for pair in pairs:
        name, sep, value = pair.rpartition("=") if option == "--map" else pair.partition("=")
        if not sep or not name:
            bad.append(pair)
        else:
            parsed[name] = value
    if bad:
        raise _refuse("import.bad_pair", option=option, names=_names(bad))
    return parsed
