"""A whole visit: section states, what counts, the visit level, settings, who is offered what."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.bmi import BmiInput
from screening.rules.common import RULES_VERSION, Level, Problem
from screening.rules.glucose import GlucoseInput
from screening.rules.section import InputModel, RuleSettings, SectionState, Subject
from screening.rules.srq20 import Srq20Input
from screening.rules.tb import TbInput
from screening.rules.visit import (
    VisitInput,
    VisitRefusedError,
    checked_evaluation,
    evaluate_visit,
    offered_sections,
    on_request_sections,
)
from screening.rules.waist import WaistInput

TODAY = date(2026, 12, 1)
ADULT = date(1980, 1, 1)


def _visit(birth_date: date | None = ADULT, sex: str = "P", **sections: InputModel) -> VisitInput:
    return VisitInput(
        subject=Subject(sex=sex, birth_date=birth_date), measured_on=TODAY, sections=sections
    )


def _states(visit: VisitInput) -> dict[str, tuple[SectionState, str | None, Level | None]]:
    result = evaluate_visit(visit, RuleSettings())
    return {r.section: (r.state, r.code, r.level) for r in result.sections}


def test_every_complete_section_is_classified_and_the_visit_takes_the_highest_level() -> None:
    visit = _visit(
        bmi=BmiInput(weight_kg=70, height_cm=170),
        waist=WaistInput(waist_cm=85),
        blood_pressure=BloodPressureInput.of((150, 95)),
        glucose=GlucoseInput(value="110", kind="puasa"),
        tb=TbInput(cough=False),
        srq20=Srq20Input.by_number({n: False for n in range(1, 21)}),
    )
    result = evaluate_visit(visit, RuleSettings())
    assert result.rules_version == RULES_VERSION == "ilp-2026.12"
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


def test_an_untouched_form_has_no_result_and_cannot_be_saved() -> None:
    untouched = _visit(
        bmi=BmiInput(),
        waist=WaistInput(),
        blood_pressure=BloodPressureInput.of((None, None), (None, None)),
        glucose=GlucoseInput(),
        tb=TbInput(),
        srq20=Srq20Input(),
    )
    result = evaluate_visit(untouched, RuleSettings())
    assert (result.sections, result.level, result.has_result) == ((), None, False)
    with pytest.raises(VisitRefusedError) as refused:
        checked_evaluation(untouched, RuleSettings())
    assert refused.value.empty and refused.value.errors == ()


def test_tbc_is_asked_only_by_an_answer_to_the_cough_question() -> None:
    assert "tb" not in _states(_visit(tb=TbInput()))
    ticked = _states(_visit(tb=TbInput(symptoms=frozenset({"fever"}))))
    assert ticked["tb"] == (SectionState.INCOMPLETE, None, None)
    assert _states(_visit(tb=TbInput(cough=False)))["tb"][1] == "bukan_terduga"
    assert _states(_visit(tb=TbInput(cough=True)))["tb"][1] == "terduga_tbc"


def test_incomplete_sections_count_nowhere_and_say_what_is_missing() -> None:
    result = evaluate_visit(
        _visit(
            bmi=BmiInput(weight_kg=60),
            blood_pressure=BloodPressureInput.of((150, None)),
            glucose=GlucoseInput(value="250"),
            srq20=Srq20Input.by_number({1: True, 2: True}),
        ),
        RuleSettings(),
    )
    assert [r.state for r in result.sections] == [SectionState.INCOMPLETE] * 4
    assert result.level is None and not result.has_result
    missing = {r.section: r.missing for r in result.sections}
    assert missing["bmi"] == (("height_cm", None),)
    assert missing["blood_pressure"] == (("diastolic", 1),)
    assert missing["glucose"] == (("kind", None),)
    assert missing["srq20"] == tuple(("answer", n) for n in range(3, 21))


def test_srq20_item_17_yes_completes_the_section_at_once() -> None:
    states = _states(_visit(srq20=Srq20Input.by_number({17: True})))
    assert states["srq20"] == (SectionState.COMPLETE, "berpotensi_masalah_jiwa", Level.URGENT)


def test_a_visit_with_only_tensi_is_a_result_for_tensi_alone() -> None:
    result = checked_evaluation(
        _visit(blood_pressure=BloodPressureInput.of((128, 82)), tb=TbInput()), RuleSettings()
    )
    assert [(r.section, r.state) for r in result.sections] == [
        ("blood_pressure", SectionState.COMPLETE)
    ]


def test_every_refusal_is_collected_and_the_other_sections_still_classify() -> None:
    result = evaluate_visit(
        _visit(
            bmi=BmiInput(weight_kg=Decimal("1.5"), height_cm=40),
            blood_pressure=BloodPressureInput.of((120, 80), (80, 120)),
            glucose=GlucoseInput(value="105", kind="sewaktu"),
        ),
        RuleSettings(),
    )
    assert {(e.section, e.field, e.index) for e in result.errors} == {
        ("bmi", "weight_kg", None),
        ("bmi", "height_cm", None),
        ("blood_pressure", "diastolic", 2),
    }
    assert [r.section for r in result.sections] == ["glucose"]
    with pytest.raises(VisitRefusedError) as refused:
        checked_evaluation(_visit(bmi=BmiInput(weight_kg=1, height_cm=170)), RuleSettings())
    assert [e.field for e in refused.value.errors] == ["weight_kg"]


def test_settings_are_applied() -> None:
    visit = _visit(
        blood_pressure=BloodPressureInput.of((125, 82)),
        bmi=BmiInput(weight_kg=70, height_cm=170),
        tb=TbInput(cough=True, cough_days=5),
    )
    chosen = RuleSettings(bp_scheme="jnc7", bmi_scheme="kemenkes_nasional", tb_cough_min_days=14)
    codes = {r.section: r.code for r in evaluate_visit(visit, chosen).sections}
    assert codes == {"bmi": "normal", "blood_pressure": "prehipertensi", "tb": "bukan_terduga"}


def test_a_long_cough_setting_needs_the_cough_duration() -> None:
    visit = _visit(tb=TbInput(cough=True))
    result = evaluate_visit(visit, RuleSettings(tb_cough_min_days=14))
    assert result.sections[0].missing == (("cough_days", None),)


def test_age_over_65_is_read_from_the_birth_date_not_ticked() -> None:
    old = _visit(birth_date=date(1950, 1, 1), tb=TbInput(cough=False, contact="close"))
    young = _visit(birth_date=date(1970, 1, 1), tb=TbInput(cough=False, contact="close"))
    assert _states(old)["tb"][1] == "terduga_tbc"  # contact + a risk factor (age)
    assert _states(young)["tb"][1] == "kontak_erat"


@pytest.mark.parametrize(
    ("birth_date", "offered", "on_request"),
    [
        (date(1980, 1, 1), {"bmi", "waist", "blood_pressure", "glucose", "tb", "srq20"}, set()),
        (date(2010, 6, 1), {"waist", "glucose", "tb"}, {"srq20"}),  # 16: child tables
        (date(2008, 12, 1), {"bmi", "waist", "blood_pressure", "glucose", "tb", "srq20"}, set()),
        (date(2014, 1, 1), set(), set()),
    ],
)
def test_who_is_offered_which_adult_section(
    birth_date: date, offered: set[str], on_request: set[str]
) -> None:
    subject = Subject(sex="L", birth_date=birth_date)
    assert set(offered_sections(subject, TODAY)) >= offered
    assert (
        set(offered_sections(subject, TODAY))
        & {"bmi", "waist", "blood_pressure", "glucose", "tb", "srq20"}
        == offered
    )
    assert set(on_request_sections(subject, TODAY)) == on_request


def test_a_section_not_offered_to_the_person_is_refused() -> None:
    child = _visit(birth_date=date(2014, 1, 1), blood_pressure=BloodPressureInput.of((104, 66)))
    result = evaluate_visit(child, RuleSettings())
    assert [(e.section, e.problem) for e in result.errors] == [
        ("blood_pressure", Problem.NOT_OFFERED)
    ]
    assert not result.sections


def test_an_on_request_section_is_accepted() -> None:
    teen = _visit(birth_date=date(2010, 6, 1), srq20=Srq20Input.by_number({17: True}))
    assert evaluate_visit(teen, RuleSettings()).level is Level.URGENT


def test_an_unknown_section_code_is_refused() -> None:
    result = evaluate_visit(_visit(kolesterol_x=BmiInput(weight_kg=1)), RuleSettings())
    assert [(e.section, e.problem) for e in result.errors] == [
        ("kolesterol_x", Problem.UNKNOWN_CODE)
    ]


def test_pregnancy_switches_off_adult_tensi_bmi_and_waist() -> None:
    pregnant = Subject(sex="P", birth_date=date(1995, 1, 1), pregnant=True)
    assert not {"bmi", "waist", "blood_pressure"} & set(offered_sections(pregnant, TODAY))
