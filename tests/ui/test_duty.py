"""Who is on duty, through the real dialogs: sign in, wrong PINs, a forgotten PIN, the idle lock."""

from __future__ import annotations

import subprocess
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit, QWidget

from kader_app.core.keystore import key_file_path
from kader_app.core.profiles import ProfileBook, has_profiles, protect_with_first_profile
from kader_app.core.register import Register
from kader_app.ui.duty import (
    FirstProfileDialog,
    IdleLock,
    RecoveryKeyDialog,
    SignInDialog,
    Unlocked,
)

PIN_ANI = "482913"
PIN_BUDI = "550721"


@pytest.fixture
def laptop(tmp_path: Path) -> tuple[Path, str]:
    """A data folder with a register and two kader profiles; returns it and the recovery key."""
    data_dir = tmp_path / "data"
    Register.open(data_dir).close()
    _, recovery, key = protect_with_first_profile(
        data_dir, name="Ani Suryani", role="kader", pin=PIN_ANI
    )
    ProfileBook(data_dir).add(key=key, name="Budi", role="nakes", pin=PIN_BUDI)
    return data_dir, recovery


def _choose(dialog: SignInDialog, name: str) -> None:
    for row in range(dialog.people.count()):
        if dialog.people.item(row).text().startswith(name):
            dialog.people.setCurrentRow(row)
            return
    raise AssertionError(f"{name} not listed")


def _type_pin(qtbot, dialog: SignInDialog, pin: str) -> None:
    dialog.pin_edit.setFocus()
    qtbot.keyClicks(dialog.pin_edit, pin)
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)


def test_the_right_pin_opens_the_register_and_names_the_kader(qtbot, laptop) -> None:
    data_dir, _ = laptop
    dialog = SignInDialog(book=ProfileBook(data_dir))
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.windowTitle() == "Siapa yang bertugas?"
    assert [dialog.people.item(r).text() for r in range(dialog.people.count())] == [
        "Ani Suryani — Kader",
        "Budi — Nakes",
    ]
    _choose(dialog, "Budi")
    _type_pin(qtbot, dialog, PIN_BUDI)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.unlocked is not None and dialog.unlocked.profile.name == "Budi"
    register = Register.open(data_dir, key=dialog.unlocked.key)
    register.close()


def test_the_pin_field_takes_only_six_digits(qtbot, laptop) -> None:
    dialog = SignInDialog(book=ProfileBook(laptop[0]))
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.pin_edit, "12a3456789")
    assert dialog.pin_edit.text() == "123456"
    assert dialog.pin_edit.echoMode() == QLineEdit.EchoMode.Password
    dialog.pin_edit.setText("123")
    qtbot.keyClick(dialog.pin_edit, Qt.Key.Key_Return)
    assert dialog.message.text() == "PIN harus 6 angka."
    assert dialog.isVisible() and dialog.unlocked is None


def test_wrong_pins_say_how_many_tries_are_left_then_make_the_kader_wait(qtbot, laptop) -> None:
    data_dir, _ = laptop
    clock = [datetime(2026, 12, 1, 8, tzinfo=UTC)]
    dialog = SignInDialog(book=ProfileBook(data_dir), now=lambda: clock[0])
    qtbot.addWidget(dialog)
    dialog.show()
    _type_pin(qtbot, dialog, "000000")
    assert dialog.message.text() == "PIN salah. Sisa 4 kali coba sebelum harus menunggu."
    assert dialog.pin_edit.text() == ""
    for _ in range(4):
        _type_pin(qtbot, dialog, "000000")
    assert dialog.message.text().startswith("Terlalu banyak PIN salah. Tunggu 0:30")
    assert not dialog.open_button.isEnabled()
    # Even the right PIN waits its turn.
    _type_pin(qtbot, dialog, PIN_ANI)
    assert dialog.unlocked is None and dialog.isVisible()
    clock[0] += timedelta(seconds=31)
    qtbot.waitUntil(lambda: dialog.open_button.isEnabled(), timeout=3000)
    assert dialog.message.text() == "Silakan coba lagi."
    _type_pin(qtbot, dialog, PIN_ANI)
    assert dialog.unlocked is not None and dialog.unlocked.profile.name == "Ani Suryani"


def test_a_forgotten_pin_is_replaced_with_the_recovery_key(qtbot, laptop) -> None:
    data_dir, recovery = laptop
    dialog = SignInDialog(book=ProfileBook(data_dir))
    qtbot.addWidget(dialog)
    dialog.show()

    def fill_recovery() -> None:
        forgot = QApplication.activeModalWidget()
        assert forgot is not None and forgot.windowTitle() == "Lupa PIN"
        key_edit = forgot.findChild(QLineEdit, "recoveryKey")
        assert key_edit is not None
        # As typed from paper: lower case, spaces instead of dashes.
        qtbot.keyClicks(key_edit, recovery.lower().replace("-", " "))
        qtbot.keyClick(key_edit, Qt.Key.Key_Tab)
        qtbot.keyClicks(forgot.focusWidget(), "246810")
        qtbot.keyClick(forgot.focusWidget(), Qt.Key.Key_Tab)
        qtbot.keyClicks(forgot.focusWidget(), "246810")
        qtbot.keyClick(forgot.focusWidget(), Qt.Key.Key_Return)

    from PySide6.QtCore import QTimer

    QTimer.singleShot(100, fill_recovery)
    dialog.forgot_button.click()
    assert dialog.unlocked is not None and dialog.unlocked.profile.name == "Ani Suryani"
    Register.open(data_dir, key=dialog.unlocked.key).close()
    ProfileBook(data_dir).unlock(dialog.unlocked.profile.id, "246810")


def test_the_first_profile_moves_the_key_file_and_shows_the_recovery_key_once(
    qtbot, tmp_path: Path
) -> None:
    data_dir = tmp_path / "data"
    Register.open(data_dir).close()
    assert key_file_path(data_dir).exists()
    made: list[str] = []

    def create(name, role, pin):
        profile, recovery, key = protect_with_first_profile(data_dir, name=name, role=role, pin=pin)
        made.append(recovery)
        return recovery, Unlocked(profile=profile, key=key)

    dialog = FirstProfileDialog(create=create)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.name_edit, "  Sri   Wahyuni ")
    dialog.pin_edit.setText("135790")
    dialog.repeat_edit.setText("135791")
    dialog.ok_button.click()
    assert dialog.message.text() == "Kedua PIN tidak sama. Ketik ulang."
    assert dialog.name_edit.text() == "  Sri   Wahyuni "  # nothing typed is lost
    assert not has_profiles(data_dir)
    qtbot.keyClicks(dialog.repeat_edit, "135790")
    dialog.ok_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.unlocked is not None and dialog.unlocked.profile.name == "Sri Wahyuni"
    assert has_profiles(data_dir) and not key_file_path(data_dir).exists()

    shown = RecoveryKeyDialog(recovery_key=made[0], posyandu="Posyandu Mawar")
    qtbot.addWidget(shown)
    shown.show()
    assert shown.key_label.text() == made[0]
    assert not shown.continue_button.isEnabled()
    qtbot.keyClick(shown, Qt.Key.Key_Escape)
    assert shown.isVisible()  # Esc does not hide the key before it is kept
    shown.noted.setChecked(True)
    assert shown.continue_button.isEnabled()


def test_the_printed_recovery_key_reads_back_from_the_page(qtbot, tmp_path: Path) -> None:
    key = "ABCD-EFGH-JKLM-NPQR-STUV-WXYZ-2345-6789"
    shown = RecoveryKeyDialog(recovery_key=key, posyandu="Posyandu Mawar")
    qtbot.addWidget(shown)
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    pdf = tmp_path / "kunci.pdf"
    printer.setOutputFileName(str(pdf))
    shown.print_to(printer)
    text = subprocess.run(
        ["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert key in text
    assert "Posyandu Mawar" in text and "KUNCI PEMULIHAN" in text


def test_idle_lock_covers_open_work_and_a_pin_brings_it_back_untouched(qtbot, laptop) -> None:
    data_dir, _ = laptop
    book = ProfileBook(data_dir)
    ani = book.profiles()[0]
    work = QWidget()
    qtbot.addWidget(work)
    field = QLineEdit(work)
    work.show()
    qtbot.keyClicks(field, "Tekanan 120/80")
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = IdleLock(app=app, book=book, on_duty=ani, minutes=0.01)
    unlocked = []
    lock.unlocked.connect(unlocked.append)
    qtbot.waitUntil(lock.is_locked, timeout=5000)
    screen = lock.screen
    assert screen is not None and screen.isVisible() and screen.isFullScreen()
    assert screen.windowModality() == Qt.WindowModality.ApplicationModal
    assert screen.chosen() == ani
    # The lock screen cannot be sent away without a PIN.
    qtbot.keyClick(screen, Qt.Key.Key_Escape)
    assert screen.isVisible()
    _type_pin(qtbot, screen, "111111")
    assert lock.is_locked()
    _choose(screen, "Budi")
    _type_pin(qtbot, screen, PIN_BUDI)
    assert not lock.is_locked()
    assert [p.name for p in unlocked] == ["Budi"]
    assert field.text() == "Tekanan 120/80"
    assert work.isVisible()
    # Activity keeps it open; silence locks again.
    qtbot.waitUntil(lock.is_locked, timeout=5000)
    assert lock.screen is not None and lock.screen.chosen() is not None
    assert lock.screen.chosen().name == "Budi"
    _type_pin(qtbot, lock.screen, PIN_BUDI)
    assert not lock.is_locked()


def test_keys_keep_the_app_open(qtbot, laptop) -> None:
    data_dir, _ = laptop
    book = ProfileBook(data_dir)
    work = QLineEdit()
    qtbot.addWidget(work)
    work.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    lock = IdleLock(app=app, book=book, on_duty=None, minutes=0.02)  # 1.2 s
    for _ in range(12):
        qtbot.keyClick(work, Qt.Key.Key_A)
        qtbot.wait(200)
        assert not lock.is_locked()
    qtbot.waitUntil(lock.is_locked, timeout=5000)
    assert lock.screen is not None
    _type_pin(qtbot, lock.screen, PIN_ANI)
    assert work.text() == "a" * 12
