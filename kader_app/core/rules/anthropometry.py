"""Antropometri: BMI in decimal arithmetic, its band tables, the waist flag (RULES §3).

Pure functions of values. The BMI shown is the BMI classified: never classify an unrounded float.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from kader_app.core.rules.codes import ReasonCode
from kader_app.core.rules.common import (
    BmiScheme,
    Level,
    Reason,
    RuleInputError,
    SectionResult,
    Sex,
    to_decimal,
)

WEIGHT_RANGE_KG: Final = (Decimal("2.0"), Decimal("300.0"))
HEIGHT_RANGE_CM: Final = (Decimal("50.0"), Decimal("250.0"))
WAIST_RANGE_CM: Final = (Decimal("30.0"), Decimal("250.0"))
WAIST_LIMIT_CM: Final[dict[Sex, Decimal]] = {"L": Decimal(90), "P": Decimal(80)}
ONE_DECIMAL: Final = Decimal("0.1")


@dataclass(frozen=True, slots=True)
class BmiBand:
    """One row of a BMI table, bounds inclusive on one-decimal values (``None`` = open)."""

    code: str
    minimum: Decimal | None
    maximum: Decimal | None
    level: Level
    reason: ReasonCode

    def contains(self, bmi: Decimal) -> bool:
        return (self.minimum is None or bmi >= self.minimum) and (
            self.maximum is None or bmi <= self.maximum
        )


BMI_BANDS: Final[dict[BmiScheme, tuple[BmiBand, ...]]] = {
    "asia_pacific": (
        BmiBand("kurang", None, Decimal("18.4"), Level.MONITOR, ReasonCode.BMI_UNDERWEIGHT),
        BmiBand("normal", Decimal("18.5"), Decimal("22.9"), Level.NONE, ReasonCode.BMI_NORMAL),
        BmiBand(
            "berisiko", Decimal("23.0"), Decimal("24.9"), Level.NONE, ReasonCode.BMI_OVERWEIGHT
        ),
        BmiBand(
            "obesitas_1", Decimal("25.0"), Decimal("29.9"), Level.MONITOR, ReasonCode.BMI_OBESE
        ),
        BmiBand("obesitas_2", Decimal("30.0"), None, Level.MONITOR, ReasonCode.BMI_OBESE),
    ),
    "kemenkes_nasional": (
        BmiBand("kurus_berat", None, Decimal("16.9"), Level.MONITOR, ReasonCode.BMI_UNDERWEIGHT),
        BmiBand(
            "kurus_ringan",
            Decimal("17.0"),
            Decimal("18.4"),
            Level.MONITOR,
            ReasonCode.BMI_UNDERWEIGHT,
        ),
        BmiBand("normal", Decimal("18.5"), Decimal("25.0"), Level.NONE, ReasonCode.BMI_NORMAL),
        BmiBand(
            "gemuk_ringan",
            Decimal("25.1"),
            Decimal("27.0"),
            Level.NONE,
            ReasonCode.BMI_OVERWEIGHT,
        ),
        BmiBand("obesitas", Decimal("27.1"), None, Level.MONITOR, ReasonCode.BMI_OBESE),
    ),
}


@dataclass(frozen=True, slots=True)
class BmiResult:
    """``bmi`` is the one-decimal value shown to the kader and classified."""

    code: str
    level: Level
    bmi: Decimal
    scheme: BmiScheme
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return SectionResult(
            section="bmi",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={"bmi": float(self.bmi), "scheme": self.scheme},
        )


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
        return SectionResult(
            section="waist",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={"waist_cm": float(self.waist_cm), "central_obesity": self.central_obesity},
        )


def _in_range(value: object, *, field_name: str, bounds: tuple[Decimal, Decimal]) -> Decimal:
    number = to_decimal(value, field_name=field_name)
    low, high = bounds
    if not low <= number <= high:
        raise RuleInputError(
            field_name, f"harus {low}–{high}", minimum=float(low), maximum=float(high)
        )
    return number


def bmi_value(weight_kg: float | str | Decimal, height_cm: float | str | Decimal) -> Decimal:
    """BMI = kg / m², in decimal arithmetic, rounded half up to one decimal.

    Raises:
        RuleInputError: weight outside 2.0–300.0 kg or height outside 50.0–250.0 cm.
    """
    weight = _in_range(weight_kg, field_name="weight_kg", bounds=WEIGHT_RANGE_KG)
    height = _in_range(height_cm, field_name="height_cm", bounds=HEIGHT_RANGE_CM)
    metres = height / Decimal(100)
    return (weight / (metres * metres)).quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)


def bmi_band(bmi: Decimal, *, scheme: BmiScheme) -> BmiBand:
    """The band of a BMI value in ``scheme``, after rounding it half up to one decimal.

    Raises:
        RuleInputError: an unknown scheme.
    """
    if scheme not in BMI_BANDS:
        raise RuleInputError("bmi_scheme", "skema IMT tidak dikenal")
    shown = bmi.quantize(ONE_DECIMAL, rounding=ROUND_HALF_UP)
    for band in BMI_BANDS[scheme]:
        if band.contains(shown):
            return band
    raise AssertionError("the BMI bands cover every one-decimal value")


def classify_bmi(
    weight_kg: float | str | Decimal,
    height_cm: float | str | Decimal,
    *,
    scheme: BmiScheme = "asia_pacific",
) -> BmiResult:
    """Compute the shown BMI and classify that same rounded value.

    Raises:
        RuleInputError: implausible weight or height, or an unknown scheme.
    """
    if scheme not in BMI_BANDS:
        raise RuleInputError("bmi_scheme", "skema IMT tidak dikenal")
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


def classify_waist(waist_cm: float | str | Decimal, *, sex: Sex) -> WaistResult:
    """Central obesity when the waist is above 90 cm (men) or 80 cm (women).

    Raises:
        RuleInputError: waist outside 30.0–250.0 cm, or sex not ``L``/``P``.
    """
    if sex not in WAIST_LIMIT_CM:
        raise RuleInputError("sex", "jenis kelamin harus L atau P")
    waist = _in_range(waist_cm, field_name="waist_cm", bounds=WAIST_RANGE_CM)
    limit = WAIST_LIMIT_CM[sex]
    central = waist > limit
    params = {"waist_cm": float(waist), "sex": sex, "limit": int(limit)}
    return WaistResult(
        code="central_obesity" if central else "normal",
        level=Level.MONITOR if central else Level.NONE,
        central_obesity=central,
        waist_cm=waist,
        sex=sex,
        reasons=(
            Reason(
                ReasonCode.WAIST_CENTRAL_OBESITY if central else ReasonCode.WAIST_NORMAL, params
            ),
        ),
    )
