"""Pure logic: values and frames in; values, frames, figures or bytes out.

Status and the implementation index, gaps and draft comparison, points of a draft, keyword
suggestions, charts, the CSV writer with the one formula guard, filters as values, briefing rows.

The one rule: no SQL, no engine or session, no Streamlit, no clock (time is an argument). It
may read core's values (enumerations, limits, the permission policy, files) and `monitor.i18n`;
it never imports `monitor.core.db`, `queries/`, `services/` or `ui/` (ruff enforces it).
"""
