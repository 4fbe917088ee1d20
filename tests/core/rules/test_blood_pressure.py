"""Tensi: every class boundary in both schemes, the urgent rule, two readings, plausibility."""

from __future__ import annotations

import pytest

from screening.rules.blood_pressure import (
    BP_DIASTOLIC_HIGH,
    BP_ISOLATED_SYSTOLIC,
    BP_LOW,
    BP_MEAN_OF_TWO,
    BP_SYSTOLIC_HIGH,
    BP_VERY_HIGH,
    READING_URGENT,
    classify_blood_pressure,
)
from screening.rules.common import Level, RuleInputError
from screening.words import refusal_text

ILP_SYSTOLIC = [
    (119, "optimal", Level.NONE),
    (120, "normal", Level.NONE),
    (129, "normal", Level.NONE),
    (130, "normal_tinggi", Level.MONITOR),
    (139, "normal_tinggi", Level.MONITOR),
    (140, "hipertensi_1", Level.REFER),
    (159, "hipertensi_1", Level.REFER),
    (160, "hipertensi_2", Level.REFER),
    (179, "hipertensi_2", Level.REFER),
    (180, "hipertensi_3", Level.URGENT),
]
ILP_DIASTOLIC = [
    (79, "optimal", Level.NONE),
    (80, "normal", Level.NONE),
    (84, "normal", Level.NONE),
    (85, "normal_tinggi", Level.MONITOR),
    (89, "normal_tinggi", Level.MONITOR),
    (90, "hipertensi_1", Level.REFER),
    (99, "hipertensi_1", Level.REFER),
    (100, "hipertensi_2", Level.REFER),
    (109, "hipertensi_2", Level.REFER),
    (110, "hipertensi_3", Level.URGENT),
]
JNC7_SYSTOLIC = [
    (119, "normal", Level.NONE),
    (120, "prehipertensi", Level.MONITOR),
    (139, "prehipertensi", Level.MONITOR),
    (140, "hipertensi_1", Level.REFER),
    (159, "hipertensi_1", Level.REFER),
    (160, "hipertensi_2", Level.REFER),
    (179, "hipertensi_2", Level.REFER),
    (180, "hipertensi_2", Level.URGENT),
]
JNC7_DIASTOLIC = [
    (79, "normal", Level.NONE),
    (80, "prehipertensi", Level.MONITOR),
    (89, "prehipertensi", Level.MONITOR),
    (90, "hipertensi_1", Level.REFER),
    (99, "hipertensi_1", Level.REFER),
    (100, "hipertensi_2", Level.REFER),
    (109, "hipertensi_2", Level.REFER),
    (110, "hipertensi_2", Level.URGENT),
]


@pytest.mark.parametrize(("systolic", "code", "level"), ILP_SYSTOLIC)
def test_ilp_systolic_boundaries(systolic: int, code: str, level: Level) -> None:
    result = classify_blood_pressure([(systolic, 60)])
    assert (result.code, result.level) == (code, level)


@pytest.mark.parametrize(("diastolic", "code", "level"), ILP_DIASTOLIC)
def test_ilp_diastolic_boundaries(diastolic: int, code: str, level: Level) -> None:
    result = classify_blood_pressure([(115, diastolic)])
    assert (result.code, result.level) == (code, level)


@pytest.mark.parametrize(("systolic", "code", "level"), JNC7_SYSTOLIC)
def test_jnc7_systolic_boundaries(systolic: int, code: str, level: Level) -> None:
    result = classify_blood_pressure([(systolic, 60)], scheme="jnc7")
    assert (result.code, result.level) == (code, level)


@pytest.mark.parametrize(("diastolic", "code", "level"), JNC7_DIASTOLIC)
def test_jnc7_diastolic_boundaries(diastolic: int, code: str, level: Level) -> None:
    result = classify_blood_pressure([(115, diastolic)], scheme="jnc7")
    assert (result.code, result.level) == (code, level)


def test_the_higher_component_wins_and_is_named() -> None:
    result = classify_blood_pressure([(125, 95)])
    assert result.code == "hipertensi_1"
    codes = [reason.code for reason in result.reasons]
    assert BP_DIASTOLIC_HIGH in codes
    assert BP_SYSTOLIC_HIGH not in codes
    diastolic = next(r for r in result.reasons if r.code == BP_DIASTOLIC_HIGH)
    assert diastolic.params == {"diastolic": 95, "minimum": 90}


def test_very_high_is_urgent_in_jnc7_with_its_own_reason() -> None:
    result = classify_blood_pressure([(182, 100)], scheme="jnc7")
    assert (result.code, result.level) == ("hipertensi_2", Level.URGENT)
    assert BP_VERY_HIGH in [reason.code for reason in result.reasons]


@pytest.mark.parametrize(
    ("systolic", "diastolic", "isolated"),
    [(140, 89, True), (139, 60, False), (140, 90, False), (200, 70, True)],
)
def test_isolated_systolic_flag(systolic: int, diastolic: int, isolated: bool) -> None:
    result = classify_blood_pressure([(systolic, diastolic)])
    assert result.isolated_systolic is isolated
    assert (BP_ISOLATED_SYSTOLIC in [r.code for r in result.reasons]) is isolated


def test_two_readings_use_the_mean_rounded_half_up() -> None:
    result = classify_blood_pressure([(139, 89), (140, 90)])
    # 139.5 / 89.5 round half up to 140 / 90, which is the next class.
    assert (result.systolic, result.diastolic) == (140, 90)
    assert result.code == "hipertensi_1"
    assert result.readings == 2
    assert result.reasons[0].code == BP_MEAN_OF_TWO
    assert result.to_section().values["systolic"] == 140


@pytest.mark.parametrize(
    ("reading", "field", "minimum", "maximum"),
    [
        ((59, 40), "systolic", 60, 300),
        ((301, 100), "systolic", 60, 300),
        ((100, 29), "diastolic", 30, 200),
        ((250, 201), "diastolic", 30, 200),
        ((120, 120), "diastolic", None, None),
        ((90, 120), "diastolic", None, None),
    ],
)
def test_implausible_reading_is_refused_naming_field_and_range(
    reading: tuple[int, int], field: str, minimum: int | None, maximum: int | None
) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_blood_pressure([reading])
    assert refused.value.field == field
    assert (refused.value.minimum, refused.value.maximum) == (minimum, maximum)
    for number in reading:
        assert str(number) not in str(refused.value)  # never the measurement itself


def test_plausible_extremes_are_accepted() -> None:
    # The lowest plausible reading is low blood pressure (rules 2026.12), not optimal.
    assert classify_blood_pressure([(60, 30)]).code == "rendah"
    assert classify_blood_pressure([(300, 200)]).level is Level.URGENT


def test_a_bad_second_reading_is_refused() -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_blood_pressure([(120, 80), (120, 20)])
    assert (refused.value.field, refused.value.index) == ("diastolic", 2)
    assert refusal_text(refused.value.in_section("blood_pressure")) == (
        "Diastolik (bawah) pengukuran 2 di luar batas wajar (30–200 mmHg)"
    )


@pytest.mark.parametrize("readings", [[], [(120, 80)] * 3])
def test_one_or_two_readings_only(readings: list[tuple[int, int]]) -> None:
    with pytest.raises(RuleInputError):
        classify_blood_pressure(readings)


def test_fractional_mmhg_is_refused() -> None:
    with pytest.raises(RuleInputError):
        classify_blood_pressure([(120.5, 80)])  # type: ignore[list-item]


@pytest.mark.parametrize(
    ("readings", "code", "level"),
    [
        ([(89, 70)], "rendah", Level.MONITOR),
        ([(95, 59)], "rendah", Level.MONITOR),
        ([(90, 60)], "optimal", Level.NONE),
        ([(150, 55)], "hipertensi_1", Level.REFER),
        ([(85, 55), (95, 65)], "optimal", Level.NONE),
    ],
)
def test_low_blood_pressure_only_where_the_table_gives_its_lowest_class(
    readings: list[tuple[int, int]], code: str, level: Level
) -> None:
    result = classify_blood_pressure(readings)
    assert (result.code, result.level) == (code, level)
    assert (BP_LOW in [r.code for r in result.reasons]) is (code == "rendah")


def test_either_urgent_reading_makes_the_section_urgent_whatever_the_mean() -> None:
    result = classify_blood_pressure([(200, 120), (120, 80)])
    assert (result.code, result.systolic, result.diastolic) == ("hipertensi_2", 160, 100)
    assert result.level is Level.URGENT and result.any_reading_urgent
    urgent = [r for r in result.reasons if r.code == READING_URGENT]
    assert [r.params for r in urgent] == [{"reading": 1, "systolic": 200, "diastolic": 120}]


def test_two_calm_readings_are_not_urgent() -> None:
    result = classify_blood_pressure([(141, 91), (139, 89)])
    assert result.level is Level.REFER and not result.any_reading_urgent
