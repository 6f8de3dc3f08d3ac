"""The printable brief (PDF) of a demand, a draft or all ten: prepare it, then download it.

The PDF is made when asked for ("Prepare"), not on every rerun: it is audited as an export,
and its SHA-256 must be known to be shown beside the download button (the file cannot carry
its own). The made brief is kept in the session for the data version and the options it was
made from; once anyone changes the data, or the reader changes an option, the button asks to
prepare it again. Confidential entries are offered to admins only, restricted ones to editors,
as on the Briefings page; the service checks the same again.

The Overview's figures a brief counts come from a cache every session shares
(`state.brief_overview`), which the service asks with the file's visibility, not the reader's:
a second brief on unchanged data, from anyone, scans no entries; the first after a write does.
"""

from __future__ import annotations

import streamlit as st

from monitor.domain.brief_contents import BriefSubject
from monitor.domain.briefings import BriefingOptions
from monitor.domain.filters import EvidenceFilters
from monitor.i18n import t
from monitor.services import brief_pdf
from monitor.ui import actions, inert, state
from monitor.ui.actions import success
from monitor.ui.components import export_scope

Wanted = tuple[int, BriefSubject, BriefingOptions]


def _slot(subject: BriefSubject) -> str:
    return f"pdf.{subject.kind}.{subject.code or 'all'}"


@actions.callback("pdf")
def _prepare(slot: str, wanted: Wanted) -> None:
    """Make the brief as the acting user; keep it (and what it was made from) for the button."""
    _, subject, options = wanted
    brief = actions.run(
        slot,
        brief_pdf.for_download,
        done=lambda made: [success("pdf.ui.ready", count=made.pages)],
        refresh=False,  # an export changes no data
        subject=subject,
        options=options,
        source=state.brief_overview,  # the scans cached for every session, by the file's view
    )
    if brief is not None:
        st.session_state[f"{slot}.made"] = (wanted, brief)


def _read_ahead(wanted: Wanted) -> None:
    """While the Prepare button waits, read the figures it will need into the shared cache
    (`state.brief_overview`, keyed by the file's visibility): the click then only assembles
    and draws. Once per data version, brief and options; never more than one at a time."""
    _, subject, options = wanted
    engine, actor, today = state.engine(), state.actor(), state.today()
    actions.read_ahead(
        (wanted, actor, today),
        lambda: brief_pdf.read_ahead(
            engine=engine,
            actor=actor,
            subject=subject,
            options=options,
            source=state.brief_overview,
            today=today,
        ),
    )


def _heading(lang: str) -> None:
    st.subheader(t("pdf.ui.heading", lang))
    st.caption(t("pdf.ui.caption", lang))


def show(
    subject: BriefSubject,
    *,
    lang: str,
    filters: EvidenceFilters | None = None,
    heading: bool = True,
) -> None:
    """The heading, who may include what, and Prepare or Download with the file's SHA-256."""
    if heading:
        _heading(lang)
    _choices_and_button(subject, lang=lang, filters=filters)


@st.fragment
def _choices_and_button(
    subject: BriefSubject, *, lang: str, filters: EvidenceFilters | None
) -> None:
    """A fragment of its own: a choice or the Prepare click reruns this part only, so the
    click waits for its brief, not for the page's charts drawn again around it."""
    slot = _slot(subject)
    left, right = st.columns(2)
    restricted, confidential = export_scope.choose(slot, lang=lang, left=left, right=right)
    options = BriefingOptions(
        filters=filters or EvidenceFilters(),
        lang=lang,
        include_restricted=restricted,
        include_confidential=confidential,
        include_organisation=export_scope.organisation(slot, lang=lang),
    )
    wanted: Wanted = (state.data_version(), subject, options)
    actions.show(slot)
    actions.show("pdf")  # what a callback itself could not do
    made = st.session_state.get(f"{slot}.made")
    if made is None or made[0] != wanted:
        _read_ahead(wanted)
        st.button(
            t("pdf.ui.prepare", lang), key=f"{slot}.prepare", on_click=_prepare, args=(slot, wanted)
        )
        return
    brief = made[1]
    st.download_button(
        t("pdf.ui.download", lang),
        data=brief.data,
        file_name=brief.file_name,
        mime="application/pdf",
        on_click="ignore",
        type="primary",
        key=f"{slot}.download",
    )
    st.caption(inert.said("pdf.ui.sha", lang, sha=brief.sha256))


def for_draft(drafts: dict[str, str], *, lang: str) -> None:
    """A draft's brief: choose the draft (the latest first), then as `show`."""
    if not drafts:
        return
    _heading(lang)
    codes = list(reversed(drafts))
    code = st.selectbox(
        t("pdf.ui.draft", lang), codes, format_func=drafts.__getitem__, key="pdf.draft.code"
    )
    if code is not None:
        show(BriefSubject("draft", code), lang=lang, heading=False)


def for_overview(filters: EvidenceFilters, *, lang: str) -> None:
    """The brief of all the demands (the Overview in print), with the Overview's filters on
    the evidence it counts."""
    show(BriefSubject("all"), lang=lang, filters=filters)
