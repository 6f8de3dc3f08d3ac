"""The reader ahead: after its pause it reads only the latest wish, each key once, and a
failing read harms nothing."""

from __future__ import annotations

import threading

from monitor.ui import actions


def _finished() -> None:
    for thread in threading.enumerate():
        if thread.name == "read-ahead":
            thread.join(timeout=30)


def test_only_the_latest_wish_is_read_and_each_key_once() -> None:
    reads: list[str] = []
    ahead = actions._ReadAhead()
    for key in ("filters 1", "filters 2", "filters 3"):  # a reader clicking through filters
        ahead.ask(key, lambda key=key: reads.append(key))  # type: ignore[misc]
    _finished()
    assert reads == ["filters 3"]
    ahead.ask("filters 3", lambda: reads.append("again"))
    ahead.ask("broken", lambda: 1 / 0)
    _finished()
    ahead.ask("after", lambda: reads.append("after"))
    _finished()
    assert reads == ["filters 3", "after"]  # read once; a failure stopped nothing
