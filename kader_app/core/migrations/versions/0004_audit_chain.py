"""v4: the audit trail becomes a hash chain (seq, prev_hash, hash).

Existing rows are chained in the order they were written (time, then id), so the chain starts
at the first record this laptop ever made.

Revision ID: 0004_audit_chain
Revises: 0003_sections
"""

from __future__ import annotations

from alembic import op
from sync.protocol import audit_link_hash

from kader_app.core.audit import chain_time

revision = "0004_audit_chain"
down_revision = "0003_sections"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.execute("ALTER TABLE audit_log ADD COLUMN seq INTEGER")
    op.execute("ALTER TABLE audit_log ADD COLUMN prev_hash VARCHAR")
    op.execute("ALTER TABLE audit_log ADD COLUMN hash VARCHAR")
    conn = op.get_bind()
    rows = conn.exec_driver_sql(
        "SELECT id, at, kind, entity_type, entity_id, device_id, detail FROM audit_log"
        " ORDER BY at, id"
    ).fetchall()
    prev = ""
    for seq, (row_id, at, kind, entity_type, entity_id, device_id, detail) in enumerate(
        rows, start=1
    ):
        digest = audit_link_hash(
            seq=seq,
            at=chain_time(at),
            kind=kind,
            entity_type=entity_type,
            entity_id=entity_id,
            device_id=device_id,
            detail=detail,
            prev_hash=prev,
        )
        conn.exec_driver_sql(
            "UPDATE audit_log SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
            (seq, prev, digest, row_id),
        )
        prev = digest
    op.create_index("ux_audit_seq", "audit_log", ["seq"], unique=True)


def downgrade() -> None:
    op.drop_index("ux_audit_seq", table_name="audit_log")
    for column in ("hash", "prev_hash", "seq"):
        op.execute(f"ALTER TABLE audit_log DROP COLUMN {column}")
