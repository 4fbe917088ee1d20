"""What the KMS growth chart shows, as plain numbers: WHO z-lines, the child's points, N/T marks.

The z-lines come from the WHO 2006 tables for the child's sex (`screening.rules.growth`),
each weighing's mark from the weight-trend rule (`tren_bb`); nothing here classifies. No Qt, so
the Puskesmas dashboard draws the same picture (as SVG) from the same numbers and colours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from functools import lru_cache
from math import ceil, floor
from typing import Final, Literal

from screening.rules.age import age_on
from screening.rules.common import RuleInputError
from screening.rules.growth import LAST_TABLE_DAY, adjusted_length, lms_for_age
from screening.rules.section import Earlier
from screening.rules.tren_bb import DEFAULT_KBM_TABLE, classify_trend

KmsIndex = Literal["wfa", "lhfa"]
"""Weight-for-age (the KMS itself) or length/height-for-age."""

Z_LINES: Final = (-3, -2, 0, 2, 3)
# The picture's colours, the same in the app's chart (QPainter) and the dashboard's (SVG).
LINE_COLOUR: Final = {-3: "#222222", -2: "#c62828", 0: "#2e7d32", 2: "#c62828", 3: "#222222"}
BAND_COLOUR: Final = {"outside": "#fcebeb", "near": "#fff3c4", "middle": "#dff0dc"}
POINT_COLOUR: Final = "#0d47a1"
MARK_COLOUR: Final = {"N": "#1b7f3b", "T": "#b3001b", "2T": "#b3001b"}
OTHER_MARK_COLOUR: Final = "#555555"
Z_TEXT: Final = {-3: "−3", -2: "−2", 0: "0", 2: "+2", 3: "+3"}
DAYS_PER_MONTH: Final = 487 / 16
"""WHO's month (30.4375 days), as LIFECYCLE_RULES §a counts age."""
FIRST_CHART_MONTHS: Final = 24
"""A child up to 24 months is shown on the 0–24 month chart, as in the Buku KIA."""
FULL_CHART_MONTHS: Final = 60
_STEP_DAYS: Final = {FIRST_CHART_MONTHS: 4, FULL_CHART_MONTHS: 7}
_TICK: Final = {"wfa": 1, "lhfa": 5}


@dataclass(frozen=True, slots=True)
class KmsPoint:
    """One measurement at ``month`` of age (fractional), with its N/T/O/B mark if weighed."""

    on: date
    month: float
    value: float
    mark: str | None = None


@dataclass(frozen=True, slots=True)
class KmsCurve:
    """The WHO line at ``z`` standard deviations, as (month, value) pairs."""

    z: int
    points: tuple[tuple[float, float], ...]

    def value_at(self, month: float) -> float:
        """The line's value at ``month``, between its samples."""
        pts = self.points
        if month <= pts[0][0]:
            return pts[0][1]
        for (m0, v0), (m1, v1) in zip(pts, pts[1:], strict=False):
            if month <= m1:
                return v0 + (v1 - v0) * (month - m0) / (m1 - m0)
        return pts[-1][1]


@dataclass(frozen=True, slots=True)
class KmsCurves:
    """A whole chart: 0–``months`` of age, values ``low``–``high`` (ticks every ``tick``)."""

    index: KmsIndex
    sex: str
    months: int
    curves: tuple[KmsCurve, ...]
    points: tuple[KmsPoint, ...]
    low: float
    high: float
    tick: float

    def curve(self, z: int) -> KmsCurve:
        return next(c for c in self.curves if c.z == z)

    @property
    def drawable(self) -> bool:
        """Every line has points (not so for a sex the tables do not know)."""
        return all(len(c.points) >= 2 for c in self.curves)


def _month(birth_date: date, on: date) -> float:
    return (on - birth_date).days / DAYS_PER_MONTH


@lru_cache(maxsize=32)
def z_curves(index: KmsIndex, sex: str, months: int) -> tuple[KmsCurve, ...]:
    """The WHO z-lines of one index and sex over the chart's width (the same for every child).

    Kept once made: the form redraws the chart on every keystroke of a weighing.
    """
    last_day = min(LAST_TABLE_DAY, floor(months * DAYS_PER_MONTH))
    days = [*range(0, last_day, _STEP_DAYS.get(months, 7)), last_day]
    curves = []
    for z in Z_LINES:
        samples = []
        for day in days:
            lms = lms_for_age(index, sex, day)
            if lms is not None:
                samples.append((day / DAYS_PER_MONTH, lms.sd(z)))
        curves.append(KmsCurve(z, tuple(samples)))
    return tuple(curves)


def kms_curves(
    index: KmsIndex,
    *,
    sex: str,
    birth_date: date,
    measurements: Sequence[tuple[date, Decimal | float]],
    marks: Mapping[date, str] | None = None,
    months: int | None = None,
) -> KmsCurves:
    """The chart of ``measurements`` (kg, or cm as the tables expect it) for a child.

    ``months`` is the chart's width; by default 24 while every measurement is within 24 months,
    else 60. Measurements outside the chart (before birth, after 60 months) are left out.
    """
    end_day = LAST_TABLE_DAY
    inside = sorted(
        (on, float(value)) for on, value in measurements if 0 <= (on - birth_date).days <= end_day
    )
    if months is None:
        latest = _month(birth_date, inside[-1][0]) if inside else 0.0
        months = FIRST_CHART_MONTHS if latest <= FIRST_CHART_MONTHS else FULL_CHART_MONTHS
    curves = z_curves(index, sex, months)
    points = tuple(
        KmsPoint(on, _month(birth_date, on), value, (marks or {}).get(on))
        for on, value in inside
        if _month(birth_date, on) <= months
    )
    values = [v for c in curves for _, v in c.points] + [p.value for p in points]
    tick = _TICK[index]
    low = floor(min(values) / tick) * tick if values else 0.0
    high = ceil(max(values) / tick) * tick if values else 1.0
    return KmsCurves(index, sex, months, tuple(curves), points, low, high, tick)


def weight_marks(
    birth_date: date,
    weighings: Sequence[tuple[date, Decimal]],
    *,
    kbm_table: str = DEFAULT_KBM_TABLE,
) -> dict[date, str]:
    """Each weighing's mark (N, T, 2T, O or B) as the trend rule gave it on that day."""
    ordered = sorted(weighings)
    marks: dict[date, str] = {}
    for at, (on, _) in enumerate(ordered):
        try:
            marks[on] = classify_trend(birth_date, ordered[: at + 1], kbm_table=kbm_table).code
        except RuleInputError:
            continue  # past the tables, or not a weight the rule reads: plotted without a mark
    return marks


def growth_points(
    earlier: Sequence[Earlier], birth_date: date
) -> tuple[list[tuple[date, Decimal]], list[tuple[date, Decimal]]]:
    """The weights, and lengths/heights as WHO plots them, of ``earlier`` visits, oldest first.

    Read from each visit's growth section; a length is adjusted for the position it was
    measured in (±0.7 cm, as the z-score uses it).
    """
    weights: list[tuple[date, Decimal]] = []
    lengths: list[tuple[date, Decimal]] = []
    for visit in sorted(earlier, key=lambda v: v.on):
        if visit.on < birth_date:
            continue
        growth = visit.sections.get("antropometri_balita")
        weight = getattr(growth, "weight_kg", None)
        length = getattr(growth, "length_cm", None)
        position = getattr(growth, "position", None)
        if isinstance(weight, Decimal):
            weights.append((visit.on, weight))
        if isinstance(length, Decimal) and isinstance(position, str):
            days = age_on(birth_date, visit.on).days
            lengths.append((visit.on, adjusted_length(length, position, days)))
    return weights, lengths
