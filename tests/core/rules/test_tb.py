"""TBC symptom screening: each criterion of the Kemenkes form and the cough-duration setting."""

from __future__ import annotations

import pytest

from screening.rules.common import Level, RuleInputError
from screening.rules.tb import (
    TB_CONTACT,
    TB_CONTACT_AND_RISKS,
    TB_CONTACT_AND_SYMPTOMS,
    TB_CONTACTS,
    TB_COUGH,
    TB_COUGH_TOO_SHORT,
    TB_NO_CRITERIA,
    TB_RISKS,
    TB_RISKS_AND_SYMPTOMS,
    TB_SYMPTOMS,
    classify_tb,
)


def test_code_lists_match_the_rules_document() -> None:
    assert set(TB_SYMPTOMS) == {
        "weight_loss", "fever", "lethargy", "night_sweats", "breathless", "lymph_nodes"
    }  # fmt: skip
    assert set(TB_RISKS) == {
        "previous_tb", "unfinished_treatment", "diabetes", "hiv", "smoking", "malnutrition",
        "age_over_65", "pregnancy",
    }  # fmt: skip
    assert TB_CONTACTS == ("none", "household", "close")


@pytest.mark.parametrize(
    ("kwargs", "code", "reason"),
    [
        ({"cough": True}, "terduga_tbc", TB_COUGH),
        (
            {"cough": False, "contact": "close", "symptoms": ["lethargy"]},
            "terduga_tbc",
            TB_CONTACT_AND_SYMPTOMS,
        ),
        (
            {"cough": False, "contact": "household", "risks": ["smoking"]},
            "terduga_tbc",
            TB_CONTACT_AND_RISKS,
        ),
        (
            {"cough": False, "risks": ["pregnancy"], "symptoms": ["lymph_nodes"]},
            "terduga_tbc",
            TB_RISKS_AND_SYMPTOMS,
        ),
        ({"cough": False, "contact": "household"}, "kontak_erat", TB_CONTACT),
        (
            {"cough": False, "symptoms": list(TB_SYMPTOMS)},
            "bukan_terduga",
            TB_NO_CRITERIA,
        ),
        ({"cough": False, "risks": list(TB_RISKS)}, "bukan_terduga", TB_NO_CRITERIA),
        ({"cough": False}, "bukan_terduga", TB_NO_CRITERIA),
    ],
)
def test_each_criterion(kwargs: dict[str, object], code: str, reason: str) -> None:
    result = classify_tb(**kwargs)  # type: ignore[arg-type]
    assert result.code == code
    assert result.level is (Level.NONE if code == "bukan_terduga" else Level.REFER)
    assert reason in [r.code for r in result.reasons]


def test_every_criterion_that_holds_is_listed() -> None:
    result = classify_tb(
        cough=True, contact="close", symptoms={"fever"}, risks={"hiv"}, cough_days=1
    )
    assert [r.code for r in result.reasons] == [
        TB_COUGH,
        TB_CONTACT_AND_SYMPTOMS,
        TB_CONTACT_AND_RISKS,
        TB_RISKS_AND_SYMPTOMS,
    ]


@pytest.mark.parametrize(
    ("cough_days", "min_days", "code"),
    [(0, 0, "terduga_tbc"), (13, 14, "bukan_terduga"), (14, 14, "terduga_tbc")],
)
def test_cough_duration_setting(cough_days: int, min_days: int, code: str) -> None:
    result = classify_tb(cough=True, cough_days=cough_days, min_days=min_days)
    assert result.code == code


def test_a_short_cough_still_counts_with_contact() -> None:
    result = classify_tb(cough=True, cough_days=3, min_days=14, contact="household")
    assert result.code == "kontak_erat"
    assert TB_COUGH_TOO_SHORT in [r.code for r in result.reasons]


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"symptoms": ["cough"]}, "symptoms"),
        ({"risks": ["HIV"]}, "risks"),
        ({"contact": "neighbour"}, "contact"),
        ({"cough_days": -1}, "cough_days"),
        ({"min_days": -1}, "tb_cough_min_days"),
    ],
)
def test_unknown_codes_and_negative_days_are_refused(kwargs: dict[str, object], field: str) -> None:
    with pytest.raises(RuleInputError) as refused:
        classify_tb(cough=False, **kwargs)  # type: ignore[arg-type]
    assert refused.value.field == field
    assert "HIV" not in str(refused.value)
