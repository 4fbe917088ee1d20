from __future__ import annotations

from collections.abc import Iterator

import pytest

from kader_app.ui import labels
from screening.rules.common import Level, Problem, Reason, RuleInputError
from screening.rules.nik import KK_ERROR_CODES, NIK_ERROR_CODES, NIK_WARNING_CODES
from screening.rules.registry import sections


@pytest.fixture
def english() -> Iterator[None]:
    labels.set_language("en")
    yield
    labels.set_language("id")


def test_every_code_of_every_section_reads_as_words_in_the_gui() -> None:
    for spec in sections():
        assert "_" not in labels.section_title(spec.code), spec.code
        for code in spec.class_codes:
            text = labels.class_text(spec.code, code)
            assert text and "_" not in text, (spec.code, code)
        for field in spec.fields:
            assert "_" not in labels.field_text(spec.code, field), (spec.code, field)
        for key in spec.items:
            assert "_" not in labels.item_text(spec.code, key), (spec.code, key)
    for level in Level:
        assert labels.level_text(level)
    assert labels.level_text(None) == "Belum ada hasil"


def test_vocabulary_words_follow_the_language_setting(english: None) -> None:
    assert labels.class_text("blood_pressure", "hipertensi_1") == "Grade 1 hypertension"
    assert labels.level_text(Level.REFER) == "Refer to the Puskesmas"
    assert labels.section_title("tb") == "TB"
    labels.set_language("id")
    assert labels.class_text("blood_pressure", "hipertensi_1") == "Hipertensi derajat 1"
    assert labels.level_text(Level.REFER) == "Rujuk ke Puskesmas"


def test_reason_params_that_are_codes_are_shown_as_words() -> None:
    reason = Reason("tb_contact_and_symptoms", {"contact": "household", "symptoms": ["fever"]})
    text = labels.reason_text(reason)
    assert text.startswith("Kontak TBC (serumah dengan pasien")
    assert text.endswith("ada gejala: demam tanpa sebab.")
    assert "household" not in text and "fever" not in text


def test_a_refusal_names_the_reading_in_words_never_the_internal_name() -> None:
    error = RuleInputError(
        "systolic",
        Problem.OUT_OF_RANGE,
        minimum=60,
        maximum=300,
        index=2,
        section="blood_pressure",
        unit="mmHg",
    )
    text = labels.refusal_text(error)
    assert text == "Sistolik (atas) pengukuran 2 di luar batas wajar (60–300 mmHg)"
    assert "systolic" not in text


def test_nik_and_kk_codes_have_words() -> None:
    for code in NIK_ERROR_CODES:
        assert code in labels.NIK_ERROR_TEXT
    for code in NIK_WARNING_CODES:
        assert code in labels.NIK_WARNING_TEXT
    for code in KK_ERROR_CODES:
        assert code in labels.KK_ERROR_TEXT


def test_register_refusals_read_as_their_reason(register, make_person_input) -> None:  # type: ignore[no-untyped-def]
    from datetime import date, timedelta

    from kader_app.core.errors import PersonInputError

    future = date.today() + timedelta(days=3)
    with pytest.raises(PersonInputError) as refused:
        register.people.register(make_person_input(birth_date=future, nik=None))
    text = labels.person_error_text(field=refused.value.field, code=refused.value.code)
    assert text == "Tanggal lahir tidak boleh di masa depan"

    with pytest.raises(PersonInputError) as refused:
        register.people.register(make_person_input(name="  "))
    assert labels.person_error_text(field=refused.value.field, code=refused.value.code) == (
        "Nama wajib diisi"
    )


def _sync_failures() -> list[type]:
    from sync.client import SyncError

    found: list[type] = [SyncError]
    for cls in found:
        found.extend(cls.__subclasses__())
    return found


def test_every_sending_failure_and_refusal_reads_as_the_sync_layers_own_words() -> None:
    from sync.engine import LOCAL_FAULT, LOCAL_FAULT_MESSAGE
    from sync.server.store import MESSAGES

    failures = _sync_failures()
    assert len({cls.code for cls in failures}) == len(failures) == 9
    for cls in failures:
        assert labels.sync_failure_text(cls.code, fallback="?") == cls.user_message, cls
    assert labels.sync_failure_text(LOCAL_FAULT, fallback="?") == LOCAL_FAULT_MESSAGE
    assert labels.sync_failure_text("new_code", fallback="Kata server") == "Kata server"
    assert set(labels.SYNC_FAILURE_TEXT) == {cls.code for cls in failures} | {LOCAL_FAULT}
    for code, message in MESSAGES.items():
        assert labels.sync_refusal_text(code, fallback="?") == message, code
    assert set(labels.SYNC_REFUSAL_TEXT) == set(MESSAGES)


def test_english_catalogue_translates_sending_problems(qapp) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    from kader_app.app import RESOURCES
    from kader_app.sync_link import Enrollment
    from kader_app.ui.sync_controller import SyncSnapshot
    from kader_app.ui.sync_panel import headline_text
    from sync.client import NetworkError
    from sync.engine import EngineState, EngineStatus

    offline = SyncSnapshot(
        enrollment=Enrollment(
            server_url="https://puskesmas.example", device_id="d1", posyandu="Mawar", area="Desa"
        ),
        status=EngineStatus(
            state=EngineState.WAITING, message=NetworkError.user_message, problem=NetworkError.code
        ),
        pending=3,
        oldest_unsent_at=None,
        last_success_at=None,
    )
    indonesian = {
        code: labels.sync_failure_text(code, fallback="") for code in labels.SYNC_FAILURE_TEXT
    }
    refusals = {
        code: labels.sync_refusal_text(code, fallback="") for code in labels.SYNC_REFUSAL_TEXT
    }
    assert headline_text(offline) == NetworkError.user_message
    translator = QTranslator()
    assert translator.load(str(RESOURCES / "translations" / "kader_app_en.qm"))
    qapp.installTranslator(translator)
    try:
        assert headline_text(offline) == (
            "No connection to the Puskesmas. The data is saved and will be sent automatically."
        )
        for code, text in indonesian.items():
            assert labels.sync_failure_text(code, fallback="") != text, code
        for code, text in refusals.items():
            assert labels.sync_refusal_text(code, fallback="") != text, code
        assert labels.sync_refusal_text("wrong_area", fallback="") == (
            "This data is registered in another area; ask the Puskesmas staff to move it."
        )
    finally:
        qapp.removeTranslator(translator)
