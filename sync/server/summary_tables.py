"""Tables the dashboard reads instead of the entries: kept up to date in the push transaction.

`person_fact`/`visit_fact` hold the current version of each resident and visit in a few columns;
`month_result`/`month_person` hold each person's latest result per section and month;
`month_count` holds the counters the overview shows; `open_referral` one row per resident whose
latest referral is still open. Also the areas of each Puskesmas and the devices' audit links.
Table definitions only; the migration `0003` creates them.
"""

from __future__ import annotations

from datetime import date, datetime

import sqlalchemy as sa
from sqlmodel import Field

from sync.server.models import UTC_DATETIME, ServerTable


class AreaScope(ServerTable, table=True):
    """Which Puskesmas a desa (a device's area) belongs to: each area to exactly one."""

    __tablename__ = "area_scope"

    area: str = Field(primary_key=True, max_length=200)
    puskesmas: str = Field(max_length=200)


class DeviceAuditLink(ServerTable, table=True):
    """One record of a device's audit chain as received; ``sound`` when its hash holds."""

    __tablename__ = "device_audit_link"

    device_id: str = Field(primary_key=True, max_length=36)
    seq: int = Field(primary_key=True, sa_type=sa.BigInteger)
    at: str = Field(max_length=40)
    kind: str = Field(max_length=64)
    entity_type: str = Field(max_length=64)
    entity_id: str = Field(max_length=100)
    # The device id the laptop wrote into the record (and its hash).
    origin: str = Field(max_length=64)
    detail: str = Field(max_length=200)
    prev_hash: str = Field(max_length=64)
    hash: str = Field(max_length=64)
    sound: bool


class PersonFact(ServerTable, table=True):
    """The current version of a resident, as the referral list and the counters need it."""

    __tablename__ = "person_fact"

    person_id: str = Field(primary_key=True, max_length=36)
    puskesmas: str = Field(max_length=200)
    area: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)
    registered_month: date
    name: str = Field(max_length=200)
    nik: str | None = Field(default=None, max_length=16)
    phone: str = Field(max_length=40)
    address: str = Field(max_length=700)


class VisitFact(ServerTable, table=True):
    """The current version of a visit; ``sections`` is `code:class:level` of each complete one."""

    __tablename__ = "visit_fact"
    __table_args__ = (sa.Index("ix_visit_fact_person", "person_id", "month"),)

    visit_key: str = Field(primary_key=True, max_length=36)
    row_id: str = Field(max_length=64)
    person_id: str = Field(max_length=64)
    puskesmas: str = Field(max_length=200)
    area: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)
    month: date
    measured_at: datetime = Field(sa_type=UTC_DATETIME)
    measured_on: date
    level: str | None = Field(default=None, max_length=20)
    voided: bool
    sections: str = Field(max_length=2000)


class MonthResult(ServerTable, table=True):
    """A person's latest complete result of one section in one month, and where it was taken."""

    __tablename__ = "month_result"

    person_id: str = Field(primary_key=True, max_length=64)
    month: date = Field(primary_key=True)
    section: str = Field(primary_key=True, max_length=64)
    puskesmas: str = Field(max_length=200)
    area: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)
    class_code: str = Field(max_length=64)


class MonthPerson(ServerTable, table=True):
    """A person screened in a month, counted where their latest screening that month was."""

    __tablename__ = "month_person"

    person_id: str = Field(primary_key=True, max_length=64)
    month: date = Field(primary_key=True)
    puskesmas: str = Field(max_length=200)
    area: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)


class MonthCount(ServerTable, table=True):
    """One counter of one Posyandu in one month (`registered`, `screened`, `<indicator>:cases`)."""

    __tablename__ = "month_count"

    month: date = Field(primary_key=True)
    puskesmas: str = Field(primary_key=True, max_length=200)
    area: str = Field(primary_key=True, max_length=200)
    posyandu: str = Field(primary_key=True, max_length=200)
    metric: str = Field(primary_key=True, max_length=80)
    n: int = Field(sa_type=sa.BigInteger)


class OpenReferral(ServerTable, table=True):
    """A resident whose latest referral no follow-up has closed: that referral, one row each."""

    __tablename__ = "open_referral"
    __table_args__ = (
        sa.Index("ix_open_referral_order", "urgent", "measured_at"),
        sa.Index("ix_open_referral_area", "area", "urgent", "measured_at"),
        sa.Index("ix_open_referral_puskesmas", "puskesmas", "urgent", "measured_at"),
    )

    person_id: str = Field(primary_key=True, max_length=64)
    puskesmas: str = Field(max_length=200)
    area: str = Field(max_length=200)
    posyandu: str = Field(max_length=200)
    visit_key: str = Field(max_length=36)
    row_id: str = Field(max_length=64)
    urgent: bool
    measured_at: datetime = Field(sa_type=UTC_DATETIME)
    measured_on: date
    sections: str = Field(max_length=2000)
