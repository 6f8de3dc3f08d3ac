"""saved import mappings; room in evidence.uid for an external id with its system (kobo:<uuid>)

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-01 09:27:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0014'
down_revision: str | None = '0013'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'import_mapping',
        sa.Column('name', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('spec', sa.JSON(), nullable=False),
        sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('updated_by', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ['updated_by'], ['user.id'], name=op.f('fk_import_mapping_updated_by_user')
        ),
        sa.PrimaryKeyConstraint('name', name=op.f('pk_import_mapping')),
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.alter_column(
            'uid',
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=36),
            type_=sqlmodel.sql.sqltypes.AutoString(length=64),
            existing_nullable=False,
        )


def downgrade() -> None:
    # an id longer than 36 characters (kobo:<uuid>) would not fit the old column
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.alter_column(
            'uid',
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
            type_=sqlmodel.sql.sqltypes.AutoString(length=36),
            existing_nullable=False,
        )
    op.drop_table('import_mapping')
