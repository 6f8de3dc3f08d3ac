"""KoboToolbox submissions as last pulled: which entry each became, which version of it

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-01 09:45:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0013'
down_revision: str | None = '0012'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'kobo_submission',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('asset_uid', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('root_uuid', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('instance_uuid', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('submitted_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('evidence_id', sa.Integer(), nullable=False),
        sa.Column('evidence_version', sa.Integer(), nullable=False),
        sa.Column('pulled_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('gone_since', sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ['evidence_id'], ['evidence.id'], name=op.f('fk_kobo_submission_evidence_id_evidence')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_kobo_submission')),
        sa.UniqueConstraint(
            'asset_uid', 'root_uuid', name=op.f('uq_kobo_submission_asset_uid_root_uuid')
        ),
    )
    op.create_index(
        op.f('ix_kobo_submission_evidence_id'), 'kobo_submission', ['evidence_id'], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f('ix_kobo_submission_evidence_id'), table_name='kobo_submission')
    op.drop_table('kobo_submission')
