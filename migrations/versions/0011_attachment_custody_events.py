"""custody events of attachments and captures: one append-only row per attach, capture, view,
download, export, re-hash and restore; what in an attachment could reveal a witness

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-01 09:25:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0011'
down_revision: str | None = '0010'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

ACTIONS = ('attach', 'capture', 'view', 'download', 'export', 'rehash', 'restore')


def upgrade() -> None:
    op.create_table(
        'custody_event',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('actor_id', sa.Integer(), nullable=True),
        sa.Column(
            'action',
            sa.Enum(
                *ACTIONS,
                name='custody_action',
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column(
            'item_kind',
            sa.Enum(
                'attachment',
                'capture',
                name='custody_item',
                native_enum=False,
                create_constraint=True,
                length=32,
            ),
            nullable=False,
        ),
        sa.Column('item_id', sa.Integer(), nullable=False),
        sa.Column('evidence_id', sa.Integer(), nullable=True),
        sa.Column('sha256_recorded', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('sha256_seen', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('sha256_out', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True),
        sa.Column('matched', sa.Boolean(), nullable=False),
        sa.Column('detail', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.CheckConstraint(
            'sha256_out IS NULL OR length(sha256_out) = 64',
            name=op.f('ck_custody_event_sha256_out_length'),
        ),
        sa.CheckConstraint(
            'sha256_seen IS NULL OR length(sha256_seen) = 64',
            name=op.f('ck_custody_event_sha256_seen_length'),
        ),
        sa.ForeignKeyConstraint(
            ['actor_id'], ['user.id'], name=op.f('fk_custody_event_actor_id_user')
        ),
        sa.ForeignKeyConstraint(
            ['evidence_id'], ['evidence.id'], name=op.f('fk_custody_event_evidence_id_evidence')
        ),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_custody_event')),
    )
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f('ix_custody_event_evidence_id'), ['evidence_id'], unique=False
        )
        batch_op.create_index('ix_custody_event_item', ['item_kind', 'item_id'], unique=False)
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('revealing_metadata', sa.JSON(), nullable=True))
    # append-only exactly as the audit log (0008): the database refuses UPDATE and DELETE
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            """
            CREATE FUNCTION custody_event_append_only() RETURNS trigger AS $$
            BEGIN
                RAISE EXCEPTION 'custody_event is append-only';
            END;
            $$ LANGUAGE plpgsql
            """
        )
        op.execute(
            "CREATE TRIGGER custody_event_append_only BEFORE UPDATE OR DELETE ON custody_event "
            "FOR EACH ROW EXECUTE FUNCTION custody_event_append_only()"
        )
    else:
        for event in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER custody_event_no_{event.lower()} BEFORE {event} "
                "ON custody_event "
                "BEGIN SELECT RAISE(ABORT, 'custody_event is append-only'); END"
            )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS custody_event_append_only ON custody_event")
        op.execute("DROP FUNCTION IF EXISTS custody_event_append_only()")
    else:
        op.execute("DROP TRIGGER IF EXISTS custody_event_no_update")
        op.execute("DROP TRIGGER IF EXISTS custody_event_no_delete")
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_column('revealing_metadata')
    with op.batch_alter_table('custody_event', schema=None) as batch_op:
        batch_op.drop_index('ix_custody_event_item')
        batch_op.drop_index(batch_op.f('ix_custody_event_evidence_id'))
    op.drop_table('custody_event')
