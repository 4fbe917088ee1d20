"""TTD and the other pregnancy items: tablets this pregnancy, LiLA/KEK, danger signs, tensi."""

from __future__ import annotations

from datetime import date

import pytest

from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.common import Level
from screening.rules.lila_hamil import LilaHamilInput
from screening.rules.section import Earlier, InputModel, RuleContext, RuleSettings, Subject
from screening.rules.tanda_bahaya_hamil import TandaBahayaHamilInput
from screening.rules.ttd import SPEC, TtdInput
from screening.rules.visit import VisitInput, evaluate_visit
from screening.words import next_step_text, reason_text, refusal_text, result_text

MOTHER = Subject(sex="P", birth_date=date(1996, 4, 2), pregnant=True)
TODAY = date(2026, 6, 9)


def _evaluate(subject: Subject = MOTHER, **sections: InputModel):  # type: ignore[no-untyped-def]
    return evaluate_visit(
        VisitInput(subject=subject, measured_on=TODAY, sections=sections), RuleSettings()
    )


def test_the_total_adds_this_visits_tablets_to_the_carried_ones() -> None:
    result = _evaluate(ttd=TtdInput(earlier=(30, 30), given=30)).sections[0]
    assert (result.code, result.level, result.values["total"]) == ("tercatat", Level.NONE, 90)
    assert reason_text(result.reasons[0]) == (
        "Diberikan 30 tablet; jumlah selama kehamilan ini 90 tablet."
    )
    assert result_text(result) == "Tablet tambah darah (TTD) 90 tablet — Tercatat"


def test_carried_counts_the_visits_of_this_pregnancy_only() -> None:
    earlier = [
        Earlier(on=date(2024, 3, 5), sections={"ttd": TtdInput(given=30)}),  # a pregnancy before
        Earlier(on=date(2025, 2, 1), sections={}),  # not pregnant then
        Earlier(on=date(2026, 3, 3), sections={"ttd": TtdInput(given=30)}),
        Earlier(on=date(2026, 4, 7), sections={"tensi_hamil": BloodPressureInput.of((110, 70))}),
        Earlier(on=date(2026, 5, 5), sections={"ttd": TtdInput(earlier=(30,), given=15)}),
    ]
    assert SPEC.carried(earlier, RuleContext(subject=MOTHER, on=TODAY)) == TtdInput(
        earlier=(30, 15)
    )
    known_start = Subject(sex="P", birth_date=date(1996, 4, 2), pregnant=True,
                          pregnancy_start=date(2026, 4, 1))  # fmt: skip
    assert SPEC.carried(earlier, RuleContext(subject=known_start, on=TODAY)) == TtdInput(
        earlier=(15,)
    )


def test_a_count_over_120_is_refused_naming_the_field() -> None:
    errors = _evaluate(ttd=TtdInput(earlier=(30,), given=121)).errors
    assert [e.field for e in errors] == ["given"]
    assert refusal_text(errors[0]) == (
        "TTD diberikan hari ini (tablet) di luar batas wajar (0–120)"
    )


@pytest.mark.parametrize(("lila", "code"), [("23.4", "kek"), ("23.5", "normal")])
def test_lila_below_23_5_is_kek_and_referred(lila: str, code: str) -> None:
    result = _evaluate(lila_hamil=LilaHamilInput(lila_cm=lila)).sections[0]  # type: ignore[arg-type]
    assert result.code == code
    assert result.level is (Level.REFER if code == "kek" else Level.NONE)


def test_any_danger_sign_is_urgent_and_named_in_words() -> None:
    signs = TandaBahayaHamilInput(signs=frozenset({"perdarahan", "demam"}))
    result = _evaluate(tanda_bahaya_hamil=signs).sections[0]
    assert (result.code, result.level) == ("ada_tanda_bahaya", Level.URGENT)
    assert reason_text(result.reasons[0]) == (
        "Tanda bahaya: perdarahan dari jalan lahir, demam tinggi."
    )
    assert next_step_text("tanda_bahaya_hamil", result.code, result.level) == (
        "Tanda bahaya kehamilan: segera ke bidan/Puskesmas hari ini."
    )
    none = _evaluate(tanda_bahaya_hamil=TandaBahayaHamilInput(signs=frozenset())).sections[0]
    assert (none.code, none.level) == ("tidak_ada", Level.NONE)
    assert not _evaluate(tanda_bahaya_hamil=TandaBahayaHamilInput()).sections  # not asked


def test_pregnancy_blood_pressure_uses_its_own_classes() -> None:
    result = _evaluate(tensi_hamil=BloodPressureInput.of((150, 92), (146, 88))).sections[0]
    assert (result.code, result.level, result.values["systolic"]) == (
        "hipertensi_kehamilan",
        Level.REFER,
        148,
    )
    severe = _evaluate(tensi_hamil=BloodPressureInput.of((150, 110))).sections[0]
    assert (severe.code, severe.level) == ("hipertensi_berat", Level.URGENT)


def test_a_man_cannot_be_recorded_pregnant() -> None:
    man = Subject(sex="L", birth_date=date(1990, 1, 1), pregnant=True)
    errors = _evaluate(man, lila_hamil=LilaHamilInput(lila_cm="25.0")).errors  # type: ignore[arg-type]
    assert [e.field for e in errors] == ["pregnant"]
    assert refusal_text(errors[0]) == "Hamil (hanya perempuan usia 10–55 tahun) tidak valid"
    assert refusal_text(errors[0], "en") == "Pregnant (women aged 10–55 only) is not valid"
