"""organisations: users belong to one; entries, assessments, coverage codes and imports record it;
a sensitivity "organisation only"

Everything already there is put under one default organisation, which an admin can rename; an
empty database gets none (a restore needs it empty; the first seed makes the default one).
Downgrading turns organisation-only entries into confidential ones (still hidden from viewers;
the closest of the three older levels) before the column loses its organisation.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-01 12:05:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op

revision: str = '0016'
down_revision: str | None = '0015'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

SENSITIVITY_BEFORE = "sensitivity IN ('public', 'restricted', 'confidential')"
SENSITIVITY = "sensitivity IN ('public', 'restricted', 'confidential', 'organisation')"
DEFAULT = "(SELECT id FROM organisation WHERE code = 'default')"
# the tables whose rows record the organisation of whoever wrote them
RECORDING = ('user', 'evidence', 'assessment', 'coverage', 'coverage_proposal')
INDEXED = ('user', 'evidence')


def upgrade() -> None:
    op.create_table(
        'organisation',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('code', sqlmodel.sql.sqltypes.AutoString(length=16), nullable=False),
        sa.Column('name_en', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('name_uk', sqlmodel.sql.sqltypes.AutoString(length=200), nullable=False),
        sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint('length(code) > 0', name=op.f('ck_organisation_code_not_empty')),
        sa.CheckConstraint('length(name_en) > 0', name=op.f('ck_organisation_name_not_empty')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
        sa.UniqueConstraint('code', name=op.f('uq_organisation_code')),
    )
    op.execute(
        "INSERT INTO organisation (code, name_en, name_uk, created_at) "
        "SELECT 'default', 'Default organisation', 'Організація за замовчуванням', "
        "CURRENT_TIMESTAMP WHERE EXISTS (SELECT 1 FROM \"user\")"
    )
    for table in RECORDING:
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('organisation_id', sa.Integer(), nullable=True))
            batch_op.create_foreign_key(
                op.f(f'fk_{table}_organisation_id_organisation'),
                'organisation',
                ['organisation_id'],
                ['id'],
            )
            if table in INDEXED:
                batch_op.create_index(
                    op.f(f'ix_{table}_organisation_id'), ['organisation_id'], unique=False
                )
            if table == 'evidence':
                batch_op.drop_constraint(op.f('ck_evidence_sensitivity'), type_='check')
                batch_op.create_check_constraint('sensitivity', SENSITIVITY)
        op.execute(f'UPDATE "{table}" SET organisation_id = {DEFAULT}')


def downgrade() -> None:
    op.execute("UPDATE evidence SET sensitivity = 'confidential' WHERE sensitivity = 'organisation'")
    for table in reversed(RECORDING):
        with op.batch_alter_table(table, schema=None) as batch_op:
            if table == 'evidence':
                batch_op.drop_constraint(op.f('ck_evidence_sensitivity'), type_='check')
                batch_op.create_check_constraint('sensitivity', SENSITIVITY_BEFORE)
            if table in INDEXED:
                batch_op.drop_index(op.f(f'ix_{table}_organisation_id'))
            batch_op.drop_constraint(
                op.f(f'fk_{table}_organisation_id_organisation'), type_='foreignkey'
            )
            batch_op.drop_column('organisation_id')
    op.drop_table('organisation')
