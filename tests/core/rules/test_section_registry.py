"""The section registry keeps its contract: every section's results use only its declared codes.

Random visits come from each section's own ``sample`` (driven by hypothesis), so a section
added later is covered without editing this file.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.common import Level
from screening.rules.registry import groups, section, section_codes, sections
from screening.rules.section import (
    RuleContext,
    RuleSettings,
    SectionSpec,
    SectionState,
    Subject,
)
from screening.rules.visit import VisitInput, evaluate_visit
from screening.words import refusal_text

ON = date(2026, 12, 1)


def _reason_params(spec: SectionSpec[Any]) -> dict[str, tuple[str, ...]]:
    params: dict[str, tuple[str, ...]] = sys.modules[type(spec).__module__].REASON_PARAMS
    return params


def test_the_registry_finds_every_section_once_in_form_order() -> None:
    codes = section_codes()
    assert {"bmi", "waist", "blood_pressure", "glucose", "tb", "srq20"} <= set(codes)
    assert len(codes) == len(set(codes))
    orders = [spec.order for spec in sections()]
    assert orders == sorted(orders)
    assert dict(groups())["anthropometry"] == (section("bmi"), section("waist"))


def test_each_section_declares_its_codes_and_documents_its_reasons() -> None:
    for spec in sections():
        assert spec.class_codes and spec.fields, spec.code
        assert set(_reason_params(spec)) == set(spec.reason_codes), spec.code
    reason_codes = [code for spec in sections() for code in spec.reason_codes]
    assert len(reason_codes) == len(set(reason_codes)), "a reason code belongs to one section"


subjects = st.builds(
    Subject,
    sex=st.sampled_from(["L", "P"]),
    birth_date=st.integers(15 * 366, 95 * 365).map(lambda days: ON - timedelta(days=days)),
)
rule_settings = st.builds(
    RuleSettings,
    bp_scheme=st.sampled_from(["ilp", "jnc7"]),
    bmi_scheme=st.sampled_from(["asia_pacific", "kemenkes_nasional"]),
    tb_cough_min_days=st.sampled_from([0, 14]),
)


@settings(max_examples=300, deadline=None)
@given(subject=subjects, chosen=rule_settings, rng=st.randoms(use_true_random=False))
def test_every_emitted_result_uses_declared_codes_with_exactly_their_params(
    subject: Subject, chosen: RuleSettings, rng: random.Random
) -> None:
    ctx = RuleContext(subject=subject, on=ON, settings=chosen)
    measured = {}
    for spec in sections():
        if spec.availability(subject, ON) is not None:
            inputs = spec.sample(rng, ctx, risk=rng.random())
            if inputs is not None:
                measured[spec.code] = inputs
    evaluation = evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections=measured), chosen
    )
    assert not evaluation.errors
    for result in evaluation.sections:
        spec = section(result.section)
        assert result.section in measured
        if result.state is SectionState.COMPLETE:
            assert result.code in spec.class_codes
            assert isinstance(result.level, Level)
            assert result.reasons, "every class comes with its reasons"
        else:
            assert result.state is SectionState.INCOMPLETE
            assert result.code is None and result.level is None and result.missing
        for reason in result.reasons:
            declared = set(_reason_params(spec)[reason.code])
            if result.section == "bmi":
                # A band open at one end has no minimum or no maximum.
                assert {"bmi", "class"} <= set(reason.params) <= declared
            else:
                assert set(reason.params) == declared
        json.dumps({"params": [r.params for r in result.reasons], "values": dict(result.values)})


@settings(max_examples=200, deadline=None)
@given(
    systolic=st.integers(0, 400),
    diastolic=st.integers(0, 300),
    weight=st.integers(0, 4000).map(lambda n: n / 10),
    glucose=st.one_of(st.integers(0, 900).map(str), st.sampled_from(["LO", "HI", "banyak", ""])),
)
def test_refusals_are_collected_and_worded_never_raised(
    systolic: int, diastolic: int, weight: float, glucose: str
) -> None:
    from screening.rules.blood_pressure import BloodPressureInput
    from screening.rules.bmi import BmiInput
    from screening.rules.glucose import GlucoseInput

    visit = VisitInput(
        subject=Subject(sex="L", birth_date=date(1980, 1, 1)),
        measured_on=ON,
        sections={
            "blood_pressure": BloodPressureInput.of((systolic, diastolic), (systolic, None)),
            "bmi": BmiInput(weight_kg=str(weight), height_cm=170),
            "glucose": GlucoseInput(value=glucose, kind="puasa"),
        },
    )
    evaluation = evaluate_visit(visit, RuleSettings())
    for error in evaluation.errors:
        text = refusal_text(error)
        assert "_" not in text, text  # the field is named in words, never by its code
    failed = {error.section for error in evaluation.errors}
    shown = {result.section for result in evaluation.sections}
    assert not failed & shown, "a refused section has no result"
