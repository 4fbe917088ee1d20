"""Vitamin A: the February and August rounds, sweeping, and capsules carried forward."""

from __future__ import annotations

from datetime import date

import pytest

from screening.rules.section import Earlier, RuleContext, RuleSettings, Subject
from screening.rules.visit import VisitInput, evaluate_visit, offered_sections
from screening.rules.vitamin_a import SPEC, VitaminAInput, round_start, vitamin_a_status
from screening.words import next_step_text, reason_text

CHILD = Subject(sex="P", birth_date=date(2023, 1, 20))


@pytest.mark.parametrize(
    ("on", "start"),
    [
        (date(2024, 1, 31), date(2023, 8, 1)),
        (date(2024, 2, 1), date(2024, 2, 1)),
        (date(2024, 7, 31), date(2024, 2, 1)),
        (date(2024, 8, 1), date(2024, 8, 1)),
        (date(2024, 12, 31), date(2024, 8, 1)),
    ],
)
def test_rounds_run_february_to_july_and_august_to_january(on: date, start: date) -> None:
    assert round_start(on) == start


def _result(on: date, inputs: VitaminAInput) -> tuple[str | None, str]:
    evaluation = evaluate_visit(
        VisitInput(subject=CHILD, measured_on=on, sections={"vitamin_a": inputs}), RuleSettings()
    )
    assert not evaluation.errors
    result = evaluation.sections[0]
    return result.code, reason_text(result.reasons[0])


def test_a_capsule_given_today_or_earlier_in_the_round_counts() -> None:
    assert _result(date(2024, 2, 20), VitaminAInput(today=True)) == (
        "given",
        "Kapsul vitamin A sudah diberikan pada putaran Februari (Februari–Juli).",
    )
    earlier = VitaminAInput(earlier=(date(2024, 2, 20),), today=False)
    assert _result(date(2024, 3, 12), earlier)[0] == "given"


def test_not_given_is_due_in_the_round_month_and_missed_after_it() -> None:
    assert _result(date(2024, 8, 13), VitaminAInput(today=False))[0] == "due"
    code, words = _result(date(2024, 9, 10), VitaminAInput(today=False))
    assert code == "missed" and "sweeping" in words
    assert next_step_text("vitamin_a", "missed", "none") == "Masukkan ke daftar sweeping vitamin A."
    last_round = VitaminAInput(earlier=(date(2024, 2, 20),), today=False)
    assert _result(date(2024, 9, 10), last_round)[0] == "missed"


def test_not_asked_until_the_kader_answers() -> None:
    evaluation = evaluate_visit(
        VisitInput(
            subject=CHILD, measured_on=date(2024, 2, 20), sections={"vitamin_a": VitaminAInput()}
        ),
        RuleSettings(),
    )
    assert not evaluation.sections and not evaluation.errors


def test_capsules_of_earlier_visits_are_carried() -> None:
    earlier = [
        Earlier(on=date(2023, 8, 15), sections={"vitamin_a": VitaminAInput(today=True)}),
        Earlier(on=date(2024, 2, 20), sections={"vitamin_a": VitaminAInput(
            earlier=(date(2023, 8, 15),), today=True)}),
        Earlier(on=date(2024, 3, 12), sections={"vitamin_a": VitaminAInput(
            earlier=(date(2023, 8, 15), date(2024, 2, 20)), today=False)}),
    ]  # fmt: skip
    ctx = RuleContext(subject=CHILD, on=date(2024, 8, 13))
    assert SPEC.carried(earlier, ctx) == VitaminAInput(
        earlier=(date(2023, 8, 15), date(2024, 2, 20))
    )


def test_offered_from_six_to_fifty_nine_months_only() -> None:
    born = date(2020, 1, 1)
    assert vitamin_a_status([], birth_date=born, on=date(2020, 7, 1)).group is None  # 5 months
    assert "vitamin_a" in offered_sections(Subject(sex="L", birth_date=born), date(2020, 7, 3))
    assert "vitamin_a" in offered_sections(Subject(sex="L", birth_date=born), date(2024, 12, 1))
    assert "vitamin_a" not in offered_sections(Subject(sex="L", birth_date=born), date(2025, 1, 1))
