"""One write transaction around one service call, for a caller that is not itself a service.

The command line calls services this way; the UI has its own runner (`monitor.ui.actions`),
which also supplies the acting user. Services that own their transactions take `engine`
instead and are called directly.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from sqlalchemy.engine import Engine

from monitor.core.db import session_scope

T = TypeVar("T")


def in_transaction(engine: Engine, service: Callable[..., T], /, **arguments: Any) -> T:
    """Call `service(session=..., **arguments)` in one transaction: committed when it returns,
    rolled back when it raises."""
    with session_scope(engine) as session:
        return service(session=session, **arguments)
