"""IMT/U, day 1857 to < 18 years: BMI-for-age by the WHO Reference 2007 (LIFECYCLE_RULES §b2).

The section's spec and its pure rule. Adults (18 and over) use the adult IMT section; pregnancy
switches this section off.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from screening.rules.common import Level, Problem, Reason, RuleInputError, in_range
from screening.rules.growth import (
    LAST_TABLE_DAY,
    Band,
    band,
    bmi_of,
    cut,
    lms_bmi_2007,
    shown_z,
    z_score,
)
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
from screening.rules.stage import required_age, required_sex, subject_age

WEIGHT_RANGE_KG: Final = (Decimal("5.0"), Decimal("200.0"))
HEIGHT_RANGE_CM: Final = (Decimal("80.0"), Decimal("220.0"))
ADULT_FROM_YEARS: Final = 18
FLAG_ABOVE: Final = Decimal(5)
CONFIRM_ABOVE: Final = Decimal(3)
"""|z| above this (where WHO's restricted rule begins) asks the kader to confirm the values."""

BANDS: Final = (
    cut("gizi_buruk", Level.REFER, "-3"),
    cut("gizi_kurang", Level.REFER, "-2"),
    cut("gizi_baik", Level.NONE, "1", inclusive=True),
    cut("gizi_lebih", Level.MONITOR, "2", inclusive=True),
    cut("obesitas", Level.MONITOR),
)

IMT_U_Z: Final = "imt_u_z"
"""``bmi`` (shown) with its z ``z`` for age and sex, in class ``class``."""
IMT_U_IMPLAUSIBLE: Final = "imt_u_implausible"
"""|``z``| above 5 (WHO flag): check and measure again."""
IMT_U_CONFIRM: Final = "imt_u_confirm"
"""|``z``| above 3 but within the flag: confirm the weight and height typed."""
REASON_PARAMS: Final = {
    IMT_U_Z: ("bmi", "z", "class"),
    IMT_U_IMPLAUSIBLE: ("z",),
    IMT_U_CONFIRM: ("z",),
}


@dataclass(frozen=True, slots=True)
class ImtUResult:
    band: Band
    bmi: Decimal
    z: Decimal
    flagged: bool

    def reasons(self) -> tuple[Reason, ...]:
        shown = {"bmi": float(self.bmi), "z": float(self.z), "class": self.band.code}
        found = [Reason(IMT_U_Z, shown)]
        if self.flagged:
            found.append(Reason(IMT_U_IMPLAUSIBLE, {"z": float(self.z)}))
        elif self.confirm:
            found.append(Reason(IMT_U_CONFIRM, {"z": float(self.z)}))
        return tuple(found)

    @property
    def confirm(self) -> bool:
        """The form asks the kader to confirm the values before saving."""
        return abs(self.z) > CONFIRM_ABOVE

    def vector(self) -> dict[str, Any]:
        return {
            "bmi": float(self.bmi),
            "bmi_z": float(self.z),
            "class": self.band.code,
            "level": self.band.level.value,
            "flags": ["bmi"] if self.flagged else [],
        }


def _weight(value: object) -> Decimal:
    return in_range(value, field_name="weight_kg", bounds=WEIGHT_RANGE_KG, decimals=2, unit="kg")


def _height(value: object) -> Decimal:
    return in_range(value, field_name="height_cm", bounds=HEIGHT_RANGE_CM, decimals=1, unit="cm")


def in_age_range(days: int, years: int) -> bool:
    return days > LAST_TABLE_DAY and years < ADULT_FROM_YEARS


def classify_imt_u(
    weight_kg: object, height_cm: object, *, sex: object, birth_date: date, on: date
) -> ImtUResult:
    """BMI-for-age z (restricted beyond ±3, rounded to 2 decimals) and its class.

    Raises:
        RuleInputError: sex not L/P, an age outside day 1857 – 17 years (``birth_date``), or an
            implausible weight or height.
    """
    checked_sex = required_sex(sex)
    age = required_age(birth_date, on)
    if not in_age_range(age.days, age.years):
        raise RuleInputError("birth_date", Problem.OUT_OF_RANGE)
    weight, height = _weight(weight_kg), _height(height_cm)
    lms = lms_bmi_2007(checked_sex, age.days)
    assert lms is not None  # months 61–216 are in the table
    metres = height / 100
    shown = (weight / (metres * metres)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    z = shown_z(z_score(bmi_of(weight, height), lms, restricted=True))
    return ImtUResult(band(z, BANDS), shown, z, abs(z) > FLAG_ABOVE)


class ImtUInput(InputModel):
    weight_kg: Quantity | None = None
    height_cm: Quantity | None = None


class ImtUSpec(SectionSpec[ImtUInput]):
    code = "imt_u"
    order = 7
    group = "anak_remaja"
    input_model = ImtUInput
    class_codes = tuple(b.code for b in BANDS)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("weight_kg", "height_cm")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        if subject.pregnant or age is None:
            return None
        return "default" if in_age_range(age.days, age.years) else None

    def state(
        self, inputs: ImtUInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        missing: tuple[Missing, ...] = tuple(
            (name, None) for name in self.fields if getattr(inputs, name) is None
        )
        if len(missing) == len(self.fields):
            return SectionState.NOT_ASKED, ()
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), missing

    def check(self, inputs: ImtUInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        for value, reader in ((inputs.weight_kg, _weight), (inputs.height_cm, _height)):
            if value is not None:
                try:
                    reader(value)
                except RuleInputError as error:
                    errors.append(error)
        return errors

    def classify(self, inputs: ImtUInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None
        result = classify_imt_u(
            inputs.weight_kg,
            inputs.height_cm,
            sex=ctx.subject.sex,
            birth_date=ctx.subject.birth_date,
            on=ctx.on,
        )
        values = result.vector()
        del values["level"], values["class"]
        values["confirm"] = result.confirm
        return complete_result(
            self.code, result.band.code, result.band.level, result.reasons(), values
        )

    def measures(self, inputs: ImtUInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.weight_kg is not None and inputs.height_cm is not None
        return (
            Measure("weight_kg", inputs.weight_kg, "kg", "29463-7"),
            Measure("height_cm", inputs.height_cm, "cm", "8302-2"),
            Measure("bmi", Decimal(str(result.values["bmi"])), "kg/m2", "39156-5"),
            Measure("bmi_z", Decimal(str(result.values["bmi_z"])), "{Z-score}"),
        )

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> ImtUInput | None:
        """A child of realistic height for the age, at a BMI z drawn around the median."""
        age = ctx.age
        lms = None if age is None else lms_bmi_2007(ctx.subject.sex, age.days)
        if age is None or lms is None or rng.random() >= 0.85:
            return None
        years = age.days / 365.25
        height = min(185.0, max(100.0, 80 + 6.0 * years + rng.gauss(0, 5)))
        bmi = lms.sd(max(-3.0, min(3.0, rng.gauss(-0.3 + 1.5 * risk, 1.0))))
        weight = max(12.0, bmi * (height / 100) ** 2)
        return ImtUInput(
            weight_kg=Decimal(str(round(weight, 1))), height_cm=Decimal(str(round(height, 1)))
        )


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    return classify_imt_u(
        case["weight_kg"],
        case["height_cm"],
        sex=case.get("sex"),
        birth_date=date.fromisoformat(case["birth_date"]),
        on=date.fromisoformat(case["date"]),
    ).vector()


ImtUSpec.vector_rules = {"imt_u": _vector}
SPEC = ImtUSpec()
