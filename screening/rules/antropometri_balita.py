"""Antropometri balita: weight, length/height with its position, head circumference, oedema.

The section's spec (LIFECYCLE_RULES §b); its rule is ``growth_balita``. Offered up to day 1856.
A position that does not fit the age, or a z beyond WHO's flags, is kept and classified and
sets ``confirm`` in the values: the form asks the kader to check before saving.
"""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from typing import Final

from screening.rules.common import RuleInputError
from screening.rules.growth import HEIGHT_FROM_DAY, LAST_TABLE_DAY, GrowthIndex, lms_for_age
from screening.rules.growth_balita import BANDS, REASON_PARAMS, measure_growth, vector_rule
from screening.rules.growth_inputs import growth_refusals
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

__all__ = ["REASON_PARAMS", "SPEC", "AntropometriBalitaInput"]

LOINC: Final = {
    "weight_kg": "29463-7",
    "length_cm": "8306-3",
    "height_cm": "8302-2",
    "head_cm": "9843-4",
}


class AntropometriBalitaInput(InputModel):
    """As typed: ``position`` is ``recumbent`` (PB) or ``standing`` (TB), needed with a length."""

    weight_kg: Quantity | None = None
    length_cm: Quantity | None = None
    position: str | None = None
    head_cm: Quantity | None = None
    oedema: bool = False

    def is_empty(self) -> bool:
        measured = (self.weight_kg, self.length_cm, self.head_cm)
        return not self.oedema and all(value is None for value in measured)


class AntropometriBalitaSpec(SectionSpec[AntropometriBalitaInput]):
    code = "antropometri_balita"
    order = 1
    group = "balita"
    input_model = AntropometriBalitaInput
    class_codes = tuple(dict.fromkeys(b.code for bands in BANDS.values() for b in bands))
    reason_codes = tuple(REASON_PARAMS)
    fields = ("weight_kg", "length_cm", "position", "head_cm", "oedema")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        return "default" if age is not None and age.days <= LAST_TABLE_DAY else None

    def state(
        self, inputs: AntropometriBalitaInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        if inputs.is_empty():
            return SectionState.NOT_ASKED, ()
        if inputs.length_cm is not None and inputs.position is None:
            return SectionState.INCOMPLETE, (("position", None),)
        return SectionState.COMPLETE, ()

    def check(self, inputs: AntropometriBalitaInput, ctx: RuleContext) -> list[RuleInputError]:
        subject = ctx.subject
        errors, _ = growth_refusals(
            inputs.model_dump(),
            sex=subject.sex,
            birth_date=subject.birth_date,
            on=ctx.on,
            strict=False,
        )
        return errors

    def classify(self, inputs: AntropometriBalitaInput, ctx: RuleContext) -> SectionResult:
        subject = ctx.subject
        _, given = growth_refusals(
            inputs.model_dump(), sex=subject.sex, birth_date=subject.birth_date, on=ctx.on
        )
        assert given is not None  # checked and complete
        result = measure_growth(
            ctx.subject.sex, required_age(ctx.subject.birth_date, ctx.on), given
        )
        values = result.values()
        del values["level"]
        values.update(
            weight_kg=_number(inputs.weight_kg),
            length_cm=_number(inputs.length_cm),
            position=inputs.position,
            head_cm=_number(inputs.head_cm),
            oedema=inputs.oedema,
        )
        return complete_result(self.code, result.code, result.level, result.reasons, values)

    def measures(
        self, inputs: AntropometriBalitaInput, result: SectionResult
    ) -> tuple[Measure, ...]:
        found: list[Measure] = []
        if inputs.weight_kg is not None:
            found.append(Measure("weight_kg", inputs.weight_kg, "kg", LOINC["weight_kg"]))
        if inputs.length_cm is not None:
            key = "height_cm" if inputs.position == "standing" else "length_cm"
            found.append(Measure(key, inputs.length_cm, "cm", LOINC[key]))
        if inputs.head_cm is not None:
            found.append(Measure("head_cm", inputs.head_cm, "cm", LOINC["head_cm"]))
        if inputs.oedema:
            found.append(Measure("oedema", True))
        for index in ("wfa", "lhfa", "wflh", "bmi", "hc"):
            z = result.values.get(f"{index}_z")
            if isinstance(z, float):
                found.append(Measure(f"{index}_z", Decimal(str(z)), "{Z-score}"))
        return tuple(found)

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> AntropometriBalitaInput | None:
        """A weighing (nearly always), with length every few months and head in the first year."""
        age = ctx.age
        if age is None or rng.random() >= 0.97:
            return None
        z = rng.gauss(-0.4 - 1.6 * risk, 0.9)
        weight = _at_z("wfa", ctx.subject.sex, age.days, z)
        length = position = head = None
        if rng.random() < 0.35:
            length = _at_z("lhfa", ctx.subject.sex, age.days, rng.gauss(-0.6 - 1.4 * risk, 0.9))
            position = "recumbent" if age.days < HEIGHT_FROM_DAY else "standing"
        if age.months < 12 and rng.random() < 0.4:
            head = _at_z("hc", ctx.subject.sex, age.days, rng.gauss(0, 1))
        return AntropometriBalitaInput(
            weight_kg=None if weight is None else round(weight, 1),
            length_cm=None if length is None else round(length, 1),
            position=position,
            head_cm=None if head is None else round(head, 1),
            oedema=rng.random() < 0.002 * risk,
        )


def _at_z(index: GrowthIndex, sex: str, days: int, z: float) -> Decimal | None:
    """The measurement at ``z`` (within ±3.5) on the WHO curve: realistic demo values."""
    lms = lms_for_age(index, sex, days)
    if lms is None:
        return None
    return Decimal(str(lms.sd(max(-3.5, min(3.5, z)))))


def _number(value: Decimal | None) -> float | None:
    return None if value is None else float(value)


AntropometriBalitaSpec.vector_rules = {"antropometri_balita": vector_rule}
SPEC = AntropometriBalitaSpec()
