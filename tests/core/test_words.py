"""One vocabulary: every stable code of every section has words in Bahasa Indonesia and English."""

from __future__ import annotations

import string
import sys
from datetime import date
from typing import Any

import pytest

from screening import words
from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.registry import sections
from screening.rules.section import SectionResult, SectionSpec, SectionState
from screening.words import LANGUAGES, W


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _both(text: W | None, what: str) -> None:
    assert text is not None, f"no words for {what}"
    assert text.id.strip() and text.en.strip(), f"empty words for {what}"


@pytest.mark.parametrize("spec", sections(), ids=lambda spec: spec.code)
def test_every_code_of_the_section_has_words_in_both_languages(spec: SectionSpec[Any]) -> None:
    found = words.section_words(spec.code)
    assert found is not None, f"screening/words/{spec.code}.py is missing"
    _both(found.title, f"{spec.code} title")
    for code in dict.fromkeys(spec.class_codes + spec.stored_class_codes):
        _both(found.classes.get(code), f"{spec.code} class {code}")
    declared = sys.modules[type(spec).__module__].REASON_PARAMS
    for code in spec.reason_codes:
        template = found.reasons.get(code)
        _both(template, f"{spec.code} reason {code}")
        assert template is not None
        for lang in LANGUAGES:
            assert _placeholders(template.get(lang)) <= set(declared[code]), (code, lang)
    for name in spec.fields:
        _both(found.fields.get(name), f"{spec.code} field {name}")
    for item in spec.items:
        _both(found.items.get(item), f"{spec.code} item {item}")


def test_shared_codes_have_words_in_both_languages() -> None:
    for level in Level:
        _both(words.LEVEL[level], f"level {level}")
        _both(words.LEVEL_NEXT_STEP[level], f"next step {level}")
    for state in SectionState:
        _both(words.STATE[state], f"state {state}")
    for problem in Problem:
        _both(words.REFUSAL.get(problem), f"refusal {problem}")
    for code in ("L", "P"):
        _both(words.SEX[code], f"sex {code}")
    for code in ("posyandu", "kunjungan_rumah"):
        _both(words.PLACE[code], f"place {code}")


def test_words_are_chosen_by_language() -> None:
    result = SectionResult(
        section="blood_pressure",
        state=SectionState.COMPLETE,
        code="hipertensi_1",
        level=Level.REFER,
        values={"systolic": 150, "diastolic": 95},
    )
    assert words.result_text(result) == "Tensi 150/95 mmHg — Hipertensi derajat 1"
    assert words.result_text(result, "en") == "Blood pressure 150/95 mmHg — Grade 1 hypertension"
    assert words.level_text(None) == "Belum ada hasil"
    assert words.month_title(date(2025, 3, 1), "en") == "March 2025"
    assert words.number_text(24.2) == "24,2" and words.number_text(24.2, "en") == "24.2"


def test_reasons_name_items_in_words_not_codes() -> None:
    reason = Reason("tb_contact_and_symptoms", {"contact": "household", "symptoms": ["fever"]})
    assert words.reason_text(reason) == (
        "Kontak TBC (serumah dengan pasien tbc) dan ada gejala: demam tanpa sebab."
    )
    assert words.reason_text(reason, "en").endswith("symptoms: fever without cause.")


def test_a_refusal_names_the_field_and_its_reading_in_words() -> None:
    error = RuleInputError(
        "systolic",
        Problem.OUT_OF_RANGE,
        minimum=60,
        maximum=300,
        index=2,
        section="blood_pressure",
        unit="mmHg",
    )
    assert words.refusal_text(error) == (
        "Sistolik (atas) pengukuran 2 di luar batas wajar (60–300 mmHg)"
    )
    assert words.refusal_text(error, "en") == (
        "Systolic (upper) reading 2 is outside the plausible range (60–300 mmHg)"
    )


def test_srq20_missing_items_are_listed_by_number_in_order() -> None:
    missing = [("answer", n) for n in (2, 10, 11, 20, 3)]
    assert (
        words.missing_text("srq20", missing) == "Belum dijawab: nomor 2, 3, 10, 11, 20 (5 dari 20)"
    )
