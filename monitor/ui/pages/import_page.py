"""Import evidence: upload, map columns, see every row checked, then import all or nothing."""

from __future__ import annotations

import streamlit as st

from monitor.core import limits
from monitor.i18n import t
from monitor.services import importer
from monitor.ui import actions, state
from monitor.ui.actions import Note, phrase, success
from monitor.ui.components import import_check

SLOT = "import"
lang = state.lang()
st.title(t("import.title", lang))
st.caption(t("import.caption", lang))
actions.show(SLOT)

upload = st.file_uploader(
    t("import.file", lang),
    type=["csv", "xlsx", "txt"],
    key="import.file",
    max_upload_size=limits.IMPORT_FILE_MB,
)
if upload is None:
    st.stop()
frame = actions.read(importer.read_table, filename=upload.name, data=upload.getvalue())
if frame is None:  # unreadable: the reason is drawn in its place
    st.stop()
source = upload.name
mapping = import_check.mapping(frame, upload.file_id, lang)
checks = actions.read(importer.check_rows, frame=frame, mapping=mapping, today=state.today())
if checks is None:
    st.stop()
if import_check.preview(checks, lang)["invalid"]:
    st.warning(t("import.fix_first", lang))
    st.stop()


def imported(report: importer.ImportReport) -> list[Note]:
    """How many rows were created, updated and left as they were."""
    counts = {"created": report.created, "updated": report.updated, "unchanged": report.unchanged}
    return [success("import.done", report=phrase("import.report", **counts))]


@actions.callback(SLOT)
def run_import() -> None:
    """All rows in one transaction, or none."""
    actions.run(
        SLOT,
        importer.import_rows,
        done=imported,
        frame=frame,
        mapping=mapping,
        today=state.today(),
        source=source,
    )


st.button(t("import.button", lang), type="primary", on_click=run_import, key="import.run")
