"""Lansia: ADL and SKILAS in the form: states, what is missing, and what refers."""

from __future__ import annotations

from datetime import date

from screening.rules.adl import AdlInput
from screening.rules.common import Level, Problem
from screening.rules.section import InputModel, RuleSettings, SectionState, Subject
from screening.rules.skilas import SkilasInput
from screening.rules.visit import VisitInput, evaluate_visit
from screening.words import missing_text, reason_text, refusal_text, result_text

ELDER = Subject(sex="P", birth_date=date(1950, 2, 3))
ON = date(2026, 12, 1)
ALL_FINE = {n: score for n, score in zip(range(1, 11), (2, 2, 1, 2, 2, 3, 3, 2, 2, 1), strict=True)}


def _evaluate(**sections: InputModel):  # type: ignore[no-untyped-def]
    return evaluate_visit(
        VisitInput(subject=ELDER, measured_on=ON, sections=sections), RuleSettings()
    )


def test_adl_scores_twenty_as_independent_and_any_dependency_refers() -> None:
    result = _evaluate(adl=AdlInput.by_number(ALL_FINE)).sections[0]
    assert (result.code, result.level, result.values["score"]) == ("mandiri", Level.NONE, 20)
    dependent = _evaluate(adl=AdlInput.by_number({**ALL_FINE, 6: 1, 7: 1})).sections[0]
    assert (dependent.code, dependent.level) == ("ketergantungan_ringan", Level.REFER)
    assert result_text(dependent) == "ADL (indeks Barthel) skor 16 — Ketergantungan ringan (B)"
    assert reason_text(dependent.reasons[0], "en") == "ADL score 16 of 20 (B)."


def test_adl_waits_for_every_item_and_names_what_is_missing() -> None:
    partial = {n: s for n, s in ALL_FINE.items() if n != 7}
    result = _evaluate(adl=AdlInput.by_number(partial)).sections[0]
    assert result.state is SectionState.INCOMPLETE and result.code is None
    assert missing_text("adl", result.missing) == (
        "Belum diisi: Butir 7: Berjalan di permukaan datar"
    )


def test_an_adl_score_outside_its_item_is_refused_by_its_number() -> None:
    errors = _evaluate(adl=AdlInput.by_number({**ALL_FINE, 6: 4})).errors
    assert [(e.field, e.problem) for e in errors] == [("item_6", Problem.OUT_OF_RANGE)]
    assert refusal_text(errors[0]) == (
        "Butir 6: Berpindah kursi ↔ tempat tidur di luar batas wajar (0–3)"
    )


def test_one_positive_skilas_domain_refers_even_with_answers_missing() -> None:
    result = _evaluate(skilas=SkilasInput(sad_hopeless=True)).sections[0]
    assert (result.code, result.level) == ("penurunan_kapasitas", Level.REFER)
    assert reason_text(result.reasons[0]) == "Penurunan pada: gejala depresi."
    hearing = _evaluate(skilas=SkilasInput(whisper="cannot_test")).sections[0]
    assert hearing.values["positive_domains"] == ["pendengaran"]


def test_skilas_without_decline_needs_every_answer() -> None:
    answers = {
        "recall_fail": False, "orientation_time_fail": False, "orientation_place_fail": False,
        "chair_stand_fail": False, "weight_loss": False, "appetite_loss": False,
        "eye_problem": False, "whisper": "heard", "sad_hopeless": False, "little_interest": False,
    }  # fmt: skip
    waiting = _evaluate(skilas=SkilasInput.model_validate(answers)).sections[0]
    assert waiting.missing == (("finger_count_fail", None),)
    done = SkilasInput.model_validate({**answers, "finger_count_fail": False})
    assert _evaluate(skilas=done).sections[0].code == "normal"
    eye = SkilasInput.model_validate({**answers, "eye_problem": True})
    assert _evaluate(skilas=eye).sections[0].values["positive_domains"] == ["penglihatan"]


def test_lila_under_21_is_malnutrition_and_a_bad_whisper_answer_is_refused() -> None:
    assert _evaluate(skilas=SkilasInput(lila_cm="20.9")).sections[0].code == (  # type: ignore[arg-type]
        "penurunan_kapasitas"
    )
    errors = _evaluate(skilas=SkilasInput(whisper="maybe")).errors
    assert [e.field for e in errors] == ["whisper"]
    assert refusal_text(errors[0]) == "Tes bisik: pilihan tidak dikenal"
