"""likely duplicates of an import's rows: the title key indexed with the place and date

The import looks up each new row's stored look-alikes by title key at its region and dates
(`monitor.queries.duplicates.find_batch`). With the title key alone, or the region and date
alone, every entry of a common title, or of the region's window, was read for every row, so
the import slowed as the register grew; one index of (title key, region, event start)
reads only the entries a row can match. It replaces the title key's own index, whose every
look-up it also serves (its first column). No table is rebuilt, on SQLite either (the
register search's triggers stay).

Revision ID: 0019
Revises: 0018
Create Date: 2026-12-01 16:40:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0019'
down_revision: str | None = '0018'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        'ix_evidence_text_place', 'evidence', ['text_key', 'region_code', 'event_start']
    )
    op.drop_index('ix_evidence_text_key', table_name='evidence')


def downgrade() -> None:
    op.create_index('ix_evidence_text_key', 'evidence', ['text_key'])
    op.drop_index('ix_evidence_text_place', table_name='evidence')
