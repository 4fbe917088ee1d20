"""Kolesterol total (POCT): NCEP ATP III bands, the meter's LO and HI, plausibility, for whom."""

from __future__ import annotations

from datetime import date

import pytest

from screening.rules.cholesterol import CholesterolInput, classify_cholesterol
from screening.rules.common import Level, RuleInputError
from screening.rules.section import RuleSettings, SectionState, Subject
from screening.rules.visit import VisitInput, evaluate_visit, offered_sections
from screening.words import refusal_text, result_text


@pytest.mark.parametrize(
    ("value", "code", "level"),
    [
        (50, "normal", Level.NONE),
        (199, "normal", Level.NONE),
        (200, "batas_tinggi", Level.MONITOR),
        (239, "batas_tinggi", Level.MONITOR),
        (240, "tinggi", Level.REFER),
        (600, "tinggi", Level.REFER),
        ("LO", "normal", Level.NONE),
        ("hi", "tinggi", Level.REFER),
    ],
)
def test_bands_and_meter_codes(value: object, code: str, level: Level) -> None:
    result = classify_cholesterol(value)
    assert (result.code, result.level) == (code, level)


@pytest.mark.parametrize("value", [49, 601, "201.5", "banyak"])
def test_implausible_or_unreadable_values_are_refused_in_words(value: object) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_cholesterol(value)
    assert refused.value.field == "value"
    text = refusal_text(refused.value.in_section("cholesterol"))
    assert text.startswith("Kolesterol total")


def test_a_visit_with_kolesterol_is_screened_and_worded() -> None:
    visit = VisitInput(
        subject=Subject(sex="P", birth_date=date(1955, 3, 1)),
        measured_on=date(2026, 12, 1),
        sections={"cholesterol": CholesterolInput(value="245")},
    )
    evaluation = evaluate_visit(visit, RuleSettings())
    [result] = evaluation.sections
    assert (result.state, evaluation.level) == (SectionState.COMPLETE, Level.REFER)
    assert result_text(result) == "Kolesterol 245 mg/dL — Tinggi"
    assert result_text(result, "en") == "Cholesterol 245 mg/dL — High"


def test_offered_from_15_years() -> None:
    on = date(2026, 12, 1)
    assert "cholesterol" in offered_sections(Subject(sex="L", birth_date=date(2011, 1, 1)), on)
    assert "cholesterol" not in offered_sections(Subject(sex="L", birth_date=date(2012, 1, 1)), on)
