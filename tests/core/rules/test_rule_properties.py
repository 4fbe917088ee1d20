"""Properties that hold for every input: monotonic classes, visit level, BMI shown = classified."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.blood_pressure import (
    BP_BANDS,
    BloodPressureInput,
    classify_blood_pressure,
)
from screening.rules.bmi import BMI_BANDS, classify_bmi
from screening.rules.common import Level, max_level
from screening.rules.glucose import GlucoseInput, classify_glucose
from screening.rules.section import RuleSettings, Subject
from screening.rules.srq20 import Srq20Input
from screening.rules.tb import TbInput
from screening.rules.visit import VisitInput, evaluate_visit
from screening.rules.waist import WaistInput

GLUCOSE_ORDER = ["normal", "prediabetes", "curiga_diabetes"]


@st.composite
def systolic_pair(draw: st.DrawFn) -> tuple[int, int, int]:
    diastolic = draw(st.integers(30, 199))
    low = draw(st.integers(max(60, diastolic + 1), 299))
    high = draw(st.integers(low + 1, 300))
    return diastolic, low, high


@settings(max_examples=500)
@given(pair=systolic_pair(), scheme=st.sampled_from(["ilp", "jnc7"]))
def test_higher_systolic_never_gives_a_lower_class_or_level(
    pair: tuple[int, int, int], scheme: str
) -> None:
    diastolic, low, high = pair
    # Low blood pressure sits below the table's lowest class.
    order = ["rendah"] + [band.code for band in BP_BANDS[scheme]]  # type: ignore[index]
    lower = classify_blood_pressure([(low, diastolic)], scheme=scheme)  # type: ignore[arg-type]
    higher = classify_blood_pressure([(high, diastolic)], scheme=scheme)  # type: ignore[arg-type]
    assert order.index(higher.code) >= order.index(lower.code)
    if lower.code != "rendah":  # low blood pressure is monitored, and rising out of it is not
        assert higher.level.rank >= lower.level.rank


@settings(max_examples=500)
@given(
    kind=st.sampled_from(["sewaktu", "puasa"]),
    values=st.tuples(st.integers(70, 600), st.integers(70, 600)).map(sorted),
)
def test_glucose_never_goes_down_as_the_value_goes_up(kind: str, values: list[int]) -> None:
    low, high = (classify_glucose(v, kind=kind) for v in values)  # type: ignore[arg-type]
    assert GLUCOSE_ORDER.index(high.code) >= GLUCOSE_ORDER.index(low.code)
    assert high.level.rank >= low.level.rank


@settings(max_examples=1000)
@given(
    weight=st.integers(20, 3000).map(lambda n: n / 10),
    height=st.integers(500, 2500).map(lambda n: n / 10),
    scheme=st.sampled_from(["asia_pacific", "kemenkes_nasional"]),
)
def test_the_bmi_class_is_the_class_of_the_bmi_shown(
    weight: float, height: float, scheme: str
) -> None:
    result = classify_bmi(weight, height, scheme=scheme)  # type: ignore[arg-type]
    shown = result.to_section().values["bmi"]
    displayed = Decimal(f"{shown:.1f}")  # what the kader reads on screen
    assert Decimal(str(shown)) == displayed  # the shown value has one decimal, no float noise
    matching = [
        band
        for band in BMI_BANDS[scheme]  # type: ignore[index]
        if (band.minimum is None or displayed >= band.minimum)
        and (band.maximum is None or displayed <= band.maximum)
    ]
    assert [band.code for band in matching] == [result.code]
    assert matching[0].level is result.level


@settings(max_examples=300)
@given(
    bp=st.one_of(st.none(), st.tuples(st.integers(100, 300), st.integers(30, 99))),
    glucose=st.one_of(st.none(), st.sampled_from(["LO", "HI"]), st.integers(20, 600).map(str)),
    waist=st.one_of(st.none(), st.integers(300, 2500).map(lambda n: n / 10)),
    contact=st.sampled_from(["none", "household", "close"]),
    item17=st.one_of(st.none(), st.booleans()),
)
def test_the_visit_level_is_the_highest_section_level(
    bp: tuple[int, int] | None,
    glucose: str | None,
    waist: float | None,
    contact: str,
    item17: bool | None,
) -> None:
    answers = {n: False for n in range(1, 17)}
    if item17 is not None:
        answers[17] = item17
    sections = {
        "waist": None if waist is None else WaistInput(waist_cm=waist),
        "blood_pressure": None if bp is None else BloodPressureInput.of(bp),
        "glucose": None if glucose is None else GlucoseInput(value=glucose, kind="sewaktu"),
        "tb": TbInput(cough=False, contact=contact),  # type: ignore[arg-type]
        "srq20": Srq20Input.by_number(answers),
    }
    visit = VisitInput(
        subject=Subject(sex="L", birth_date=date(1970, 5, 5)),
        measured_on=date(2024, 5, 5),
        sections={code: inputs for code, inputs in sections.items() if inputs is not None},
    )
    result = evaluate_visit(visit, RuleSettings())
    levels = [section.level for section in result.complete if section.level is not None]
    assert result.level is max_level(*levels)
    assert result.level in levels
    assert result.reasons == tuple(r for s in result.complete for r in s.reasons)


def test_max_level_orders_none_monitor_refer_urgent() -> None:
    assert max_level() is Level.NONE
    assert max_level(Level.REFER, Level.MONITOR) is Level.REFER
    assert max_level(Level.NONE, Level.URGENT, Level.REFER) is Level.URGENT
