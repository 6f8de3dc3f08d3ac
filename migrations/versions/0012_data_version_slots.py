"""data version in slots: concurrent writers on PostgreSQL each bump a free slot

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from collections.abc import Sequence

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass  # claimed; the slots follow in the next commit


def downgrade() -> None:
    pass
