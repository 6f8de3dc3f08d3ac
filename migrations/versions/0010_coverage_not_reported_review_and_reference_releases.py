"""coverage: not reported, a second reviewer, legal review; drafts in two languages;
reference releases

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-01 07:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel.sql.sqltypes
from alembic import op


revision: str = '0010'
down_revision: str | None = '0009'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

LEVELS_BEFORE = "level IN ('explicit', 'partial', 'absent', 'contradicts')"
LEVELS = "level IN ('explicit', 'partial', 'absent', 'contradicts', 'not_reported')"
CITED_BEFORE = "level = 'absent' OR length(point_labels) > 0"
CITED = "level IN ('absent', 'not_reported') OR length(point_labels) > 0"
NOT_REPORTED = "level <> 'not_reported' OR length(point_labels) = 0"
STATES = "state IN ('proposed', 'published', 'rejected')"


def upgrade() -> None:
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_coverage_coverage_level'), type_='check')
        batch_op.drop_constraint(op.f('ck_coverage_cited_points_needed'), type_='check')
        batch_op.create_check_constraint('coverage_level', LEVELS)
        batch_op.create_check_constraint('cited_points_needed', CITED)
        batch_op.create_check_constraint('not_reported_cites_nothing', NOT_REPORTED)
        batch_op.add_column(sa.Column('legal_review', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('legal_note', sqlmodel.sql.sqltypes.AutoString(length=4000), server_default='', nullable=False))
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.add_column(sa.Column('title_uk', sqlmodel.sql.sqltypes.AutoString(length=300), server_default='', nullable=False))
        batch_op.add_column(sa.Column('original_language', sqlmodel.sql.sqltypes.AutoString(length=16), server_default='en', nullable=False))
        batch_op.add_column(sa.Column('other_sources', sqlmodel.sql.sqltypes.AutoString(length=4000), server_default='', nullable=False))
    with op.batch_alter_table('draft_point', schema=None) as batch_op:
        batch_op.add_column(sa.Column('text_uk', sqlmodel.sql.sqltypes.AutoString(length=10000), server_default='', nullable=False))
    op.create_table(
        'coverage_proposal',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('draft_id', sa.Integer(), nullable=False),
        sa.Column('demand_id', sa.Integer(), nullable=False),
        sa.Column('level', sa.Enum('explicit', 'partial', 'absent', 'contradicts', 'not_reported', name='coverage_level', native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column('point_labels', sqlmodel.sql.sqltypes.AutoString(length=500), nullable=False),
        sa.Column('note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('uncertain', sa.Boolean(), nullable=False),
        sa.Column('legal_review', sa.Boolean(), nullable=False),
        sa.Column('legal_note', sqlmodel.sql.sqltypes.AutoString(length=4000), nullable=False),
        sa.Column('state', sa.Enum('proposed', 'published', 'rejected', name='assessment_state', native_enum=False, create_constraint=True, length=32), nullable=False),
        sa.Column('self_approved', sa.Boolean(), nullable=False),
        sa.Column('author_id', sa.Integer(), nullable=False),
        sa.Column('proposed_at', sa.DateTime(timezone=True), nullable=False),
        sa.Column('approver_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(timezone=True), nullable=True),
        sa.Column('reason', sqlmodel.sql.sqltypes.AutoString(length=2000), nullable=False),
        sa.CheckConstraint(CITED, name=op.f('ck_coverage_proposal_cited_points_needed')),
        sa.CheckConstraint(NOT_REPORTED, name=op.f('ck_coverage_proposal_not_reported_cites_nothing')),
        sa.ForeignKeyConstraint(['approver_id'], ['user.id'], name=op.f('fk_coverage_proposal_approver_id_user')),
        sa.ForeignKeyConstraint(['author_id'], ['user.id'], name=op.f('fk_coverage_proposal_author_id_user')),
        sa.ForeignKeyConstraint(['demand_id'], ['demand.id'], name=op.f('fk_coverage_proposal_demand_id_demand')),
        sa.ForeignKeyConstraint(['draft_id'], ['draft.id'], name=op.f('fk_coverage_proposal_draft_id_draft')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_coverage_proposal')),
    )
    with op.batch_alter_table('coverage_proposal', schema=None) as batch_op:
        batch_op.create_index('ix_coverage_proposal_cell', ['draft_id', 'demand_id', 'proposed_at'], unique=False)
    op.create_table(
        'reference_row',
        sa.Column('kind', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.Column('key', sqlmodel.sql.sqltypes.AutoString(length=80), nullable=False),
        sa.Column('digest', sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False),
        sa.Column('release', sqlmodel.sql.sqltypes.AutoString(length=32), nullable=False),
        sa.PrimaryKeyConstraint('kind', 'key', name=op.f('pk_reference_row')),
    )
    # every code that exists starts its cell's history, as published by whoever saved it
    op.execute(
        "INSERT INTO coverage_proposal (draft_id, demand_id, level, point_labels, note, "
        "uncertain, legal_review, legal_note, state, self_approved, author_id, proposed_at, "
        "approver_id, decided_at, reason) "
        "SELECT draft_id, demand_id, level, point_labels, note, uncertain, legal_review, "
        "legal_note, 'published', true, updated_by, updated_at, updated_by, updated_at, '' "
        "FROM coverage"
    )


def downgrade() -> None:
    op.drop_table('reference_row')
    with op.batch_alter_table('coverage_proposal', schema=None) as batch_op:
        batch_op.drop_index('ix_coverage_proposal_cell')
    op.drop_table('coverage_proposal')
    with op.batch_alter_table('draft_point', schema=None) as batch_op:
        batch_op.drop_column('text_uk')
    with op.batch_alter_table('draft', schema=None) as batch_op:
        batch_op.drop_column('other_sources')
        batch_op.drop_column('original_language')
        batch_op.drop_column('title_uk')
    # a not-reported cell has no place in the old scale: it becomes absent, uncertain
    op.execute("UPDATE coverage SET level = 'absent', uncertain = true WHERE level = 'not_reported'")
    with op.batch_alter_table('coverage', schema=None) as batch_op:
        batch_op.drop_column('legal_note')
        batch_op.drop_column('legal_review')
        batch_op.drop_constraint(op.f('ck_coverage_not_reported_cites_nothing'), type_='check')
        batch_op.drop_constraint(op.f('ck_coverage_cited_points_needed'), type_='check')
        batch_op.drop_constraint(op.f('ck_coverage_coverage_level'), type_='check')
        batch_op.create_check_constraint('coverage_level', LEVELS_BEFORE)
        batch_op.create_check_constraint('cited_points_needed', CITED_BEFORE)
