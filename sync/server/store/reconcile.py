"""Reconcile: which of the entries a device holds as acknowledged this server does not have.

A read (no write lock) followed by a short audit write. No web code here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from sync.protocol import ReconcileRequest, ReconcileResponse, day_digest
from sync.server.models import Device
from sync.server.store.tables import ENTRY, chunks, note_read
from sync.server.times import utc


def _day_bounds(day: date) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=UTC)
    return start, start + timedelta(days=1)


def reconcile(
    *, session: Session, device: Device, request: ReconcileRequest, now: datetime
) -> ReconcileResponse:
    """Compare the device's per-day digests with what this server holds from that device.

    A day that differs comes back in `missing_days` unless the device listed its ids for it; then
    the ids the server lacks come back in `missing_ids` (checked against every device's entries,
    so a laptop that was re-enrolled is not asked to resend what the server has).
    """
    by_day: dict[date, list[tuple[str, str]]] = {}
    if request.days:
        low, _ = _day_bounds(min(d.day for d in request.days))
        _, high = _day_bounds(max(d.day for d in request.days))
        rows = session.execute(
            sa.select(ENTRY.c.id, ENTRY.c.content_hash, ENTRY.c.recorded_at).where(
                ENTRY.c.device_id == device.id,
                ENTRY.c.recorded_at >= low,
                ENTRY.c.recorded_at < high,
            )
        )
        for row in rows:
            by_day.setdefault(utc(row.recorded_at).date(), []).append((row.id, row.content_hash))
    missing_days: list[date] = []
    wanted: list[tuple[str, str | None]] = []
    for day in sorted(request.days, key=lambda d: d.day):
        held = by_day.get(day.day, [])
        if len(held) == day.count and day_digest(held) == day.digest:
            continue
        if not day.ids:
            missing_days.append(day.day)
            continue
        for line in day.ids:
            item_id, sep, item_hash = line.partition(":")
            wanted.append((item_id, item_hash.lower() if sep else None))
    missing_ids = _missing(session=session, wanted=wanted)
    note_read(
        session=session,
        kind="reconcile",
        device=device,
        counts={
            "days": len(request.days),
            "missing_days": len(missing_days),
            "missing_ids": len(missing_ids),
        },
        now=now,
    )
    return ReconcileResponse(missing_days=missing_days, missing_ids=missing_ids)


def _missing(*, session: Session, wanted: Sequence[tuple[str, str | None]]) -> list[str]:
    ids = sorted({item_id for item_id, _ in wanted})
    held_hashes: dict[str, set[str]] = {}
    for chunk in chunks(ids):
        rows = session.execute(
            sa.select(ENTRY.c.id, ENTRY.c.content_hash).where(ENTRY.c.id.in_(chunk))
        )
        for row in rows:
            held_hashes.setdefault(row.id, set()).add(row.content_hash)
    missing: list[str] = []
    seen: set[str] = set()
    for item_id, item_hash in wanted:
        hashes = held_hashes.get(item_id)
        lacking = hashes is None or (item_hash is not None and item_hash not in hashes)
        if lacking and item_id not in seen:
            seen.add(item_id)
            missing.append(item_id)
    return missing
