"""One error tree for the whole tool, each error carrying an i18n key.

    MonitorError
     +-- ConfigError          bad settings: URL, unwritable folder, unreachable database
     +-- InvalidInput         a field refused; .fields maps field name -> message
     +-- StaleVersion         someone else saved the record first (optimistic locking)
     +-- Forbidden            the actor's role does not allow the action
     +-- NotFound             no such record
     +-- CaptureError         a source URL could not be fetched or was refused

Services raise these; pages show t(err.key, lang, **err.params); the CLI prints str(err).
"""

from __future__ import annotations

from typing import Any


class MonitorError(Exception):
    """Base of every error the tool reports to a person."""

    key = "error.generic"

    def __init__(self, message: str, *, key: str | None = None, **params: Any) -> None:
        super().__init__(message)
        if key is not None:
            self.key = key
        self.params = params


class ConfigError(MonitorError):
    """The configuration cannot work: bad URL, unwritable data folder, database unreachable."""

    key = "error.config"


class InvalidInput(MonitorError):
    """Input refused; `fields` says which field and why, so a form can keep everything typed.

    `problems` keeps each field's reason as an i18n key with parameters, so a page can say it
    in the reader's language; `fields` holds the same reasons in English for logs and the CLI.
    """

    key = "error.invalid_input"

    def __init__(
        self,
        fields: dict[str, str],
        *,
        key: str | None = None,
        problems: dict[str, tuple[str, dict[str, Any]]] | None = None,
    ) -> None:
        message = "; ".join(f"{name}: {why}" for name, why in fields.items())
        super().__init__(message, key=key)
        self.fields = fields
        self.problems = problems or {}


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
