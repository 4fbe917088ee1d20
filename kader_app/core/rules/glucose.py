"""Gula darah: reading a glucometer entry (LO/HI, mg/dL, mmol/L) and its class (RULES §2).

Pure functions of values; the first matching row of the rules table decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from kader_app.core.rules.codes import ReasonCode
from kader_app.core.rules.common import (
    GlucoseKind,
    GlucoseUnit,
    Level,
    Reason,
    RuleInputError,
    SectionResult,
    to_decimal,
)

GLUCOSE_RANGE_MG_DL: Final = (20, 600)
MMOL_TO_MG_DL: Final = Decimal("18.0")
HYPO_BELOW: Final = 60
HYPO_WITH_SYMPTOMS_BELOW: Final = 80
LOW_MAX: Final = 69
VERY_HIGH_FROM: Final = 400

# (class, minimum, maximum, level) per kind, inclusive; the rows for any kind are tried first.
KIND_BANDS: Final[dict[GlucoseKind, tuple[tuple[str, int, int, Level], ...]]] = {
    "sewaktu": (
        ("normal", 70, 139, Level.NONE),
        ("prediabetes", 140, 199, Level.MONITOR),
        ("curiga_diabetes", 200, 399, Level.REFER),
    ),
    "puasa": (
        ("normal", 70, 99, Level.NONE),
        ("prediabetes", 100, 125, Level.MONITOR),
        ("curiga_diabetes", 126, 399, Level.REFER),
    ),
}
_BAND_REASON: Final = {
    "normal": ReasonCode.GLUCOSE_NORMAL,
    "prediabetes": ReasonCode.GLUCOSE_PREDIABETES_RANGE,
    "curiga_diabetes": ReasonCode.GLUCOSE_HIGH,
}
_UNIT_SUFFIXES: Final[tuple[tuple[str, GlucoseUnit], ...]] = (
    ("MMOL/L", "mmol/L"),
    ("MG/DL", "mg/dL"),
)


@dataclass(frozen=True, slots=True)
class GlucoseResult:
    """``value`` is the classified mg/dL number (``None`` for a LO/HI reading, see ``meter``)."""

    code: str
    level: Level
    kind: GlucoseKind
    value: int | None
    meter: str | None
    hypo_symptoms: bool
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return SectionResult(
            section="glucose",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={
                "value": self.value,
                "meter": self.meter,
                "kind": self.kind,
                "hypo_symptoms": self.hypo_symptoms,
            },
        )


def read_glucose(
    value: str | int | float, *, unit: GlucoseUnit = "mg/dL"
) -> tuple[int | None, str | None, Decimal | None]:
    """Turn what was typed into (mg/dL, meter reading ``LO``/``HI``, typed mmol/L or None).

    A unit typed after the number (``"7,5 mmol/L"``) wins over ``unit``; "," is a decimal point.

    Raises:
        RuleInputError: not a number, not whole in mg/dL, or outside 20–600 mg/dL.
    """
    if unit not in ("mg/dL", "mmol/L"):
        raise RuleInputError("unit", "satuan gula darah tidak dikenal")
    if isinstance(value, str):
        text = value.strip().upper()
        if text in ("LO", "HI"):
            return None, text, None
        for suffix, suffix_unit in _UNIT_SUFFIXES:
            if text.endswith(suffix):
                text, unit = text.removesuffix(suffix).strip(), suffix_unit
                break
        number = to_decimal(text, field_name="value")
    else:
        number = to_decimal(value, field_name="value")
    low, high = GLUCOSE_RANGE_MG_DL
    mmol: Decimal | None = None
    if unit == "mmol/L":
        mmol = number
        number = (number * MMOL_TO_MG_DL).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    elif number != number.to_integral_value():
        raise RuleInputError("value", "gula darah dalam mg/dL harus bilangan bulat")
    if not low <= number <= high:
        raise RuleInputError(
            "value", f"gula darah harus {low}–{high} mg/dL", minimum=low, maximum=high
        )
    return int(number), None, mmol


def classify_glucose(
    value: str | int | float,
    *,
    kind: GlucoseKind,
    hypo_symptoms: bool = False,
    unit: GlucoseUnit = "mg/dL",
) -> GlucoseResult:
    """Classify one glucometer reading; the first matching row of the table decides.

    Raises:
        RuleInputError: an unreadable or implausible value, or an unknown kind or unit.
    """
    if kind not in KIND_BANDS:
        raise RuleInputError("kind", "jenis pemeriksaan gula darah tidak dikenal")
    mg_dl, meter, mmol = read_glucose(value, unit=unit)
    reasons: list[Reason] = []
    if mmol is not None:
        reasons.append(Reason(ReasonCode.GLUCOSE_CONVERTED, {"mmol": str(mmol), "value": mg_dl}))

    def result(code: str, level: Level, reason: Reason) -> GlucoseResult:
        return GlucoseResult(
            code=code,
            level=level,
            kind=kind,
            value=mg_dl,
            meter=meter,
            hypo_symptoms=hypo_symptoms,
            reasons=(*reasons, reason),
        )

    if meter == "LO":
        return result("hipoglikemia", Level.URGENT, Reason(ReasonCode.GLUCOSE_METER_LO))
    if meter == "HI":
        return result("curiga_diabetes", Level.URGENT, Reason(ReasonCode.GLUCOSE_METER_HI))
    assert mg_dl is not None  # read_glucose returns a number whenever there is no meter code
    if mg_dl < HYPO_BELOW:
        return result(
            "hipoglikemia",
            Level.URGENT,
            Reason(ReasonCode.GLUCOSE_BELOW_60, {"value": mg_dl, "limit": HYPO_BELOW}),
        )
    if hypo_symptoms and mg_dl < HYPO_WITH_SYMPTOMS_BELOW:
        return result(
            "hipoglikemia",
            Level.URGENT,
            Reason(
                ReasonCode.GLUCOSE_BELOW_80_WITH_SYMPTOMS,
                {"value": mg_dl, "limit": HYPO_WITH_SYMPTOMS_BELOW},
            ),
        )
    if mg_dl <= LOW_MAX:
        return result(
            "rendah",
            Level.MONITOR,
            Reason(
                ReasonCode.GLUCOSE_LOW, {"value": mg_dl, "minimum": HYPO_BELOW, "maximum": LOW_MAX}
            ),
        )
    if mg_dl >= VERY_HIGH_FROM:
        return result(
            "curiga_diabetes",
            Level.URGENT,
            Reason(ReasonCode.GLUCOSE_VERY_HIGH, {"value": mg_dl, "limit": VERY_HIGH_FROM}),
        )
    for code, minimum, maximum, level in KIND_BANDS[kind]:
        if minimum <= mg_dl <= maximum:
            return result(
                code,
                level,
                Reason(
                    _BAND_REASON[code],
                    {"value": mg_dl, "kind": kind, "minimum": minimum, "maximum": maximum},
                ),
            )
    raise AssertionError("the glucose bands cover 70–399 mg/dL without gaps")
