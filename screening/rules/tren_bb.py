"""Tren berat badan: N / T / O / B against last month's weighing, and 2T (LIFECYCLE_RULES §c).

The section's spec and its pure rule. Today's weight is the one typed in ``antropometri_balita``
(read from the same visit); the earlier weighings travel in this section's own inputs, carried
from the child's earlier visits, so a stored visit can be rechecked on its own.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from screening.rules.age import age_on
from screening.rules.common import Level, Problem, Reason, RuleInputError, in_range
from screening.rules.growth import LAST_TABLE_DAY
from screening.rules.growth_inputs import WEIGHT_RANGE_KG
from screening.rules.section import (
    Availability,
    Earlier,
    InputModel,
    Missing,
    Quantity,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
)
from screening.rules.stage import required_age, subject_age

# Kenaikan berat badan minimal (grams) by the WHO month at the current weighing; month 0 uses
# row "1". Data from LIFECYCLE_RULES §c: ask the Puskesmas nutritionist before changing it.
KBM_TABLES: Final[dict[str, dict[str, int]]] = {
    "kia2023": {"1": 800, "2": 900, "3": 800, "4": 600, "5": 500, "6": 400, "7": 300, "8": 300,
                "9": 300, "10": 300, "11": 200, "12-60": 200},
    "kms2010": {"1": 800, "2": 900, "3": 800, "4": 600, "5": 500, "6": 400, "7": 400, "8": 300,
                "9": 300, "10": 300, "11": 300, "12-60": 200},
}  # fmt: skip
DEFAULT_KBM_TABLE: Final = "kia2023"

WEIGHT_GAINED: Final = "weight_gained"
"""N: ``gain_g`` since last month reaches the KBM ``kbm_g``."""
WEIGHT_NOT_GAINED: Final = "weight_not_gained"
"""T: ``gain_g`` since last month is below the KBM ``kbm_g``."""
WEIGHT_TWO_T: Final = "weight_two_t"
"""2T: last month was T as well."""
WEIGHT_FIRST: Final = "weight_first_weighing"
"""B: the first month with a weighing."""
WEIGHT_MONTH_MISSED: Final = "weight_month_missed"
"""O: weighed before, but not last month."""
REASON_PARAMS: Final = {
    WEIGHT_GAINED: ("gain_g", "kbm_g"),
    WEIGHT_NOT_GAINED: ("gain_g", "kbm_g"),
    WEIGHT_TWO_T: (),
    WEIGHT_FIRST: (),
    WEIGHT_MONTH_MISSED: (),
}
TWO_T: Final = "2T"
"""The section's class for T twice running (``trend`` stays ``T``, ``two_t`` is true)."""


def kbm_g(table: str, months: int) -> int:
    """The KBM for a weighing at WHO month ``months`` (month 0 uses row 1)."""
    month = max(months, 1)
    return KBM_TABLES[table]["12-60" if month >= 12 else str(month)]


@dataclass(frozen=True, slots=True)
class TrendResult:
    """``trend`` is N, T, O or B; ``gain_g``/``kbm_g`` only for N and T."""

    trend: str
    gain_g: int | None
    kbm_g: int | None
    two_t: bool
    level: Level
    reasons: tuple[Reason, ...]

    @property
    def code(self) -> str:
        return TWO_T if self.two_t else self.trend

    def vector(self) -> dict[str, Any]:
        return {
            "trend": self.trend,
            "gain_g": self.gain_g,
            "kbm_g": self.kbm_g,
            "two_t": self.two_t,
            "level": self.level.value,
        }


def _month(on: date) -> tuple[int, int]:
    return on.year, on.month


def _previous(month: tuple[int, int]) -> tuple[int, int]:
    year, number = month
    return (year - 1, 12) if number == 1 else (year, number - 1)


def checked_weighings(
    birth_date: date, weighings: Sequence[tuple[date, object]]
) -> list[tuple[date, Decimal]]:
    """The weighings read exactly, oldest first.

    Raises:
        RuleInputError: none, one dated before birth, two on one date, or a weight out of range
            (field ``weighings``).
    """
    if not weighings:
        raise RuleInputError("weighings", Problem.INVALID)
    if any(on < birth_date for on, _ in weighings):
        raise RuleInputError("weighings", Problem.OUT_OF_RANGE)
    if len({on for on, _ in weighings}) != len(weighings):
        raise RuleInputError("weighings", Problem.INVALID)
    low, high = WEIGHT_RANGE_KG
    read: list[tuple[date, Decimal]] = []
    for on, weight in weighings:
        try:
            kg = in_range(weight, field_name="weighings", bounds=WEIGHT_RANGE_KG, decimals=2)
        except RuleInputError:
            raise RuleInputError(
                "weighings", Problem.OUT_OF_RANGE, minimum=float(low), maximum=float(high)
            ) from None
        read.append((on, kg))
    return sorted(read)


def classify_trend(
    birth_date: date,
    weighings: Sequence[tuple[date, object]],
    *,
    kbm_table: str = DEFAULT_KBM_TABLE,
) -> TrendResult:
    """N / T / O / B of the latest weighing, and whether last month was T too (2T).

    Only the latest weighing of each calendar month counts.

    Raises:
        RuleInputError: bad weighings (``weighings``), a current age over 1856 days
            (``birth_date``) or an unknown KBM table (``kbm_table``).
    """
    read = checked_weighings(birth_date, weighings)
    current_on = read[-1][0]
    if age_on(birth_date, current_on).days > LAST_TABLE_DAY:
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE)
    if kbm_table not in KBM_TABLES:
        raise RuleInputError("kbm_table", Problem.UNKNOWN_CODE)
    monthly: dict[tuple[int, int], tuple[date, Decimal]] = {}
    for on, weight in read:  # oldest first: the latest of each month stays
        monthly[_month(on)] = (on, weight)
    first = min(monthly)

    def trend_of(month: tuple[int, int]) -> tuple[str, int | None, int | None]:
        if month == first:
            return "B", None, None
        before = monthly.get(_previous(month))
        if before is None:
            return "O", None, None
        on, weight = monthly[month]
        gain = int((weight - before[1]) * 1000)
        needed = kbm_g(kbm_table, age_on(birth_date, on).months)
        return ("N" if gain >= needed else "T"), gain, needed

    now = _month(current_on)
    trend, gain, needed = trend_of(now)
    last = _previous(now)
    two_t = trend == "T" and last in monthly and trend_of(last)[0] == "T"
    reasons: tuple[Reason, ...]
    if trend == "N":
        reasons = (Reason(WEIGHT_GAINED, {"gain_g": gain, "kbm_g": needed}),)
    elif trend == "T":
        reasons = (Reason(WEIGHT_NOT_GAINED, {"gain_g": gain, "kbm_g": needed}),)
        reasons += (Reason(WEIGHT_TWO_T),) if two_t else ()
    else:
        reasons = (Reason(WEIGHT_FIRST if trend == "B" else WEIGHT_MONTH_MISSED),)
    level = Level.REFER if trend == "T" else Level.NONE
    return TrendResult(trend, gain, needed, two_t, level, reasons)


class Weighing(InputModel):
    on: date
    weight_kg: Quantity


class TrenBbInput(InputModel):
    """The child's earlier weighings (carried); today's weight is the growth section's."""

    earlier: tuple[Weighing, ...] = ()
    kbm_table: str = DEFAULT_KBM_TABLE


def todays_weight(ctx: RuleContext) -> Decimal | None:
    """The plausible weight typed in today's growth section (``None``: none, or refused there)."""
    growth = ctx.visit.get("antropometri_balita")
    weight = getattr(growth, "weight_kg", None)
    if weight is None:
        return None
    try:
        return in_range(weight, field_name="weight_kg", bounds=WEIGHT_RANGE_KG, decimals=2)
    except RuleInputError:
        return None


class TrenBbSpec(SectionSpec[TrenBbInput]):
    code = "tren_bb"
    order = 2
    group = "balita"
    input_model = TrenBbInput
    class_codes = ("N", "T", TWO_T, "O", "B")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("weighings", "kbm_table")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        return "default" if age is not None and age.days <= LAST_TABLE_DAY else None

    def state(
        self, inputs: TrenBbInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if todays_weight(ctx) is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: TrenBbInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        try:
            birth = ctx.subject.birth_date
            required_age(birth, ctx.on)
            assert birth is not None
            if any(w.on >= ctx.on for w in inputs.earlier):
                raise RuleInputError("weighings", Problem.INVALID)
            earlier = [(w.on, w.weight_kg) for w in inputs.earlier]
            checked_weighings(birth, [*earlier, (ctx.on, todays_weight(ctx))])
        except RuleInputError as error:
            errors.append(error)
        if inputs.kbm_table not in KBM_TABLES:
            errors.append(RuleInputError("kbm_table", Problem.UNKNOWN_CODE))
        return errors

    def classify(self, inputs: TrenBbInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None
        weight = todays_weight(ctx)
        weighings = [(w.on, w.weight_kg) for w in inputs.earlier] + [(ctx.on, weight)]
        result = classify_trend(ctx.subject.birth_date, weighings, kbm_table=inputs.kbm_table)
        values = result.vector()
        del values["level"]
        values["kbm_table"] = inputs.kbm_table
        values["weight_kg"] = None if weight is None else float(weight)
        return complete_result(self.code, result.code, result.level, result.reasons, values)

    def carried(self, earlier: Sequence[Earlier], ctx: RuleContext) -> TrenBbInput | None:
        """Every earlier weighing typed in the growth section, and the KBM table last used."""
        weighings: dict[date, Decimal] = {}
        table = DEFAULT_KBM_TABLE
        for visit in earlier:
            growth = visit.sections.get("antropometri_balita")
            weight = getattr(growth, "weight_kg", None)
            if isinstance(weight, Decimal) and visit.on < ctx.on:
                weighings[visit.on] = weight
            trend = visit.sections.get(self.code)
            if isinstance(trend, TrenBbInput):
                table = trend.kbm_table
        ordered = tuple(Weighing(on=on, weight_kg=w) for on, w in sorted(weighings.items()))
        return TrenBbInput(earlier=ordered, kbm_table=table)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> TrenBbInput | None:
        """Nothing of its own to measure: the weighings come from ``carried``."""
        return None


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    weighings = [(date.fromisoformat(w["date"]), w["weight_kg"]) for w in case["weighings"]]
    result = classify_trend(
        date.fromisoformat(case["birth_date"]),
        weighings,
        kbm_table=case.get("kbm_table", DEFAULT_KBM_TABLE),
    )
    return result.vector()


TrenBbSpec.vector_rules = {"tren_bb": _vector}
SPEC = TrenBbSpec()
