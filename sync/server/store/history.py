"""Read-only looks at what is stored: a record's versions, the audit rows, the database's health.

For the dashboard, the command line and checks; nothing here writes.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.store.tables import AUDIT, ENTRY


def entry_versions(*, session: Session, item_id: str) -> list[dict[str, Any]]:
    """Every stored version of one record, oldest first."""
    rows = session.execute(
        sa.select(
            ENTRY.c.seq, ENTRY.c.version, ENTRY.c.content_hash, ENTRY.c.is_current, ENTRY.c.area
        )
        .where(ENTRY.c.id == item_id)
        .order_by(ENTRY.c.version)
    )
    return [dict(row._mapping) for row in rows]


def audit_rows(session: Session) -> list[dict[str, Any]]:
    """The audit rows (kind, device, counts, time), oldest first."""
    rows = session.execute(sa.select(AUDIT).order_by(AUDIT.c.id))
    return [dict(row._mapping) for row in rows]


def health_check(session: Session) -> bool:
    session.execute(sa.text("SELECT 1"))
    return True
