"""Gula darah: the table rows in order, LO/HI, mmol/L conversion, decimal commas, range."""

from __future__ import annotations

import pytest

from screening.rules.common import Level, RuleInputError
from screening.rules.glucose import (
    GLUCOSE_BELOW_80_WITH_SYMPTOMS,
    GLUCOSE_CONVERTED,
    classify_glucose,
)

BOUNDARIES = [
    ("sewaktu", 20, "hipoglikemia", Level.URGENT),
    ("sewaktu", 59, "hipoglikemia", Level.URGENT),
    ("sewaktu", 60, "rendah", Level.MONITOR),
    ("sewaktu", 69, "rendah", Level.MONITOR),
    ("sewaktu", 70, "normal", Level.NONE),
    ("sewaktu", 139, "normal", Level.NONE),
    ("sewaktu", 140, "prediabetes", Level.MONITOR),
    ("sewaktu", 199, "prediabetes", Level.MONITOR),
    ("sewaktu", 200, "curiga_diabetes", Level.REFER),
    ("sewaktu", 399, "curiga_diabetes", Level.REFER),
    ("sewaktu", 400, "curiga_diabetes", Level.URGENT),
    ("sewaktu", 600, "curiga_diabetes", Level.URGENT),
    ("puasa", 59, "hipoglikemia", Level.URGENT),
    ("puasa", 60, "rendah", Level.MONITOR),
    ("puasa", 69, "rendah", Level.MONITOR),
    ("puasa", 70, "normal", Level.NONE),
    ("puasa", 99, "normal", Level.NONE),
    ("puasa", 100, "prediabetes", Level.MONITOR),
    ("puasa", 125, "prediabetes", Level.MONITOR),
    ("puasa", 126, "curiga_diabetes", Level.REFER),
    ("puasa", 399, "curiga_diabetes", Level.REFER),
    ("puasa", 400, "curiga_diabetes", Level.URGENT),
]


@pytest.mark.parametrize(("kind", "value", "code", "level"), BOUNDARIES)
def test_table_boundaries(kind: str, value: int, code: str, level: Level) -> None:
    result = classify_glucose(value, kind=kind)  # type: ignore[arg-type]
    assert (result.code, result.level) == (code, level)
    assert result.value == value


@pytest.mark.parametrize(
    ("value", "code", "level"),
    [
        (79, "hipoglikemia", Level.URGENT),
        (65, "hipoglikemia", Level.URGENT),
        (80, "normal", Level.NONE),
        (59, "hipoglikemia", Level.URGENT),
    ],
)
def test_symptoms_raise_the_hypoglycaemia_limit_to_80(value: int, code: str, level: Level) -> None:
    result = classify_glucose(value, kind="sewaktu", hypo_symptoms=True)
    assert (result.code, result.level) == (code, level)


def test_symptom_reason_names_the_limit() -> None:
    result = classify_glucose(75, kind="puasa", hypo_symptoms=True)
    assert result.reasons[-1].code == GLUCOSE_BELOW_80_WITH_SYMPTOMS
    assert result.reasons[-1].params == {"value": 75, "limit": 80}


@pytest.mark.parametrize("typed", ["LO", "lo", " Lo ", "\tlo\n"])
def test_meter_lo_is_hypoglycaemia(typed: str) -> None:
    result = classify_glucose(typed, kind="puasa")
    assert (result.code, result.level, result.meter) == ("hipoglikemia", Level.URGENT, "LO")
    assert result.value is None


@pytest.mark.parametrize("typed", ["HI", "hi", " hI "])
def test_meter_hi_is_urgent_suspected_diabetes(typed: str) -> None:
    result = classify_glucose(typed, kind="sewaktu", hypo_symptoms=True)
    assert (result.code, result.level, result.meter) == ("curiga_diabetes", Level.URGENT, "HI")


@pytest.mark.parametrize(
    ("typed", "mg_dl"),
    [
        ("7,5", 135),
        ("7.5", 135),
        (7.0, 126),
        ("3,25", 59),  # 58.5 rounds half up, not to even
        ("1,25", 23),  # 22.5
        ("7,75", 140),  # 139.5
        ("1,1", 20),  # 19.8 is still in range once rounded
        ("33,36", 600),
    ],
)
def test_mmol_is_converted_times_18_rounded_half_up(typed: str | float, mg_dl: int) -> None:
    result = classify_glucose(typed, kind="sewaktu", unit="mmol/L")
    assert result.value == mg_dl
    assert result.reasons[0].code == GLUCOSE_CONVERTED
    assert result.reasons[0].params["value"] == mg_dl


def test_mmol_conversion_changes_the_class_across_a_boundary() -> None:
    assert classify_glucose("7,0", kind="puasa", unit="mmol/L").code == "curiga_diabetes"  # 126
    assert classify_glucose("6,9", kind="puasa", unit="mmol/L").code == "prediabetes"  # 124.2


def test_unit_typed_after_the_number_is_understood() -> None:
    assert classify_glucose("7,5 mmol/L", kind="sewaktu").value == 135
    assert classify_glucose("135 mg/dl", kind="sewaktu", unit="mmol/L").value == 135


@pytest.mark.parametrize("typed", [19, 601, "19", "601", "0", "-5"])
def test_outside_20_to_600_is_refused_with_the_range(typed: int | str) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_glucose(typed, kind="sewaktu")
    assert refused.value.field == "value"
    assert (refused.value.minimum, refused.value.maximum) == (20, 600)


@pytest.mark.parametrize(("typed", "unit"), [("1,08", "mmol/L"), ("33,4", "mmol/L")])
def test_converted_mmol_outside_range_is_refused(typed: str, unit: str) -> None:
    with pytest.raises(RuleInputError):
        classify_glucose(typed, kind="sewaktu", unit=unit)  # type: ignore[arg-type]


@pytest.mark.parametrize("typed", ["", "abc", "99,5", "12.3.4", float("nan"), True])
def test_unreadable_or_fractional_mg_dl_is_refused(typed: object) -> None:
    with pytest.raises(RuleInputError):
        classify_glucose(typed, kind="sewaktu")  # type: ignore[arg-type]


def test_unknown_kind_is_refused() -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_glucose(100, kind="acak")  # type: ignore[arg-type]
    assert refused.value.field == "kind"


def test_section_values() -> None:
    section = classify_glucose("150", kind="sewaktu").to_section()
    assert section.section == "glucose"
    assert section.values["value"] == 150
    assert section.code == "prediabetes"
