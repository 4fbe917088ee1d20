"""Read-only queries for the monthly Posyandu report, over the Register's engine.

Kept apart from `register.py` so the report adds no method there. Never writes, never imports
Qt, and returns plain frozen rows (names stay in memory; nothing is logged).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine, func, select

from kader_app.core.database import read_connection
from kader_app.core.models import FOLLOW_UP_TABLE, PERSON_TABLE, VISIT_TABLE
from kader_app.core.records import stored_results
from screening.rules.section import SectionResult

PERSON = PERSON_TABLE
VISIT = VISIT_TABLE
FOLLOW_UP = FOLLOW_UP_TABLE
REFERRED = ("refer", "urgent")
# Rows are read in pages so a progress bar can move on a big register.
PAGE = 500

Progress = Callable[[int, int], None]


@dataclass(frozen=True, slots=True)
class ReportVisit:
    """The current version of one non-voided visit in the month, with its resident's basics."""

    visit_id: str
    person_id: str
    name: str
    sex: str
    birth_date: date
    measured_at: str
    level: str | None
    sections: tuple[SectionResult, ...]
    nik: str | None = None
    address: str = ""


def _month_bounds(month: date) -> tuple[str, str]:
    # `measured_at` is stored as local ISO text, so the local month is a plain text range.
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    return first.isoformat(), following.isoformat()


def month_visits(
    engine: Engine, *, month: date, progress: Progress | None = None
) -> list[ReportVisit]:
    """Current, non-voided visits measured (local date) in `month`'s month, oldest first."""
    low, high = _month_bounds(month)
    condition = (
        VISIT.c.is_current.is_(True)
        & VISIT.c.voided.is_(False)
        & (VISIT.c.measured_at >= low)
        & (VISIT.c.measured_at < high)
    )
    with read_connection(engine) as conn:
        total = int(
            conn.execute(select(func.count()).select_from(VISIT).where(condition)).scalar_one()
        )
        out: list[ReportVisit] = []
        query = (
            select(
                VISIT.c.id,
                VISIT.c.person_id,
                VISIT.c.measured_at,
                VISIT.c.level,
                VISIT.c.payload,
                *_PERSON_COLUMNS,
            )
            .join(PERSON, PERSON.c.id == VISIT.c.person_id)
            .where(condition)
            .order_by(VISIT.c.measured_at_utc, VISIT.c.id)
        )
        result = conn.execute(query)
        while True:
            rows: list[Any] = list(result.fetchmany(PAGE))
            if not rows:
                break
            out.extend(
                ReportVisit(
                    visit_id=r.id,
                    person_id=r.person_id,
                    name=r.name,
                    sex=r.sex,
                    birth_date=r.birth_date,
                    measured_at=r.measured_at,
                    level=r.level,
                    sections=stored_results(r.payload),
                    nik=r.nik,
                    address=address_of(r),
                )
                for r in rows
            )
            if progress is not None:
                progress(len(out), total)
    return out


def registered_by_sex(engine: Engine, *, until: date) -> dict[str, int]:
    """The register as of `until` (the report month's end), per sex code.

    Every resident on the register who was born by then: not counted by when the record was
    made, which is wrong for residents received from the Puskesmas (made when pulled) and for
    those typed in after they had been screened on paper.
    """
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(PERSON.c.sex, func.count())
            .where(PERSON.c.birth_date <= until)
            .group_by(PERSON.c.sex)
        ).all()
    return {str(sex): int(count) for sex, count in rows}


@dataclass(frozen=True, slots=True)
class EarlierReferral:
    """A resident's latest referral in the months before the report, and what came of it."""

    person_id: str
    name: str
    sex: str
    nik: str | None
    address: str
    measured_at: str
    level: str
    outcome: str | None
    outcome_at: str | None


def earlier_referrals(engine: Engine, *, since: date, before: date) -> list[EarlierReferral]:
    """Each resident's latest referred visit measured in [since, before), with its follow-up.

    The follow-up is the newest one the Puskesmas sent (by sync) for that visit, or for the
    resident after it was measured; ``outcome`` is None while none has come.
    """
    condition = (
        VISIT.c.is_current.is_(True)
        & VISIT.c.voided.is_(False)
        & VISIT.c.level.in_(REFERRED)
        & (VISIT.c.measured_at >= since.isoformat())
        & (VISIT.c.measured_at < before.isoformat())
    )
    with read_connection(engine) as conn:
        visits = conn.execute(
            select(
                VISIT.c.id,
                VISIT.c.visit_key,
                VISIT.c.person_id,
                VISIT.c.measured_at,
                VISIT.c.measured_at_utc,
                VISIT.c.level,
                *_PERSON_COLUMNS,
            )
            .join(PERSON, PERSON.c.id == VISIT.c.person_id)
            .where(condition)
            .order_by(VISIT.c.measured_at_utc)
        ).all()
        latest = {row.person_id: row for row in visits}
        people = sorted(latest)
        follow_ups: list[Any] = []
        for start in range(0, len(people), PAGE):
            chunk = people[start : start + PAGE]
            ids = [v for p in chunk for v in (latest[p].id, latest[p].visit_key)]
            follow_ups += conn.execute(
                select(FOLLOW_UP).where(
                    FOLLOW_UP.c.person_id.in_(chunk) | FOLLOW_UP.c.visit_id.in_(ids)
                )
            ).all()
    found: list[EarlierReferral] = []
    for person_id in people:
        visit = latest[person_id]
        answers = [
            f
            for f in follow_ups
            if f.visit_id in (visit.id, visit.visit_key)
            or (f.person_id == person_id and f.visit_id is None and _after(f, visit))
        ]
        newest = max(answers, key=lambda f: str(f.recorded_at), default=None)
        found.append(
            EarlierReferral(
                person_id=person_id,
                name=visit.name,
                sex=visit.sex,
                nik=visit.nik,
                address=address_of(visit),
                measured_at=visit.measured_at,
                level=visit.level,
                outcome=None if newest is None else newest.outcome,
                outcome_at=None if newest is None else str(newest.recorded_at)[:10],
            )
        )
    return found


def _after(follow_up: Any, visit: Any) -> bool:
    return str(follow_up.recorded_at) >= str(visit.measured_at_utc)


_PERSON_COLUMNS = (
    PERSON.c.name,
    PERSON.c.sex,
    PERSON.c.birth_date,
    PERSON.c.nik,
    PERSON.c.dusun,
    PERSON.c.rt,
    PERSON.c.rw,
    PERSON.c.desa,
)


def address_of(row: Any) -> str:
    """'Krajan, RT 002/RW 001, Sukamaju' from a row with the person's address columns."""
    parts = [row.dusun] if row.dusun else []
    if row.rt or row.rw:
        parts.append(f"RT {row.rt or '-'}/RW {row.rw or '-'}")
    if row.desa:
        parts.append(row.desa)
    return ", ".join(parts)
