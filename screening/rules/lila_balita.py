"""LiLA balita: mid-upper arm circumference at 6–59 months (LIFECYCLE_RULES §b, LiLA rows).

The section's spec and its pure rule: the WHO MUAC cut-offs, 11.5 ≤ LiLA < 12.5 cm is kurang.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final

from screening.rules.common import Level, Problem, Reason, RuleInputError, in_range
from screening.rules.growth import Band, band, cut
from screening.rules.section import (
    Availability,
    InputModel,
    Measure,
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

LILA_RANGE_CM: Final = (Decimal("5.0"), Decimal("30.0"))
CLASSIFIED_MONTHS: Final = (6, 59)
LILA_LOINC: Final = "56072-2"

LILA_BANDS: Final = (
    cut("gizi_buruk", Level.URGENT, "11.5"),
    cut("gizi_kurang", Level.REFER, "12.5"),
    cut("normal", Level.NONE),
)

LILA_BALITA_VALUE: Final = "lila_balita_value"
"""``lila_cm`` measured, in class ``class`` (limits 11.5 and 12.5 cm)."""
REASON_PARAMS: Final = {LILA_BALITA_VALUE: ("lila_cm", "class")}


def read_lila(value: object) -> Decimal:
    """A LiLA of 5.0–30.0 cm with at most one decimal.

    Raises:
        RuleInputError: not a number, more than one decimal or out of range (``lila_cm``).
    """
    return in_range(value, field_name="lila_cm", bounds=LILA_RANGE_CM, decimals=1, unit="cm")


def lila_band(lila_cm: Decimal, months: int) -> Band | None:
    """The LiLA class at age ``months``; ``None`` outside 6–59 months (stored, not classified)."""
    low, high = CLASSIFIED_MONTHS
    if not low <= months <= high:
        return None
    return band(lila_cm, LILA_BANDS)


class LilaBalitaInput(InputModel):
    lila_cm: Quantity | None = None


@dataclass(frozen=True, slots=True)
class LilaBalitaResult:
    code: str
    level: Level
    lila_cm: Decimal

    def to_section(self) -> SectionResult:
        params = {"lila_cm": float(self.lila_cm), "class": self.code}
        return complete_result(
            "lila_balita",
            self.code,
            self.level,
            (Reason(LILA_BALITA_VALUE, params),),
            {"lila_cm": float(self.lila_cm)},
        )


def classify_lila_balita(lila_cm: object, *, birth_date: date, on: date) -> LilaBalitaResult:
    """Classify a child's LiLA at 6–59 months.

    Raises:
        RuleInputError: an age outside 6–59 months (``birth_date``), or an implausible LiLA.
    """
    months = required_age(birth_date, on).months
    low, high = CLASSIFIED_MONTHS
    if not low <= months <= high:
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE, minimum=low, maximum=high)
    lila = read_lila(lila_cm)
    found = band(lila, LILA_BANDS)
    return LilaBalitaResult(found.code, found.level, lila)


class LilaBalitaSpec(SectionSpec[LilaBalitaInput]):
    code = "lila_balita"
    order = 3
    group = "balita"
    input_model = LilaBalitaInput
    class_codes = tuple(b.code for b in LILA_BANDS)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("lila_cm",)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        low, high = CLASSIFIED_MONTHS
        return "default" if age is not None and low <= age.months <= high else None

    def state(
        self, inputs: LilaBalitaInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.lila_cm is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: LilaBalitaInput, ctx: RuleContext) -> list[RuleInputError]:
        try:
            read_lila(inputs.lila_cm)
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: LilaBalitaInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None  # offered only with a birth date
        return classify_lila_balita(
            inputs.lila_cm, birth_date=ctx.subject.birth_date, on=ctx.on
        ).to_section()

    def measures(self, inputs: LilaBalitaInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.lila_cm is not None
        return (Measure("lila_cm", inputs.lila_cm, "cm", LILA_LOINC),)

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> LilaBalitaInput | None:
        if rng.random() >= 0.5:
            return None
        lila = max(10.0, min(19.0, rng.gauss(14.8 - 2.5 * risk, 1.1)))
        return LilaBalitaInput(lila_cm=Decimal(str(round(lila, 1))))


SPEC = LilaBalitaSpec()
