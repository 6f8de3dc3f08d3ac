"""users: the language a person last chose, so a sign-in opens the app in it

A sign-in through an organisation's identity provider comes back to the app's bare address
(Streamlit's st.login), without the language the sign-in page had; the account's own choice
then says it. A column added, nothing rebuilt.

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-01 16:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0020'
down_revision: str | None = '0019'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.add_column(
        'user',
        sa.Column('language', sqlmodel.sql.sqltypes.AutoString(length=2), nullable=True),
    )


def downgrade() -> None:
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.drop_column('language')
