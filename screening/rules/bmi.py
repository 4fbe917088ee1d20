"""IMT (adult BMI) from weight and height, in decimal arithmetic, and its band tables (RULES §3).

The section's spec and its pure rule. The BMI shown is the BMI classified: never classify an
unrounded float.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final

from screening.rules.common import (
    BmiScheme,
    Level,
    Problem,
    Reason,
    RuleInputError,
    in_range,
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
    years_at_least,
)

WEIGHT_RANGE_KG: Final = (Decimal("2.0"), Decimal("300.0"))
HEIGHT_RANGE_CM: Final = (Decimal("50.0"), Decimal("250.0"))
ONE_DECIMAL: Final = Decimal("0.1")

# Reasons: ``bmi`` is the shown value, ``class`` its band, ``minimum``/``maximum`` the band's
# bounds; an open-ended band (e.g. ≥ 30.0) has no ``maximum`` key, and vice versa.
BMI_UNDERWEIGHT: Final = "bmi_underweight"
BMI_NORMAL: Final = "bmi_normal"
BMI_OVERWEIGHT: Final = "bmi_overweight"
BMI_OBESE: Final = "bmi_obese"
REASON_PARAMS: Final = {
    code: ("bmi", "class", "minimum", "maximum")
    for code in (BMI_UNDERWEIGHT, BMI_NORMAL, BMI_OVERWEIGHT, BMI_OBESE)
}


@dataclass(frozen=True, slots=True)
class BmiBand:
    """One row of a BMI table, bounds inclusive on one-decimal values (``None`` = open)."""

    code: str
    minimum: Decimal | None
    maximum: Decimal | None
    level: Level
    reason: str

    def contains(self, bmi: Decimal) -> bool:
        return (self.minimum is None or bmi >= self.minimum) and (
            self.maximum is None or bmi <= self.maximum
        )


def _band(code: str, low: str | None, high: str | None, level: Level, reason: str) -> BmiBand:
    return BmiBand(
        code,
        None if low is None else Decimal(low),
        None if high is None else Decimal(high),
        level,
        reason,
    )


BMI_BANDS: Final[dict[BmiScheme, tuple[BmiBand, ...]]] = {
    "asia_pacific": (
        _band("kurang", None, "18.4", Level.MONITOR, BMI_UNDERWEIGHT),
        _band("normal", "18.5", "22.9", Level.NONE, BMI_NORMAL),
        _band("berisiko", "23.0", "24.9", Level.NONE, BMI_OVERWEIGHT),
        _band("obesitas_1", "25.0", "29.9", Level.MONITOR, BMI_OBESE),
        _band("obesitas_2", "30.0", None, Level.MONITOR, BMI_OBESE),
    ),
    "kemenkes_nasional": (
        _band("kurus_berat", None, "16.9", Level.MONITOR, BMI_UNDERWEIGHT),
        _band("kurus_ringan", "17.0", "18.4", Level.MONITOR, BMI_UNDERWEIGHT),
        _band("normal", "18.5", "25.0", Level.NONE, BMI_NORMAL),
        _band("gemuk_ringan", "25.1", "27.0", Level.NONE, BMI_OVERWEIGHT),
        _band("obesitas", "27.1", None, Level.MONITOR, BMI_OBESE),
    ),
}


class BmiInput(InputModel):
    """Weight (kg) and height (cm), as typed; both are needed for a BMI."""

    weight_kg: Quantity | None = None
    height_cm: Quantity | None = None


@dataclass(frozen=True, slots=True)
class BmiResult:
    """``bmi`` is the one-decimal value shown to the kader and classified."""

    code: str
    level: Level
    bmi: Decimal
    scheme: BmiScheme
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "bmi",
            self.code,
            self.level,
            self.reasons,
            {"bmi": float(self.bmi), "scheme": self.scheme},
        )


def _weight(value: object) -> Decimal:
    return in_range(value, field_name="weight_kg", bounds=WEIGHT_RANGE_KG, unit="kg")


def _height(value: object) -> Decimal:
    return in_range(value, field_name="height_cm", bounds=HEIGHT_RANGE_CM, unit="cm")


def bmi_value(weight_kg: object, height_cm: object) -> Decimal:
    """BMI = kg / m², in decimal arithmetic, rounded half up to one decimal.

    Raises:
        RuleInputError: weight outside 2.0–300.0 kg or height outside 50.0–250.0 cm.
    """
    weight = _weight(weight_kg)
    metres = _height(height_cm) / Decimal(100)
    return (weight / (metres * metres)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def bmi_band(bmi: Decimal, *, scheme: BmiScheme) -> BmiBand:
    """The band of a BMI value in ``scheme``, after rounding it half up to one decimal.

    Raises:
        RuleInputError: an unknown scheme.
    """
    if scheme not in BMI_BANDS:
        raise RuleInputError("bmi_scheme", Problem.UNKNOWN_CODE)
    shown = bmi.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    for band in BMI_BANDS[scheme]:
        if band.contains(shown):
            return band
    raise AssertionError("the BMI bands cover every one-decimal value")


def classify_bmi(
    weight_kg: object, height_cm: object, *, scheme: BmiScheme = "asia_pacific"
) -> BmiResult:
    """Compute the shown BMI and classify that same rounded value.

    Raises:
        RuleInputError: implausible weight or height, or an unknown scheme.
    """
    if scheme not in BMI_BANDS:
        raise RuleInputError("bmi_scheme", Problem.UNKNOWN_CODE)
    bmi = bmi_value(weight_kg, height_cm)
    band = bmi_band(bmi, scheme=scheme)
    params: dict[str, object] = {"bmi": float(bmi), "class": band.code}
    if band.minimum is not None:
        params["minimum"] = float(band.minimum)
    if band.maximum is not None:
        params["maximum"] = float(band.maximum)
    return BmiResult(
        code=band.code,
        level=band.level,
        bmi=bmi,
        scheme=scheme,
        reasons=(Reason(band.reason, params),),
    )


class BmiSpec(SectionSpec[BmiInput]):
    code = "bmi"
    order = 10
    group = "anthropometry"
    input_model = BmiInput
    class_codes = tuple(dict.fromkeys(b.code for s in BMI_BANDS.values() for b in s))
    stored_class_codes = ("not_classified",)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("weight_kg", "height_cm")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 18, not_pregnant=True) else None

    def state(self, inputs: BmiInput, ctx: RuleContext) -> tuple[SectionState, tuple[Missing, ...]]:
        missing: tuple[Missing, ...] = tuple(
            (name, None) for name in self.fields if getattr(inputs, name) is None
        )
        if len(missing) == len(self.fields):
            return SectionState.NOT_ASKED, ()
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), missing

    def check(self, inputs: BmiInput, ctx: RuleContext) -> list[RuleInputError]:
        errors: list[RuleInputError] = []
        for value, reader in ((inputs.weight_kg, _weight), (inputs.height_cm, _height)):
            if value is None:
                continue
            try:
                reader(value)
            except RuleInputError as error:
                errors.append(error)
        return errors

    def classify(self, inputs: BmiInput, ctx: RuleContext) -> SectionResult:
        return classify_bmi(
            inputs.weight_kg, inputs.height_cm, scheme=ctx.settings.bmi_scheme
        ).to_section()

    def measures(self, inputs: BmiInput, result: SectionResult) -> tuple[Measure, ...]:
        assert inputs.weight_kg is not None and inputs.height_cm is not None
        return (
            Measure("weight_kg", inputs.weight_kg, "kg", "29463-7"),
            Measure("height_cm", inputs.height_cm, "cm", "8302-2"),
            Measure("bmi", Decimal(str(result.values["bmi"])), "kg/m2", "39156-5"),
        )

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> BmiInput | None:
        if rng.random() >= 0.9:
            return None
        height = min(195.0, max(135.0, rng.gauss(162 if ctx.subject.sex == "L" else 151, 6)))
        bmi = min(45.0, max(14.0, rng.gauss(22.5 + 5 * risk, 3.5)))
        weight = max(30.0, min(140.0, bmi * (height / 100) ** 2))
        return BmiInput(
            weight_kg=Decimal(str(round(weight, 1))), height_cm=Decimal(str(round(height, 1)))
        )


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    result = classify_bmi(
        case["weight_kg"], case["height_cm"], scheme=case.get("scheme", "asia_pacific")
    )
    return {"bmi": float(result.bmi), "class": result.code, "level": str(result.level)}


BmiSpec.vector_rules = {"bmi": _vector}
SPEC = BmiSpec()
