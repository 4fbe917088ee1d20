"""The dashboard's other reads: residents and visits for exports, follow-ups, areas, devices.

Reads only; each returns typed facts or frozen rows. Nothing here logs entry content.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import sqlalchemy as sa
from sqlmodel import Session

from sync.server.aggregates.facts import (
    PersonFact,
    VisitFact,
    current_visits,
    person_fact,
    visit_version,
)
from sync.server.store.tables import DEVICE, ENTRY, FOLLOW_UP
from sync.server.times import utc


def load_people(*, session: Session, area: str | None = None) -> list[PersonFact]:
    """Current residents (of one area, or all) whose payload parses, with their Posyandu."""
    query = (
        sa.select(
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"), ENTRY.c.area, DEVICE.c.posyandu
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == "person", ENTRY.c.is_current.is_(True))
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    people = (
        person_fact(payload=row.payload, area=row.area, posyandu=row.posyandu)
        for row in session.execute(query)
    )
    return [p for p in people if p is not None]


def load_visits(
    *, session: Session, area: str | None = None, since: date | None = None
) -> list[VisitFact]:
    """Current, non-voided visits (of one area, or all), corrections resolved, payloads kept.

    `since` skips entries stored before that day (UTC, less one day for time zones): a visit
    is never stored before it is measured, so no visit measured on or after it is missed.
    """
    query = (
        sa.select(
            ENTRY.c.seq,
            ENTRY.c.id,
            ENTRY.c.version,
            sa.cast(ENTRY.c.payload, sa.Text).label("payload"),
            ENTRY.c.area,
            ENTRY.c.device_id,
            DEVICE.c.posyandu,
        )
        .join(DEVICE, DEVICE.c.id == ENTRY.c.device_id)
        .where(ENTRY.c.type == "visit", ENTRY.c.is_current.is_(True))
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    if since is not None:
        low = datetime.combine(since - timedelta(days=1), time.min, tzinfo=UTC)
        query = query.where(ENTRY.c.recorded_at >= low)
    versions = (
        visit_version(
            entry_id=row.id,
            entry_version=row.version,
            seq=row.seq,
            payload=row.payload,
            area=row.area,
            posyandu=row.posyandu,
            device_id=row.device_id,
        )
        for row in session.execute(query)
    )
    return current_visits(v for v in versions if v is not None)


def load_followed_ids(*, session: Session, area: str | None = None) -> set[str]:
    """Visit ids named by any follow-up."""
    query = sa.select(FOLLOW_UP.c.visit_id).where(FOLLOW_UP.c.visit_id.is_not(None))
    if area:
        query = query.where(FOLLOW_UP.c.area == area)
    return {str(v) for v in session.execute(query).scalars()}


def load_areas(session: Session) -> list[str]:
    """Every desa/area a device was enrolled for, sorted."""
    return sorted({str(a) for a in session.execute(sa.select(DEVICE.c.area)).scalars()})


@dataclass(frozen=True, slots=True)
class DeviceRow:
    id: str
    name: str
    posyandu: str
    area: str
    last_seen: datetime | None
    pending: int | None
    clock_skew_s: float | None
    app_version: str | None
    revoked_at: datetime | None


def load_devices(session: Session) -> list[DeviceRow]:
    rows = session.execute(sa.select(DEVICE).order_by(DEVICE.c.area, DEVICE.c.posyandu))
    return [
        DeviceRow(
            id=r.id,
            name=r.name,
            posyandu=r.posyandu,
            area=r.area,
            last_seen=utc(r.last_seen) if r.last_seen else None,
            pending=r.last_pending,
            clock_skew_s=r.clock_skew_s,
            app_version=r.app_version,
            revoked_at=utc(r.revoked_at) if r.revoked_at else None,
        )
        for r in rows
    ]
