"""Transfer receipts kept after an import, and each laptop's deposited recovery key.

Reads scoped to a Puskesmas, plus the audit row of each look at a recovery key. No web code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.models import SERVER_METADATA
from sync.server.store.tables import DEVICE, add_audit
from sync.server.times import utc

RECEIPT = SERVER_METADATA.tables["transfer_receipt"]


@dataclass(frozen=True, slots=True)
class ReceiptRow:
    """One imported file as the dashboard lists it; ``receipt`` is the signed file's text."""

    id: int
    device_id: str
    device_name: str
    posyandu: str
    imported_at: datetime
    imported_by: str
    counts: dict[str, Any]
    receipt: str


def _scoped(query: sa.Select[Any], puskesmas: str | None) -> sa.Select[Any]:
    return query if puskesmas is None else query.where(DEVICE.c.puskesmas == puskesmas)


def load_receipts(
    session: Session, *, puskesmas: str | None, receipt_id: int | None = None, limit: int = 30
) -> list[ReceiptRow]:
    """The latest imports (of one Puskesmas's laptops, or all), newest first; or the one named."""
    query = (
        sa.select(RECEIPT, DEVICE.c.name, DEVICE.c.posyandu)
        .join(DEVICE, DEVICE.c.id == RECEIPT.c.device_id)
        .order_by(RECEIPT.c.id.desc())
        .limit(limit)
    )
    if receipt_id is not None:
        query = query.where(RECEIPT.c.id == receipt_id)
    return [
        ReceiptRow(
            id=r.id,
            device_id=r.device_id,
            device_name=r.name,
            posyandu=r.posyandu,
            imported_at=utc(r.imported_at),
            imported_by=r.imported_by,
            counts=dict(r.counts),
            receipt=r.receipt,
        )
        for r in session.execute(_scoped(query, puskesmas))
    ]


def reveal_recovery_key(
    *, session: Session, device_id: str, username: str, now: datetime
) -> str | None:
    """The laptop's recovery key (None when none was deposited); the look itself is audited."""
    key = session.execute(sa.select(DEVICE.c.recovery_key).where(DEVICE.c.id == device_id)).scalar()
    add_audit(
        session=session,
        kind="recovery_view",
        device_id=device_id,
        counts={"by": username, "found": key is not None},
        now=now,
    )
    session.commit()
    return None if key is None else str(key)
