"""v1: people (versioned), visits (versioned), outbox, audit log, meta, name/NIK search.

Revision ID: 0001_v1
Revises: (none)
Create Date: 2026-11-23 19:23:42.696926
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = '0001_v1'
down_revision = None
branch_labels = None
depends_on = None

# Frozen copy of what v1 needs beyond the tables: the trigram search index kept in step by
# triggers, and the guards that refuse to delete anything whose outbox entries are not acked.
SEARCH_AND_GUARDS = [
    "CREATE VIRTUAL TABLE person_search USING fts5(name_norm, nik, tokenize = 'trigram')",
    """CREATE TRIGGER person_search_ai AFTER INSERT ON person BEGIN
        INSERT INTO person_search (name_norm, nik) VALUES (NEW.name_norm, coalesce(NEW.nik, ''));
        UPDATE person SET sid = last_insert_rowid() WHERE id = NEW.id;
    END""",
    """CREATE TRIGGER person_search_au AFTER UPDATE OF name_norm, nik ON person BEGIN
        UPDATE person_search SET name_norm = NEW.name_norm, nik = coalesce(NEW.nik, '')
        WHERE rowid = NEW.sid;
    END""",
    """CREATE TRIGGER person_search_ad AFTER DELETE ON person BEGIN
        DELETE FROM person_search WHERE rowid = OLD.sid;
    END""",
    """CREATE TRIGGER person_no_delete_unsent BEFORE DELETE ON person
    WHEN EXISTS (SELECT 1 FROM outbox WHERE person_id = OLD.id AND state != 'acked')
    BEGIN SELECT RAISE(ABORT, 'unsent data: person has outbox entries not acked'); END""",
    """CREATE TRIGGER visit_no_delete_unsent BEFORE DELETE ON visit
    WHEN EXISTS (SELECT 1 FROM outbox WHERE entity_type = 'visit' AND entity_id = OLD.visit_key
                 AND state != 'acked')
    BEGIN SELECT RAISE(ABORT, 'unsent data: visit has outbox entries not acked'); END""",
    """CREATE TRIGGER outbox_no_delete_unsent BEFORE DELETE ON outbox
    WHEN OLD.state != 'acked'
    BEGIN SELECT RAISE(ABORT, 'unsent data: outbox entry not acked'); END""",
]


def upgrade() -> None:
    op.create_table('audit_log',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(), nullable=False),
    sa.Column('entity_type', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=False),
    sa.Column('device_id', sa.String(), nullable=False),
    sa.Column('detail', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.create_index('ix_audit_at', ['at'], unique=False)

    op.create_table('meta',
    sa.Column('key', sa.String(), nullable=False),
    sa.Column('value', sa.String(), nullable=False),
    sa.PrimaryKeyConstraint('key')
    )
    op.create_table('outbox',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('entity_type', sa.String(), nullable=False),
    sa.Column('entity_id', sa.String(), nullable=False),
    sa.Column('entity_version', sa.Integer(), nullable=False),
    sa.Column('base_version', sa.Integer(), nullable=True),
    sa.Column('row_id', sa.String(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('content_hash', sa.String(), nullable=False),
    sa.Column('state', sa.String(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('acked_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('batch_id', sa.String(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('seq')
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_entity', ['entity_type', 'entity_id', 'entity_version'], unique=False)
        batch_op.create_index('ix_outbox_person', ['person_id', 'state'], unique=False)
        batch_op.create_index('ix_outbox_state_next', ['state', 'next_attempt_at', 'seq'], unique=False)

    op.create_table('person',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(), nullable=False),
    sa.Column('name_norm', sa.String(), nullable=False),
    sa.Column('sex', sa.String(), nullable=False),
    sa.Column('birth_date', sa.Date(), nullable=False),
    sa.Column('nik', sa.String(), nullable=True),
    sa.Column('kk', sa.String(), nullable=True),
    sa.Column('dusun', sa.String(), nullable=False),
    sa.Column('rt', sa.String(), nullable=False),
    sa.Column('rw', sa.String(), nullable=False),
    sa.Column('desa', sa.String(), nullable=False),
    sa.Column('phone', sa.String(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('sid', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('sid')
    )
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.create_index('ix_person_name_birth', ['name_norm', 'birth_date'], unique=False)
        batch_op.create_index('ix_person_nik', ['nik'], unique=True, sqlite_where=sa.text('nik IS NOT NULL'))
        batch_op.create_index('ix_person_updated', ['updated_at'], unique=False)

    op.create_table('person_version',
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('data', sa.JSON(), nullable=False),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.PrimaryKeyConstraint('person_id', 'version')
    )
    op.create_table('visit',
    sa.Column('id', sa.String(), nullable=False),
    sa.Column('visit_key', sa.String(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('replaces_id', sa.String(), nullable=True),
    sa.Column('is_current', sa.Boolean(), nullable=False),
    sa.Column('person_id', sa.String(), nullable=False),
    sa.Column('measured_at', sa.String(), nullable=False),
    sa.Column('measured_at_utc', sa.DateTime(timezone=True), nullable=False),
    sa.Column('place', sa.String(), nullable=False),
    sa.Column('recorded_by', sa.String(), nullable=False),
    sa.Column('inputs', sa.JSON(), nullable=False),
    sa.Column('sections', sa.JSON(), nullable=False),
    sa.Column('rules_version', sa.String(), nullable=False),
    sa.Column('level', sa.String(), nullable=False),
    sa.Column('reasons', sa.JSON(), nullable=False),
    sa.Column('voided', sa.Boolean(), nullable=False),
    sa.Column('void_reason', sa.String(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['person_id'], ['person.id'], ),
    sa.ForeignKeyConstraint(['replaces_id'], ['visit.id'], ),
    sa.PrimaryKeyConstraint('id')
    )
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.create_index('ix_visit_person', ['person_id', 'is_current', 'measured_at_utc'], unique=False)
        batch_op.create_index('ux_visit_current', ['visit_key'], unique=True, sqlite_where=sa.text('is_current = 1'))
        batch_op.create_index('ux_visit_key_version', ['visit_key', 'version'], unique=True)

    for statement in SEARCH_AND_GUARDS:
        op.execute(statement)


def downgrade() -> None:
    for name in ("person_search_ai", "person_search_au", "person_search_ad", "person_no_delete_unsent",
                 "visit_no_delete_unsent", "outbox_no_delete_unsent"):
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP TABLE IF EXISTS person_search")
    with op.batch_alter_table('visit', schema=None) as batch_op:
        batch_op.drop_index('ux_visit_key_version')
        batch_op.drop_index('ux_visit_current', sqlite_where=sa.text('is_current = 1'))
        batch_op.drop_index('ix_visit_person')

    op.drop_table('visit')
    op.drop_table('person_version')
    with op.batch_alter_table('person', schema=None) as batch_op:
        batch_op.drop_index('ix_person_updated')
        batch_op.drop_index('ix_person_nik', sqlite_where=sa.text('nik IS NOT NULL'))
        batch_op.drop_index('ix_person_name_birth')

    op.drop_table('person')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_state_next')
        batch_op.drop_index('ix_outbox_person')
        batch_op.drop_index('ix_outbox_entity')

    op.drop_table('outbox')
    op.drop_table('meta')
    with op.batch_alter_table('audit_log', schema=None) as batch_op:
        batch_op.drop_index('ix_audit_at')

    op.drop_table('audit_log')
