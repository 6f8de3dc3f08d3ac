"""An entry's attachments opened in place, its captures to download, and their chain of custody.

Nothing here reaches the stored file itself: `monitor.services.attachments` reads it, checks
its SHA-256, draws the preview on the server and records the custody event. The browser gets
only what the server made: a re-encoded image or PNG pages (served by Streamlit from this
app, never fetched from elsewhere), inert text, or a working copy to download. Opening is a
click, not a side effect of drawing the entry: each opening is a view in the chain of custody,
and a witness's photo is not on screen until someone asks for it.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import streamlit as st

from monitor.core import storage
from monitor.core.models import CustodyItem
from monitor.core.permissions import Action, may
from monitor.domain import custody_words
from monitor.i18n import t
from monitor.services import attachments, custody
from monitor.services.attachments import Opened, Rehashed
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note

SLOT = "entry"  # the entry panel's slot: outcomes are drawn under the entry's heading
OCTET = "application/octet-stream"  # a download the browser saves and never renders


def _opened_key(attachment_id: int) -> str:
    """Where an opened file waits to be drawn: per user, so that whoever signs in next in this
    browser opens it again (their own view in the chain of custody), never sees it left open."""
    return f"attachment.{attachment_id}.opened.{state.actor().id}"


@actions.callback(SLOT)
def _open(attachment_id: int) -> None:
    """Read, check and preview one file now (a custody event); keep the result to draw."""
    opened = actions.run(
        SLOT,
        attachments.open_attachment,
        refresh=False,
        attachment_id=attachment_id,
        folder=storage.attachments(state.settings()),
    )
    if opened is not None:
        st.session_state[_opened_key(attachment_id)] = opened


@actions.callback(SLOT)
def _close(attachment_id: int) -> None:
    st.session_state.pop(_opened_key(attachment_id), None)


def _rehashed(results: Sequence[Rehashed]) -> Iterator[Note]:
    """All stored items still match, or which do not."""
    failed = [r.name for r in results if not r.matched]
    if failed:
        yield note("error", "custody.rehash_failed", n=len(results), names=", ".join(failed))
    else:
        yield note("success", "custody.rehashed", n=len(results))


@actions.callback(SLOT)
def _rehash(evidence_id: int) -> None:
    settings = state.settings()
    actions.run(
        SLOT,
        attachments.rehash,
        done=_rehashed,
        evidence_id=evidence_id,
        attachments_dir=storage.attachments(settings),
        captures_dir=storage.captures(settings),
    )


def _found(metadata: dict[str, str], lang: str) -> str:
    """What was found, as "GPS position 50.45, 30.52; device make Canon" in `lang`."""
    return "; ".join(f"{t(f'metadata.{name}', lang)} {value}" for name, value in metadata.items())


def show(rows: list[dict[str, Any]], *, lang: str) -> None:
    """The attachments (each with Open), the captures to download, and the custody log.

    `rows` are the entry's attachments as the panel read them with the reader's sensitivities.
    """
    role = state.actor().role
    st.markdown(f"**{t('entry.attachments', lang)}**")
    if not rows:
        st.caption(t("entry.no_attachments", lang))
    for row in rows:
        _attachment(row, role_edits=may(role, Action.EDIT), lang=lang)


def _attachment(row: dict[str, Any], *, role_edits: bool, lang: str) -> None:
    """One attachment: its name, type, size and hash; a metadata warning for editors; Open."""
    attachment_id = int(row["id"])
    with st.container(border=True):
        st.markdown(
            inert.said(
                "attachment.row",
                lang,
                name=row["filename"],
                media_type=row["media_type"],
                size=int(row["size"]),
                sha=row["sha256"],
            )
        )
        found = row["revealing_metadata"] or {}
        if role_edits and found:
            warning = inert.said(
                "attachment.metadata_warning", lang, name=row["filename"], found=_found(found, lang)
            )
            inert.message("warning", warning)
        opened = st.session_state.get(_opened_key(attachment_id))
        if not isinstance(opened, Opened):
            st.button(
                t("attachment.open", lang),
                key=f"attachment.{attachment_id}.open",
                on_click=_open,
                args=(attachment_id,),
            )
            return
        _draw(opened, lang)
        st.button(
            t("attachment.close", lang),
            key=f"attachment.{attachment_id}.close",
            on_click=_close,
            args=(attachment_id,),
        )


def _draw(opened: Opened, lang: str) -> None:
    """What the server made of the file: tampering, or its preview and a working copy."""
    if opened.seen is None:
        missing = inert.said(
            "attachment.missing_shown", lang, name=opened.filename, recorded=opened.recorded
        )
        inert.message("error", missing)
        return
    if opened.tampered:
        tampered = inert.said(
            "attachment.tampered_shown",
            lang,
            name=opened.filename,
            recorded=opened.recorded,
            seen=opened.seen,
        )
        inert.message("error", tampered)
        return
    detected = opened.detected
    assert detected is not None  # a file read and matched has been typed
    if not detected.name_matches:
        differs = inert.said(
            "attachment.content_differs", lang, media_type=detected.media_type or "?"
        )
        inert.message("warning", differs)
    if opened.scripts:
        inert.message("warning", inert.said("attachment.pdf_scripts", lang))
    for image, _media_type in opened.images:
        st.image(image)
    if opened.pages:
        st.caption(
            t("attachment.pages_shown", lang, shown=len(opened.images), total=int(opened.pages))
        )
    if opened.text is not None:
        with st.container(height=320):
            inert.text(opened.text)
    if opened.unreadable is not None:
        st.info(t("attachment.cannot_draw", lang, reason=inert.line(opened.unreadable)))
    elif not opened.images and opened.text is None:
        st.info(t("attachment.download_only", lang))
    _downloads(opened, lang)


def _downloads(opened: Opened, lang: str) -> None:
    """A working copy for everyone who may open it; the original too for an admin (audited)."""
    assert opened.detected is not None
    folder = storage.attachments(state.settings())
    name = attachments.download_name(opened.filename, opened.detected)
    if opened.unreadable is None:  # a file that cannot be opened has no working copy
        _working_copy(opened, name, lang)
    if may(state.actor().role, Action.ADMINISTER):
        st.download_button(
            t("attachment.download_original", lang),
            data=actions.download(
                attachments.download_attachment,
                attachment_id=opened.attachment_id,
                folder=folder,
                original=True,
            ),
            file_name=name,
            mime=OCTET,
            on_click="ignore",
            key=f"attachment.{opened.attachment_id}.original",
        )


def _working_copy(opened: Opened, name: str, lang: str) -> None:
    """The copy without metadata, made (and recorded) only when the button is clicked."""
    folder = storage.attachments(state.settings())
    st.download_button(
        t("attachment.download", lang),
        data=actions.download(
            attachments.download_attachment, attachment_id=opened.attachment_id, folder=folder
        ),
        file_name=name,
        mime=OCTET,
        on_click="ignore",
        key=f"attachment.{opened.attachment_id}.download",
        help=t("attachment.download_help", lang),
    )


def captures_and_custody(evidence_id: int, *, lang: str) -> None:
    """A stored capture to download as received, and the entry's chain of custody."""
    stored = state.entry_captures_stored(evidence_id)
    if stored:
        labels = {int(c["id"]): f"{c['fetched_at']:%Y-%m-%d %H:%M} · {c['sha256']}" for c in stored}
        chosen = st.selectbox(
            t("capture.choose", lang),
            list(labels),
            format_func=labels.__getitem__,
            key=f"capture.{evidence_id}.chosen",
        )
        if chosen is not None:
            st.download_button(
                t("capture.download", lang),
                data=actions.download(
                    attachments.download_capture,
                    capture_id=int(chosen),
                    folder=storage.captures(state.settings()),
                ),
                file_name=f"capture-{int(chosen)}.bin",
                mime=OCTET,
                on_click="ignore",
                key=f"capture.{evidence_id}.{int(chosen)}.download",
            )
    with st.expander(t("custody.heading", lang)):
        _custody(evidence_id, lang)


def _custody(evidence_id: int, lang: str) -> None:
    """The log in the UI's language, its CSV, and (for editors) a re-hash of every item."""
    log = state.custody_log(evidence_id)
    if log.empty:
        st.caption(t("custody.empty", lang))
    else:
        shown = log.copy()
        shown["action"] = [t(f"custody.action.{a}", lang) for a in shown["action"]]
        shown["item"] = [t(f"custody.item.{CustodyItem(i).value}", lang) for i in shown["item"]]
        shown["detail"] = [custody_words.detail(d, lang) for d in shown["detail"]]
        shown.columns = [t(f"custody.col.{c}", lang) for c in log.columns]
        st.dataframe(shown, hide_index=True, width="stretch")
        st.download_button(
            t("custody.csv", lang),
            data=actions.download(custody.entry_csv, evidence_id=evidence_id),
            file_name=f"custody-{evidence_id}.csv",
            mime="text/csv",
            on_click="ignore",
            key=f"custody.{evidence_id}.csv",
        )
    if may(state.actor().role, Action.EDIT):
        st.button(
            t("custody.rehash", lang),
            key=f"custody.{evidence_id}.rehash",
            on_click=_rehash,
            args=(evidence_id,),
        )
