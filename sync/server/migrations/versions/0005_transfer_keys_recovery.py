"""Flash-drive transfers: the server's two key pairs, each laptop's recovery key, the receipts.

The key pairs (X25519 for sealed transfer files, Ed25519 for signed receipts) are made once
here, with the database, and kept in `server_meta`; their private halves never leave it.

Revision ID: 0005_transfer_keys_recovery
Revises: 0004
Create Date: 2026-12-01
"""

from __future__ import annotations

import base64

import nacl.public
import nacl.signing
import sqlalchemy as sa
from alembic import op

revision = "0005_transfer_keys_recovery"
down_revision = "0004"
branch_labels = None
depends_on = None

TS = sa.DateTime(timezone=True)
KEYS = ("transfer_box_key", "transfer_sign_key")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def upgrade() -> None:
    with op.batch_alter_table("device") as batch:
        batch.add_column(sa.Column("recovery_key", sa.String(64), nullable=True))
    op.create_table(
        "transfer_receipt",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("device_id", sa.String(36), nullable=False),
        sa.Column("batch_id", sa.String(100), nullable=False),
        sa.Column("imported_at", TS, nullable=False),
        sa.Column("imported_by", sa.String(100), nullable=False),
        sa.Column("counts", sa.JSON(), nullable=False),
        sa.Column("receipt", sa.Text(), nullable=False),
    )
    op.create_index("ix_transfer_receipt_device_id", "transfer_receipt", ["device_id"])
    meta = sa.table("server_meta", sa.column("key", sa.String), sa.column("value", sa.String))
    op.bulk_insert(
        meta,
        [
            {"key": KEYS[0], "value": _b64(bytes(nacl.public.PrivateKey.generate()))},
            {"key": KEYS[1], "value": _b64(bytes(nacl.signing.SigningKey.generate()))},
        ],
    )


def downgrade() -> None:
    op.execute(f"DELETE FROM server_meta WHERE key IN ('{KEYS[0]}', '{KEYS[1]}')")
    op.drop_index("ix_transfer_receipt_device_id", table_name="transfer_receipt")
    op.drop_table("transfer_receipt")
    with op.batch_alter_table("device") as batch:
        batch.drop_column("recovery_key")
