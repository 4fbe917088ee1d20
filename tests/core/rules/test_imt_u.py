"""School-age and adolescents: BMI-for-age, child tensi and anaemia as the form evaluates them."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.anemia import AnemiaInput
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.common import Level
from screening.rules.imt_u import ImtUInput, classify_imt_u
from screening.rules.section import InputModel, RuleSettings, Subject
from screening.rules.visit import VisitInput, evaluate_visit
from screening.words import next_step_text, reason_text, result_text

ON = date(2024, 6, 15)
TEEN = Subject(sex="P", birth_date=date(2009, 6, 15))  # 15 years


def _evaluate(subject: Subject = TEEN, **sections: InputModel):  # type: ignore[no-untyped-def]
    return evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections=sections), RuleSettings()
    )


@settings(max_examples=300, deadline=None)
@given(
    birth=st.dates(date(2006, 6, 16), date(2019, 5, 10)),
    sex=st.sampled_from(["L", "P"]),
    weights=st.tuples(st.integers(100, 1500), st.integers(100, 1500)).map(sorted),
    height=st.integers(1000, 1900),
)
def test_bmi_for_age_z_never_falls_as_the_weight_rises(
    birth: date, sex: str, weights: list[int], height: int
) -> None:
    light, heavy = (
        classify_imt_u(Decimal(w) / 10, Decimal(height) / 10, sex=sex, birth_date=birth, on=ON)
        for w in weights
    )
    assert heavy.z >= light.z
    order = ["gizi_buruk", "gizi_kurang", "gizi_baik", "gizi_lebih", "obesitas"]
    assert order.index(heavy.band.code) >= order.index(light.band.code)


def test_bmi_for_age_in_the_form_with_its_words() -> None:
    result = _evaluate(imt_u=ImtUInput(weight_kg=Decimal("50.0"), height_cm=Decimal("155.0")))
    section = result.sections[0]
    assert (section.code, section.level, section.values["bmi"]) == ("gizi_baik", Level.NONE, 20.8)
    z = section.values["bmi_z"]
    assert isinstance(z, float) and 0 < z < 1  # a little above the median of girls of 15
    shown = f"{z:g}"
    assert (
        result_text(section)
        == f"IMT menurut umur (IMT/U) IMT 20,8, z {shown.replace('.', ',')} — Gizi baik"
    )
    assert reason_text(section.reasons[0], "en") == f"BMI 20.8, z {shown} for age and sex: normal."
    heavy = _evaluate(imt_u=ImtUInput(weight_kg=Decimal("95.0"), height_cm=Decimal("150.0")))
    assert heavy.sections[0].values["confirm"] is True  # z above 3: confirm the values


def test_child_tensi_averages_two_readings_and_refers_from_stage_one() -> None:
    section = _evaluate(tensi_anak=BloodPressureInput.of((128, 78), (133, 79))).sections[0]
    assert (section.code, section.level, section.values["systolic"]) == (
        "hipertensi_1",
        Level.REFER,
        131,
    )
    crisis = _evaluate(tensi_anak=BloodPressureInput.of((185, 100))).sections[0]
    assert (crisis.code, crisis.level) == ("hipertensi_2", Level.URGENT)
    assert next_step_text("tensi_anak", "hipertensi_2", "urgent").startswith("Hubungi nakes")


@pytest.mark.parametrize(
    ("subject", "hb", "code"),
    [
        (TEEN, "11.9", "anemia_ringan"),  # a woman from 15: normal from 12.0
        (Subject(sex="L", birth_date=date(2009, 6, 15)), "12.9", "anemia_ringan"),
        (Subject(sex="P", birth_date=date(1999, 6, 15), pregnant=True), "11.0", "normal"),
        (Subject(sex="P", birth_date=date(1999, 6, 15), pregnant=True), "6.9", "anemia_berat"),
    ],
)
def test_anaemia_by_the_group_of_the_person(subject: Subject, hb: str, code: str) -> None:
    section = _evaluate(subject, anemia=AnemiaInput(hb_g_dl=Decimal(hb))).sections[0]
    assert section.code == code
