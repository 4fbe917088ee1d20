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
from kader_app.core.models import PERSON_TABLE, VISIT_TABLE
from kader_app.core.records import stored_results
from kader_app.core.rules.section import SectionResult

PERSON = PERSON_TABLE
VISIT = VISIT_TABLE
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
                PERSON.c.name,
                PERSON.c.sex,
                PERSON.c.birth_date,
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
                )
                for r in rows
            )
            if progress is not None:
                progress(len(out), total)
    return out


def registered_by_sex(engine: Engine, *, until: date) -> dict[str, int]:
    """Residents registered on or before `until` (end of the report month), per sex code."""
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(PERSON.c.sex, func.count())
            .where(func.date(PERSON.c.created_at) <= until.isoformat())
            .group_by(PERSON.c.sex)
        ).all()
    return {str(sex): int(count) for sex, count in rows}
