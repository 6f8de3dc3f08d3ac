"""The import's middle steps: which field each column is (from a saved mapping, a shipped
profile or the headers), the values of fields the file lacks, saving the mapping for the next
file, the verification policy, and the check of every row with its progress."""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

import pandas as pd
import streamlit as st

from monitor.domain import import_mapping
from monitor.domain.columns import EVIDENCE_COLUMNS
from monitor.domain.field_form import ENUM_FIELDS
from monitor.domain.import_files import Table
from monitor.domain.import_mapping import MAPPABLE_FIELDS, ExternalId, ImportMapping
from monitor.i18n import enum_labels, field_label, t
from monitor.services import importer
from monitor.ui import actions, inert, state
from monitor.ui.components import duplicate_choice

SHOWN_ROWS = 1000  # bad rows listed on the page (all are counted)
# what a default may be given for: the entry's fields, not its id, version or verification
_DEFAULTABLE = tuple(f for f in MAPPABLE_FIELDS if f not in ("uid", "version", "verification"))


def _labels(lang: str) -> dict[str, str]:
    """Each mappable field's column header in `lang`."""
    return {c.field: c.header(lang) for c in EVIDENCE_COLUMNS if c.field in MAPPABLE_FIELDS}


def _base(name: str, saved: Mapping[str, dict[str, Any]], table: Table) -> ImportMapping:
    """The mapping the choices start from: a saved one, a shipped profile, or the headers."""
    if name.startswith("saved:"):
        return import_mapping.from_json(saved[name.removeprefix("saved:")])
    if name.startswith("profile:"):
        return import_mapping.load_profile(name.removeprefix("profile:"))
    return import_mapping.suggested(table.header)


def _default_widget(name: str, value: str, key: str, lang: str) -> str:
    label = field_label(name, lang)
    if name in ENUM_FIELDS:  # a value picked from the list the field form offers too
        words = enum_labels(name, lang)
        options = ["", *ENUM_FIELDS[name]]
        chosen = st.selectbox(
            label,
            options,
            index=options.index(value) if value in options else 0,
            format_func=lambda v: "—" if not v else words.get(v, v),
            key=key,
        )
        return str(chosen or "")
    return str(st.text_input(label, value=value, key=key))


def mapping(table: Table, file_id: str, lang: str) -> ImportMapping | None:
    """The mapping the person chose; None (the reason drawn) when it cannot be used."""
    saved = state.saved_import_mappings()
    st.subheader(t("import.mapping", lang))
    starts = ["", *(f"profile:{p}" for p in import_mapping.shipped_profiles())]
    starts += [f"saved:{n}" for n in saved]
    start = st.selectbox(
        t("import.start_from", lang),
        starts,
        format_func=lambda s: t("import.from_headers", lang) if not s else s.split(":", 1)[1],
        key=f"import.start.{file_id}",
    )
    base = actions.read(_base, name=start, saved=saved, table=table)
    if base is None:
        return None
    labels = _labels(lang)
    choices: list[str | None] = [None, *MAPPABLE_FIELDS]
    columns: dict[str, str] = {}
    for index, column in enumerate(table.header):
        target = st.selectbox(
            inert.line(column),  # a column is named by whoever made the sheet
            choices,
            index=choices.index(base.columns.get(column)),
            format_func=lambda f: t("import.ignore", lang) if f is None else labels[f],
            key=f"import.map.{file_id}.{start}.{index}",
        )
        if target:
            columns[column] = target
    with st.expander(t("import.defaults", lang), expanded=bool(base.missing_required())):
        st.caption(t("import.defaults_hint", lang))
        defaults = {}
        for name in _DEFAULTABLE:
            if name not in columns.values():
                given = base.defaults.get(name, "")
                value = _default_widget(
                    name, given, f"import.default.{file_id}.{start}.{name}", lang
                )
                if value.strip():
                    defaults[name] = value
    return actions.read(
        ImportMapping,
        columns=columns,
        defaults=defaults,
        external_id=_external_id(table, base, f"{file_id}.{start}", lang),
        name=start.split(":", 1)[1] if start else "",
        title=base.title,
    )


def _external_id(table: Table, base: ImportMapping, key: str, lang: str) -> ExternalId | None:
    """The column holding the row's id in the system it came from, and that system's name, so
    the entry's id keeps it (`kobo:<uuid>`); none: ids from the id column or the content."""
    given = base.external_id
    options: list[str | None] = [None, *(c for c in table.header if c)]
    column = st.selectbox(
        t("import.id_column", lang),
        options,
        index=options.index(given.column) if given and given.column in options else 0,
        format_func=lambda c: t("import.no_id_column", lang) if c is None else inert.clean(c),
        key=f"import.id_column.{key}",
    )
    system = st.text_input(
        t("import.id_system", lang),
        value=given.system if given else "",
        key=f"import.id_system.{key}",
    )
    return ExternalId(system.strip(), column) if column and system.strip() else None


def save(chosen: ImportMapping, slot: str, lang: str) -> None:
    """Save the mapping under a name, for the next file of the same kind."""
    st.text_input(t("import.save_name", lang), value=chosen.name, key="import.save.name")

    @actions.callback(slot)
    def saved() -> None:
        name = str(st.session_state.get("import.save.name", ""))
        actions.run(
            slot,
            importer.save_mapping,
            done=actions.success("import.saved", name=name),
            name=name,
            mapping=chosen,
        )

    st.button(t("import.save", lang), on_click=saved, key="import.save")


def trusted(lang: str) -> bool:
    """Whether the file's verification state is kept: only when the person says the source is
    trusted (the page is for roles that may verify; the service checks it again)."""
    choice = st.radio(
        t("import.policy", lang),
        ["unverified", "trusted"],
        format_func=lambda p: t(f"import.policy.{p}", lang),
        key="import.policy",
    )
    return choice == "trusted"


def check(
    table: Table, file_id: str, chosen: ImportMapping, keep: bool
) -> importer.ImportReport | None:
    """Every row checked (once per file, mapping, policy and data version), with a progress
    bar while it runs."""
    memo_key = json.dumps([file_id, chosen.to_json(), keep, state.data_version()], sort_keys=True)
    memo = st.session_state.get("import.checked")
    if memo is not None and memo[0] == memo_key:
        return memo[1]  # type: ignore[no-any-return]
    bar = st.progress(0.0)
    report = actions.read(
        importer.check_rows,
        table=table,
        mapping=chosen,
        today=state.today(),
        trusted=keep,
        progress=lambda done: bar.progress(done),
    )
    bar.empty()
    if report is not None:
        st.session_state["import.checked"] = (memo_key, report)
    return report


def preview(report: importer.ImportReport, lang: str) -> dict[str, int]:
    """How many rows each result has, the policy, and the bad rows' problems in `lang`."""
    labels = _labels(lang)
    counts = report.counts()
    st.subheader(t("import.preview", lang))
    st.write(inert.said("import.summary", lang, count=report.rows, rows=report.rows, **counts))
    policy = "trusted" if report.trusted else "unverified"
    st.caption(t(f"import.policy_shown.{policy}", lang))
    listed = sorted(report.problems.items())[:SHOWN_ROWS]
    if listed:
        st.dataframe(
            pd.DataFrame(
                {
                    t("import.col.row", lang): [row for row, _ in listed],
                    t("import.col.problems", lang): [
                        "; ".join(
                            f"{labels.get(f, field_label(f, lang))}: {t(k, lang, **p)}"
                            for f, (k, p) in problems.items()
                        )
                        for _, problems in listed
                    ],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    if report.invalid > len(listed):
        more = report.invalid - len(listed)
        st.caption(inert.said("import.more_problems", lang, count=more, shown=len(listed)))
    duplicate_choice.import_preview(report, lang)
    return counts
