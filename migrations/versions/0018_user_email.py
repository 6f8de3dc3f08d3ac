"""users: an e-mail address, the one an organisation's identity provider vouches for

A column added and a unique index on it: no table is rebuilt, on SQLite either (the user
table is the parent of every other).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-01 12:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0018'
down_revision: str | None = '0017'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'user',
        sa.Column('email', sqlmodel.sql.sqltypes.AutoString(length=254), nullable=True),
    )
    op.create_index('ix_user_email', 'user', ['email'], unique=True)


def downgrade() -> None:
    op.drop_index('ix_user_email', table_name='user')
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('email')
