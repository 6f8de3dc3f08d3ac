"""The one way the UI calls a service, and the one place an outcome becomes words on screen.

- `run(slot, service, **arguments)` calls a service from a button's callback, as the acting
  user, and leaves its outcome under `slot` for the next rerun.
- `read(service, **arguments)` calls, while a page draws, something that may refuse what it is
  given (a briefing preview, a file to parse, rows to check), and draws a refusal in place.
- `download(service, **arguments)` makes the bytes of a download button when it is clicked.
- `leave(slot, *notes)` leaves notes when no service was called.
- `show(slot)` draws what `run` or `leave` left; `read` draws through the same renderer.

Every message is drawn in the language chosen when it is drawn: notes hold catalogue keys, and
errors are described by `monitor.i18n.describe`, never by their English text.

Who opens the transaction. A service's signature says what it needs, and the runner supplies
it: `session` (one write transaction opened here for `run`, a read-only session for `read`),
`engine` (the few services that own their transactions, network and files, say so this way),
`actor` (the acting user). Pages therefore pass only what the person chose. This is the single
place the UI opens a transaction, so it is the one UI module allowed to import
`monitor.core.db` (ruff bans it everywhere else in ui/). A services-level "run in a transaction"
helper was weighed and left out: it would move these few lines one floor down, and every page
would then pass a lambda taking the session instead of the service and what the person chose;
the rule (one place opens a transaction for the UI) holds either way.

It is also the only UI module with `except` (tests/ui/test_walls.py keeps it that way): an
error is caught here once and becomes an outcome, never a traceback. A `MonitorError` is a
refusal the person can act on; anything else is a fault of ours: the person reads a short
message in their language with an incident number, and the traceback goes to the server log
under that number (`page` for a whole page, `callback` for a button's callback, and `run` and
`read` themselves). Streamlit's own control flow (`st.rerun`, `st.stop`, `st.switch_page`)
raises `BaseException`s that are not `Exception`s, so it passes through untouched.

Every word drawn here goes through `monitor.ui.inert`: a parameter a person or a feed gave (a
file name, a title, an unknown code) is escaped before the message is rendered as Markdown.
"""

from __future__ import annotations

import functools
import inspect
import logging
import secrets
import threading
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, ParamSpec, TypeVar

import pandas as pd
import streamlit as st
from streamlit.navigation.page import StreamlitPage
from streamlit.runtime.scriptrunner import add_script_run_ctx, get_script_run_ctx

# the single place the UI opens a transaction (see the module docstring)
from monitor.core.db import read_session, session_scope  # noqa: TID251
from monitor.errors import InvalidInput, MonitorError, StaleVersion
from monitor.i18n import field_label
from monitor.ui import inert, state
from monitor.ui.inert import Markdown

T = TypeVar("T")
P = ParamSpec("P")
LOG = logging.getLogger("monitor.ui")
Kind = Literal["success", "info", "warning", "error"]


@dataclass(frozen=True)
class Note:
    """One message: a catalogue key and its parameters, put into words only when drawn.

    A parameter that is itself a Note or an error is put into words too, in the same language.
    """

    kind: Kind
    key: str
    params: Mapping[str, object] = field(default_factory=dict)


def note(kind: Kind, key: str, **params: object) -> Note:
    """A message of any kind (a call may succeed and still have something to warn about)."""
    return Note(kind, key, params)


def phrase(key: str, **params: object) -> Note:
    """Words to put inside another note (an action's name, a clause), in the same language."""
    return Note("info", key, params)


def success(key: str, **params: object) -> Note:
    """What most calls say when they worked."""
    return Note("success", key, params)


@dataclass(frozen=True)
class Outcome:
    """What a call left for the page: its notes, or the error that refused it."""

    notes: tuple[Note, ...] = ()
    error: MonitorError | None = None
    form: bool = False  # the refused fields are also marked beside a form's widgets


def incident(err: Exception) -> Note:
    """An unexpected error: its traceback to the server log under a new incident number, and
    the note the person reads (the number, nothing of the error itself)."""
    number = secrets.token_hex(4)
    LOG.error("incident %s: unexpected %s", number, type(err).__name__, exc_info=err)
    return note("error", "error.unexpected", incident=number)


Done = Note | Callable[[T], Iterable[Note]] | None


def _slot(slot: str) -> str:
    """Where a slot's outcome waits in the session (apart from any widget's key)."""
    return f"outcome.{slot}"


def _bind(service: Callable[..., Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """Add what the service's signature asks for besides a session: the actor, the engine."""
    wanted = inspect.signature(service).parameters
    given = dict(arguments)
    if "actor" in wanted:
        given["actor"] = state.actor()
    if "engine" in wanted:
        given["engine"] = state.engine()
    return given


def _call(service: Callable[..., T], given: dict[str, Any], *, write: bool) -> T:
    """Call the service, in one session opened here when its signature asks for one."""
    if "session" not in inspect.signature(service).parameters:
        return service(**given)
    opened = session_scope if write else read_session
    with opened(state.engine()) as session:
        return service(session=session, **given)


def run(
    slot: str,
    service: Callable[..., T],
    /,
    *,
    done: Done[T] = None,
    form: str | None = None,
    refresh: bool = True,
    **arguments: Any,
) -> T | None:
    """Call `service` as the acting user; leave its outcome under `slot` for the next rerun.

    `done` is the note for success (or makes the notes from the result); `form` is the key
    prefix of a form whose widgets mark the refused fields; `refresh=False` for a call that
    changes nothing the pages show (signing in, a download). Returns the result, or None when
    the service refused.
    """
    try:
        result = _call(service, _bind(service, arguments), write=True)
    except MonitorError as err:
        if form is not None and isinstance(err, InvalidInput):
            st.session_state[f"{form}.problems"] = err.problems
        st.session_state[_slot(slot)] = Outcome(error=err, form=form is not None)
        return None
    except Exception as err:  # a fault of ours, not a refusal: see the module docstring
        leave(slot, incident(err))
        return None
    if form is not None:
        st.session_state.pop(f"{form}.problems", None)
    leave(slot, *((done,) if isinstance(done, Note) else done(result) if done else ()))
    if refresh:
        state.clear_caches()
    return result


def read(service: Callable[..., T], /, **arguments: Any) -> T | None:
    """Call a read that may refuse its input; a refusal is drawn here, where the result would
    have been. Returns the result, or None when refused."""
    try:
        return _call(service, _bind(service, arguments), write=False)
    except MonitorError as err:
        _draw(Outcome(error=err), state.lang())
        return None
    except Exception as err:  # a fault of ours, not a refusal: see the module docstring
        _draw(Outcome(notes=(incident(err),)), state.lang())
        return None


def download(service: Callable[..., bytes], /, **arguments: Any) -> Callable[[], bytes]:
    """The bytes of a download button, made only when clicked.

    Streamlit runs that outside the script, where the session's user cannot be read, so the
    actor and the engine are bound now. The page shows a preview (or checks the same input)
    before offering the button, so a refusal is drawn there; an unexpected failure fails the
    download in the browser.
    """
    given = _bind(service, arguments)

    def made() -> bytes:
        """The bytes; a failure is logged under an incident number before the download fails."""
        try:
            return _call(service, given, write=True)
        except Exception as err:
            incident(err)
            raise

    return made


def leave(slot: str, *notes: Note) -> None:
    """Leave notes for the next rerun without calling a service (a form filled from elsewhere)."""
    if notes:
        st.session_state[_slot(slot)] = Outcome(notes=notes)
    else:  # nothing to say: an earlier refusal is not drawn again
        st.session_state.pop(_slot(slot), None)


def show(slot: str) -> None:
    """Draw (once) what the last call left under `slot`."""
    outcome = st.session_state.pop(_slot(slot), None)
    if isinstance(outcome, Outcome):
        _draw(outcome, state.lang())


def callback(slot: str) -> Callable[[Callable[P, None]], Callable[P, None]]:
    """Make a widget's callback safe: whatever it raises becomes an outcome under `slot`.

    Streamlit runs callbacks before the script, outside any page's guard, so an error there
    would otherwise reach the browser as Streamlit's own error box.
    """

    def wrap(fn: Callable[P, None]) -> Callable[P, None]:
        @functools.wraps(fn)
        def guarded(*args: P.args, **kwargs: P.kwargs) -> None:
            try:
                fn(*args, **kwargs)
            except MonitorError as err:
                st.session_state[_slot(slot)] = Outcome(error=err)
            except Exception as err:  # a fault of ours: see the module docstring
                leave(slot, incident(err))

        return guarded

    return wrap


def page(current: StreamlitPage) -> None:
    """Run the page `st.navigation` chose; a refusal or a fault is drawn in its place."""
    try:
        current.run()
    except MonitorError as err:
        _draw(Outcome(error=err), state.lang())
    except Exception as err:  # a fault of ours: see the module docstring
        _draw(Outcome(notes=(incident(err),)), state.lang())


def words(message: Note, lang: str) -> Markdown:
    """A note in `lang` as Markdown to draw: the catalogue's words, its parameters escaped."""
    return inert.said(message.key, lang, **{k: _word(v, lang) for k, v in message.params.items()})


def _word(value: object, lang: str) -> object:
    """A parameter in `lang` when it is words (a note, an error); any other value as it is
    (`inert.said` escapes it)."""
    if isinstance(value, Note):
        return words(value, lang)
    if isinstance(value, MonitorError):
        return inert.described(value, lang)
    return value


def _draw(outcome: Outcome, lang: str) -> None:
    """The one renderer: every outcome of every call looks and reads the same way."""
    err = outcome.error
    if isinstance(err, StaleVersion):
        current: dict[str, Any] = err.params.get("current") or {}
        inert.message("error", inert.said("form.stale_intro", lang, version=current.get("version")))
        inert.table(
            pd.DataFrame(
                {
                    "field": [field_label(name, lang) for name in current],
                    "value": [str(v) for v in current.values()],
                }
            ).set_index("field")
        )
    elif isinstance(err, InvalidInput) and outcome.form:
        inert.message("error", inert.said("form.fix_fields", lang))
        inert.message("error", inert.described(err, lang))
    elif err is not None:
        inert.message("error", inert.described(err, lang))
    for message in outcome.notes:
        inert.message(message.kind, words(message, lang))


# -- reading ahead --------------------------------------------------------------------------

AHEAD_PAUSE_S = 1.0  # a reader clicking through filters starts no read for each stop on the way
_AHEAD_KEPT = 256  # keys remembered, so a rerun does not start the same read again


class _ReadAhead:
    """The process's one reader ahead: after a pause it reads the latest wish, one at a time,
    each key once (its cache then holds the answer)."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.started: set[Hashable] = set()
        self.wish: tuple[Hashable, Callable[[], object]] | None = None
        self.worker: threading.Thread | None = None
        self.stopping = threading.Event()

    def ask(self, key: Hashable, work: Callable[[], object]) -> None:
        with self.lock:
            if key in self.started:
                return
            self.wish = (key, work)
            if self.worker is None:
                self.worker = threading.Thread(target=self._run, name="read-ahead", daemon=True)
                add_script_run_ctx(self.worker, get_script_run_ctx())  # the caches' session
                self.worker.start()

    def stop(self) -> None:
        """Drop the wish, wait for a read under way, forget the keys read: nothing reads on
        after this (a test's database is gone once it ends)."""
        with self.lock:
            self.wish = None
            worker = self.worker
        self.stopping.set()
        if worker is not None:
            worker.join()
        with self.lock:
            self.started.clear()
        self.stopping.clear()

    def _run(self) -> None:
        while True:
            self.stopping.wait(AHEAD_PAUSE_S)  # the pause, cut short by `stop`
            with self.lock:
                if self.wish is None or self.stopping.is_set():
                    self.worker = None
                    return
                key, work = self.wish
                self.wish = None
                if key in self.started:
                    continue
                if len(self.started) >= _AHEAD_KEPT:
                    self.started.clear()
                self.started.add(key)
            try:
                work()
            except Exception:  # spare work: the click itself reads it, and says what went wrong
                LOG.info("read ahead of %r failed; the click will read it", key, exc_info=True)


_READ_AHEAD = _ReadAhead()


def stop_reading_ahead() -> None:
    """Stop the reader ahead and forget what it read (before the caches it filled are
    cleared, or the database it reads is closed)."""
    _READ_AHEAD.stop()


def read_ahead(key: Hashable, work: Callable[[], object]) -> None:
    """Run `work` (a read that fills a cache) in the background while the reader looks at the
    page, so that what a click will need is ready when it comes.

    Spare work never piles up on a loaded server: one thread a process, which waits a second
    first and then reads only the latest wish (a reader changing filters starts no read for
    each stop), each key once. A click that comes while it reads waits for the same cache
    entry rather than reading it twice (Streamlit's cache computes a value once). A failure
    only means the click reads it."""
    _READ_AHEAD.ask(key, work)
