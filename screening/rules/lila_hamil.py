"""LiLA ibu hamil: Kurang Energi Kronis below 23.5 cm (LIFECYCLE_RULES §d).

The section's spec and its pure rule; one of the three pregnancy items on the ``ibu_hamil``
form tab (listed as ``ibu_hamil`` in the applies-to table).
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from typing import Any, Final

from screening.rules.common import Level, Reason, RuleInputError, in_range
from screening.rules.pregnancy import is_pregnant, pregnancy_error
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

LILA_RANGE_CM: Final = (Decimal("10.0"), Decimal("50.0"))
KEK_BELOW_CM: Final = Decimal("23.5")
LILA_LOINC: Final = "56072-2"

LILA_HAMIL_KEK: Final = "lila_hamil_kek"
"""``lila_cm`` below ``limit`` (23.5 cm): risk of chronic energy deficiency."""
LILA_HAMIL_NORMAL: Final = "lila_hamil_normal"
"""``lila_cm`` at or above ``limit`` (23.5 cm)."""
REASON_PARAMS: Final = {
    LILA_HAMIL_KEK: ("lila_cm", "limit"),
    LILA_HAMIL_NORMAL: ("lila_cm", "limit"),
}


def _lila(value: object) -> Decimal:
    return in_range(value, field_name="lila_cm", bounds=LILA_RANGE_CM, decimals=1, unit="cm")


def classify_lila_hamil(lila_cm: object) -> tuple[str, Level, Reason]:
    """``kek`` (refer) below 23.5 cm, else ``normal``.

    Raises:
        RuleInputError: a LiLA outside 10.0–50.0 cm or with more than one decimal.
    """
    lila = _lila(lila_cm)
    params = {"lila_cm": float(lila), "limit": float(KEK_BELOW_CM)}
    if lila < KEK_BELOW_CM:
        return "kek", Level.REFER, Reason(LILA_HAMIL_KEK, params)
    return "normal", Level.NONE, Reason(LILA_HAMIL_NORMAL, params)


class LilaHamilInput(InputModel):
    lila_cm: Quantity | None = None


class LilaHamilSpec(SectionSpec[LilaHamilInput]):
    code = "lila_hamil"
    order = 40
    group = "ibu_hamil"
    listed_as = "ibu_hamil"
    input_model = LilaHamilInput
    class_codes = ("kek", "normal")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("lila_cm", "pregnant")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if is_pregnant(subject, on) else None

    def state(
        self, inputs: LilaHamilInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.lila_cm is None:
            return SectionState.NOT_ASKED, ()
        return SectionState.COMPLETE, ()

    def check(self, inputs: LilaHamilInput, ctx: RuleContext) -> list[RuleInputError]:
        pregnancy = pregnancy_error(ctx.subject, ctx.on)
        errors = [pregnancy] if pregnancy else []
        try:
            _lila(inputs.lila_cm)
        except RuleInputError as error:
            errors.append(error)
        return errors

    def classify(self, inputs: LilaHamilInput, ctx: RuleContext) -> SectionResult:
        code, level, reason = classify_lila_hamil(inputs.lila_cm)
        values = {"lila_cm": float(_lila(inputs.lila_cm))}
        return complete_result(self.code, code, level, (reason,), values)

    def measures(self, inputs: LilaHamilInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.lila_cm is not None
        return (Measure("lila_cm", inputs.lila_cm, "cm", LILA_LOINC),)

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> LilaHamilInput | None:
        if rng.random() >= 0.8:
            return None
        lila = max(18.0, min(36.0, rng.gauss(26.0 - 3.0 * risk, 2.4)))
        return LilaHamilInput(lila_cm=Decimal(str(round(lila, 1))))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    code, level, _ = classify_lila_hamil(case["lila_cm"])
    return {"class": code, "level": level.value}


LilaHamilSpec.vector_rules = {"lila_hamil": _vector}
SPEC = LilaHamilSpec()
