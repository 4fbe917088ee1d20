"""The code list in codes.py is complete: every class and reason the rules emit is in it."""

from __future__ import annotations

import ast
import json
from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from kader_app.core.rules import codes
from kader_app.core.rules.codes import (
    CLASS_CODES,
    INPUT_FIELDS,
    REASON_PARAMS,
    SECTIONS,
    ReasonCode,
)
from kader_app.core.rules.common import Level, RuleInputError
from kader_app.core.rules.tb import TB_CONTACTS, TB_RISKS, TB_SYMPTOMS
from kader_app.core.rules.visit import (
    AnthropometryInput,
    BloodPressureInput,
    GlucoseInput,
    RuleSettings,
    Srq20Input,
    TbInput,
    VisitInput,
    evaluate_visit,
)

BMI_REASONS = {
    ReasonCode.BMI_UNDERWEIGHT,
    ReasonCode.BMI_NORMAL,
    ReasonCode.BMI_OVERWEIGHT,
    ReasonCode.BMI_OBESE,
}


def test_every_reason_code_documents_its_params() -> None:
    assert set(REASON_PARAMS) == set(ReasonCode)
    assert set(CLASS_CODES) == set(SECTIONS)


readings = st.tuples(st.integers(60, 300), st.integers(30, 200)).filter(lambda r: r[0] > r[1])
visits = st.builds(
    VisitInput,
    sex=st.sampled_from(["L", "P"]),
    birth_date=st.one_of(st.none(), st.dates(date(1920, 1, 1), date(2024, 1, 1))),
    measured_on=st.just(date(2024, 6, 1)),
    anthropometry=st.one_of(
        st.none(),
        st.builds(
            AnthropometryInput,
            weight_kg=st.one_of(st.none(), st.integers(20, 3000).map(lambda n: n / 10)),
            height_cm=st.one_of(st.none(), st.integers(500, 2500).map(lambda n: n / 10)),
            waist_cm=st.one_of(st.none(), st.integers(300, 2500).map(lambda n: n / 10)),
        ),
    ),
    blood_pressure=st.one_of(
        st.none(),
        st.builds(
            BloodPressureInput, readings=st.lists(readings, min_size=1, max_size=2).map(tuple)
        ),
    ),
    glucose=st.one_of(
        st.none(),
        st.builds(
            GlucoseInput,
            value=st.one_of(st.sampled_from(["LO", "HI"]), st.integers(20, 600).map(str)),
            kind=st.sampled_from(["sewaktu", "puasa"]),
            hypo_symptoms=st.booleans(),
        ),
    ),
    tb=st.one_of(
        st.none(),
        st.builds(
            TbInput,
            cough=st.booleans(),
            cough_days=st.integers(0, 60),
            symptoms=st.frozensets(st.sampled_from(TB_SYMPTOMS)),
            contact=st.sampled_from(TB_CONTACTS),
            risks=st.frozensets(st.sampled_from(TB_RISKS)),
        ),
    ),
    srq20=st.one_of(
        st.none(),
        st.builds(
            Srq20Input,
            answers=st.dictionaries(st.integers(1, 20), st.booleans()),
        ),
    ),
)
rule_settings = st.builds(
    RuleSettings,
    bp_scheme=st.sampled_from(["ilp", "jnc7"]),
    bmi_scheme=st.sampled_from(["asia_pacific", "kemenkes_nasional"]),
    tb_cough_min_days=st.sampled_from([0, 14]),
)


@settings(max_examples=300)
@given(visit=visits, chosen=rule_settings)
def test_every_emitted_code_is_listed_with_exactly_its_params(
    visit: VisitInput, chosen: RuleSettings
) -> None:
    result = evaluate_visit(visit, chosen)
    for section in result.sections:
        assert section.section in SECTIONS
        assert section.code in CLASS_CODES[section.section]
        assert isinstance(section.level, Level)
        assert section.reasons, "every section explains its class"
        for reason in section.reasons:
            assert reason.code in set(ReasonCode)
            declared = set(REASON_PARAMS[ReasonCode(reason.code)])
            if reason.code in BMI_REASONS:
                assert {"bmi", "class"} <= set(reason.params) <= declared
                assert {"minimum", "maximum"} & set(reason.params)
            else:
                assert set(reason.params) == declared
        # Stored and sent as JSON: everything must serialise.
        json.dumps({"reasons": [[r.code, r.params] for r in section.reasons], **section.values})


def test_open_ended_bmi_bands_leave_out_the_missing_bound() -> None:
    visit = VisitInput(
        sex="L",
        birth_date=None,
        measured_on=date(2024, 1, 1),
        anthropometry=AnthropometryInput(weight_kg=120, height_cm=170),
    )
    reason = evaluate_visit(visit, RuleSettings()).sections[0].reasons[0]
    assert reason.code == ReasonCode.BMI_OBESE
    assert set(reason.params) == {"bmi", "class", "minimum"}


def test_refusals_are_rule_input_errors_not_crashes() -> None:
    visit = VisitInput(
        sex="L",
        birth_date=None,
        measured_on=date(2024, 1, 1),
        glucose=GlucoseInput(value="banyak"),
    )
    try:
        evaluate_visit(visit, RuleSettings())
    except RuleInputError as error:
        assert error.field == "value"
    else:
        raise AssertionError("an unreadable glucose value must be refused")


def _literal_fields(tree: ast.AST) -> set[str]:
    fields: set[str] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", None)
        if name == "RuleInputError" and node.args and isinstance(node.args[0], ast.Constant):
            fields.add(str(node.args[0].value))
        for keyword in node.keywords:
            if keyword.arg == "field_name" and isinstance(keyword.value, ast.Constant):
                fields.add(str(keyword.value.value))
    return fields


def test_every_refused_field_is_listed_for_the_gui() -> None:
    rules_dir = Path(codes.__file__).parent
    fields: set[str] = set()
    for module in rules_dir.glob("*.py"):
        fields |= _literal_fields(ast.parse(module.read_text(encoding="utf-8")))
    assert {"systolic", "value", "weight_kg", "answers"} <= fields  # the scan found the calls
    assert fields <= set(INPUT_FIELDS), fields - set(INPUT_FIELDS)
