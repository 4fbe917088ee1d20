"""Initial schema: devices, enrolment codes, entries (every version), batches, audit, follow-ups.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

from __future__ import annotations

import uuid

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)


def upgrade() -> None:
    meta = op.create_table(
        "server_meta",
        sa.Column("key", sa.String(64), primary_key=True),
        sa.Column("value", sa.String(200), nullable=False),
    )
    # The epoch tells a pull cursor from this database apart from one of another server.
    op.bulk_insert(meta, [{"key": "epoch", "value": uuid.uuid4().hex}])

    op.create_table(
        "device",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("posyandu", sa.String(200), nullable=False),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("token_hash", sa.String(64), nullable=False, unique=True),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("revoked_at", TS, nullable=True),
        sa.Column("last_seen", TS, nullable=True),
        sa.Column("last_pending", sa.Integer, nullable=True),
        sa.Column("clock_skew_s", sa.Float, nullable=True),
        sa.Column("app_version", sa.String(50), nullable=True),
    )
    op.create_index("ix_device_area", "device", ["area"])

    op.create_table(
        "enroll_code",
        sa.Column("code_hash", sa.String(64), primary_key=True),
        sa.Column("posyandu", sa.String(200), nullable=False),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("created_at", TS, nullable=False),
        sa.Column("expires_at", TS, nullable=False),
        sa.Column("used_at", TS, nullable=True),
        sa.Column("device_id", sa.String(36), nullable=True),
    )

    op.create_table(
        "entry",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("type", sa.String(20), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("base_version", sa.Integer, nullable=True),
        sa.Column("content_hash", sa.String(64), nullable=False),
        sa.Column("payload", sa.JSON, nullable=False),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("received_at", TS, nullable=False),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("is_current", sa.Boolean, nullable=False),
        sa.UniqueConstraint("id", "version", name="uq_entry_id_version"),
    )
    op.create_index(
        "ux_entry_current",
        "entry",
        ["id"],
        unique=True,
        sqlite_where=sa.text("is_current"),
        postgresql_where=sa.text("is_current"),
    )
    op.create_index("ix_entry_area_pull", "entry", ["area", "type", "is_current", "seq"])
    op.create_index("ix_entry_device_recorded", "entry", ["device_id", "recorded_at"])

    op.create_table(
        "push_batch",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("batch_id", sa.String(100), primary_key=True),
        sa.Column("response", sa.JSON, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )

    op.create_table(
        "audit",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("device_id", sa.String(36), nullable=True),
        sa.Column("counts", sa.JSON, nullable=False),
        sa.Column("at", TS, nullable=False),
    )
    op.create_index("ix_audit_device_id", "audit", ["device_id"])

    op.create_table(
        "follow_up",
        sa.Column("seq", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("id", sa.String(36), nullable=False, unique=True),
        sa.Column("person_id", sa.String(36), nullable=True),
        sa.Column("visit_id", sa.String(36), nullable=True),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("outcome", sa.String(200), nullable=False),
        sa.Column("note", sa.String(2000), nullable=False),
        sa.Column("recorded_at", TS, nullable=False),
        sa.Column("created_at", TS, nullable=False),
    )
    op.create_index("ix_follow_up_area_seq", "follow_up", ["area", "seq"])


def downgrade() -> None:
    for table in ("follow_up", "audit", "push_batch", "entry", "enroll_code", "device"):
        op.drop_table(table)
    op.drop_table("server_meta")
