"""Sasaran estimates: a Puskesmas-entered target population per Posyandu, year and group.

Revision ID: 0006_sasaran_estimates
Revises: 0005_transfer_keys_recovery
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006_sasaran_estimates"
down_revision = "0005_transfer_keys_recovery"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sasaran_estimate",
        sa.Column("puskesmas", sa.String(200), primary_key=True),
        sa.Column("area", sa.String(200), primary_key=True),
        sa.Column("posyandu", sa.String(200), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("group", sa.String(40), primary_key=True),
        sa.Column("n", sa.Integer, nullable=False),
        sa.Column("entered_by", sa.String(100), nullable=False),
        sa.Column("entered_at", sa.DateTime(timezone=True), nullable=False),
    )


def downgrade() -> None:
    op.drop_table("sasaran_estimate")
