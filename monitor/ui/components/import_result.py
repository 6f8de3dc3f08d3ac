"""An import's result, once written: the new entries that have likely duplicates, each with
what it resembles and why, one of them opened in the entry panel to link or merge it, and
"link all as corroboration" (confirmed first; each link audited as one, a refused one said
in words and the others kept).

The list is found once, right after the import (`incidents.imported_duplicates`), and kept
under `import.result` until the person closes it; titles are drawn through `inert`.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from monitor.core.permissions import Action, may
from monitor.domain.duplicates import RowMatch
from monitor.i18n import t
from monitor.services import incidents
from monitor.ui import actions, inert, state
from monitor.ui.actions import Note, note
from monitor.ui.components import entry_panel

SLOT = "import"  # the import page's outcomes
KEY = "import.result"
SHOWN = 200  # new entries drawn in the list (every one is linked by "link all")
REFUSALS_SAID = 20  # refused links named one by one; the rest are counted


def remember(listed: dict[int, list[RowMatch]]) -> None:
    """Find the new entries of the import just written that have likely duplicates, and keep
    them for the page (nothing is kept when there are none)."""
    found = actions.read(incidents.imported_duplicates, listed=listed) or []
    st.session_state[KEY] = found
    st.session_state.pop(f"{KEY}.open", None)
    st.session_state.pop(f"{KEY}.confirm", None)


def _pairs(found: list[incidents.NewDuplicate]) -> list[tuple[int, int]]:
    """Each new entry with each entry it resembles, every pair once."""
    pairs: dict[frozenset[int], tuple[int, int]] = {}
    for entry in found:
        for other in entry.resembles:
            pairs.setdefault(
                frozenset((entry.evidence_id, other.evidence_id)),
                (entry.evidence_id, other.evidence_id),
            )
    return list(pairs.values())


def _why(other: incidents.Resembled, lang: str) -> str:
    """ "#12 (row 3): same source address", in `lang`."""
    name = f"#{other.evidence_id}"
    if other.row:
        name += f" ({t('import.duplicate_of_row', lang, row=other.row)})"
    reason = t(f"duplicates.reason.{other.reason}", lang, score=int(other.score))
    return f"{name}: {reason}"


def _table(found: list[incidents.NewDuplicate], lang: str) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("field.id", lang): [f"#{e.evidence_id}" for e in found],
            t("import.col.row", lang): [str(e.row) for e in found],
            t("field.title", lang): [e.title for e in found],
            t("import.result.col.resembles", lang): [
                "; ".join(_why(o, lang) for o in e.resembles) for e in found
            ],
        }
    )


def _linked(result: incidents.LinkedAll) -> list[Note]:
    """How many pairs were linked, then each refusal with its reason (the first few)."""
    notes = [note("success", "import.result.linked", count=len(result.linked))]
    for first, second, err in result.refused[:REFUSALS_SAID]:
        notes.append(
            note("warning", "import.result.refused", first=first, second=second, reason=err)
        )
    more = len(result.refused) - REFUSALS_SAID
    if more > 0:
        notes.append(note("warning", "import.result.more_refused", count=more))
    return notes


def show(slot: str, lang: str) -> bool:
    """The last import's new entries with likely duplicates; True when they are shown (the
    page then draws nothing of the next file until the person closes them)."""
    found: list[incidents.NewDuplicate] | None = st.session_state.get(KEY)
    if not found:
        return False
    st.subheader(t("import.result.heading", lang))
    inert.message("warning", inert.said("import.result.intro", lang, count=len(found)))
    inert.table(_table(found[:SHOWN], lang).set_index(t("field.id", lang)))
    if len(found) > SHOWN:
        st.caption(inert.said("import.result.more", lang, count=len(found) - SHOWN, shown=SHOWN))
    titles = {e.evidence_id: inert.clean(e.title) for e in found}
    opened = st.selectbox(
        t("import.result.open", lang),
        [None, *titles],
        format_func=lambda i: "—" if i is None else f"#{i} · {titles[i]}",
        key=f"{KEY}.open",
    )
    if may(state.actor().role, Action.EDIT):
        _link_all(slot, found, lang)
    st.button(t("import.result.close", lang), key=f"{KEY}.close", on_click=_close)
    if opened is not None:
        entry_panel.show(int(opened), lang=lang)
    return True


def _link_all(slot: str, found: list[incidents.NewDuplicate], lang: str) -> None:
    """One action, confirmed first: every new entry linked with what it resembles."""
    pairs = _pairs(found)
    confirmed = st.checkbox(
        t("import.result.confirm", lang, count=len(pairs)), key=f"{KEY}.confirm"
    )

    @actions.callback(slot)
    def link_all() -> None:
        """Only when confirmed (the box is checked again here: a button can be pressed by a
        page drawn before the box was cleared)."""
        if not st.session_state.get(f"{KEY}.confirm"):
            actions.leave(slot, note("warning", "import.result.confirm_first"))
            return
        actions.run(slot, incidents.link_all, done=_linked, pairs=pairs)
        st.session_state[f"{KEY}.confirm"] = False

    st.button(
        t("import.result.link_all", lang),
        key=f"{KEY}.link_all",
        on_click=link_all,
        disabled=not confirmed,
    )


@actions.callback(SLOT)
def _close() -> None:
    st.session_state.pop(KEY, None)
    st.session_state.pop(f"{KEY}.open", None)
