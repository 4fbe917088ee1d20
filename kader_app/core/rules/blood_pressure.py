"""Tensi: plausibility of one or two readings and the ILP / JNC 7 classes (SCREENING_RULES §1).

Pure functions of values; no settings are read here, the scheme is passed in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from kader_app.core.rules.codes import ReasonCode
from kader_app.core.rules.common import BpScheme, Level, Reason, RuleInputError, SectionResult

SYSTOLIC_RANGE: Final = (60, 300)
DIASTOLIC_RANGE: Final = (30, 200)
URGENT_SYSTOLIC: Final = 180
URGENT_DIASTOLIC: Final = 110
ISOLATED_SYSTOLIC_FROM: Final = 140
ISOLATED_DIASTOLIC_BELOW: Final = 90


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


@dataclass(frozen=True, slots=True)
class BloodPressureResult:
    code: str
    level: Level
    systolic: int
    diastolic: int
    readings: int
    isolated_systolic: bool
    scheme: BpScheme
    reasons: tuple[Reason, ...]

    def to_section(self) -> SectionResult:
        return SectionResult(
            section="blood_pressure",
            code=self.code,
            level=self.level,
            reasons=self.reasons,
            values={
                "systolic": self.systolic,
                "diastolic": self.diastolic,
                "readings": self.readings,
                "isolated_systolic": self.isolated_systolic,
                "scheme": self.scheme,
            },
        )


def _whole_mmhg(value: object, *, field_name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float) or value != int(value):
        raise RuleInputError(field_name, "harus bilangan bulat (mmHg)")
    return int(value)


def _check_reading(reading: tuple[int, int], *, number: int) -> tuple[int, int]:
    if len(reading) != 2:
        raise RuleInputError(
            "readings", f"pengukuran ke-{number} harus berisi sistolik dan diastolik"
        )
    systolic = _whole_mmhg(reading[0], field_name="systolic")
    diastolic = _whole_mmhg(reading[1], field_name="diastolic")
    low, high = SYSTOLIC_RANGE
    if not low <= systolic <= high:
        raise RuleInputError(
            "systolic",
            f"pengukuran ke-{number}: sistolik harus {low}–{high} mmHg",
            minimum=low,
            maximum=high,
        )
    low, high = DIASTOLIC_RANGE
    if not low <= diastolic <= high:
        raise RuleInputError(
            "diastolic",
            f"pengukuran ke-{number}: diastolik harus {low}–{high} mmHg",
            minimum=low,
            maximum=high,
        )
    if systolic <= diastolic:
        raise RuleInputError(
            "diastolic", f"pengukuran ke-{number}: sistolik harus lebih besar dari diastolik"
        )
    return systolic, diastolic


def _mean_half_up(first: int, second: int) -> int:
    # Both are positive whole numbers, so (a + b + 1) // 2 is exactly "round half up".
    return (first + second + 1) // 2


def _band_index(value: int, bounds: Sequence[int]) -> int:
    index = 0
    for position, bound in enumerate(bounds):
        if value >= bound:
            index = position
    return index


def classify_blood_pressure(
    readings: Sequence[tuple[int, int]], *, scheme: BpScheme = "ilp"
) -> BloodPressureResult:
    """Classify one or two (systolic, diastolic) readings; two are averaged, rounded half up.

    The higher class of systolic and diastolic wins; ≥ 180 or ≥ 110 is urgent in both schemes.

    Raises:
        RuleInputError: fewer than one or more than two readings, or an implausible reading
            (the field and the allowed range are named; the value itself is not).
    """
    if scheme not in BP_BANDS:
        raise RuleInputError("bp_scheme", "skema tensi tidak dikenal")
    if not 1 <= len(readings) <= 2:
        raise RuleInputError("readings", "isi satu atau dua pengukuran tensi")
    checked = [_check_reading(reading, number=n) for n, reading in enumerate(readings, start=1)]
    if len(checked) == 2:
        systolic = _mean_half_up(checked[0][0], checked[1][0])
        diastolic = _mean_half_up(checked[0][1], checked[1][1])
        reasons = [
            Reason(ReasonCode.BP_MEAN_OF_TWO, {"systolic": systolic, "diastolic": diastolic})
        ]
    else:
        systolic, diastolic = checked[0]
        reasons = [Reason(ReasonCode.BP_SINGLE, {"systolic": systolic, "diastolic": diastolic})]

    bands = BP_BANDS[scheme]
    by_systolic = _band_index(systolic, [band.systolic_from for band in bands])
    by_diastolic = _band_index(diastolic, [band.diastolic_from for band in bands])
    band = bands[max(by_systolic, by_diastolic)]
    if band.level is not Level.NONE:
        if by_systolic >= by_diastolic:
            reasons.append(
                Reason(
                    ReasonCode.BP_SYSTOLIC_HIGH,
                    {"systolic": systolic, "minimum": band.systolic_from},
                )
            )
        if by_diastolic >= by_systolic:
            reasons.append(
                Reason(
                    ReasonCode.BP_DIASTOLIC_HIGH,
                    {"diastolic": diastolic, "minimum": band.diastolic_from},
                )
            )

    isolated = systolic >= ISOLATED_SYSTOLIC_FROM and diastolic < ISOLATED_DIASTOLIC_BELOW
    if isolated:
        reasons.append(
            Reason(ReasonCode.BP_ISOLATED_SYSTOLIC, {"systolic": systolic, "diastolic": diastolic})
        )
    level = band.level
    if systolic >= URGENT_SYSTOLIC or diastolic >= URGENT_DIASTOLIC:
        level = Level.URGENT
        reasons.append(
            Reason(ReasonCode.BP_VERY_HIGH, {"systolic": systolic, "diastolic": diastolic})
        )
    return BloodPressureResult(
        code=band.code,
        level=level,
        systolic=systolic,
        diastolic=diastolic,
        readings=len(checked),
        isolated_systolic=isolated,
        scheme=scheme,
        reasons=tuple(reasons),
    )
