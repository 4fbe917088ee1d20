"""The local audit trail: who-did-what rows written inside the caller's transaction.

Kinds and ids only, never names, NIKs or measurements.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

from sqlalchemy import Connection, insert

from kader_app.core.models import AUDIT_TABLE


def now_utc() -> datetime:
    return datetime.now(UTC)


def add_audit(
    conn: Connection,
    *,
    kind: str,
    entity_type: str,
    entity_id: str,
    device_id: str,
    now: datetime,
    detail: str = "",
) -> None:
    conn.execute(
        insert(AUDIT_TABLE).values(
            id=str(uuid.uuid4()),
            at=now,
            kind=kind,
            entity_type=entity_type,
            entity_id=entity_id,
            device_id=device_id,
            detail=detail,
        )
    )
