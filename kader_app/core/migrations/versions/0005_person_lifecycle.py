"""v5: the life-cycle facts of a person: current pregnancy, mother of a child, Buku KIA.

Plain ADD COLUMNs: a batch copy of the person table would drop its search and delete-guard
triggers.

Revision ID: 0005_person_lifecycle
Revises: 0004_audit_chain
"""

from __future__ import annotations

from alembic import op

revision = "0005_person_lifecycle"
down_revision = "0004_audit_chain"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE person ADD COLUMN pregnancy_start DATE")
    op.execute("ALTER TABLE person ADD COLUMN pregnancy_end DATE")
    op.execute("ALTER TABLE person ADD COLUMN mother_id VARCHAR")
    op.execute("ALTER TABLE person ADD COLUMN kia_book BOOLEAN NOT NULL DEFAULT 0")
    op.create_index("ix_person_mother", "person", ["mother_id"])
    op.create_index("ix_person_kk", "person", ["kk"])


def downgrade() -> None:
    op.drop_index("ix_person_kk", table_name="person")
    op.drop_index("ix_person_mother", table_name="person")
    for column in ("kia_book", "mother_id", "pregnancy_end", "pregnancy_start"):
        op.execute(f"ALTER TABLE person DROP COLUMN {column}")
