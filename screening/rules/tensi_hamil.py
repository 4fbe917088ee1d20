"""Tensi ibu hamil: hypertension in pregnancy, ≥ 140/90 and severe ≥ 160/110 (LIFECYCLE §d).

The section's spec and its pure rule; readings as for adults (one or two, averaged half up).
Offered only in pregnancy, where it replaces the adult and child tensi sections; on the
``ibu_hamil`` tab beside the other pregnancy items, but listed as its own row of §i.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any, Final

from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.common import Level, Reason, RuleInputError
from screening.rules.pregnancy import is_pregnant, pregnancy_error
from screening.rules.section import (
    Availability,
    Measure,
    Missing,
    RuleContext,
    SectionResult,
    SectionSpec,
    SectionState,
    Subject,
    complete_result,
)
from screening.rules.tensi_anak import (
    bp_measures,
    bp_pairs,
    bp_refusals,
    bp_state,
    mean_reading,
)

# (class, systolic from, diastolic from, level), first match from the top; else normal.
ROWS: Final = (
    ("hipertensi_berat", 160, 110, Level.URGENT),
    ("hipertensi_kehamilan", 140, 90, Level.REFER),
)

PREGNANCY_BP_SINGLE: Final = "pregnancy_bp_single"
PREGNANCY_BP_MEAN_OF_TWO: Final = "pregnancy_bp_mean_of_two"
PREGNANCY_BP_ROW: Final = "pregnancy_bp_row"
"""At or above ``systolic_from`` or ``diastolic_from``."""
PREGNANCY_BP_BELOW: Final = "pregnancy_bp_below"
"""Below ``systolic_from``/``diastolic_from`` (140/90)."""
REASON_PARAMS: Final = {
    PREGNANCY_BP_SINGLE: ("systolic", "diastolic"),
    PREGNANCY_BP_MEAN_OF_TWO: ("systolic", "diastolic"),
    PREGNANCY_BP_ROW: ("systolic_from", "diastolic_from"),
    PREGNANCY_BP_BELOW: ("systolic_from", "diastolic_from"),
}


def classify_pregnancy_bp(
    readings: Sequence[tuple[object, object]],
) -> tuple[str, Level, int, int, tuple[Reason, ...]]:
    """(class, level, systolic, diastolic, reasons) of one or two readings in pregnancy.

    Raises:
        RuleInputError: no reading or more than two, or an implausible reading.
    """
    systolic, diastolic = mean_reading(readings)
    code = PREGNANCY_BP_SINGLE if len(readings) == 1 else PREGNANCY_BP_MEAN_OF_TWO
    reasons = [Reason(code, {"systolic": systolic, "diastolic": diastolic})]
    for row_code, s_from, d_from, level in ROWS:
        if systolic >= s_from or diastolic >= d_from:
            reasons.append(
                Reason(PREGNANCY_BP_ROW, {"systolic_from": s_from, "diastolic_from": d_from})
            )
            return row_code, level, systolic, diastolic, tuple(reasons)
    _, s_from, d_from, _ = ROWS[-1]
    reasons.append(Reason(PREGNANCY_BP_BELOW, {"systolic_from": s_from, "diastolic_from": d_from}))
    return "normal", Level.NONE, systolic, diastolic, tuple(reasons)


class TensiHamilSpec(SectionSpec[BloodPressureInput]):
    code = "tensi_hamil"
    order = 43
    group = "ibu_hamil"
    input_model = BloodPressureInput
    class_codes = ("normal", "hipertensi_kehamilan", "hipertensi_berat")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("systolic", "diastolic", "readings", "pregnant")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if is_pregnant(subject, on) else None

    def state(
        self, inputs: BloodPressureInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        return bp_state(inputs)

    def check(self, inputs: BloodPressureInput, ctx: RuleContext) -> list[RuleInputError]:
        pregnancy = pregnancy_error(ctx.subject, ctx.on)
        return ([pregnancy] if pregnancy else []) + bp_refusals(inputs)

    def classify(self, inputs: BloodPressureInput, ctx: RuleContext) -> SectionResult:
        code, level, systolic, diastolic, reasons = classify_pregnancy_bp(bp_pairs(inputs))
        readings = len(bp_pairs(inputs))
        values = {"systolic": systolic, "diastolic": diastolic, "readings": readings}
        return complete_result(self.code, code, level, reasons, values)

    def measures(self, inputs: BloodPressureInput, result: SectionResult) -> tuple[Measure, ...]:
        return bp_measures(result)

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> BloodPressureInput | None:
        if rng.random() >= 0.9:
            return None
        systolic = min(190, max(90, int(rng.gauss(112 + 30 * risk, 10))))
        diastolic = min(systolic - 20, max(50, int(rng.gauss(72 + 18 * risk, 8))))
        return BloodPressureInput.of((systolic, diastolic))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    code, level, *_ = classify_pregnancy_bp([(case["systolic"], case["diastolic"])])
    return {"class": code, "level": level.value}


TensiHamilSpec.vector_rules = {"tensi_hamil": _vector}
SPEC = TensiHamilSpec()
