"""Tensi (adults): one or two readings, their plausibility and the ILP / JNC 7 classes (RULES §1).

The section's spec and its pure rule; the scheme comes from the settings passed in.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.common import (
    BpScheme,
    Level,
    Problem,
    Reason,
    RuleInputError,
    whole_number,
)
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

SYSTOLIC_RANGE: Final = (60, 300)
DIASTOLIC_RANGE: Final = (30, 200)
URGENT_SYSTOLIC: Final = 180
URGENT_DIASTOLIC: Final = 110
ISOLATED_SYSTOLIC_FROM: Final = 140
ISOLATED_DIASTOLIC_BELOW: Final = 90
LOW_SYSTOLIC_BELOW: Final = 90
LOW_DIASTOLIC_BELOW: Final = 60
MAX_READINGS: Final = 2
UNIT: Final = "mmHg"

BP_SINGLE: Final = "bp_single"
"""One reading: ``systolic``/``diastolic`` as measured."""
BP_MEAN_OF_TWO: Final = "bp_mean_of_two"
"""Two readings: ``systolic``/``diastolic`` are their means, rounded half up."""
BP_SYSTOLIC_HIGH: Final = "bp_systolic_high"
"""The systolic value alone puts the reading in its class (``minimum`` = lower bound)."""
BP_DIASTOLIC_HIGH: Final = "bp_diastolic_high"
"""The diastolic value alone puts the reading in its class (``minimum`` = lower bound)."""
BP_ISOLATED_SYSTOLIC: Final = "bp_isolated_systolic"
"""Systolic ≥ 140 with diastolic < 90 (hipertensi sistolik terisolasi)."""
BP_VERY_HIGH: Final = "bp_very_high"
"""≥ 180 systolic or ≥ 110 diastolic: urgent in every scheme."""
BP_LOW: Final = "bp_low"
"""Systolic < 90 or diastolic < 60 where the table gives its lowest class (``rendah``)."""
READING_URGENT: Final = "reading_urgent"
"""Reading ``reading`` alone (``systolic``/``diastolic``) is in the urgent band."""

REASON_PARAMS: Final = {
    BP_SINGLE: ("systolic", "diastolic"),
    BP_MEAN_OF_TWO: ("systolic", "diastolic"),
    BP_SYSTOLIC_HIGH: ("systolic", "minimum"),
    BP_DIASTOLIC_HIGH: ("diastolic", "minimum"),
    BP_ISOLATED_SYSTOLIC: ("systolic", "diastolic"),
    BP_VERY_HIGH: ("systolic", "diastolic"),
    BP_LOW: ("systolic", "diastolic"),
    READING_URGENT: ("reading", "systolic", "diastolic"),
}


@dataclass(frozen=True, slots=True)
class BpBand:
    """A class and the lower bounds (inclusive) that put systolic or diastolic into it."""

    code: str
    systolic_from: int
    diastolic_from: int
    level: Level


# Ordered from lowest to highest: a component's class is the last band whose bound it reaches.
BP_BANDS: Final[dict[BpScheme, tuple[BpBand, ...]]] = {
    "ilp": (
        BpBand("optimal", 0, 0, Level.NONE),
        BpBand("normal", 120, 80, Level.NONE),
        BpBand("normal_tinggi", 130, 85, Level.MONITOR),
        BpBand("hipertensi_1", 140, 90, Level.REFER),
        BpBand("hipertensi_2", 160, 100, Level.REFER),
        BpBand("hipertensi_3", 180, 110, Level.URGENT),
    ),
    "jnc7": (
        BpBand("normal", 0, 0, Level.NONE),
        BpBand("prehipertensi", 120, 80, Level.MONITOR),
        BpBand("hipertensi_1", 140, 90, Level.REFER),
        BpBand("hipertensi_2", 160, 100, Level.REFER),
    ),
}
LOW_CLASS: Final = "rendah"


class Reading(InputModel):
    systolic: int | None = None
    diastolic: int | None = None

    def is_empty(self) -> bool:
        return self.systolic is None and self.diastolic is None


class BloodPressureInput(InputModel):
    """One or two readings in mmHg; a reading left empty is ignored."""

    readings: tuple[Reading, ...] = ()

    @classmethod
    def of(cls, *pairs: tuple[int | None, int | None]) -> BloodPressureInput:
        """``BloodPressureInput.of((150, 95), (146, 92))``."""
        return cls(readings=tuple(Reading(systolic=s, diastolic=d) for s, d in pairs))


@dataclass(frozen=True, slots=True)
class BloodPressureResult:
    code: str
    level: Level
    systolic: int
    diastolic: int
    readings: int
    isolated_systolic: bool
    any_reading_urgent: bool
    scheme: BpScheme
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return complete_result(
            "blood_pressure",
            self.code,
            self.level,
            self.reasons,
            {
                "systolic": self.systolic,
                "diastolic": self.diastolic,
                "readings": self.readings,
                "isolated_systolic": self.isolated_systolic,
                "any_reading_urgent": self.any_reading_urgent,
                "scheme": self.scheme,
            },
        )


def check_reading(systolic: object, diastolic: object, *, number: int) -> list[RuleInputError]:
    """Every refusal of one reading (plausible ranges, systolic above diastolic)."""
    errors: list[RuleInputError] = []
    checked: list[int | None] = []
    for value, name, bounds in (
        (systolic, "systolic", SYSTOLIC_RANGE),
        (diastolic, "diastolic", DIASTOLIC_RANGE),
    ):
        if value is None:
            checked.append(None)
            continue
        try:
            checked.append(
                whole_number(value, field_name=name, bounds=bounds, unit=UNIT, index=number)
            )
        except RuleInputError as error:
            errors.append(error)
            checked.append(None)
    high, low = checked
    if high is not None and low is not None and high <= low:
        errors.append(
            RuleInputError("diastolic", Problem.SYSTOLIC_NOT_ABOVE_DIASTOLIC, index=number)
        )
    return errors


def _mean_half_up(first: int, second: int) -> int:
    # Both are positive whole numbers, so (a + b + 1) // 2 is exactly "round half up".
    return (first + second + 1) // 2


def _band_index(value: int, bounds: Sequence[int]) -> int:
    index = 0
    for position, bound in enumerate(bounds):
        if value >= bound:
            index = position
    return index


def _urgent(systolic: int, diastolic: int) -> bool:
    return systolic >= URGENT_SYSTOLIC or diastolic >= URGENT_DIASTOLIC


def classify_blood_pressure(
    readings: Sequence[tuple[int, int]], *, scheme: BpScheme = "ilp"
) -> BloodPressureResult:
    """Classify one or two (systolic, diastolic) readings; two are averaged, rounded half up.

    The higher class of systolic and diastolic wins; ≥ 180 or ≥ 110 is urgent in both schemes,
    and so is either of two readings alone in that band (averaging never hides a crisis).

    Raises:
        RuleInputError: no reading or more than two, or an implausible reading (the first
            refusal; the field and the allowed range are named, the value is not).
    """
    if scheme not in BP_BANDS:
        raise RuleInputError("bp_scheme", Problem.UNKNOWN_CODE)
    if not 1 <= len(readings) <= MAX_READINGS:
        raise RuleInputError("readings", Problem.TOO_MANY, maximum=MAX_READINGS)
    for number, reading in enumerate(readings, start=1):
        if len(reading) != 2:
            raise RuleInputError("readings", Problem.INVALID, index=number)
        errors = check_reading(reading[0], reading[1], number=number)
        if errors:
            raise errors[0]
    checked = [(int(s), int(d)) for s, d in readings]
    if len(checked) == 2:
        systolic = _mean_half_up(checked[0][0], checked[1][0])
        diastolic = _mean_half_up(checked[0][1], checked[1][1])
        reasons = [Reason(BP_MEAN_OF_TWO, {"systolic": systolic, "diastolic": diastolic})]
    else:
        systolic, diastolic = checked[0]
        reasons = [Reason(BP_SINGLE, {"systolic": systolic, "diastolic": diastolic})]

    bands = BP_BANDS[scheme]
    by_systolic = _band_index(systolic, [band.systolic_from for band in bands])
    by_diastolic = _band_index(diastolic, [band.diastolic_from for band in bands])
    band = bands[max(by_systolic, by_diastolic)]
    code, level = band.code, band.level
    if band.level is not Level.NONE:
        if by_systolic >= by_diastolic:
            reasons.append(
                Reason(BP_SYSTOLIC_HIGH, {"systolic": systolic, "minimum": band.systolic_from})
            )
        if by_diastolic >= by_systolic:
            reasons.append(
                Reason(BP_DIASTOLIC_HIGH, {"diastolic": diastolic, "minimum": band.diastolic_from})
            )
    elif band is bands[0] and (systolic < LOW_SYSTOLIC_BELOW or diastolic < LOW_DIASTOLIC_BELOW):
        code, level = LOW_CLASS, Level.MONITOR
        reasons.append(Reason(BP_LOW, {"systolic": systolic, "diastolic": diastolic}))

    isolated = systolic >= ISOLATED_SYSTOLIC_FROM and diastolic < ISOLATED_DIASTOLIC_BELOW
    if isolated:
        reasons.append(Reason(BP_ISOLATED_SYSTOLIC, {"systolic": systolic, "diastolic": diastolic}))
    if _urgent(systolic, diastolic):
        level = Level.URGENT
        reasons.append(Reason(BP_VERY_HIGH, {"systolic": systolic, "diastolic": diastolic}))
    urgent_readings = [n for n, (s, d) in enumerate(checked, start=1) if _urgent(s, d)]
    if len(checked) == 2:
        for number in urgent_readings:
            s, d = checked[number - 1]
            reasons.append(
                Reason(READING_URGENT, {"reading": number, "systolic": s, "diastolic": d})
            )
        if urgent_readings:
            level = Level.URGENT
    return BloodPressureResult(
        code=code,
        level=level,
        systolic=systolic,
        diastolic=diastolic,
        readings=len(checked),
        isolated_systolic=isolated,
        any_reading_urgent=bool(urgent_readings),
        scheme=scheme,
        reasons=tuple(reasons),
    )


def filled_readings(inputs: BloodPressureInput) -> list[tuple[int, Reading]]:
    """The readings that hold any value, with their number on the form (1-based)."""
    return [(n, r) for n, r in enumerate(inputs.readings, start=1) if not r.is_empty()]


class BloodPressureSpec(SectionSpec[BloodPressureInput]):
    code = "blood_pressure"
    order = 20
    group = "blood_pressure"
    input_model = BloodPressureInput
    class_codes = tuple(dict.fromkeys([b.code for s in BP_BANDS.values() for b in s] + [LOW_CLASS]))
    stored_class_codes = ("not_classified",)
    reason_codes = tuple(REASON_PARAMS)
    fields = ("systolic", "diastolic")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        return "default" if years_at_least(subject, on, 18, not_pregnant=True) else None

    def state(
        self, inputs: BloodPressureInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        filled = filled_readings(inputs)
        if not filled:
            return SectionState.NOT_ASKED, ()
        missing: list[Missing] = []
        for number, reading in filled:
            if reading.systolic is None:
                missing.append(("systolic", number))
            if reading.diastolic is None:
                missing.append(("diastolic", number))
        return (SectionState.INCOMPLETE if missing else SectionState.COMPLETE), tuple(missing)

    def check(self, inputs: BloodPressureInput, ctx: RuleContext) -> list[RuleInputError]:
        if len(inputs.readings) > MAX_READINGS:
            return [RuleInputError("readings", Problem.TOO_MANY, maximum=MAX_READINGS)]
        errors: list[RuleInputError] = []
        for number, reading in filled_readings(inputs):
            errors.extend(check_reading(reading.systolic, reading.diastolic, number=number))
        return errors

    def classify(self, inputs: BloodPressureInput, ctx: RuleContext) -> SectionResult:
        readings = [
            (r.systolic, r.diastolic)
            for _, r in filled_readings(inputs)
            if r.systolic is not None and r.diastolic is not None
        ]
        return classify_blood_pressure(readings, scheme=ctx.settings.bp_scheme).to_section()

    def measures(self, inputs: BloodPressureInput, result: SectionResult) -> tuple[Measure, ...]:
        values = result.values
        return (
            Measure("systolic", int(str(values["systolic"])), "mm[Hg]", "8480-6"),
            Measure("diastolic", int(str(values["diastolic"])), "mm[Hg]", "8462-4"),
        )

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> BloodPressureInput | None:
        if rng.random() >= 0.95:
            return None
        systolic = min(240, max(85, int(rng.gauss(118 + 40 * risk, 14))))
        diastolic = int(rng.gauss(76 + 20 * risk, 9))
        diastolic = min(140, max(50, min(diastolic, systolic - 20)))
        if rng.random() < 0.3:
            second = (systolic + rng.randint(-6, 6), diastolic + rng.randint(-4, 4))
            return BloodPressureInput.of((systolic, diastolic), second)
        return BloodPressureInput.of((systolic, diastolic))


def _vector_result(result: BloodPressureResult) -> dict[str, Any]:
    return {
        "class": result.code,
        "level": str(result.level),
        "isolated_systolic": result.isolated_systolic,
        "systolic": result.systolic,
        "diastolic": result.diastolic,
        "any_reading_urgent": result.any_reading_urgent,
    }


def _vector_one(case: Mapping[str, Any]) -> dict[str, Any]:
    readings = [(case["systolic"], case["diastolic"])]
    return _vector_result(classify_blood_pressure(readings, scheme=case.get("scheme", "ilp")))


def _vector_readings(case: Mapping[str, Any]) -> dict[str, Any]:
    readings = [(r["systolic"], r["diastolic"]) for r in case["readings"]]
    return _vector_result(classify_blood_pressure(readings, scheme=case.get("scheme", "ilp")))


BloodPressureSpec.vector_rules = {
    "blood_pressure": _vector_one,
    "blood_pressure_readings": _vector_readings,
}
SPEC = BloodPressureSpec()
