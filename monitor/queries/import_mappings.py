"""The import mappings people saved, by name (`monitor.domain.import_mapping`'s profile JSON)."""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Engine
from sqlmodel import col

from monitor.core.models import SavedImportMapping


def saved_mappings(engine: Engine) -> dict[str, dict[str, Any]]:
    """Each saved mapping's JSON by its name, in name order."""
    query = sa.select(col(SavedImportMapping.name), col(SavedImportMapping.spec)).order_by(
        col(SavedImportMapping.name)
    )
    with engine.connect() as conn:
        return {str(name): dict(spec) for name, spec in conn.execute(query)}
