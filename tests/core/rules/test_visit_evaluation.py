"""A whole visit: which sections appear, the visit level and reasons, settings, age rules."""

from __future__ import annotations

from datetime import date

import pytest

from kader_app.core.rules.codes import NOT_CLASSIFIED, ReasonCode
from kader_app.core.rules.common import RULES_VERSION, Level, RuleInputError
from kader_app.core.rules.visit import (
    AnthropometryInput,
    BloodPressureInput,
    GlucoseInput,
    RuleSettings,
    Srq20Input,
    TbInput,
    VisitInput,
    age_in_years,
    evaluate_visit,
)

TODAY = date(2024, 6, 15)
ADULT = date(1980, 1, 1)


def _visit(**sections: object) -> VisitInput:
    defaults: dict[str, object] = {"sex": "P", "birth_date": ADULT, "measured_on": TODAY}
    return VisitInput(**(defaults | sections))  # type: ignore[arg-type]


def test_every_section_is_classified_and_the_visit_takes_the_highest_level() -> None:
    visit = _visit(
        anthropometry=AnthropometryInput(weight_kg=70, height_cm=170, waist_cm=85),
        blood_pressure=BloodPressureInput(readings=((150, 95),)),
        glucose=GlucoseInput(value="110", kind="puasa"),
        tb=TbInput(),
        srq20=Srq20Input(answers={n: False for n in range(1, 21)}),
    )
    result = evaluate_visit(visit, RuleSettings())
    assert result.rules_version == RULES_VERSION
    assert [(s.section, s.code, s.level) for s in result.sections] == [
        ("bmi", "berisiko", Level.NONE),
        ("waist", "central_obesity", Level.MONITOR),
        ("blood_pressure", "hipertensi_1", Level.REFER),
        ("glucose", "prediabetes", Level.MONITOR),
        ("tb", "bukan_terduga", Level.NONE),
        ("srq20", "normal", Level.NONE),
    ]
    assert result.level is Level.REFER
    assert result.reasons == tuple(r for s in result.sections for r in s.reasons)


def test_nothing_filled_in_is_level_none_with_no_sections() -> None:
    result = evaluate_visit(_visit(), RuleSettings())
    assert (result.sections, result.level, result.reasons) == ((), Level.NONE, ())


def test_an_urgent_section_makes_the_visit_urgent() -> None:
    visit = _visit(glucose=GlucoseInput(value="LO"), tb=TbInput(contact="close"))
    assert evaluate_visit(visit, RuleSettings()).level is Level.URGENT


@pytest.mark.parametrize(
    ("body", "sections"),
    [
        (AnthropometryInput(weight_kg=60), []),
        (AnthropometryInput(weight_kg=60, height_cm=160), ["bmi"]),
        (AnthropometryInput(waist_cm=70), ["waist"]),
        (AnthropometryInput(height_cm=160, waist_cm=70), ["waist"]),
    ],
)
def test_bmi_needs_weight_and_height_and_waist_stands_alone(
    body: AnthropometryInput, sections: list[str]
) -> None:
    result = evaluate_visit(_visit(anthropometry=body), RuleSettings())
    assert [s.section for s in result.sections] == sections


def test_waist_uses_the_persons_sex() -> None:
    body = AnthropometryInput(waist_cm=85)
    man = evaluate_visit(_visit(sex="L", anthropometry=body), RuleSettings())
    woman = evaluate_visit(_visit(sex="P", anthropometry=body), RuleSettings())
    assert (man.sections[0].code, woman.sections[0].code) == ("normal", "central_obesity")


def test_settings_are_applied() -> None:
    visit = _visit(
        anthropometry=AnthropometryInput(weight_kg=72.3, height_cm=170),
        blood_pressure=BloodPressureInput(readings=((125, 75),)),
        tb=TbInput(cough=True, cough_days=5),
    )
    default = evaluate_visit(visit, RuleSettings())
    other = evaluate_visit(
        visit,
        RuleSettings(bp_scheme="jnc7", bmi_scheme="kemenkes_nasional", tb_cough_min_days=14),
    )
    assert [s.code for s in default.sections] == ["obesitas_1", "normal", "terduga_tbc"]
    assert [s.code for s in other.sections] == ["normal", "prehipertensi", "bukan_terduga"]


def test_implausible_input_is_refused_for_the_whole_visit() -> None:
    visit = _visit(
        glucose=GlucoseInput(value="100"), blood_pressure=BloodPressureInput(readings=((80, 90),))
    )
    with pytest.raises(RuleInputError):
        evaluate_visit(visit, RuleSettings())


@pytest.mark.parametrize(
    ("birth_date", "age"),
    [
        (date(2009, 6, 15), 15),
        (date(2009, 6, 16), 14),
        (date(2008, 2, 29), 16),
        (date(2024, 6, 15), 0),
    ],
)
def test_age_in_whole_years(birth_date: date, age: int) -> None:
    assert age_in_years(birth_date=birth_date, on=TODAY) == age


def _all_sections(birth_date: date | None, *, suicidal: bool = False) -> VisitInput:
    return _visit(
        birth_date=birth_date,
        anthropometry=AnthropometryInput(weight_kg=90, height_cm=160, waist_cm=100),
        blood_pressure=BloodPressureInput(readings=((170, 100),)),
        glucose=GlucoseInput(value="250"),
        tb=TbInput(cough=True),
        srq20=Srq20Input(answers={n: n == 17 and suicidal for n in range(1, 21)}),
    )


def test_under_15_adult_sections_are_not_classified_and_say_why() -> None:
    result = evaluate_visit(_all_sections(date(2009, 6, 16)), RuleSettings())
    by_section = {s.section: s for s in result.sections}
    for name in ("bmi", "waist", "blood_pressure", "srq20"):
        section = by_section[name]
        assert (section.code, section.level) == (NOT_CLASSIFIED, Level.NONE)
        assert section.reasons[0].code == ReasonCode.SECTION_UNDER_AGE
        assert section.reasons[0].params == {"section": name, "age": 14, "minimum_age": 15}
    # Glucose and TB have no age limit.
    assert by_section["glucose"].code == "curiga_diabetes"
    assert by_section["tb"].code == "terduga_tbc"
    assert result.level is Level.REFER


def test_from_the_15th_birthday_every_section_is_classified() -> None:
    result = evaluate_visit(_all_sections(date(2009, 6, 15)), RuleSettings())
    assert NOT_CLASSIFIED not in [s.code for s in result.sections]


def test_unknown_birth_date_classifies_every_section() -> None:
    result = evaluate_visit(_all_sections(None), RuleSettings())
    assert NOT_CLASSIFIED not in [s.code for s in result.sections]


def test_suicidal_thoughts_stay_urgent_at_any_age() -> None:
    result = evaluate_visit(_all_sections(date(2012, 1, 1), suicidal=True), RuleSettings())
    srq20 = next(s for s in result.sections if s.section == "srq20")
    assert (srq20.code, srq20.level) == ("berpotensi_masalah_jiwa", Level.URGENT)
    assert ReasonCode.SECTION_UNDER_AGE in [r.code for r in srq20.reasons]
    assert result.level is Level.URGENT


def test_under_age_inputs_are_still_checked() -> None:
    visit = _visit(
        birth_date=date(2015, 1, 1), blood_pressure=BloodPressureInput(readings=((50, 30),))
    )
    with pytest.raises(RuleInputError):
        evaluate_visit(visit, RuleSettings())
