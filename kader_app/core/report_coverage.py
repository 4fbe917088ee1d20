"""The monthly report's sasaran and SPM figures, read from the register on the laptop.

The register is the Posyandu's target population; `kader_app.core.rules.coverage` counts the
S-K-D-N and the SPM lines from it. Read-only and Qt-free; nothing here logs a name or a value.
Visits before this year are read only for the sections that decide who is followed monthly
(tensi, gula darah), so a report over years of visits stays quick.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select

from kader_app.core.database import read_connection
from kader_app.core.models import FOLLOW_UP_TABLE, PERSON_TABLE, VISIT_TABLE
from kader_app.core.rules.common import Level
from kader_app.core.rules.coverage import (
    Coverage,
    FollowUpFact,
    Resident,
    Screening,
    Skdn,
    skdn,
    spm_coverage,
)
from kader_app.core.rules.section import SectionResult, SectionState

# Sections read from visits of earlier years: the ones deciding who is followed each month.
EARLIER_YEARS_SECTIONS = frozenset({"blood_pressure", "glucose"})
# Values the counts read; other values of a section are not kept.
KEPT_VALUES = {"antropometri_balita": ("weight_kg", "wfa_class")}


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    """S-K-D-N of the month and the SPM lines (served / sasaran), in report order."""

    skdn: Skdn
    lines: tuple[Coverage, ...]


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


def _result(code: str, stored: Mapping[str, Any]) -> SectionResult | None:
    if stored.get("state") != "complete" or stored.get("class") is None:
        return None
    values = stored.get("values") or {}
    kept = {key: values.get(key) for key in KEPT_VALUES.get(code, ())}
    level = stored.get("level")
    return SectionResult(
        section=code,
        state=SectionState.COMPLETE,
        code=stored["class"],
        level=None if level is None else Level(level),
        values=kept,
    )


def read_residents(engine: Engine, *, until: date) -> list[Resident]:
    """Everyone on the register born by ``until``, with what their groups are told by."""
    person = PERSON_TABLE
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(
                person.c.id,
                person.c.sex,
                person.c.birth_date,
                person.c.pregnancy_start,
                person.c.pregnancy_end,
                person.c.kia_book,
            ).where(person.c.birth_date <= until)
        ).all()
    return [
        Resident(
            id=r.id,
            sex=r.sex,
            birth_date=_day(r.birth_date) or until,
            pregnancy_start=_day(r.pregnancy_start),
            pregnancy_end=_day(r.pregnancy_end),
            kia_book=bool(r.kia_book),
        )
        for r in rows
    ]


def read_screenings(engine: Engine, *, before: date, year_start: date) -> list[Screening]:
    """Current, non-voided visits measured before ``before`` with their complete sections."""
    visit = VISIT_TABLE
    condition = (
        visit.c.is_current.is_(True)
        & visit.c.voided.is_(False)
        & (visit.c.measured_at < before.isoformat())
    )
    out: list[Screening] = []
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(visit.c.person_id, visit.c.measured_at, visit.c.payload).where(condition)
        )
        for row in rows:
            on = date.fromisoformat(str(row.measured_at)[:10])
            stored = (row.payload or {}).get("sections") or {}
            wanted = stored if on >= year_start else EARLIER_YEARS_SECTIONS
            results = {}
            for code in wanted:
                found = stored.get(code)
                result = None if found is None else _result(code, found)
                if result is not None:
                    results[code] = result
            if results:
                out.append(Screening(row.person_id, on, results))
    return out


def read_follow_ups(engine: Engine, *, since: date) -> list[FollowUpFact]:
    """Follow-ups the Puskesmas sent for residents, recorded on or after ``since``."""
    follow_up = FOLLOW_UP_TABLE
    with read_connection(engine) as conn:
        rows = conn.execute(
            select(follow_up.c.person_id, follow_up.c.outcome, follow_up.c.recorded_at).where(
                follow_up.c.person_id.is_not(None)
            )
        ).all()
    found = []
    for r in rows:
        on = r.recorded_at.date() if isinstance(r.recorded_at, datetime) else _day(r.recorded_at)
        if on is not None and on >= since:
            found.append(FollowUpFact(str(r.person_id), on, str(r.outcome)))
    return found


def coverage_figures(
    engine: Engine, *, month: date, estimates: Mapping[str, int] | None = None
) -> CoverageFigures:
    """The month's S-K-D-N and SPM lines from the register (``estimates`` replace sasaran)."""
    first = month.replace(day=1)
    following = date(first.year + first.month // 12, first.month % 12 + 1, 1)
    last = date.fromordinal(following.toordinal() - 1)
    year_start = date(first.year, 1, 1)
    residents = read_residents(engine, until=last)
    screenings = read_screenings(engine, before=following, year_start=year_start)
    follow_ups = read_follow_ups(engine, since=year_start)
    return CoverageFigures(
        skdn=skdn(residents, screenings, first),
        lines=spm_coverage(residents, screenings, follow_ups, month=first, estimates=estimates),
    )
