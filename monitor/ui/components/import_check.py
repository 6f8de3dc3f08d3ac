"""The import's two middle steps: which field each column is, and what each row would do."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.domain.columns import EVIDENCE_COLUMNS, IMPORT_FIELDS
from monitor.i18n import t
from monitor.services import importer
from monitor.ui import inert

ACTIONS = ("create", "update", "unchanged", "invalid")


def _labels(lang: str) -> dict[str, str]:
    """Each importable field's column header in `lang`."""
    return {c.field: c.header(lang) for c in EVIDENCE_COLUMNS if c.importable}


def mapping(frame: pd.DataFrame, file_id: str, lang: str) -> dict[str, str]:
    """One choice per column, starting from the guessed field; ignored columns are left out."""
    labels = _labels(lang)
    suggested = importer.suggest_mapping(list(frame.columns))
    st.subheader(t("import.mapping", lang))
    chosen: dict[str, str] = {}
    choices = [None, *IMPORT_FIELDS]
    for index, column in enumerate(frame.columns):
        target = st.selectbox(
            inert.line(column),  # a column is named by whoever made the sheet
            choices,
            index=choices.index(suggested.get(column)),
            format_func=lambda f: t("import.ignore", lang) if f is None else labels[f],
            placeholder=t("form.choose", lang),
            key=f"import.map.{file_id}.{index}",
        )
        if target:
            chosen[column] = target
    return chosen


def preview(checks: list[importer.RowCheck], lang: str) -> dict[str, int]:
    """Every row's result and problems in `lang`; returns how many rows had each result."""
    labels = _labels(lang)
    counts = {a: sum(c.action == a for c in checks) for a in ACTIONS}
    st.subheader(t("import.preview", lang))
    st.write(inert.said("import.summary", lang, count=len(checks), rows=len(checks), **counts))
    problems = [
        "; ".join(f"{labels.get(f, f)}: {t(k, lang, **p)}" for f, (k, p) in c.problems.items())
        for c in checks
    ]
    st.dataframe(
        pd.DataFrame(
            {
                t("import.col.row", lang): [c.row for c in checks],
                t("import.col.action", lang): [
                    t(f"import.action.{c.action}", lang) for c in checks
                ],
                t("import.col.problems", lang): problems,
            }
        ),
        hide_index=True,
        width="stretch",
    )
    return counts
