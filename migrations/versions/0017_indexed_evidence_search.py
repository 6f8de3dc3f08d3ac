"""the register's search indexed: a stored folded search text, FTS5 trigram / pg_trgm

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 12:10:00
"""
from collections.abc import Sequence

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
