"""Import evidence: upload, map columns, choose the verification policy, see every row
checked, then import all rows or none."""

from __future__ import annotations

import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.services import importer
from monitor.ui import actions, state
from monitor.ui.actions import Note, phrase, success
from monitor.ui.components import import_check, import_result, kobo_sync

SLOT = "import"
lang = state.lang()
st.title(t("import.title", lang))
st.caption(t("import.caption", lang))
actions.show(SLOT)
if import_result.show(SLOT, lang):  # the last import's likely duplicates, until closed
    st.stop()
kobo_sync.show(lang=lang)

upload = st.file_uploader(
    t("import.file", lang),
    type=["csv", "xlsx", "txt", "tsv"],
    key="import.file",
    max_upload_size=limits.IMPORT_FILE_MB,
)
if upload is None:
    st.stop()
table = actions.read(importer.read_table, filename=upload.name, source=upload.getvalue())
if table is None:  # unreadable: the reason is drawn in its place
    st.stop()
source = upload.name
mapping = import_check.mapping(table, upload.file_id, lang)
if mapping is None:
    st.stop()
import_check.save(mapping, SLOT, lang)
trusted = import_check.trusted(lang)
report = import_check.check(table, upload.file_id, mapping, trusted)
if report is None:
    st.stop()
if import_check.preview(report, lang)["invalid"]:
    st.warning(t("import.fix_first", lang))
    st.stop()


def imported(report: importer.ImportReport) -> list[Note]:
    """How many rows were created, updated and left as they were."""
    counts = {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
    return [success("import.done", report=phrase("import.report", **counts))]


@actions.callback(SLOT)
def run_import() -> None:
    """All rows in one transaction, or none; a progress bar while it runs."""
    bar = st.progress(0.0)
    report = actions.run(
        SLOT,
        importer.import_rows,
        done=imported,
        table=table,
        mapping=mapping,
        today=state.today(),
        source=source,
        trusted=trusted,
        progress=lambda done: bar.progress(done),
    )
    bar.empty()
    if report is not None and report.likely:
        import_result.remember(report.likely)


st.button(t("import.button", lang), type="primary", on_click=run_import, key="import.run")
