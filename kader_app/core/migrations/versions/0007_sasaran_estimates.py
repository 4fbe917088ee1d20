"""v7: the sasaran estimates the Puskesmas entered for this Posyandu, received by pull.

One row per year and life-cycle group; each pull replaces the whole set. A new table only:
nothing stored before is touched.

Revision ID: 0007_sasaran_estimates
Revises: 0006_visit_complete_sections
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007_sasaran_estimates"
down_revision = "0006_visit_complete_sections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sasaran_estimate",
        sa.Column("year", sa.Integer(), nullable=False),
        sa.Column("group_code", sa.String(), nullable=False),
        sa.Column("n", sa.Integer(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("year", "group_code"),
    )


def downgrade() -> None:
    op.drop_table("sasaran_estimate")
