"""The monthly report's sasaran and SPM figures, read from the register on the laptop.

The register is the Posyandu's target population; `screening.rules.coverage` counts the
S-K-D-N and the SPM lines from it. Read-only and Qt-free; nothing here logs a name or a value.
Visits before this year are read only when referred, and only for the sections that decide who
is followed monthly (tensi, gula darah), so a report over years of visits stays quick.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import Engine, select, text

from kader_app.core.database import read_connection
from kader_app.core.models import FOLLOW_UP_TABLE
from kader_app.core.records import GROWTH_SECTION, read_complete_sections
from screening.rules.coverage import (
    COUNTED_SECTIONS,
    Coverage,
    FollowUpFact,
    Resident,
    Screening,
    Skdn,
    skdn,
    spm_coverage,
)
from screening.rules.section import SectionResult, SectionState

# Sections read from visits of earlier years: the ones deciding who is followed each month.
EARLIER_YEARS_SECTIONS = frozenset({"blood_pressure", "glucose"})


@dataclass(frozen=True, slots=True)
class CoverageFigures:
    """S-K-D-N of the month and the SPM lines (served / sasaran), in report order."""

    skdn: Skdn
    lines: tuple[Coverage, ...]


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])


_RESIDENTS = text(
    "SELECT id, sex, birth_date, pregnancy_start, pregnancy_end, kia_book FROM person"
    " WHERE birth_date <= :until"
)


def read_residents(engine: Engine, *, until: date) -> list[Resident]:
    """Everyone on the register born by ``until``, with what their groups are told by."""
    days: dict[Any, date | None] = {None: None}

    def day(value: Any) -> date | None:
        # Dates as stored (ISO text), each distinct one read once.
        if value not in days:
            days[value] = _day(value)
        return days[value]

    with read_connection(engine) as conn:
        rows = conn.execute(_RESIDENTS, {"until": until.isoformat()}).all()
    return [
        Resident(
            id=person_id,
            sex=sex,
            birth_date=day(birth_date) or until,
            pregnancy_start=None if start is None else day(start),
            pregnancy_end=None if end is None else day(end),
            kia_book=bool(kia_book),
        )
        for person_id, sex, birth_date, start, end, kia_book in rows
    ]


# The year's screenings and the referred ones of earlier years, read from the covering index
# on the measuring date (`ix_visit_measured`): no payload is read.
_SCREENINGS = text(
    """
    SELECT person_id, measured_at, complete_sections FROM visit
     WHERE measured_at >= :year_start AND measured_at < :before
       AND is_current = 1 AND voided = 0 AND complete_sections != ''
    UNION ALL
    SELECT person_id, measured_at, complete_sections FROM visit
     WHERE measured_at < :year_start AND level IN ('refer', 'urgent')
       AND is_current = 1 AND voided = 0 AND complete_sections != ''
    """
)


def read_screenings(engine: Engine, *, before: date, year_start: date) -> list[Screening]:
    """Current, non-voided visits measured before ``before`` with their complete sections.

    Only the sections coverage reads. Of visits before ``year_start`` only the referred ones
    (every hypertension class and a suspected diabetes refers, so none is missed), and of them
    only tensi and gula darah.
    """
    params = {"before": before.isoformat(), "year_start": year_start.isoformat()}
    # Most visits repeat a handful of section-and-class mixes: each is read once. The results
    # are shared between screenings and never changed.
    read: dict[tuple[str, bool], dict[str, SectionResult]] = {}
    shared: dict[tuple[str, str], SectionResult] = {}
    days: dict[str, date] = {}
    out: list[Screening] = []
    with read_connection(engine) as conn:
        for person_id, measured_at, sections in conn.execute(_SCREENINGS, params):
            day = str(measured_at)[:10]
            on = days.get(day) or days.setdefault(day, date.fromisoformat(day))
            key = (sections, on >= year_start)
            results = read.get(key)
            if results is None:
                results = read[key] = _results(sections, this_year=key[1], shared=shared)
            if results:
                out.append(Screening(person_id, on, results))
    return out


def _results(
    sections: str, *, this_year: bool, shared: dict[tuple[str, str], SectionResult]
) -> dict[str, SectionResult]:
    """The counted sections of one compact text; results without values are shared."""
    wanted = COUNTED_SECTIONS if this_year else EARLIER_YEARS_SECTIONS
    results: dict[str, SectionResult] = {}
    for done in read_complete_sections(sections):
        if done.code not in wanted:
            continue
        if done.code == GROWTH_SECTION:
            values = {"weight_kg": done.weight_kg, "wfa_class": done.wfa_class}
            results[done.code] = _complete(done.code, done.class_code, values)
            continue
        key = (done.code, done.class_code)
        found = shared.get(key)
        if found is None:
            found = shared[key] = _complete(done.code, done.class_code, {})
        results[done.code] = found
    return results


def _complete(code: str, class_code: str, values: dict[str, Any]) -> SectionResult:
    return SectionResult(section=code, state=SectionState.COMPLETE, code=class_code, values=values)


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
