"""The read side: engine in, DataFrame (or a plain value) out.

lookups (demands, regions, drafts, coverage, users, the inbox), evidence (the filters in SQL,
the register, one entry, an entry's demand codes), overview (the Overview's aggregates),
briefings (briefing rows in SQL), assessments, audit_log, settings.

The one rule: queries only read. They never write or commit, never call `services/` and never
draw; they may use `core/` and `domain/`. Readers pass the sensitivities they may see, which
`monitor.core.permissions` decides; a query never makes up a user.
"""
