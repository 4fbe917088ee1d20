"""Gula darah: reading a glucometer entry (LO/HI, mg/dL, mmol/L) and its class (RULES §2).

The section's spec and its pure rule; the first matching row of the rules table decides.
"""

from __future__ import annotations

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Final, Literal

from screening.rules.common import Level, Problem, Reason, RuleInputError, to_decimal
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

GlucoseKind = Literal["sewaktu", "puasa"]
GlucoseUnit = Literal["mg/dL", "mmol/L"]

GLUCOSE_RANGE_MG_DL: Final = (20, 600)
UNIT_IN_DOUBT_MG_DL: Final = (Decimal(2), Decimal(33))
"""A number typed as mg/dL in this range reads as a mmol/L meter's (1.1–33.3 mmol/L is the
plausible range): the form asks which unit the meter shows before anything is classified."""
MMOL_TO_MG_DL: Final = Decimal("18.0")
HYPO_BELOW: Final = 60
HYPO_WITH_SYMPTOMS_BELOW: Final = 80
LOW_MAX: Final = 69
VERY_HIGH_FROM: Final = 400

GLUCOSE_CONVERTED: Final = "glucose_converted"
"""A mmol/L entry (``mmol``, as a string) converted to ``value`` mg/dL."""
GLUCOSE_METER_LO: Final = "glucose_meter_lo"
"""The meter showed LO (too low to measure)."""
GLUCOSE_METER_HI: Final = "glucose_meter_hi"
"""The meter showed HI (too high to measure)."""
GLUCOSE_BELOW_60: Final = "glucose_below_60"
"""``value`` < ``limit`` (60) mg/dL."""
GLUCOSE_BELOW_80_WITH_SYMPTOMS: Final = "glucose_below_80_with_symptoms"
"""``value`` < ``limit`` (80) mg/dL with hypoglycaemia symptoms."""
GLUCOSE_LOW: Final = "glucose_low"
"""``value`` in 60–69 mg/dL without symptoms: recheck today."""
GLUCOSE_VERY_HIGH: Final = "glucose_very_high"
"""``value`` ≥ ``limit`` (400) mg/dL."""
GLUCOSE_NORMAL: Final = "glucose_normal"
"""``value`` in the normal band of ``kind`` (``minimum``–``maximum``)."""
GLUCOSE_PREDIABETES_RANGE: Final = "glucose_prediabetes_range"
"""``value`` in the prediabetes band of ``kind`` (``minimum``–``maximum``)."""
GLUCOSE_HIGH: Final = "glucose_high"
"""``value`` in the suspected-diabetes band of ``kind`` (``minimum``–``maximum``)."""

REASON_PARAMS: Final = {
    GLUCOSE_CONVERTED: ("mmol", "value"),
    GLUCOSE_METER_LO: (),
    GLUCOSE_METER_HI: (),
    GLUCOSE_BELOW_60: ("value", "limit"),
    GLUCOSE_BELOW_80_WITH_SYMPTOMS: ("value", "limit"),
    GLUCOSE_LOW: ("value", "minimum", "maximum"),
    GLUCOSE_VERY_HIGH: ("value", "limit"),
    GLUCOSE_NORMAL: ("value", "kind", "minimum", "maximum"),
    GLUCOSE_PREDIABETES_RANGE: ("value", "kind", "minimum", "maximum"),
    GLUCOSE_HIGH: ("value", "kind", "minimum", "maximum"),
}

# (class, minimum, maximum, level) per kind, inclusive; the rows for any kind are tried first.
KIND_BANDS: Final[dict[str, tuple[tuple[str, int, int, Level], ...]]] = {
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
    "normal": GLUCOSE_NORMAL,
    "prediabetes": GLUCOSE_PREDIABETES_RANGE,
    "curiga_diabetes": GLUCOSE_HIGH,
}
_UNIT_SUFFIXES: Final[tuple[tuple[str, GlucoseUnit], ...]] = (
    ("MMOL/L", "mmol/L"),
    ("MG/DL", "mg/dL"),
)


class GlucoseInput(InputModel):
    """``value`` as typed: a number (mg/dL or mmol/L per ``unit``) or the meter's ``LO``/``HI``.

    ``kind`` has no default: fasting or random must be asked, never assumed.
    """

    value: str | None = None
    kind: GlucoseKind | None = None
    hypo_symptoms: bool = False
    unit: GlucoseUnit = "mg/dL"


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
        return complete_result(
            "glucose",
            self.code,
            self.level,
            self.reasons,
            {
                "value": self.value,
                "meter": self.meter,
                "kind": self.kind,
                "hypo_symptoms": self.hypo_symptoms,
            },
        )


def read_glucose(
    value: str | int | float, *, unit: str = "mg/dL"
) -> tuple[int | None, str | None, Decimal | None]:
    """Turn what was typed into (mg/dL, meter reading ``LO``/``HI``, typed mmol/L or None).

    A unit typed after the number (``"7,5 mmol/L"``) wins over ``unit``; "," is a decimal point.

    Raises:
        RuleInputError: not a number, not whole in mg/dL, or outside 20–600 mg/dL.
    """
    if unit not in ("mg/dL", "mmol/L"):
        raise RuleInputError("unit", Problem.UNKNOWN_CODE)
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
        raise RuleInputError("value", Problem.NOT_WHOLE, unit="mg/dL")
    if not low <= number <= high:
        raise RuleInputError("value", Problem.OUT_OF_RANGE, minimum=low, maximum=high, unit="mg/dL")
    return int(number), None, mmol


def unit_in_doubt(value: str | None, *, unit: str) -> bool:
    """Whether ``value`` typed with ``unit`` mg/dL is more likely a mmol/L reading (2–33)."""
    if unit != "mg/dL" or value is None:
        return False
    text = value.strip().upper()
    if not text or text in ("LO", "HI") or any(text.endswith(s) for s, _ in _UNIT_SUFFIXES):
        return False
    try:
        number = to_decimal(text, field_name="value")
    except RuleInputError:
        return False
    low, high = UNIT_IN_DOUBT_MG_DL
    return low <= number <= high


def classify_glucose(
    value: str | int | float,
    *,
    kind: str,
    hypo_symptoms: bool = False,
    unit: str = "mg/dL",
) -> GlucoseResult:
    """Classify one glucometer reading; the first matching row of the table decides.

    Raises:
        RuleInputError: an unreadable or implausible value, or an unknown kind or unit.
    """
    if kind not in KIND_BANDS:
        raise RuleInputError("kind", Problem.UNKNOWN_CODE)
    known_kind: GlucoseKind = "puasa" if kind == "puasa" else "sewaktu"
    mg_dl, meter, mmol = read_glucose(value, unit=unit)
    reasons: list[Reason] = []
    if mmol is not None:
        reasons.append(Reason(GLUCOSE_CONVERTED, {"mmol": str(mmol), "value": mg_dl}))

    def result(code: str, level: Level, reason: Reason) -> GlucoseResult:
        return GlucoseResult(
            code=code,
            level=level,
            kind=known_kind,
            value=mg_dl,
            meter=meter,
            hypo_symptoms=hypo_symptoms,
            reasons=(*reasons, reason),
        )

    if meter == "LO":
        return result("hipoglikemia", Level.URGENT, Reason(GLUCOSE_METER_LO))
    if meter == "HI":
        return result("curiga_diabetes", Level.URGENT, Reason(GLUCOSE_METER_HI))
    assert mg_dl is not None  # read_glucose returns a number whenever there is no meter code
    if mg_dl < HYPO_BELOW:
        return result(
            "hipoglikemia",
            Level.URGENT,
            Reason(GLUCOSE_BELOW_60, {"value": mg_dl, "limit": HYPO_BELOW}),
        )
    if hypo_symptoms and mg_dl < HYPO_WITH_SYMPTOMS_BELOW:
        return result(
            "hipoglikemia",
            Level.URGENT,
            Reason(
                GLUCOSE_BELOW_80_WITH_SYMPTOMS,
                {"value": mg_dl, "limit": HYPO_WITH_SYMPTOMS_BELOW},
            ),
        )
    if mg_dl <= LOW_MAX:
        return result(
            "rendah",
            Level.MONITOR,
            Reason(GLUCOSE_LOW, {"value": mg_dl, "minimum": HYPO_BELOW, "maximum": LOW_MAX}),
        )
    if mg_dl >= VERY_HIGH_FROM:
        return result(
            "curiga_diabetes",
            Level.URGENT,
            Reason(GLUCOSE_VERY_HIGH, {"value": mg_dl, "limit": VERY_HIGH_FROM}),
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


class GlucoseSpec(SectionSpec[GlucoseInput]):
    code = "glucose"
    order = 30
    group = "glucose"
    input_model = GlucoseInput
    class_codes = ("hipoglikemia", "rendah", "normal", "prediabetes", "curiga_diabetes")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("value", "unit", "kind", "hypo_symptoms")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 15) else None

    def state(
        self, inputs: GlucoseInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        value = (inputs.value or "").strip()
        if not value and inputs.kind is None and not inputs.hypo_symptoms:
            return SectionState.NOT_ASKED, ()
        missing: list[Missing] = []
        if not value:
            missing.append(("value", None))
        if inputs.kind is None:
            missing.append(("kind", None))
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), tuple(missing)

    def check(self, inputs: GlucoseInput, ctx: RuleContext) -> list[RuleInputError]:
        if not (inputs.value or "").strip():
            return []
        try:
            read_glucose(inputs.value or "", unit=inputs.unit)
        except RuleInputError as error:
            return [error]
        return []

    def classify(self, inputs: GlucoseInput, ctx: RuleContext) -> SectionResult:
        assert inputs.value is not None and inputs.kind is not None
        return classify_glucose(
            inputs.value, kind=inputs.kind, hypo_symptoms=inputs.hypo_symptoms, unit=inputs.unit
        ).to_section()

    def measures(self, inputs: GlucoseInput, result: SectionResult) -> tuple[Measure, ...]:
        value = result.values.get("value")
        shown: int | str = int(str(value)) if value is not None else str(result.values["meter"])
        return (Measure("value", shown, "mg/dL", "2339-0"), Measure("kind", str(inputs.kind)))

    def sample(self, rng: random.Random, ctx: RuleContext, *, risk: float) -> GlucoseInput | None:
        if rng.random() >= 0.5:
            return None
        roll = rng.random()
        if roll < 0.01:
            return GlucoseInput(value="LO", kind="sewaktu")
        if roll < 0.02:
            return GlucoseInput(value="HI", kind="sewaktu")
        fasting = rng.random() < 0.25
        value = int(rng.gauss(105 + 110 * risk, 35))
        if rng.random() < 0.04:
            value = rng.randint(50, 78)
        value = min(560, max(40, value))
        return GlucoseInput(
            value=str(value),
            kind="puasa" if fasting else "sewaktu",
            hypo_symptoms=value < 80 and rng.random() < 0.5,
        )


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    result = classify_glucose(
        case["value"],
        kind=case.get("kind", "sewaktu"),
        hypo_symptoms=bool(case.get("hypo_symptoms", False)),
        unit=case.get("unit", "mg/dL"),
    )
    return {"class": result.code, "level": str(result.level), "value": result.value}


GlucoseSpec.vector_rules = {"glucose": _vector}
SPEC = GlucoseSpec()
