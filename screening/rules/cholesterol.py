"""Kolesterol total by POCT meter (mg/dL): its plausibility and the NCEP ATP III bands (RULES §2b).

The section's spec and its pure rule: a meter's LO reads as normal, its HI as high.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.common import Level, Reason, RuleInputError, whole_number
from screening.rules.section import (
    Availability,
    InputModel,
    Measure,
    Missing,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
    years_at_least,
)

RANGE_MG_DL: Final = (50, 600)
BORDERLINE_FROM: Final = 200
HIGH_FROM: Final = 240

CHOLESTEROL_METER_LO: Final = "cholesterol_meter_lo"
"""The meter showed LO (below what it measures): normal."""
CHOLESTEROL_METER_HI: Final = "cholesterol_meter_hi"
"""The meter showed HI (above what it measures): high."""
CHOLESTEROL_NORMAL: Final = "cholesterol_normal"
"""``value`` mg/dL, below ``limit`` (200)."""
CHOLESTEROL_BORDERLINE: Final = "cholesterol_borderline"
"""``value`` mg/dL, in ``minimum``–``maximum`` (200–239)."""
CHOLESTEROL_HIGH: Final = "cholesterol_high"
"""``value`` mg/dL, ``limit`` (240) or more."""
REASON_PARAMS: Final = {
    CHOLESTEROL_METER_LO: (),
    CHOLESTEROL_METER_HI: (),
    CHOLESTEROL_NORMAL: ("value", "limit"),
    CHOLESTEROL_BORDERLINE: ("value", "minimum", "maximum"),
    CHOLESTEROL_HIGH: ("value", "limit"),
}


class CholesterolInput(InputModel):
    """The meter's reading as typed: a whole number of mg/dL, or ``LO`` / ``HI``."""

    value: str | None = None


@dataclass(frozen=True, slots=True)
class CholesterolResult:
    code: str
    level: Level
    value: int | None
    meter: str | None
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "cholesterol",
            self.code,
            self.level,
            self.reasons,
            {"value": self.value, "meter": self.meter},
        )


def read_cholesterol(value: object) -> tuple[int | None, str | None]:
    """(mg/dL, meter code ``LO``/``HI``) from what was typed.

    Raises:
        RuleInputError: not a whole number, or outside 50–600 mg/dL.
    """
    if isinstance(value, str) and value.strip().upper() in ("LO", "HI"):
        return None, value.strip().upper()
    number = whole_number(value, field_name="value", bounds=RANGE_MG_DL, unit="mg/dL", index=None)
    return number, None


def classify_cholesterol(value: object) -> CholesterolResult:
    """Normal below 200, batas tinggi 200–239, tinggi from 240 (LO normal, HI tinggi).

    Raises:
        RuleInputError: an unreadable or implausible value.
    """
    mg_dl, meter = read_cholesterol(value)
    if meter == "LO":
        return CholesterolResult("normal", Level.NONE, None, meter, (Reason(CHOLESTEROL_METER_LO),))
    if meter == "HI":
        return CholesterolResult(
            "tinggi", Level.REFER, None, meter, (Reason(CHOLESTEROL_METER_HI),)
        )
    assert mg_dl is not None
    if mg_dl < BORDERLINE_FROM:
        reason = Reason(CHOLESTEROL_NORMAL, {"value": mg_dl, "limit": BORDERLINE_FROM})
        return CholesterolResult("normal", Level.NONE, mg_dl, None, (reason,))
    if mg_dl < HIGH_FROM:
        params = {"value": mg_dl, "minimum": BORDERLINE_FROM, "maximum": HIGH_FROM - 1}
        reason = Reason(CHOLESTEROL_BORDERLINE, params)
        return CholesterolResult("batas_tinggi", Level.MONITOR, mg_dl, None, (reason,))
    reason = Reason(CHOLESTEROL_HIGH, {"value": mg_dl, "limit": HIGH_FROM})
    return CholesterolResult("tinggi", Level.REFER, mg_dl, None, (reason,))


class CholesterolSpec(SectionSpec[CholesterolInput]):
    code = "cholesterol"
    order = 35
    group = "cholesterol"
    input_model = CholesterolInput
    class_codes = ("normal", "batas_tinggi", "tinggi")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("value",)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 15) else None

    def state(
        self, inputs: CholesterolInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if not (inputs.value or "").strip():
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: CholesterolInput, ctx: RuleContext) -> list[RuleInputError]:
        try:
            read_cholesterol(inputs.value)
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: CholesterolInput, ctx: RuleContext) -> SectionResult:
        return classify_cholesterol(inputs.value).to_section()

    def measures(self, inputs: CholesterolInput, result: SectionResult) -> tuple[Measure, ...]:
        value = result.values.get("value")
        shown: int | str = int(str(value)) if value is not None else str(result.values["meter"])
        return (Measure("value", shown, "mg/dL", "2093-3"),)

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> CholesterolInput | None:
        age = ctx.age
        # The elderly package does "gula darah dan kolesterol"; younger adults now and then.
        chance = 0.5 if age is not None and age.years >= 60 else 0.1
        if rng.random() >= chance:
            return None
        value = min(480, max(110, int(rng.gauss(185 + 70 * risk, 35))))
        return CholesterolInput(value=str(value))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    result = classify_cholesterol(case["value"])
    return {"class": result.code, "level": str(result.level), "value": result.value}


CholesterolSpec.vector_rules = {"cholesterol": _vector}
SPEC = CholesterolSpec()
