"""Every stable code the server shows has words in both languages in `kader_app.core.words`.

The dashboard, the exports, FHIR and the refusal messages take these words; a code without
them would show as a bare code (or a guess) to Puskesmas staff.
"""

from __future__ import annotations

from typing import get_args

import pytest

from kader_app.core.rules.registry import sections
from kader_app.core.rules.tb import TB_CONTACTS, TB_RISKS, TB_SYMPTOMS
from kader_app.core.words import LANGUAGES, LEVEL, SEX, W, section_words
from sync.protocol import LevelCode, SexCode
from sync.server import refusals
from sync.server.aggregates.indicators import INDICATORS
from sync.server.exports import CLASS_COLUMNS, MEASURE_COLUMNS

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


def test_every_section_the_pages_and_exports_name_is_a_section_with_words() -> None:
    named = {i.section for i in INDICATORS}
    named |= set(CLASS_COLUMNS.values()) | {s for s, _ in MEASURE_COLUMNS.values()}
    assert named <= set(SECTION_CODES)
    for indicator in INDICATORS:
        assert indicator.label.strip()


def test_refusals_name_sections_by_their_title() -> None:
    message = refusals.visit_mismatch(["bmi", "blood_pressure", "tb"])
    assert message.startswith("Hasil IMT, Tensi dan TBC pada pemeriksaan ini")
    assert "blood_pressure" not in refusals.visit_unreadable(["blood_pressure"])
