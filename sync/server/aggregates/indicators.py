"""The PWS figures: residents registered and screened, the indicators, and the open referrals.

Each indicator is a predicate on a complete section's result with its own chart colour and
marker. Pure functions of the facts (see `facts`), so every figure can be checked by hand; only
complete sections count, so a section never asked is never a negative.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from screening.words import class_text
from sync.protocol import LevelCode
from sync.server.aggregates.facts import PersonFact, SectionFact, VisitFact

REFERRAL_LEVELS: tuple[LevelCode, ...] = ("refer", "urgent")
Marker = Literal["circle", "square", "triangle", "diamond", "ring"]


@dataclass(frozen=True, slots=True)
class ClassIn:
    """A predicate: the section's class is one of ``codes`` (stable class codes)."""

    codes: frozenset[str]

    def __call__(self, result: SectionFact) -> bool:
        return result.code in self.codes


def class_in(*codes: str) -> ClassIn:
    return ClassIn(frozenset(codes))


@dataclass(frozen=True, slots=True)
class Indicator:
    """Among the people screened for ``section`` in a month, those whose result ``is_case``.

    The person's latest complete result of the section that month decides. ``colour`` and
    ``marker`` draw the indicator's line in the 12-month chart (Okabe–Ito colours, which stay
    apart for common colour-vision deficiencies, and a marker shape each).
    """

    key: str
    label: str
    section: str
    is_case: ClassIn
    colour: str
    marker: Marker


INDICATORS: tuple[Indicator, ...] = (
    Indicator(
        key="hipertensi",
        label="Hipertensi (≥ derajat 1)",
        section="blood_pressure",
        is_case=class_in("hipertensi_1", "hipertensi_2", "hipertensi_3"),
        colour="#D55E00",
        marker="circle",
    ),
    Indicator(
        key="curiga_diabetes",
        label=class_text("glucose", "curiga_diabetes"),
        section="glucose",
        is_case=class_in("curiga_diabetes"),
        colour="#0072B2",
        marker="square",
    ),
    Indicator(
        key="terduga_tbc",
        label=class_text("tb", "terduga_tbc"),
        section="tb",
        is_case=class_in("terduga_tbc"),
        colour="#009E73",
        marker="triangle",
    ),
    Indicator(
        key="srq20",
        label="SRQ-20 berpotensi",
        section="srq20",
        is_case=class_in("berpotensi_masalah_jiwa"),
        colour="#CC79A7",
        marker="diamond",
    ),
    Indicator(
        key="obesitas",
        label="Obesitas (IMT)",
        section="bmi",
        is_case=class_in("obesitas_1", "obesitas_2", "obesitas"),
        colour="#E69F00",
        marker="ring",
    ),
)


@dataclass(frozen=True, slots=True)
class IndicatorCount:
    key: str
    label: str
    cases: int
    screened: int

    @property
    def rate(self) -> float | None:
        """Cases per 100 people screened for this section; None when nobody was."""
        return None if self.screened == 0 else 100.0 * self.cases / self.screened


@dataclass(frozen=True, slots=True)
class AreaMonth:
    """One desa + Posyandu (or the total, with both empty) in one month."""

    area: str
    posyandu: str
    month: date
    registered: int
    new_registered: int
    screened: int
    indicators: tuple[IndicatorCount, ...]

    def indicator(self, key: str) -> IndicatorCount:
        return next(i for i in self.indicators if i.key == key)


def month_end(month: date) -> date:
    """The last day of `month`'s month."""
    following = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
    return following - timedelta(days=1)


def shift_month(month: date, delta: int) -> date:
    index = month.year * 12 + month.month - 1 + delta
    return date(index // 12, index % 12 + 1, 1)


def visits_by_month(visits: Iterable[VisitFact]) -> dict[date, list[VisitFact]]:
    """The visits of each month (local calendar), in their given order."""
    out: dict[date, list[VisitFact]] = defaultdict(list)
    for visit in visits:
        out[visit.month].append(visit)
    return dict(out)


def summarize(
    *, people: Sequence[PersonFact], visits: Sequence[VisitFact], month: date, group: bool = True
) -> list[AreaMonth]:
    """One row per desa + Posyandu for `month` (sorted), then the total row (empty names).

    Registered: residents registered up to the month's end. Screened: people with a visit
    measured in the month that has a complete section. For each indicator the person's latest
    complete result of its section that month decides; the denominator is the people screened
    for that section.
    """
    month = month.replace(day=1)
    in_month = [v for v in visits if v.month == month]
    return summarize_month(people=people, in_month=in_month, month=month, group=group)


def summarize_month(
    *, people: Sequence[PersonFact], in_month: Sequence[VisitFact], month: date, group: bool
) -> list[AreaMonth]:
    """`summarize` of visits already known to be of `month`."""
    last = month_end(month)
    rows = []
    if group:
        people_of: dict[tuple[str, str], list[PersonFact]] = defaultdict(list)
        for person in people:
            people_of[(person.area, person.posyandu)].append(person)
        visits_of: dict[tuple[str, str], list[VisitFact]] = defaultdict(list)
        for visit in in_month:
            visits_of[(visit.area, visit.posyandu)].append(visit)
        for area, posyandu in sorted(people_of.keys() | visits_of.keys()):
            rows.append(
                _area_month(
                    people=people_of.get((area, posyandu), []),
                    visits=visits_of.get((area, posyandu), []),
                    area=area,
                    posyandu=posyandu,
                    month=month,
                    last=last,
                )
            )
    rows.append(
        _area_month(people=people, visits=in_month, area="", posyandu="", month=month, last=last)
    )
    return rows


def _area_month(
    *,
    people: Sequence[PersonFact],
    visits: Sequence[VisitFact],
    area: str,
    posyandu: str,
    month: date,
    last: date,
) -> AreaMonth:
    ordered = sorted(visits, key=lambda v: (v.measured_utc, v.version))
    counts = []
    for indicator in INDICATORS:
        latest: dict[str, SectionFact] = {}
        for visit in ordered:
            result = visit.sections.get(indicator.section)
            if result is not None:
                latest[visit.person_id] = result
        counts.append(
            IndicatorCount(
                key=indicator.key,
                label=indicator.label,
                cases=sum(1 for r in latest.values() if indicator.is_case(r)),
                screened=len(latest),
            )
        )
    return AreaMonth(
        area=area,
        posyandu=posyandu,
        month=month,
        registered=sum(1 for p in people if p.registered_on <= last),
        new_registered=sum(1 for p in people if month <= p.registered_on <= last),
        screened=len({v.person_id for v in visits if v.screened}),
        indicators=tuple(counts),
    )


def trend(
    *, people: Sequence[PersonFact], visits: Sequence[VisitFact], last_month: date, months: int = 12
) -> list[AreaMonth]:
    """The total row of each of the `months` months ending with `last_month`, oldest first."""
    return trend_by_month(
        people=people, by_month=visits_by_month(visits), last_month=last_month, months=months
    )


def trend_by_month(
    *,
    people: Sequence[PersonFact],
    by_month: Mapping[date, Sequence[VisitFact]],
    last_month: date,
    months: int,
) -> list[AreaMonth]:
    """`trend` of visits already grouped by `visits_by_month`."""
    first = shift_month(last_month.replace(day=1), -(months - 1))
    out = []
    for i in range(months):
        month = shift_month(first, i)
        in_month = by_month.get(month, ())
        out.append(summarize_month(people=people, in_month=in_month, month=month, group=False)[0])
    return out
