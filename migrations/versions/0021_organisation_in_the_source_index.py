"""evidence: the organisation in the Overview's region/source covering index

The Overview credits the organisations that recorded what it counts ("Recorded by"). Counted
apart, that was a second pass over every entry (2 s at a million, again at each language
switch); with the organisation in this index, after the columns its facets group by, the same
pass that counts regions and sources counts organisations too, still in index order. The index
is dropped and made again (not a batch operation: the table, its search triggers, stay).

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-01 18:05:00
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0021'
down_revision: str | None = '0020'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BEFORE = ['withdrawn_at', 'region_code', 'source_type', 'reliability', 'sensitivity', 'event_start', 'event_end', 'verification', 'demand_mask']
AFTER = ['withdrawn_at', 'region_code', 'source_type', 'reliability', 'organisation_id', 'sensitivity', 'event_start', 'event_end', 'verification', 'demand_mask']


def upgrade() -> None:
    op.drop_index('ix_evidence_by_source', table_name='evidence')
    op.create_index('ix_evidence_by_source', 'evidence', AFTER, unique=False)


def downgrade() -> None:
    op.drop_index('ix_evidence_by_source', table_name='evidence')
    op.create_index('ix_evidence_by_source', 'evidence', BEFORE, unique=False)
