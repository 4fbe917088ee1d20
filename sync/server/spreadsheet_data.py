"""What the spreadsheet exports read besides the visits.

Each resident's whole record (NIK, No. KK, address) and the Puskesmas follow-ups of referrals.

Reads only, as frozen rows; nothing here logs a name or a value.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Session

from sync.protocol import PersonPayload
from sync.server.aggregates.facts import parse_stored
from sync.server.store.tables import ENTRY, FOLLOW_UP
from sync.server.times import utc


@dataclass(frozen=True, slots=True)
class Resident:
    id: str
    name: str
    nik: str | None
    kk: str | None
    sex: str
    birth_date: date
    dusun: str
    rt: str
    rw: str
    desa: str


@dataclass(frozen=True, slots=True)
class FollowUpRow:
    visit_id: str
    outcome: str
    recorded_at: datetime


def load_residents(*, session: Session, area: str | None = None) -> dict[str, Resident]:
    """Current residents (of one area, or all) whose payload parses, by id."""
    query = sa.select(sa.cast(ENTRY.c.payload, sa.Text).label("payload")).where(
        ENTRY.c.type == "person", ENTRY.c.is_current.is_(True)
    )
    if area:
        query = query.where(ENTRY.c.area == area)
    out: dict[str, Resident] = {}
    for row in session.execute(query):
        person = parse_stored(PersonPayload, row.payload)
        if person is None:
            continue
        out[person.id] = Resident(
            id=person.id,
            name=person.name,
            nik=person.nik,
            kk=person.kk,
            sex=person.sex,
            birth_date=person.birth_date,
            dusun=person.dusun,
            rt=person.rt,
            rw=person.rw,
            desa=person.desa,
        )
    return out


def load_follow_ups(*, session: Session, area: str | None = None) -> dict[str, FollowUpRow]:
    """The latest follow-up naming each visit id (any of a visit's record ids)."""
    query = sa.select(FOLLOW_UP.c.visit_id, FOLLOW_UP.c.outcome, FOLLOW_UP.c.recorded_at).where(
        FOLLOW_UP.c.visit_id.is_not(None)
    )
    if area:
        query = query.where(FOLLOW_UP.c.area == area)
    out: dict[str, FollowUpRow] = {}
    for row in session.execute(query.order_by(FOLLOW_UP.c.seq)):
        out[str(row.visit_id)] = FollowUpRow(
            visit_id=str(row.visit_id), outcome=row.outcome, recorded_at=utc(row.recorded_at)
        )
    return out
