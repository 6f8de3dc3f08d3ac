"""The ground floor: what every layer stands on.

Tables and enumerations (`models`), field limits named once (`limits`), input models and their
checks (`inputs`, `validation`), engines and the one transaction helper (`db`, `migrate`), the
audit trail (`audit`), the permission policy (`permissions`), passwords, stored files and the
one atomic write (`files`), the guarded HTTP client (`fetching`), portable SQL (`sqlfuncs`) and
the demand bit mask.

The one rule: core imports nothing above it (never `domain/`, `queries/`, `services/` or
`ui/`; ruff enforces it) and never draws; besides `monitor.errors`, `monitor.i18n` and
`monitor.config` it stands on libraries alone.
"""
