"""custody events of attachments and captures: one append-only row per view, download,
export, capture, re-hash and restore

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 09:25:00
"""
from collections.abc import Sequence

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Filled in by the next commit; claimed first so no other migration takes 0011."""


def downgrade() -> None:
    """Nothing to undo yet."""
