from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput, SyncCounts
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui.main_window import MainWindow, sync_status_text
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import VisitInput


def _bp_visit(systolic: int, diastolic: int) -> VisitInput:
    return VisitInput(
        subject=Subject(sex="P", birth_date=date(1975, 8, 17)),
        measured_on=date.today(),
        sections={"blood_pressure": BloodPressureInput.of((systolic, diastolic))},
    )


def test_results_list_shows_each_residents_own_latest_result(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    referred = register.people.register(make_person_input(name="Ani Rujuk"))
    fine = register.people.register(make_person_input(name="Budi Sehat", sex="L"))
    register.visits.record(
        person_id=referred.person_id, inputs=_bp_visit(150, 95), settings=RuleSettings()
    )
    register.visits.record(
        person_id=fine.person_id, inputs=_bp_visit(110, 70), settings=RuleSettings()
    )
    window = make_window()
    model = window.people_model
    shown = {
        model.data(model.index(row, 0)): model.data(model.index(row, 5))
        for row in range(model.rowCount())
    }
    assert shown == {"Ani Rujuk": "Rujuk ke Puskesmas", "Budi Sehat": "Tidak perlu rujukan"}


def test_stale_search_answers_are_dropped(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    register.people.register(make_person_input(name="Sri Wahyuni"))
    register.people.register(make_person_input(name="Slamet Riyadi", sex="L"))
    window = make_window()
    finished: list[int] = []
    window.search_finished.connect(lambda: finished.append(1))
    window.search_edit.setText("sri")
    window.run_search()
    window.search_edit.setText("slamet")
    window.run_search()
    qtbot.waitUntil(lambda: bool(finished))
    qtbot.waitUntil(lambda: not window._runner.is_busy())
    assert finished == [1]
    assert window.people_model.rowCount() == 1
    assert window.people_model.data(window.people_model.index(0, 0)) == "Slamet Riyadi"


def test_sync_status_words() -> None:
    now = datetime(2024, 8, 20, 12, tzinfo=UTC)
    assert (
        sync_status_text(
            SyncCounts(pending=0, oldest_unsent_at=None, rejected=0, conflict=0), now=now
        )
        == "Semua data sudah terkirim"
    )
    counts = SyncCounts(
        pending=12, oldest_unsent_at=now - timedelta(days=3, hours=2), rejected=0, conflict=0
    )
    assert sync_status_text(counts, now=now) == "12 data belum terkirim, terlama 3 hari"


def test_settings_are_stored_and_new_residents_get_the_new_desa(
    qtbot: QtBot, make_window: Callable[..., MainWindow], stored_settings: list[AppSettings]
) -> None:
    window = make_window()
    window.settings_action.trigger()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.desa_edit.setText("Mekarsari")
    dialog.bp_combo.setCurrentIndex(dialog.bp_combo.findData("jnc7"))
    dialog.accept()
    assert stored_settings[-1].desa == "Mekarsari"
    assert stored_settings[-1].rule_settings().bp_scheme == "jnc7"
    window.new_person_action.trigger()
    assert window.resident_dialog is not None
    assert window.resident_dialog.form.desa_edit.text() == "Mekarsari"


def test_the_reenrol_question_defaults_to_no(qtbot: QtBot) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kader_app.sync_link import Enrollment
    from kader_app.ui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(settings=AppSettings())
    qtbot.addWidget(dialog)
    seen: list[str] = []

    def answer_with_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.extend([box.text(), box.defaultButton().text()])
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer_with_enter)
    current = Enrollment(server_url="https://x", device_id="d", posyandu="Posyandu F", area="A")
    assert dialog.ask_reenroll(current) is False
    assert seen == [
        "Laptop ini sudah terdaftar di Posyandu F (A). Daftarkan dengan kode baru?",
        "Tidak",
    ]
