"""incidents grouping entries (corroboration), sources kept from merged entries, and the stored
keys duplicates are found by (a normalised source URL, the source, the title: digests)

Existing entries get their keys computed by the same rule a save uses
(`monitor.domain.duplicates.keys`), so they are found as duplicates at once.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-01 12:01:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

from monitor.domain import duplicates

revision: str = '0015'
down_revision: str | None = '0014'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BATCH = 5000


def upgrade() -> None:
    op.create_table(
        'incident',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('created_by', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['created_by'], ['user.id'], name=op.f('fk_incident_created_by_user')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_incident')),
    )
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_url_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('source_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('text_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True))
        batch_op.add_column(sa.Column('incident_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('merged_into', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            op.f('fk_evidence_incident_id_incident'), 'incident', ['incident_id'], ['id']
        )
        batch_op.create_foreign_key(
            op.f('fk_evidence_merged_into_evidence'), 'evidence', ['merged_into'], ['id']
        )
        batch_op.create_index(op.f('ix_evidence_source_url_key'), ['source_url_key'], unique=False)
        batch_op.create_index(op.f('ix_evidence_text_key'), ['text_key'], unique=False)
        batch_op.create_index(op.f('ix_evidence_incident_id'), ['incident_id'], unique=False)
    op.create_table(
        'evidence_source',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('evidence_id', sa.Integer(), nullable=False),
        sa.Column('from_evidence_id', sa.Integer(), nullable=False),
        sa.Column('source_type', sa.Enum('ngo_report', 'un_report', 'media', 'official', 'witness', 'social_media', 'court', 'other', name='source_type', native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column('source_url', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=True),
        sa.Column('source_title', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=True),
        sa.Column('source_url_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('source_key', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('added_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('added_by', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['added_by'], ['user.id'], name=op.f('fk_evidence_source_added_by_user')),
        sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], name=op.f('fk_evidence_source_evidence_id_evidence')),
        sa.ForeignKeyConstraint(['from_evidence_id'], ['evidence.id'], name=op.f('fk_evidence_source_from_evidence_id_evidence')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_evidence_source')),
        sa.UniqueConstraint('evidence_id', 'from_evidence_id', name=op.f('uq_evidence_source_evidence_id_from_evidence_id')),
    )
    with op.batch_alter_table('evidence_source', schema=None) as batch_op:
        batch_op.create_index(op.f('ix_evidence_source_evidence_id'), ['evidence_id'], unique=False)
        batch_op.create_index(op.f('ix_evidence_source_source_url_key'), ['source_url_key'], unique=False)
    _fill_keys()


def _fill_keys() -> None:
    """Every existing entry's keys, by the rule a save uses, a batch of rows at a time."""
    conn = op.get_bind()
    evidence = sa.table(
        'evidence',
        sa.column('id', sa.Integer),
        sa.column('title', sa.String),
        sa.column('source_url', sa.String),
        sa.column('source_title', sa.String),
        sa.column('source_url_key', sa.String),
        sa.column('source_key', sa.String),
        sa.column('text_key', sa.String),
    )
    update = (
        sa.update(evidence)
        .where(evidence.c.id == sa.bindparam('row_id'))
        .values(
            source_url_key=sa.bindparam('u'),
            source_key=sa.bindparam('s'),
            text_key=sa.bindparam('t'),
        )
    )
    last = 0
    while True:
        rows = conn.execute(
            sa.select(evidence.c.id, evidence.c.title, evidence.c.source_url, evidence.c.source_title)
            .where(evidence.c.id > last)
            .order_by(evidence.c.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return
        values = []
        for row in rows:
            found = duplicates.keys(
                source_url=row.source_url, source_title=row.source_title, title=row.title
            )
            values.append(
                {'row_id': row.id, 'u': found['source_url_key'], 's': found['source_key'], 't': found['text_key']}
            )
        conn.execute(update, values)
        last = rows[-1].id


def downgrade() -> None:
    with op.batch_alter_table('evidence_source', schema=None) as batch_op:
        batch_op.drop_index(op.f('ix_evidence_source_source_url_key'))
        batch_op.drop_index(op.f('ix_evidence_source_evidence_id'))
    op.drop_table('evidence_source')
    with op.batch_alter_table('evidence', schema=None) as batch_op:
        batch_op.drop_index(op.f('ix_evidence_incident_id'))
        batch_op.drop_index(op.f('ix_evidence_text_key'))
        batch_op.drop_index(op.f('ix_evidence_source_url_key'))
        batch_op.drop_constraint(op.f('fk_evidence_merged_into_evidence'), type_='foreignkey')
        batch_op.drop_constraint(op.f('fk_evidence_incident_id_incident'), type_='foreignkey')
        batch_op.drop_column('merged_into')
        batch_op.drop_column('incident_id')
        batch_op.drop_column('text_key')
        batch_op.drop_column('source_key')
        batch_op.drop_column('source_url_key')
    op.drop_table('incident')
