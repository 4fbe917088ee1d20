"""v6: each visit version keeps its complete sections in a compact column, indexed by date.

The monthly report's sasaran and SPM coverage read who was screened for what over the year;
reading it from every payload took most of the report's time. ``complete_sections`` holds
"code class,…" (`kader_app.core.records.complete_sections_text`), written at save time and
filled here for the stored versions, and ``ix_visit_measured`` covers the report's reads by
measuring date. Plain ADD COLUMN: a batch copy of the visit table would drop its delete-guard
trigger. Payloads, hashes and the outbox are not touched.

Revision ID: 0006_visit_complete_sections
Revises: 0005_person_lifecycle
"""

from __future__ import annotations

import json

from alembic import op
from sqlalchemy import text

from kader_app.core.records import complete_sections_text

revision = "0006_visit_complete_sections"
down_revision = "0005_person_lifecycle"
branch_labels = None
depends_on = None

_PAGE = 2000


def upgrade() -> None:
    op.execute("ALTER TABLE visit ADD COLUMN complete_sections VARCHAR NOT NULL DEFAULT ''")
    conn = op.get_bind()
    page = text(
        "SELECT rowid, payload FROM visit WHERE rowid > :last ORDER BY rowid LIMIT :size"
    )
    update = text("UPDATE visit SET complete_sections = :sections WHERE rowid = :row")
    last = -1
    while rows := conn.execute(page, {"last": last, "size": _PAGE}).all():
        last = rows[-1][0]
        changed = [
            {"row": row, "sections": sections}
            for row, payload in rows
            if (sections := complete_sections_text(json.loads(payload)))
        ]
        if changed:
            conn.execute(update, changed)
    op.create_index(
        "ix_visit_measured",
        "visit",
        ["measured_at", "is_current", "voided", "level", "person_id", "complete_sections"],
    )


def downgrade() -> None:
    op.drop_index("ix_visit_measured", table_name="visit")
    op.execute("ALTER TABLE visit DROP COLUMN complete_sections")
