"""data version in slots: concurrent writers on PostgreSQL each bump a free slot

The one row becomes 64 (the old row keeps its count as slot 1, the others start at 0), so the
data version, now the sum of the slots, goes on from the number it had.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-01
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0012'
down_revision: str | None = '0011'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SLOTS = 64  # as models.DATA_VERSION_SLOTS was when this revision was written


def upgrade() -> None:
    with op.batch_alter_table('data_version') as batch_op:
        batch_op.drop_constraint(op.f('ck_data_version_single_row'), type_='check')
        batch_op.create_check_constraint(op.f('ck_data_version_slot'), f'id BETWEEN 1 AND {SLOTS}')
    slots = sa.table('data_version', sa.column('id', sa.Integer), sa.column('version', sa.Integer))
    op.bulk_insert(slots, [{'id': slot, 'version': 0} for slot in range(2, SLOTS + 1)])


def downgrade() -> None:
    op.execute("UPDATE data_version SET version = (SELECT SUM(version) FROM data_version) WHERE id = 1")
    op.execute("DELETE FROM data_version WHERE id > 1")
    with op.batch_alter_table('data_version') as batch_op:
        batch_op.drop_constraint(op.f('ck_data_version_slot'), type_='check')
        batch_op.create_check_constraint(op.f('ck_data_version_single_row'), 'id = 1')
