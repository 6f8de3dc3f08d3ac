"""The open data publication for an admin: where it is written, what is published, publish now.

The button runs the same use case as `monitor publish` (`monitor.services.publication`), into
the folder the settings name (MONITOR_PUBLIC_DIR), under the same lock.
"""

from __future__ import annotations

from collections.abc import Iterable

import streamlit as st

from monitor.i18n import t
from monitor.services import publication
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note, success

SLOT = "admin.publication"


def _said(report: publication.PublicationReport) -> Iterable[Note]:
    folder = str(state.settings().publication_dir)
    if not report.changed:
        return [note("info", "admin.publication_unchanged", folder=folder)]
    return [success("admin.publication_done", count=report.counts["evidence"], folder=folder)]


@actions.callback(SLOT)
def _publish() -> None:
    """Publish into the configured folder; a refusal (busy, not a publication) is drawn."""
    settings = state.settings()
    actions.run(
        SLOT,
        publication.publish,
        done=_said,
        refresh=False,  # the app's data did not change
        target=settings.publication_dir,
        public_url=settings.public_url,
    )


def show(*, lang: str) -> None:
    """The section: what is published and where, what is never published, and the button."""
    folder = state.settings().publication_dir
    st.caption(inert.said("admin.publication_help", lang, folder=str(folder)))
    actions.show(SLOT)
    current = publication.published_state(folder)
    if current is None:
        st.caption(t("admin.publication_none", lang))
    else:
        version, as_of = current
        st.caption(inert.said("admin.publication_current", lang, version=version, as_of=as_of))
    st.button(t("admin.publication_now", lang), on_click=_publish, key="admin.publish")
