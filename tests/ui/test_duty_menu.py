"""Petugas → Tambah petugas… and Ganti petugas, on the real window, Register and profiles."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kader_app.core.profiles import ProfileBook, protect_with_first_profile
from kader_app.core.register import Register
from kader_app.settings import AppSettings
from kader_app.ui.duty import IdleLock
from kader_app.ui.duty_menu import DutyMenu
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput

PIN_ANI, PIN_RINA = "482913", "605142"


def test_a_new_worker_is_added_and_takes_over_with_her_own_pin(
    qtbot: QtBot,
    tmp_path: Path,
    make_person_input: Callable[..., object],
    make_visit_input: Callable[..., VisitInput],
) -> None:
    data_dir = tmp_path / "data"
    ani, _recovery, key = protect_with_first_profile(
        data_dir, name="Ani Suryani", role="kader", pin=PIN_ANI
    )
    register = Register.open(data_dir, key=key)
    runner = Runner()
    try:
        register.sign_in(profile_id=ani.id, name=ani.name)
        window = MainWindow(
            register=register,
            runner=runner,
            settings=AppSettings(desa="Sukamaju"),
            store_settings=lambda _s: None,
        )
        qtbot.addWidget(window)
        app = QApplication.instance()
        assert isinstance(app, QApplication)
        book = ProfileBook(data_dir)
        lock = IdleLock(app=app, book=book, on_duty=ani, parent=window)
        window.duty_menu = DutyMenu(
            window=window, register=register, runner=runner, book=book, key=key, lock=lock
        )
        window.show()
        assert window.on_duty_label.text() == "Petugas: Ani Suryani (Kader)"
        (petugas,) = [a.menu() for a in window.menuBar().actions() if a.text() == "P&etugas"]
        assert [a.text() for a in petugas.actions()] == ["&Tambah petugas…", "&Ganti petugas"]

        window.duty_menu.add_action.trigger()
        dialog = window.duty_menu.add_dialog
        assert dialog is not None and dialog.isVisible()
        assert dialog.windowTitle() == "Tambah petugas"
        qtbot.keyClicks(dialog.name_edit, "Rina Wati")
        dialog.role_combo.setCurrentIndex(1)
        qtbot.keyClicks(dialog.pin_edit, PIN_RINA)
        qtbot.keyClicks(dialog.repeat_edit, "605143")
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
        assert dialog.isVisible() and "tidak sama" in dialog.message.text()
        qtbot.keyClicks(dialog.repeat_edit, PIN_RINA)
        qtbot.keyClick(dialog.repeat_edit, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        assert "Rina Wati ditambahkan" in window.statusBar().currentMessage()
        assert [p.name for p in ProfileBook(data_dir).profiles()] == ["Ani Suryani", "Rina Wati"]

        assert window.duty_menu.switch_action.shortcut().toString() == "Ctrl+L"
        window.duty_menu.switch_action.trigger()  # Ganti petugas
        assert lock.is_locked() and lock.screen is not None
        screen = lock.screen
        assert "Petugas berikutnya" in screen.findChild(type(screen.message), "signInNote").text()
        screen.people.setCurrentRow(1)
        qtbot.keyClicks(screen.pin_edit, PIN_RINA)
        qtbot.keyClick(screen.pin_edit, Qt.Key.Key_Return)
        assert not lock.is_locked()
        assert window.on_duty_label.text() == "Petugas: Rina Wati (Nakes)"
        qtbot.waitUntil(lambda: register.on_duty.name == "Rina Wati", timeout=10_000)
        person_id = register.people.register(make_person_input()).person_id  # type: ignore[attr-defined]
        register.visits.record(
            person_id=person_id, inputs=make_visit_input(), settings=RuleSettings()
        )
        (visit,) = register.visits.history(person_id)
        assert visit.recorded_by == "Rina Wati"
    finally:
        runner.wait_idle()
        register.close()
