"""The dashboard's figures read from the summary tables: a few small indexed queries per page.

The overview's rows and its 12-month trend come from `month_count`; the referral list from
`open_referral` with each resident's NIK, address and phone. Reads only, any number of server
processes alike (nothing is kept in memory between requests). Nothing here logs entry content.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlmodel import Session

from sync.protocol import LevelCode
from sync.server.aggregates.indicators import (
    INDICATORS,
    REFERRAL_LEVELS,
    AreaMonth,
    IndicatorCount,
    shift_month,
)
from sync.server.models import SERVER_METADATA

MONTH_COUNT = SERVER_METADATA.tables["month_count"]
OPEN_REFERRAL = SERVER_METADATA.tables["open_referral"]
PERSON_FACT = SERVER_METADATA.tables["person_fact"]
REGISTERED = "registered"
SCREENED = "screened"
UNREADABLE = "unreadable"
NOT_MONTHLY = (REGISTERED, UNREADABLE)


@dataclass(frozen=True, slots=True)
class Scope:
    """What a page shows: one Puskesmas (None: the kabupaten), a desa, a Posyandu."""

    puskesmas: str | None = None
    area: str | None = None
    posyandu: str | None = None

    def where(self, table: sa.Table) -> list[sa.ColumnElement[bool]]:
        out = []
        if self.puskesmas is not None:
            out.append(table.c.puskesmas == self.puskesmas)
        if self.area:
            out.append(table.c.area == self.area)
        if self.posyandu:
            out.append(table.c.posyandu == self.posyandu)
        return out


def _area_month(
    *, area: str, posyandu: str, month: date, registered: int, new: int, counts: dict[str, int]
) -> AreaMonth:
    return AreaMonth(
        area=area,
        posyandu=posyandu,
        month=month,
        registered=registered,
        new_registered=new,
        screened=counts.get(SCREENED, 0),
        indicators=tuple(
            IndicatorCount(
                key=i.key,
                label=i.label,
                cases=counts.get(f"{i.key}:cases", 0),
                screened=counts.get(f"{i.key}:screened", 0),
            )
            for i in INDICATORS
        ),
    )


def month_rows(*, session: Session, scope: Scope, month: date) -> list[AreaMonth]:
    """One row per desa + Posyandu of the scope for `month` (sorted), then the total row."""
    counted = session.execute(
        sa.select(
            MONTH_COUNT.c.area,
            MONTH_COUNT.c.posyandu,
            MONTH_COUNT.c.metric,
            sa.func.sum(MONTH_COUNT.c.n),
        )
        .where(
            MONTH_COUNT.c.month == month,
            MONTH_COUNT.c.metric != REGISTERED,
            *scope.where(MONTH_COUNT),
        )
        .group_by(MONTH_COUNT.c.area, MONTH_COUNT.c.posyandu, MONTH_COUNT.c.metric)
    )
    counts: defaultdict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for area, posyandu, metric, n in counted:
        counts[(area, posyandu)][metric] = int(n or 0)
    registered: dict[tuple[str, str], tuple[int, int]] = {}
    for area, posyandu, total, new in session.execute(
        sa.select(
            MONTH_COUNT.c.area,
            MONTH_COUNT.c.posyandu,
            sa.func.sum(MONTH_COUNT.c.n),
            sa.func.sum(sa.case((MONTH_COUNT.c.month == month, MONTH_COUNT.c.n), else_=0)),
        )
        .where(
            MONTH_COUNT.c.metric == REGISTERED,
            MONTH_COUNT.c.month <= month,
            *scope.where(MONTH_COUNT),
        )
        .group_by(MONTH_COUNT.c.area, MONTH_COUNT.c.posyandu)
    ):
        registered[(area, posyandu)] = (int(total or 0), int(new or 0))
    rows = []
    totals: defaultdict[str, int] = defaultdict(int)
    for area, posyandu in sorted(counts.keys() | registered.keys()):
        group_counts = counts.get((area, posyandu), {})
        people, new = registered.get((area, posyandu), (0, 0))
        if not people and not any(group_counts.values()):
            continue
        rows.append(
            _area_month(
                area=area,
                posyandu=posyandu,
                month=month,
                registered=people,
                new=new,
                counts=group_counts,
            )
        )
        for metric, n in group_counts.items():
            totals[metric] += n
    rows.append(
        _area_month(
            area="",
            posyandu="",
            month=month,
            registered=sum(r.registered for r in rows),
            new=sum(r.new_registered for r in rows),
            counts=dict(totals),
        )
    )
    return rows


def trend(*, session: Session, scope: Scope, last_month: date, months: int = 12) -> list[AreaMonth]:
    """The total row of each of the `months` months ending with `last_month`, oldest first."""
    first = shift_month(last_month, -(months - 1))
    counts: defaultdict[date, dict[str, int]] = defaultdict(dict)
    for month, metric, n in session.execute(
        sa.select(MONTH_COUNT.c.month, MONTH_COUNT.c.metric, sa.func.sum(MONTH_COUNT.c.n))
        .where(
            MONTH_COUNT.c.month >= first,
            MONTH_COUNT.c.month <= last_month,
            MONTH_COUNT.c.metric.not_in(NOT_MONTHLY),
            *scope.where(MONTH_COUNT),
        )
        .group_by(MONTH_COUNT.c.month, MONTH_COUNT.c.metric)
    ):
        counts[month][metric] = int(n or 0)
    added = dict(
        session.execute(
            sa.select(MONTH_COUNT.c.month, sa.func.sum(MONTH_COUNT.c.n))
            .where(
                MONTH_COUNT.c.metric == REGISTERED,
                MONTH_COUNT.c.month <= last_month,
                *scope.where(MONTH_COUNT),
            )
            .group_by(MONTH_COUNT.c.month)
        ).all()
    )
    out = []
    for i in range(months):
        month = shift_month(first, i)
        registered = sum(int(n or 0) for m, n in added.items() if m <= month)
        out.append(
            _area_month(
                area="",
                posyandu="",
                month=month,
                registered=registered,
                new=int(added.get(month) or 0),
                counts=counts.get(month, {}),
            )
        )
    return out


def unreadable_count(*, session: Session, scope: Scope) -> int:
    """Stored entries of the scope whose payload did not parse when the summaries were built."""
    found = session.execute(
        sa.select(sa.func.sum(MONTH_COUNT.c.n)).where(
            MONTH_COUNT.c.metric == UNREADABLE, *scope.where(MONTH_COUNT)
        )
    ).scalar()
    return int(found or 0)


@dataclass(frozen=True, slots=True)
class OpenReferral:
    """One resident's latest referral still open, as the referral list shows it."""

    key: str
    row_id: str
    person_id: str
    name: str
    nik: str | None
    address: str
    phone: str
    area: str
    posyandu: str
    level: LevelCode
    results: tuple[tuple[str, str], ...]
    measured_on: date
    days_waiting: int


def referral_page(
    *, session: Session, scope: Scope, today: date, offset: int, limit: int
) -> tuple[list[OpenReferral], int]:
    """A page of open referrals, urgent first and the most recent first; and how many in all."""
    where = scope.where(OPEN_REFERRAL)
    total = int(
        session.execute(
            sa.select(sa.func.count()).select_from(OPEN_REFERRAL).where(*where)
        ).scalar()
        or 0
    )
    rows = session.execute(
        sa.select(
            OPEN_REFERRAL,
            PERSON_FACT.c.name,
            PERSON_FACT.c.nik,
            PERSON_FACT.c.address,
            PERSON_FACT.c.phone,
        )
        .outerjoin(PERSON_FACT, PERSON_FACT.c.person_id == OPEN_REFERRAL.c.person_id)
        .where(*where)
        .order_by(
            OPEN_REFERRAL.c.urgent.desc(),
            OPEN_REFERRAL.c.measured_at.desc(),
            OPEN_REFERRAL.c.person_id,
        )
        .offset(offset)
        .limit(limit)
    )
    return [_referral(row, today) for row in rows], total


def _referral(row: Any, today: date) -> OpenReferral:
    results = tuple(
        (code, class_code)
        for code, class_code, level in (p.split(":", 2) for p in row.sections.split(";") if p)
        if level in REFERRAL_LEVELS
    )
    return OpenReferral(
        key=row.visit_key,
        row_id=row.row_id,
        person_id=row.person_id,
        name=row.name or "",
        nik=row.nik,
        address=row.address or "",
        phone=row.phone or "",
        area=row.area,
        posyandu=row.posyandu,
        level="urgent" if row.urgent else "refer",
        results=results,
        measured_on=row.measured_on,
        days_waiting=max(0, (today - row.measured_on).days),
    )


def referral_by_key(*, session: Session, visit_key: str) -> Any:
    """The open referral of one visit (area, Puskesmas, resident, row id), or None."""
    return session.execute(
        sa.select(OPEN_REFERRAL).where(OPEN_REFERRAL.c.visit_key == visit_key)
    ).first()
