"""the register's search indexed: a stored folded search text, FTS5 trigram / pg_trgm

Each entry's searched texts folded once into evidence.search_text (monitor.core.search_text),
filled here for the entries already there; SQLite indexes it with an FTS5 trigram table kept in
step by triggers, PostgreSQL with a pg_trgm GIN index. Where the pg_trgm extension cannot be
created (no privilege), the search still works, unindexed.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-01 12:10:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from monitor.core import search_text

revision: str = '0017'
down_revision: str | None = '0016'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('search_text', sa.Text(), server_default='', nullable=False))
    bind = op.get_bind()
    search_text.refresh(bind)
    if bind.dialect.name == 'sqlite':
        for statement in search_text.SQLITE_CREATE:
            op.execute(statement)
    elif bind.dialect.name == 'postgresql':
        try:
            with bind.begin_nested():
                bind.exec_driver_sql('CREATE EXTENSION IF NOT EXISTS pg_trgm')
        except sa.exc.DBAPIError:
            return  # no pg_trgm here: the search scans, as before
        op.execute(search_text.POSTGRES_CREATE)


def downgrade() -> None:
    bind = op.get_bind()
    if bind.dialect.name == 'sqlite':
        for statement in search_text.SQLITE_DROP:
            op.execute(statement)
    else:
        op.execute(search_text.POSTGRES_DROP)
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_column('search_text')
