"""v2: Puskesmas follow-ups received by pull, and the server's reason beside a rejected entry.

Revision ID: 0002_sync
Revises: 0001_v1
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_sync"
down_revision = "0001_v1"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "follow_up",
        sa.Column("id", sa.String(), nullable=False),
        sa.Column("person_id", sa.String(), nullable=True),
        sa.Column("visit_id", sa.String(), nullable=True),
        sa.Column("outcome", sa.String(), nullable=False),
        sa.Column("note", sa.String(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_follow_up_person", "follow_up", ["person_id", "recorded_at"])
    op.create_index("ix_follow_up_visit", "follow_up", ["visit_id"])
    # A plain ADD COLUMN, not a batch copy: copying the table would drop its delete guard trigger.
    op.execute("ALTER TABLE outbox ADD COLUMN last_message VARCHAR")


def downgrade() -> None:
    op.execute("ALTER TABLE outbox DROP COLUMN last_message")
    op.drop_index("ix_follow_up_visit", table_name="follow_up")
    op.drop_index("ix_follow_up_person", table_name="follow_up")
    op.drop_table("follow_up")
