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
from sync.server.models import SERVER_METADATA
from sync.server.store.tables import DEVICE, ENTRY
from sync.server.times import utc

AREA_SCOPE = SERVER_METADATA.tables["area_scope"]


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


def load_areas(session: Session, *, puskesmas: str | None = None) -> list[str]:
    """Every desa/area a device was enrolled for (of one Puskesmas, or all), sorted."""
    query = sa.select(DEVICE.c.area).distinct()
    if puskesmas is not None:
        query = query.where(DEVICE.c.puskesmas == puskesmas)
    return sorted(str(a) for a in session.execute(query).scalars())


def load_posyandus(
    session: Session, *, puskesmas: str | None = None, area: str | None = None
) -> list[str]:
    """Every Posyandu with an enrolled device (of one Puskesmas and desa, or all), sorted."""
    query = sa.select(DEVICE.c.posyandu).distinct()
    if puskesmas is not None:
        query = query.where(DEVICE.c.puskesmas == puskesmas)
    if area:
        query = query.where(DEVICE.c.area == area)
    return sorted(str(p) for p in session.execute(query).scalars())


def load_puskesmas(session: Session) -> list[str]:
    """Every Puskesmas this server serves (those with an enrolment code), sorted."""
    query = sa.select(AREA_SCOPE.c.puskesmas).distinct()
    return sorted(str(p) for p in session.execute(query).scalars())


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
    puskesmas: str = ""
    audit_seq: int = 0
    audit_break_seq: int | None = None
    audit_break_kind: str | None = None
    audit_break_at: datetime | None = None
    # Whether a recovery key was deposited (the key itself is read only when revealed).
    has_recovery_key: bool = False


def load_devices(
    session: Session, *, puskesmas: str | None = None, device_id: str | None = None
) -> list[DeviceRow]:
    """The devices (of one Puskesmas, or all; or the one named), by desa and Posyandu."""
    query = sa.select(DEVICE).order_by(DEVICE.c.puskesmas, DEVICE.c.area, DEVICE.c.posyandu)
    if puskesmas is not None:
        query = query.where(DEVICE.c.puskesmas == puskesmas)
    if device_id is not None:
        query = query.where(DEVICE.c.id == device_id)
    rows = session.execute(query)
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
            puskesmas=r.puskesmas,
            audit_seq=int(r.audit_seq or 0),
            audit_break_seq=r.audit_break_seq,
            audit_break_kind=r.audit_break_kind,
            audit_break_at=utc(r.audit_break_at) if r.audit_break_at else None,
            has_recovery_key=r.recovery_key is not None,
        )
        for r in rows
    ]
