"""SATUSEHAT: the Puskesmas' and each Posyandu's identifiers, and what each FHIR export sent.

Revision ID: 0003_satusehat
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003_satusehat"
down_revision = "0002"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "satusehat_organization",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("practitioner_id", sa.String(64), nullable=True),
        sa.Column("practitioner_name", sa.String(200), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
    )
    op.create_table(
        "satusehat_location",
        sa.Column("area", sa.String(200), primary_key=True),
        sa.Column("posyandu", sa.String(200), primary_key=True),
        sa.Column("location_id", sa.String(64), nullable=True),
        sa.Column("practitioner_id", sa.String(64), nullable=True),
        sa.Column("practitioner_name", sa.String(200), nullable=False),
        sa.Column("updated_at", TS, nullable=False),
        sa.Column("updated_by", sa.String(100), nullable=False),
    )
    op.create_table(
        "fhir_export",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("made_at", TS, nullable=False),
        sa.Column("made_by", sa.String(100), nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("since_id", sa.Integer(), nullable=True),
        sa.Column("start", sa.Date(), nullable=True),
        sa.Column("end", sa.Date(), nullable=True),
        sa.Column("area", sa.String(200), nullable=True),
        sa.Column("organization_id", sa.String(64), nullable=False),
        sa.Column("seq_mark", sa.Integer(), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
    )
    op.create_table(
        "fhir_sent",
        sa.Column("visit_key", sa.String(64), primary_key=True),
        sa.Column("export_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("digest", sa.String(64), nullable=False),
        sa.Column("resources", sa.JSON(), nullable=False),
    )
    op.create_index("ix_fhir_sent_export", "fhir_sent", ["export_id"])


def downgrade() -> None:
    op.drop_index("ix_fhir_sent_export", table_name="fhir_sent")
    op.drop_table("fhir_sent")
    op.drop_table("fhir_export")
    op.drop_table("satusehat_location")
    op.drop_table("satusehat_organization")
