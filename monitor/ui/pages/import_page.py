"""Import evidence: upload, map columns, see every row checked, then import all or nothing."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.columns import EVIDENCE_COLUMNS, IMPORT_FIELDS
from monitor.db import read_session, session_scope
from monitor.errors import InvalidInput, MonitorError
from monitor.i18n import t
from monitor.services import importer
from monitor.ui import state
from monitor.ui.feedback import show_error

lang = state.lang()
st.title(t("import.title", lang))
st.caption(t("import.caption", lang))
done = st.session_state.pop("import.done", None)
if done:
    st.success(t("import.done", lang, report=done))

upload = st.file_uploader(t("import.file", lang), type=["csv", "xlsx", "txt"], key="import.file")
if upload is None:
    st.stop()
try:
    frame = importer.read_table(upload.name, upload.getvalue())
except InvalidInput as err:
    key, params = err.problems.get("file", ("invalid.value", {"message": str(err)}))
    st.error(t(key, lang, **params))
    st.stop()

labels = {c.field: c.header(lang) for c in EVIDENCE_COLUMNS if c.importable}
suggested = importer.suggest_mapping(list(frame.columns))
st.subheader(t("import.mapping", lang))
mapping: dict[str, str] = {}
choices = [None, *IMPORT_FIELDS]
for index, column in enumerate(frame.columns):
    target = st.selectbox(
        column,
        choices,
        index=choices.index(suggested.get(column)),
        format_func=lambda f: t("import.ignore", lang) if f is None else labels[f],
        placeholder=t("form.choose", lang),
        key=f"import.map.{upload.file_id}.{index}",
    )
    if target:
        mapping[column] = target

with read_session(state.engine()) as session:
    checks = importer.check_rows(session, frame, mapping, today=state.today())
counts = {
    a: sum(c.action == a for c in checks) for a in ("create", "update", "unchanged", "invalid")
}
st.subheader(t("import.preview", lang))
st.write(t("import.summary", lang, rows=len(checks), **counts))
st.dataframe(
    pd.DataFrame(
        {
            t("import.col.row", lang): [c.row for c in checks],
            t("import.col.action", lang): [c.action for c in checks],
            t("import.col.problems", lang): [
                "; ".join(
                    f"{labels.get(f, f)}: {t(k, lang, **p)}" for f, (k, p) in c.problems.items()
                )
                for c in checks
            ],
        }
    ),
    hide_index=True,
    width="stretch",
)
if counts["invalid"]:
    st.warning(t("import.fix_first", lang))
    st.stop()


def run_import() -> None:
    try:
        with session_scope(state.engine()) as session:
            report = importer.import_rows(
                session, state.actor(), frame, mapping, today=state.today(), source=upload.name
            )
    except MonitorError as err:
        st.session_state["import.error"] = err
        return
    st.session_state["import.done"] = str(report)
    state.clear_caches()


error = st.session_state.pop("import.error", None)
if error is not None:
    show_error(error, lang)
st.button(t("import.button", lang), type="primary", on_click=run_import, key="import.run")
