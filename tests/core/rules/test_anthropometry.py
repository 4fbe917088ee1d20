"""Antropometri: BMI computed in decimals and classified as shown; band edges; waist; ranges."""

from __future__ import annotations

from decimal import Decimal

import pytest

from screening.rules.bmi import bmi_band, classify_bmi
from screening.rules.common import Level, RuleInputError
from screening.rules.waist import classify_waist

ASIA_PACIFIC = [
    ("18.4", "kurang", Level.MONITOR),
    ("18.5", "normal", Level.NONE),
    ("22.9", "normal", Level.NONE),
    ("23.0", "berisiko", Level.NONE),
    ("24.9", "berisiko", Level.NONE),
    ("25.0", "obesitas_1", Level.MONITOR),
    ("29.9", "obesitas_1", Level.MONITOR),
    ("30.0", "obesitas_2", Level.MONITOR),
]
KEMENKES = [
    ("16.9", "kurus_berat", Level.MONITOR),
    ("17.0", "kurus_ringan", Level.MONITOR),
    ("18.4", "kurus_ringan", Level.MONITOR),
    ("18.5", "normal", Level.NONE),
    ("25.0", "normal", Level.NONE),
    ("25.1", "gemuk_ringan", Level.NONE),
    ("27.0", "gemuk_ringan", Level.NONE),
    ("27.1", "obesitas", Level.MONITOR),
]


@pytest.mark.parametrize(("bmi", "code", "level"), ASIA_PACIFIC)
def test_asia_pacific_band_edges(bmi: str, code: str, level: Level) -> None:
    band = bmi_band(Decimal(bmi), scheme="asia_pacific")
    assert (band.code, band.level) == (code, level)


@pytest.mark.parametrize(("bmi", "code", "level"), KEMENKES)
def test_kemenkes_band_edges(bmi: str, code: str, level: Level) -> None:
    band = bmi_band(Decimal(bmi), scheme="kemenkes_nasional")
    assert (band.code, band.level) == (code, level)


@pytest.mark.parametrize(
    ("weight", "height", "shown", "code"),
    [
        (73.8, 200, "18.5", "normal"),  # exactly 18.45: half up, never half even
        (91.8, 200, "23.0", "berisiko"),  # exactly 22.95
        (99.8, 200, "25.0", "obesitas_1"),  # exactly 24.95
        (119.8, 200, "30.0", "obesitas_2"),  # exactly 29.95
        (53.4, 170, "18.5", "normal"),  # 18.477 shown 18.5 and classified as 18.5
    ],
)
def test_the_shown_value_is_the_classified_value(
    weight: float, height: int, shown: str, code: str
) -> None:
    result = classify_bmi(weight, height, scheme="asia_pacific")
    assert result.bmi == Decimal(shown)
    assert result.code == code
    assert result.to_section().values["bmi"] == float(shown)
    assert result.reasons[0].params["bmi"] == float(shown)


def test_decimal_comma_strings_are_read() -> None:
    assert classify_bmi("70,0", "170,0").bmi == Decimal("24.2")


@pytest.mark.parametrize(
    ("weight", "height", "field", "minimum", "maximum"),
    [
        (1.9, 170, "weight_kg", 2.0, 300.0),
        (300.1, 170, "weight_kg", 2.0, 300.0),
        (60, 49.9, "height_cm", 50.0, 250.0),
        (60, 250.1, "height_cm", 50.0, 250.0),
        ("x", 170, "weight_kg", None, None),
        (float("inf"), 170, "weight_kg", None, None),
    ],
)
def test_implausible_weight_or_height_is_refused(
    weight: object, height: object, field: str, minimum: float | None, maximum: float | None
) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_bmi(weight, height)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert (refused.value.minimum, refused.value.maximum) == (minimum, maximum)


def test_range_edges_are_accepted() -> None:
    assert classify_bmi(2.0, 50.0).bmi == Decimal("8.0")
    assert classify_bmi(300.0, 250.0).bmi == Decimal("48.0")


@pytest.mark.parametrize(
    ("waist", "sex", "central", "level"),
    [
        (90.0, "L", False, Level.NONE),
        (90.1, "L", True, Level.MONITOR),
        (80.0, "P", False, Level.NONE),
        (80.1, "P", True, Level.MONITOR),
        (85, "L", False, Level.NONE),
        (85, "P", True, Level.MONITOR),
    ],
)
def test_waist_limits_by_sex(waist: float, sex: str, central: bool, level: Level) -> None:
    result = classify_waist(waist, sex=sex)  # type: ignore[arg-type]
    assert (result.central_obesity, result.level) == (central, level)
    assert result.code == ("central_obesity" if central else "normal")


@pytest.mark.parametrize("waist", [29.9, 250.1])
def test_implausible_waist_is_refused(waist: float) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_waist(waist, sex="P")
    assert (refused.value.field, refused.value.minimum, refused.value.maximum) == (
        "waist_cm",
        30.0,
        250.0,
    )


def test_waist_needs_a_known_sex() -> None:
    with pytest.raises(RuleInputError):
        classify_waist(85, sex="X")  # type: ignore[arg-type]
