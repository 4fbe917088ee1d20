"""Lingkar perut: the central-obesity flag of the waist (RULES §3).

The section's spec and its pure rule; the cut-off depends on the person's sex.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError, Sex, in_range
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
    years_at_least,
)

WAIST_RANGE_CM: Final = (Decimal("30.0"), Decimal("250.0"))
WAIST_LIMIT_CM: Final[dict[str, Decimal]] = {"L": Decimal(90), "P": Decimal(80)}

WAIST_NORMAL: Final = "waist_normal"
"""``waist_cm`` not above ``limit`` for ``sex``."""
WAIST_CENTRAL_OBESITY: Final = "waist_central_obesity"
"""``waist_cm`` above ``limit`` for ``sex`` (obesitas sentral)."""
REASON_PARAMS: Final = {
    WAIST_NORMAL: ("waist_cm", "sex", "limit"),
    WAIST_CENTRAL_OBESITY: ("waist_cm", "sex", "limit"),
}


class WaistInput(InputModel):
    waist_cm: Quantity | None = None


@dataclass(frozen=True, slots=True)
class WaistResult:
    """``code`` is ``central_obesity`` or ``normal``."""

    code: str
    level: Level
    central_obesity: bool
    waist_cm: Decimal
    sex: Sex
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "waist",
            self.code,
            self.level,
            self.reasons,
            {"waist_cm": float(self.waist_cm), "central_obesity": self.central_obesity},
        )


def _waist(value: object) -> Decimal:
    return in_range(value, field_name="waist_cm", bounds=WAIST_RANGE_CM, unit="cm")


def classify_waist(waist_cm: object, *, sex: str) -> WaistResult:
    """Central obesity when the waist is above 90 cm (men) or 80 cm (women).

    Raises:
        RuleInputError: waist outside 30.0–250.0 cm, or sex not ``L``/``P``.
    """
    if sex not in WAIST_LIMIT_CM:
        raise RuleInputError("sex", Problem.UNKNOWN_CODE)
    waist = _waist(waist_cm)
    limit = WAIST_LIMIT_CM[sex]
    central = waist > limit
    params = {"waist_cm": float(waist), "sex": sex, "limit": int(limit)}
    return WaistResult(
        code="central_obesity" if central else "normal",
        level=Level.MONITOR if central else Level.NONE,
        central_obesity=central,
        waist_cm=waist,
        sex="L" if sex == "L" else "P",
        reasons=(Reason(WAIST_CENTRAL_OBESITY if central else WAIST_NORMAL, params),),
    )


class WaistSpec(SectionSpec[WaistInput]):
    code = "waist"
    order = 11
    group = "anthropometry"
    input_model = WaistInput
    class_codes = ("normal", "central_obesity")
    stored_class_codes = ("not_classified",)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("waist_cm",)

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 15, not_pregnant=True) else None

    def state(
        self, inputs: WaistInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.waist_cm is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: WaistInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        if ctx.subject.sex not in WAIST_LIMIT_CM:
            errors.append(RuleInputError("sex", Problem.UNKNOWN_CODE))
        try:
            _waist(inputs.waist_cm)
        except RuleInputError as error:
            errors.append(error)
        return errors

    def classify(self, inputs: WaistInput, ctx: RuleContext) -> SectionResult:
        return classify_waist(inputs.waist_cm, sex=ctx.subject.sex).to_section()

    def measures(self, inputs: WaistInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.waist_cm is not None
        return (Measure("waist_cm", inputs.waist_cm, "cm", "8280-0"),)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> WaistInput | None:
        if rng.random() >= 0.9:
            return None
        waist = max(55.0, min(140.0, rng.gauss(78 + 18 * risk, 9)))
        return WaistInput(waist_cm=Decimal(str(round(waist, 1))))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    result = classify_waist(case["waist_cm"], sex=case["sex"])
    return {
        "class": result.code,
        "central_obesity": result.central_obesity,
        "level": str(result.level),
    }


WaistSpec.vector_rules = {"waist": _vector}
SPEC = WaistSpec()
