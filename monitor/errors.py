"""One error tree for the whole tool; every error is a catalogue key with its parameters.

    MonitorError
     +-- ConfigError          bad settings: URL, unwritable folder, unreachable database
     +-- InvalidInput         fields refused; .problems maps field name -> (key, params)
     +-- StaleVersion         someone else saved the record first (optimistic locking)
     +-- Forbidden            the actor's role does not allow the action
     +-- NotFound             no such record
     +-- CaptureError         a source URL could not be fetched or was refused

The key and its parameters are the single source of what an error says: a page shows
`monitor.i18n.describe(err, lang)`, in the reader's language; `str(err)` is the same text in
English, made from the same key, for the command line and the logs. A parameter may itself be
words (an enumeration value, another error): it is put into words in the same language.
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

from monitor.i18n import t

# one field's reason: an i18n key and its parameters
Problem = tuple[str, dict[str, Any]]

_NO_PROBLEMS: Mapping[str, Problem] = MappingProxyType({})


class MonitorError(Exception):
    """Base of every error the tool reports to a person.

    Raise it with a catalogue key and the key's parameters; the English message is derived
    from them. (A message passed in is kept as it is, for a key whose text has `{message}`.)
    """

    key = "error.generic"
    problems: Mapping[str, Problem] = _NO_PROBLEMS

    def __init__(self, message: str | None = None, *, key: str | None = None, **params: Any):
        if key is not None:
            self.key = key
        self.params = params
        super().__init__(self._english() if message is None else message)

    def _english(self) -> str:
        """The message for the command line and the logs: the key's English text."""
        return t(self.key, "en", **self.params)


class ConfigError(MonitorError):
    """The configuration cannot work: bad URL, unwritable data folder, database unreachable."""

    key = "error.config"


class InvalidInput(MonitorError):
    """Input refused; `problems` says which field and why, so a form can keep everything typed.

    Each field's reason is an i18n key with parameters, so a page says it in the reader's
    language; `fields` (read-only) is the same reasons in English, for logs and the CLI.
    """

    key = "error.invalid_input"

    def __init__(
        self, problems: Mapping[str, Problem], *, key: str | None = None, **params: Any
    ) -> None:
        self.problems = dict(problems)
        super().__init__(key=key, **params)

    @property
    def fields(self) -> dict[str, str]:
        """Each refused field's reason in English."""
        return {name: t(key, "en", **params) for name, (key, params) in self.problems.items()}

    def _english(self) -> str:
        if not self.problems:
            return super()._english()
        return "; ".join(f"{name}: {why}" for name, why in self.fields.items())


class StaleVersion(MonitorError):
    """Another person saved the record since it was loaded; nothing was overwritten."""

    key = "error.stale_version"


class Forbidden(MonitorError):
    """The acting user's role does not allow this."""

    key = "error.forbidden"


class NotFound(MonitorError):
    """The record asked for does not exist."""

    key = "error.not_found"


class CaptureError(MonitorError):
    """A source could not be captured (refused address, timeout, too large, HTTP error)."""

    key = "error.capture"
