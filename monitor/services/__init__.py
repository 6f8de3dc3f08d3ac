"""The write side and the use cases: one module per capability (evidence, drafts, briefings ...).

The one rule, for transactions: a service takes `session` (and `actor`, and the rest) by
keyword, checks the policy (`monitor.core.permissions.require`), writes through the session
with its audit event (`monitor.core.audit`), and never commits: whoever opened the session
commits or rolls back, all or nothing. Those callers are `monitor.ui.actions` (the UI's one
runner) and `services.transactions.in_transaction` (the command line's).

A service owns its transaction only when it must, and then it takes `engine` and its docstring
says why: it waits on the network (`captures.capture_sources`, `inbox.pull_feeds`), writes
files or streams (`backup`, `briefings.export_to` / `download_bytes`, `evidence.log_entry`),
must commit a refusal (`accounts.sign_in` counts failed attempts), or runs before anything else
(`startup`). A use case that only reads passes its engine to `monitor.queries`.

No production code outside `services/` and `monitor/ui/actions.py` opens a write transaction;
`monitor.core.db.session_scope` is the one that commits. Services may import `core/`,
`domain/`, `queries/`, `monitor.errors`, `monitor.i18n` and `monitor.config`; never `ui/` or
Streamlit.
"""
