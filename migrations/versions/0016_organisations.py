"""organisations: users belong to one; entries, assessments, coverage codes and imports record it;
a sensitivity "organisation only"

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 12:05:00
"""
from collections.abc import Sequence

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
