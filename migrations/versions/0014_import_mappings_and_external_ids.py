"""saved import mappings; room in evidence.uid for an external id with its system (kobo:<uuid>)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 09:27:00
"""
from collections.abc import Sequence

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in by the next commit; claimed first so no other migration takes 0014."""


def downgrade() -> None:
    """Nothing to undo yet."""
