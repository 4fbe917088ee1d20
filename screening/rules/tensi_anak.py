"""Tensi anak & remaja, 7 to < 18 years: the simplified AAP 2017 table of ILP (LIFECYCLE §e).

The section's spec and its pure rule. Readings are entered as for adults (one or two; two are
averaged, rounded half up) and checked with the same plausible ranges.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, Final

from screening.rules.blood_pressure import (
    MAX_READINGS,
    BloodPressureInput,
    check_reading,
    filled_readings,
)
from screening.rules.common import Level, Problem, Reason, RuleInputError
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
from screening.rules.stage import required_age, required_sex, subject_age

YEARS: Final = (7, 17)
# Tensi "meningkat" from (systolic, diastolic) by completed years and sex; 13–17: 120/80.
TABLE: Final[dict[int, dict[str, tuple[int, int]]]] = {
    7: {"L": (106, 68), "P": (106, 68)},
    8: {"L": (107, 69), "P": (107, 69)},
    9: {"L": (107, 70), "P": (108, 71)},
    10: {"L": (108, 72), "P": (109, 72)},
    11: {"L": (110, 74), "P": (111, 74)},
    12: {"L": (113, 75), "P": (114, 75)},
    **{years: {"L": (120, 80), "P": (120, 80)} for years in range(13, 18)},
}
# (class, systolic from, diastolic from, level), first match from the top.
ROWS: Final = (
    ("hipertensi_2", 180, 110, Level.URGENT),
    ("hipertensi_2", 140, 90, Level.REFER),
    ("hipertensi_1", 130, 80, Level.REFER),
)

CHILD_BP_SINGLE: Final = "child_bp_single"
CHILD_BP_MEAN_OF_TWO: Final = "child_bp_mean_of_two"
CHILD_BP_ROW: Final = "child_bp_row"
"""At or above ``systolic_from`` or ``diastolic_from`` (a row of the table)."""
CHILD_BP_FOR_AGE: Final = "child_bp_for_age"
"""At or above the value for ``age`` years: ``systolic_from``/``diastolic_from``."""
CHILD_BP_BELOW_FOR_AGE: Final = "child_bp_below_for_age"
"""Below the value for ``age`` years."""
REASON_PARAMS: Final = {
    CHILD_BP_SINGLE: ("systolic", "diastolic"),
    CHILD_BP_MEAN_OF_TWO: ("systolic", "diastolic"),
    CHILD_BP_ROW: ("systolic_from", "diastolic_from"),
    CHILD_BP_FOR_AGE: ("age", "systolic_from", "diastolic_from"),
    CHILD_BP_BELOW_FOR_AGE: ("age", "systolic_from", "diastolic_from"),
}


@dataclass(frozen=True, slots=True)
class ChildBpResult:
    code: str
    level: Level
    systolic: int
    diastolic: int
    readings: int
    reasons: tuple[Reason, ...]


def mean_reading(readings: Sequence[tuple[object, object]]) -> tuple[int, int]:
    """The mean (rounded half up) of one or two checked readings.

    Raises:
        RuleInputError: no reading or more than two, or an implausible reading.
    """
    if not 1 <= len(readings) <= MAX_READINGS:
        raise RuleInputError("readings", Problem.TOO_MANY, maximum=MAX_READINGS)
    for number, (high, low) in enumerate(readings, start=1):
        errors = check_reading(high, low, number=number)
        if errors:
            raise errors[0]
    pairs = [(int(str(s)), int(str(d))) for s, d in readings]
    systolic = (sum(s for s, _ in pairs) + len(pairs) - 1) // len(pairs)
    diastolic = (sum(d for _, d in pairs) + len(pairs) - 1) // len(pairs)
    return systolic, diastolic


def classify_child_bp(
    readings: Sequence[tuple[object, object]], *, sex: object, birth_date: date, on: date
) -> ChildBpResult:
    """The class of a child's tensi: stage 2 / 1 rows, then the age table, else normal.

    Raises:
        RuleInputError: sex not L/P, an age outside 7–17 years (``birth_date``), or a refused
            reading.
    """
    checked_sex = required_sex(sex)
    years = required_age(birth_date, on).years
    low_years, high_years = YEARS
    if not low_years <= years <= high_years:
        raise RuleInputError(
            "birth_date", Problem.OUT_OF_RANGE, minimum=low_years, maximum=high_years
        )
    systolic, diastolic = mean_reading(readings)
    code = CHILD_BP_SINGLE if len(readings) == 1 else CHILD_BP_MEAN_OF_TWO
    reasons = [Reason(code, {"systolic": systolic, "diastolic": diastolic})]
    for row_code, s_from, d_from, level in ROWS:
        if systolic >= s_from or diastolic >= d_from:
            reasons.append(
                Reason(CHILD_BP_ROW, {"systolic_from": s_from, "diastolic_from": d_from})
            )
            return ChildBpResult(
                row_code, level, systolic, diastolic, len(readings), tuple(reasons)
            )
    s_from, d_from = TABLE[years][checked_sex]
    limits = {"age": years, "systolic_from": s_from, "diastolic_from": d_from}
    if systolic >= s_from or diastolic >= d_from:
        reasons.append(Reason(CHILD_BP_FOR_AGE, limits))
        return ChildBpResult(
            "meningkat", Level.MONITOR, systolic, diastolic, len(readings), tuple(reasons)
        )
    reasons.append(Reason(CHILD_BP_BELOW_FOR_AGE, limits))
    return ChildBpResult("normal", Level.NONE, systolic, diastolic, len(readings), tuple(reasons))


def bp_state(inputs: BloodPressureInput) -> tuple[SectionState, tuple[Missing, ...]]:
    """Not asked without any value; incomplete while a started reading lacks a value."""
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


def bp_refusals(inputs: BloodPressureInput) -> list[RuleInputError]:
    if len(inputs.readings) > MAX_READINGS:
        return [RuleInputError("readings", Problem.TOO_MANY, maximum=MAX_READINGS)]
    errors: list[RuleInputError] = []
    for number, reading in filled_readings(inputs):
        errors.extend(check_reading(reading.systolic, reading.diastolic, number=number))
    return errors


def bp_pairs(inputs: BloodPressureInput) -> list[tuple[object, object]]:
    return [(r.systolic, r.diastolic) for _, r in filled_readings(inputs)]


def bp_measures(result: SectionResult) -> tuple[Measure, ...]:
    values = result.values
    return (
        Measure("systolic", int(str(values["systolic"])), "mm[Hg]", "8480-6"),
        Measure("diastolic", int(str(values["diastolic"])), "mm[Hg]", "8462-4"),
    )


class TensiAnakSpec(SectionSpec[BloodPressureInput]):
    code = "tensi_anak"
    order = 8
    group = "anak_remaja"
    input_model = BloodPressureInput
    class_codes = ("normal", "meningkat", "hipertensi_1", "hipertensi_2")
    reason_codes = tuple(REASON_PARAMS)
    fields = ("systolic", "diastolic", "readings")

    def availability(self, subject: Subject, on: date) -> Availability | None:
        age = subject_age(subject, on)
        if subject.pregnant or age is None:
            return None
        return "default" if YEARS[0] <= age.years <= YEARS[1] else None

    def state(
        self, inputs: BloodPressureInput, ctx: RuleContext
    ) -> tuple[SectionState, tuple[Missing, ...]]:
        return bp_state(inputs)

    def check(self, inputs: BloodPressureInput, ctx: RuleContext) -> list[RuleInputError]:
        return bp_refusals(inputs)

    def classify(self, inputs: BloodPressureInput, ctx: RuleContext) -> SectionResult:
        assert ctx.subject.birth_date is not None
        found = classify_child_bp(
            bp_pairs(inputs), sex=ctx.subject.sex, birth_date=ctx.subject.birth_date, on=ctx.on
        )
        values = {
            "systolic": found.systolic,
            "diastolic": found.diastolic,
            "readings": found.readings,
        }
        return complete_result(self.code, found.code, found.level, found.reasons, values)

    def measures(self, inputs: BloodPressureInput, result: SectionResult) -> tuple[Measure, ...]:
        return bp_measures(result)

    def sample(
        self, rng: random.Random, ctx: RuleContext, *, risk: float
    ) -> BloodPressureInput | None:
        if rng.random() >= 0.7:
            return None
        systolic = min(170, max(85, int(rng.gauss(104 + 22 * risk, 9))))
        diastolic = min(systolic - 20, max(45, int(rng.gauss(66 + 12 * risk, 7))))
        return BloodPressureInput.of((systolic, diastolic))


def _vector(case: Mapping[str, Any]) -> dict[str, Any]:
    found = classify_child_bp(
        [(case["systolic"], case["diastolic"])],
        sex=case.get("sex"),
        birth_date=date.fromisoformat(case["birth_date"]),
        on=date.fromisoformat(case["date"]),
    )
    return {"class": found.code, "level": found.level.value}


TensiAnakSpec.vector_rules = {"tensi_anak": _vector}
SPEC = TensiAnakSpec()
