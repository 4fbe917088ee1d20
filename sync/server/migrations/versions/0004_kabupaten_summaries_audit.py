"""Kabupaten scale: Puskesmas of devices, codes and staff; summary tables; device audit chains.

The summary tables are filled as entries arrive (in the push transaction); for a database that
already holds entries they are rebuilt once at the next start (`summary_state` = "stale").

Revision ID: 0004
Revises: 0003_satusehat
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003_satusehat"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
GROUP = ("puskesmas", "area", "posyandu")


def _group_columns() -> list[sa.Column[str]]:
    return [
        sa.Column("puskesmas", sa.String(200), nullable=False),
        sa.Column("area", sa.String(200), nullable=False),
        sa.Column("posyandu", sa.String(200), nullable=False),
    ]


def upgrade() -> None:
    for table in ("device", "enroll_code", "follow_up"):
        with op.batch_alter_table(table) as batch:
            batch.add_column(
                sa.Column("puskesmas", sa.String(200), nullable=False, server_default="")
            )
    with op.batch_alter_table("staff_user") as batch:
        # None: the whole kabupaten (Dinkes); otherwise the one Puskesmas this account sees.
        batch.add_column(sa.Column("puskesmas", sa.String(200), nullable=True))
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("audit_seq", sa.BigInteger, nullable=False, server_default="0"))
        batch.add_column(sa.Column("audit_hash", sa.String(64), nullable=False, server_default=""))
        batch.add_column(sa.Column("audit_gap_seq", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("audit_break_seq", sa.BigInteger, nullable=True))
        batch.add_column(sa.Column("audit_break_kind", sa.String(20), nullable=True))
        batch.add_column(sa.Column("audit_break_at", TS, nullable=True))

    op.create_table(
        "area_scope",
        sa.Column("area", sa.String(200), primary_key=True),
        sa.Column("puskesmas", sa.String(200), nullable=False),
    )
    op.execute(
        "INSERT INTO area_scope (area, puskesmas) SELECT DISTINCT area, '' FROM enroll_code"
    )
    op.create_table(
        "device_audit_link",
        sa.Column("device_id", sa.String(36), primary_key=True),
        sa.Column("seq", sa.BigInteger, primary_key=True),
        sa.Column("at", sa.String(40), nullable=False),
        sa.Column("kind", sa.String(64), nullable=False),
        sa.Column("entity_type", sa.String(64), nullable=False),
        sa.Column("entity_id", sa.String(100), nullable=False),
        sa.Column("origin", sa.String(64), nullable=False),
        sa.Column("detail", sa.String(200), nullable=False),
        sa.Column("prev_hash", sa.String(64), nullable=False),
        sa.Column("hash", sa.String(64), nullable=False),
        sa.Column("sound", sa.Boolean, nullable=False),
    )

    op.create_table(
        "person_fact",
        sa.Column("person_id", sa.String(36), primary_key=True),
        *_group_columns(),
        sa.Column("registered_month", sa.Date, nullable=False),
        sa.Column("name", sa.String(200), nullable=False),
        sa.Column("nik", sa.String(16), nullable=True),
        sa.Column("phone", sa.String(40), nullable=False),
        sa.Column("address", sa.String(700), nullable=False),
    )
    op.create_table(
        "visit_fact",
        sa.Column("visit_key", sa.String(36), primary_key=True),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("person_id", sa.String(64), nullable=False),
        *_group_columns(),
        sa.Column("month", sa.Date, nullable=False),
        sa.Column("measured_at", TS, nullable=False),
        sa.Column("measured_on", sa.Date, nullable=False),
        sa.Column("level", sa.String(20), nullable=True),
        sa.Column("voided", sa.Boolean, nullable=False),
        sa.Column("sections", sa.String(2000), nullable=False),
    )
    op.create_index("ix_visit_fact_person", "visit_fact", ["person_id", "month"])
    op.create_table(
        "month_result",
        sa.Column("person_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("section", sa.String(64), primary_key=True),
        *_group_columns(),
        sa.Column("class_code", sa.String(64), nullable=False),
    )
    op.create_table(
        "month_person",
        sa.Column("person_id", sa.String(64), primary_key=True),
        sa.Column("month", sa.Date, primary_key=True),
        *_group_columns(),
    )
    op.create_table(
        "month_count",
        sa.Column("month", sa.Date, primary_key=True),
        sa.Column("puskesmas", sa.String(200), primary_key=True),
        sa.Column("area", sa.String(200), primary_key=True),
        sa.Column("posyandu", sa.String(200), primary_key=True),
        sa.Column("metric", sa.String(80), primary_key=True),
        sa.Column("n", sa.BigInteger, nullable=False),
    )
    op.create_table(
        "open_referral",
        sa.Column("person_id", sa.String(64), primary_key=True),
        *_group_columns(),
        sa.Column("visit_key", sa.String(36), nullable=False),
        sa.Column("row_id", sa.String(64), nullable=False),
        sa.Column("urgent", sa.Boolean, nullable=False),
        sa.Column("measured_at", TS, nullable=False),
        sa.Column("measured_on", sa.Date, nullable=False),
        sa.Column("sections", sa.String(2000), nullable=False),
    )
    op.create_index("ix_open_referral_order", "open_referral", ["urgent", "measured_at"])
    op.create_index("ix_open_referral_area", "open_referral", ["area", "urgent", "measured_at"])
    op.create_index(
        "ix_open_referral_puskesmas", "open_referral", ["puskesmas", "urgent", "measured_at"]
    )
    meta = sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    op.bulk_insert(meta, [{"key": "summary_state", "value": "stale"}])


def downgrade() -> None:
    for table in (
        "open_referral",
        "month_count",
        "month_person",
        "month_result",
        "visit_fact",
        "person_fact",
        "device_audit_link",
        "area_scope",
    ):
        op.drop_table(table)
    op.execute("DELETE FROM server_meta WHERE key = 'summary_state'")
    with op.batch_alter_table("device") as batch:
        for column in (
            "audit_break_at",
            "audit_break_kind",
            "audit_break_seq",
            "audit_gap_seq",
            "audit_hash",
            "audit_seq",
        ):
            batch.drop_column(column)
    with op.batch_alter_table("staff_user") as batch:
        batch.drop_column("puskesmas")
    for table in ("follow_up", "enroll_code", "device"):
        with op.batch_alter_table(table) as batch:
            batch.drop_column("puskesmas")
