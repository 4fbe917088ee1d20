"""Immunisation: statuses on the schedule, HB0's first week, IDL, and doses carried forward."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from screening.rules.common import Level
from screening.rules.imunisasi import SPEC, ImunisasiInput, immunisation_status
from screening.rules.section import Earlier, RuleContext, RuleSettings, Subject
from screening.rules.visit import VisitInput, carried_inputs, evaluate_visit
from screening.words import reason_text, refusal_text, result_text

BIRTH = date(2024, 3, 10)
CHILD = Subject(sex="L", birth_date=BIRTH)
BASIC = {
    "hb0": date(2024, 3, 10), "bcg": date(2024, 3, 15), "opv_1": date(2024, 3, 15),
    "dpt_hb_hib_1": date(2024, 5, 11), "opv_2": date(2024, 5, 11), "rv_1": date(2024, 5, 11),
    "pcv_1": date(2024, 5, 11), "dpt_hb_hib_2": date(2024, 6, 11), "opv_3": date(2024, 6, 11),
    "rv_2": date(2024, 6, 11), "pcv_2": date(2024, 6, 11), "dpt_hb_hib_3": date(2024, 7, 12),
    "opv_4": date(2024, 7, 12), "rv_3": date(2024, 7, 12), "ipv_1": date(2024, 7, 12),
}  # fmt: skip


@pytest.mark.parametrize(
    ("day", "status"), [(0, "due"), (1, "due"), (2, "overdue"), (7, "overdue"), (8, "missed")]
)
def test_hb0_is_due_in_its_first_day_and_missed_after_a_week(day: int, status: str) -> None:
    found = immunisation_status({}, birth_date=BIRTH, on=BIRTH + timedelta(days=day))
    assert found.antigens["hb0"] == status


def test_a_dose_is_due_for_four_weeks_then_overdue() -> None:
    # OPV 2: month 2 is reached on day 61 (2024-05-10); OPV 1 + 28 days is earlier.
    doses = {"hb0": BIRTH, "bcg": date(2024, 3, 15), "opv_1": date(2024, 3, 15)}
    on_time = immunisation_status(doses, birth_date=BIRTH, on=date(2024, 5, 9))
    assert on_time.antigens["opv"] == "not_due"
    assert immunisation_status(doses, birth_date=BIRTH, on=date(2024, 5, 10)).antigens["opv"] == (
        "due"
    )
    assert immunisation_status(doses, birth_date=BIRTH, on=date(2024, 6, 6)).antigens["opv"] == (
        "due"
    )
    late = immunisation_status(doses, birth_date=BIRTH, on=date(2024, 6, 7))
    assert late.antigens["opv"] == "overdue" and late.code == "overdue"


def test_idl_needs_every_dose_before_twelve_months() -> None:
    on = date(2025, 1, 4)
    without_mr = immunisation_status(
        {**BASIC, "ipv_2": date(2024, 12, 10)}, birth_date=BIRTH, on=on
    )
    assert not without_mr.idl
    full = {**BASIC, "ipv_2": date(2024, 12, 10), "mr_1": date(2024, 12, 10)}
    assert immunisation_status(full, birth_date=BIRTH, on=on).idl


def test_doses_given_at_earlier_visits_are_carried_into_the_next_visit() -> None:
    first = ImunisasiInput(given={"hb0": BIRTH})
    second = ImunisasiInput(earlier={"hb0": BIRTH}, given={"bcg": date(2024, 3, 15)})
    earlier = [
        Earlier(on=BIRTH, sections={"imunisasi": first}),
        Earlier(on=date(2024, 3, 15), sections={"imunisasi": second}),
        Earlier(on=date(2024, 4, 12), sections={}),
    ]
    ctx = RuleContext(subject=CHILD, on=date(2024, 5, 14))
    assert SPEC.carried(earlier, ctx) == ImunisasiInput(
        earlier={"hb0": BIRTH, "bcg": date(2024, 3, 15)}
    )
    carried = carried_inputs(CHILD, date(2024, 5, 14), earlier, RuleSettings())["imunisasi"]
    assert isinstance(carried, ImunisasiInput)
    today = carried.model_copy(update={"given": {"opv_1": date(2024, 5, 14)}})
    evaluation = evaluate_visit(
        VisitInput(subject=CHILD, measured_on=date(2024, 5, 14), sections={"imunisasi": today}),
        RuleSettings(),
    )
    result = evaluation.sections[0]
    assert result.level is Level.NONE
    assert result.values["antigens"] == {
        "hb0": "complete", "bcg": "complete", "opv": "not_due", "dpt_hb_hib": "due", "rv": "due",
        "pcv": "due", "ipv": "not_due", "mr": "not_due",
    }  # fmt: skip
    assert result_text(result) == "Imunisasi — Ada imunisasi jatuh tempo"
    assert (
        reason_text(result.reasons[0])
        == "Jatuh tempo: dpt-hb-hib, rotavirus (rv), pneumokokus (pcv)."
    )


def test_nothing_entered_is_not_asked_but_a_review_is_recorded() -> None:
    carried = ImunisasiInput(earlier={"hb0": BIRTH})
    quiet = VisitInput(
        subject=CHILD, measured_on=date(2024, 3, 20), sections={"imunisasi": carried}
    )
    assert not evaluate_visit(quiet, RuleSettings()).sections
    reviewed = carried.model_copy(update={"reviewed": True})
    seen = VisitInput(
        subject=CHILD, measured_on=date(2024, 3, 20), sections={"imunisasi": reviewed}
    )
    assert evaluate_visit(seen, RuleSettings()).sections[0].code == "due"  # BCG, OPV 1


def test_a_dose_without_its_previous_dose_is_refused_naming_the_dose() -> None:
    inputs = ImunisasiInput(given={"opv_2": date(2024, 5, 11)})
    evaluation = evaluate_visit(
        VisitInput(subject=CHILD, measured_on=date(2024, 6, 18), sections={"imunisasi": inputs}),
        RuleSettings(),
    )
    assert [e.field for e in evaluation.errors] == ["opv_2"]
    assert refusal_text(evaluation.errors[0]) == "Polio tetes (OPV) dosis 2 tidak valid"
    future = ImunisasiInput(given={"bcg": date(2024, 6, 19)})
    evaluation = evaluate_visit(
        VisitInput(subject=CHILD, measured_on=date(2024, 6, 18), sections={"imunisasi": future}),
        RuleSettings(),
    )
    assert refusal_text(evaluation.errors[0], "en") == "BCG is outside the plausible range"


def test_japanese_encephalitis_only_where_endemic() -> None:
    on = date(2025, 1, 4)
    assert "je" not in immunisation_status(BASIC, birth_date=BIRTH, on=on).antigens
    endemic = immunisation_status(BASIC, birth_date=BIRTH, on=on, je_endemic=True)
    assert endemic.antigens["je"] == "not_due"  # month 10 is reached on 2025-01-09
