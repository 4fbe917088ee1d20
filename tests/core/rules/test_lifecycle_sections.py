"""Who is offered what over the whole life cycle, and every section's results at every age.

Random visits come from each section's own ``sample`` for people of 0 to 100 years (and
pregnant women), so the life-cycle sections keep the registry's contract too.
"""

from __future__ import annotations

import json
import random
import sys
from datetime import date, timedelta
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from screening.rules.age import age_on
from screening.rules.common import Level
from screening.rules.registry import section, sections
from screening.rules.section import RuleContext, RuleSettings, SectionState, Subject
from screening.rules.visit import VisitInput, evaluate_visit, offered_sections, parse_inputs
from screening.words import reason_text, result_text

ON = date(2026, 12, 1)
GROWTH = {"antropometri_balita", "imt_u", "bmi"}
TENSI = {"tensi_anak", "blood_pressure", "tensi_hamil"}
PREGNANCY = {"lila_hamil", "tanda_bahaya_hamil", "ttd", "tensi_hamil"}


def _offered(days: int, sex: str = "L", *, pregnant: bool = False) -> set[str]:
    subject = Subject(sex=sex, birth_date=ON - timedelta(days=days), pregnant=pregnant)
    return set(offered_sections(subject, ON))


def test_every_day_from_birth_to_100_years_has_one_growth_and_from_7_one_tensi_section() -> None:
    for days in range(0, 100 * 366, 3):
        years = age_on(ON - timedelta(days=days), ON).years
        for sex in ("L", "P"):
            offered = _offered(days, sex)
            assert len(offered & GROWTH) == 1, (days, sex, offered)
            assert len(offered & TENSI) == (1 if years >= 7 else 0), (days, sex, offered)


@pytest.mark.parametrize(
    ("birth", "has", "has_not"),
    [
        (ON - timedelta(days=1856), {"antropometri_balita", "tren_bb"}, {"imt_u"}),
        (ON - timedelta(days=1857), {"imt_u"}, {"antropometri_balita", "tren_bb"}),
        (date(2026, 5, 31), {"lila_balita", "vitamin_a", "imunisasi"}, set()),  # 6 months
        (date(2026, 6, 2), {"imunisasi"}, {"lila_balita", "vitamin_a"}),  # 5 months
        (date(2019, 12, 1), {"tensi_anak", "imt_u"}, {"blood_pressure", "anemia"}),  # 7
        (date(2016, 12, 1), {"anemia", "tensi_anak", "imt_u"}, {"bmi"}),  # 10
        (date(2008, 12, 2), {"imt_u", "tensi_anak", "waist"}, {"bmi", "blood_pressure"}),  # 17
        (date(2008, 12, 1), {"bmi", "blood_pressure", "srq20"}, {"imt_u", "tensi_anak"}),  # 18
        (date(1966, 12, 2), {"bmi"}, {"adl", "skilas"}),  # 59
        (date(1966, 12, 1), {"adl", "skilas", "bmi"}, set()),  # 60
    ],
)
def test_the_applies_to_table_at_its_boundaries(
    birth: date, has: set[str], has_not: set[str]
) -> None:
    offered = set(offered_sections(Subject(sex="P", birth_date=birth), ON))
    assert has <= offered and not has_not & offered, offered


def test_pregnancy_switches_the_adult_and_child_tables_for_the_pregnancy_items() -> None:
    for years in (10, 16, 30, 55):
        offered = _offered(years * 365 + 30, "P", pregnant=True)
        assert PREGNANCY | {"anemia"} <= offered
        assert not {"bmi", "waist", "blood_pressure", "imt_u", "tensi_anak"} & offered
        assert len(offered & TENSI) == 1
    assert not PREGNANCY & _offered(56 * 365 + 30, "P", pregnant=True)
    assert not PREGNANCY & _offered(30 * 365, "L", pregnant=True)


def _reason_params(code: str) -> dict[str, tuple[str, ...]]:
    params: dict[str, tuple[str, ...]] = sys.modules[type(section(code)).__module__].REASON_PARAMS
    return params


subjects = st.builds(
    lambda days, sex, pregnant: Subject(
        sex=sex,
        birth_date=ON - timedelta(days=days),
        pregnant=pregnant and sex == "P" and 11 * 366 <= days <= 54 * 365,
    ),
    days=st.integers(0, 100 * 365),
    sex=st.sampled_from(["L", "P"]),
    pregnant=st.booleans(),
)


@settings(max_examples=400, deadline=None)
@given(subject=subjects, rng=st.randoms(use_true_random=False))
def test_every_age_gets_declared_codes_with_exactly_their_params_and_words(
    subject: Subject, rng: random.Random
) -> None:
    ctx = RuleContext(subject=subject, on=ON)
    measured = {}
    for spec in sections():
        if spec.availability(subject, ON) is not None:
            inputs = spec.sample(rng, ctx, risk=rng.random())
            if inputs is not None:
                measured[spec.code] = inputs
    evaluation = evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections=measured), RuleSettings()
    )
    assert not evaluation.errors, [str(e) for e in evaluation.errors]
    for result in evaluation.sections:
        spec = section(result.section)
        if result.state is SectionState.COMPLETE:
            assert result.code in spec.class_codes and isinstance(result.level, Level)
            assert result.reasons, "every class comes with its reasons"
        for reason in result.reasons:
            if result.section != "bmi":
                assert set(reason.params) == set(_reason_params(result.section)[reason.code])
            for lang in ("id", "en"):
                text = reason_text(reason, lang)  # type: ignore[arg-type]
                assert "?" not in text and reason.code not in text, text
        assert "_" not in result_text(result), result_text(result)
        json.dumps({"values": dict(result.values), "params": [r.params for r in result.reasons]})
    # What is stored is JSON; read back, it is the same inputs and gives the same results.
    stored = {
        code: json.loads(json.dumps(i.model_dump(mode="json"))) for code, i in measured.items()
    }
    read_back = {code: parse_inputs(code, data) for code, data in stored.items()}
    assert read_back == measured
    again = evaluate_visit(
        VisitInput(subject=subject, measured_on=ON, sections=read_back), RuleSettings()
    )
    assert again.sections == evaluation.sections


def test_history_sections_offer_carried_inputs_for_a_child_and_a_pregnancy() -> None:
    from screening.rules.section import Earlier
    from screening.rules.visit import carried_inputs

    baby = Subject(sex="L", birth_date=ON - timedelta(days=300))
    carried: dict[str, Any] = carried_inputs(
        baby, ON, [Earlier(on=ON, sections={})], RuleSettings()
    )
    assert set(carried) == {"tren_bb", "imunisasi", "vitamin_a"}
    mother = Subject(sex="P", birth_date=date(1996, 1, 1), pregnant=True)
    assert set(carried_inputs(mother, ON, [], RuleSettings())) == {"ttd"}
    adult = Subject(sex="L", birth_date=date(1970, 1, 1))
    assert carried_inputs(adult, ON, [], RuleSettings()) == {}
