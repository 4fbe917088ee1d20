"""Every stable code the server shows has words in both languages in `screening.words`.

The dashboard, the exports, FHIR and the refusal messages take these words; a code without
them would show as a bare code (or a guess) to Puskesmas staff.
"""

from __future__ import annotations

import random
from datetime import date
from typing import get_args

import pytest

from kader_app.core.demo import demo_visit
from screening.rules.registry import sections
from screening.rules.section import RuleSettings, Subject
from screening.rules.tb import TB_CONTACTS, TB_RISKS, TB_SYMPTOMS
from screening.rules.visit import evaluate_visit
from screening.words import LANGUAGES, LEVEL, SEX, W, section_words
from sync.protocol import LevelCode, SexCode
from sync.server import refusals
from sync.server.aggregates.indicators import INDICATORS
from sync.server.exports import measure_label

SECTION_CODES = [spec.code for spec in sections()]


def both(words: W | None, what: str) -> None:
    assert words is not None, f"no words for {what}"
    for lang in LANGUAGES:
        assert words.get(lang).strip(), f"{what} has no {lang} text"


@pytest.mark.parametrize("code", SECTION_CODES)
def test_every_section_has_a_title_and_every_class_it_ever_stored_a_name(code: str) -> None:
    words = section_words(code)
    assert words is not None, code
    both(words.title, f"the title of {code}")
    spec = next(s for s in sections() if s.code == code)
    for class_code in (*spec.class_codes, *spec.stored_class_codes):
        both(words.classes.get(class_code), f"class {code}/{class_code}")


def test_levels_and_sexes_have_words() -> None:
    for level in get_args(LevelCode):
        both(LEVEL.get(level), f"level {level}")  # type: ignore[call-overload]
    for sex in get_args(SexCode):
        both(SEX.get(sex), f"sex {sex}")


def test_the_items_fhir_sends_by_key_have_words() -> None:
    tb_words = section_words("tb")
    srq20_words = section_words("srq20")
    assert tb_words is not None and srq20_words is not None
    for key in (*TB_SYMPTOMS, *TB_RISKS, *TB_CONTACTS):
        both(tb_words.items.get(key), f"TB item {key}")
    for field in ("cough", "cough_days", "symptoms", "contact", "risks"):
        both(tb_words.fields.get(field), f"TB field {field}")
    srq20_keys = next(s for s in sections() if s.code == "srq20").items
    assert len(srq20_keys) == 20
    for key in srq20_keys:
        both(srq20_words.items.get(key), f"SRQ-20 item {key}")
    glucose = section_words("glucose")
    assert glucose is not None
    for kind in ("sewaktu", "puasa"):
        both(glucose.items.get(kind), f"glucose kind {kind}")


def test_every_section_the_pages_name_is_a_section_with_words() -> None:
    assert {i.section for i in INDICATORS} <= set(SECTION_CODES)
    for indicator in INDICATORS:
        assert indicator.label.strip()


def test_every_measure_a_section_reports_has_an_export_column_title() -> None:
    """Babies to elderly, pregnant or not: each measure's title is words, never its key."""
    rng = random.Random(11)
    on = date(2025, 3, 10)
    seen: set[tuple[str, str]] = set()
    for birth in (date(2024, 9, 1), date(2022, 1, 1), date(2014, 3, 3), date(1995, 1, 1)):
        for pregnant in (False, True):
            subject = Subject(
                sex="P",
                birth_date=birth,
                pregnant=pregnant and birth.year < 2000,
                pregnancy_start=date(2025, 1, 1) if pregnant and birth.year < 2000 else None,
            )
            for _ in range(30):
                visit = demo_visit(
                    rng, subject=subject, on=on, risk=rng.random(), settings=RuleSettings()
                )
                for result in evaluate_visit(visit, RuleSettings()).sections:
                    if result.is_complete:
                        spec = next(s for s in sections() if s.code == result.section)
                        inputs = visit.sections[result.section]
                        seen |= {(spec.code, m.key) for m in spec.measures(inputs, result)}
    assert {"antropometri_balita", "imt_u", "tensi_anak", "bmi", "glucose"} <= {c for c, _ in seen}
    for code, key in sorted(seen):
        label = measure_label(code, key)
        assert label != key.replace("_", " ").capitalize(), f"{code}/{key} has no words"


def test_refusals_name_sections_by_their_title() -> None:
    message = refusals.visit_mismatch(["bmi", "blood_pressure", "tb"])
    assert message.startswith("Hasil IMT, Tensi dan TBC pada pemeriksaan ini")
    assert "blood_pressure" not in refusals.visit_unreadable(["blood_pressure"])
