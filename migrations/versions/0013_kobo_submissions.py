"""KoboToolbox submissions as last pulled: which entry each became, which version of it

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 09:45:00
"""
from collections.abc import Sequence

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in by the next commit; claimed first so no other migration takes 0013."""


def downgrade() -> None:
    """Nothing to undo yet."""
