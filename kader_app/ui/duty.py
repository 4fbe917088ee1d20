"""Who is on duty: the "Siapa yang bertugas?" screen, the first profile, the idle lock.

The app opens on `SignInDialog`: the kader picks their name and types their 6-digit PIN, which
unwraps the database key (`kader_app.core.profiles`). A laptop without profiles first makes one
(`FirstProfileDialog`) and shows its recovery key once (`RecoveryKeyDialog`). `IdleLock` covers
every window after 10 idle minutes until a PIN is typed again; what was open stays open, with
everything typed in it. Never shows or logs a PIN or a key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QGuiApplication, QPainter, QRegularExpressionValidator
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.profiles import (
    PIN_LENGTH,
    Profile,
    ProfileBook,
    ProfileError,
    ProfileLockedError,
    Role,
    WrongPinError,
    has_profiles,
    protect_with_first_profile,
)

IDLE_MINUTES = 10
# What counts as the kader still working: keys, clicks, the wheel, a touch.
_ACTIVITY = frozenset(
    {
        QEvent.Type.KeyPress,
        QEvent.Type.MouseButtonPress,
        QEvent.Type.Wheel,
        QEvent.Type.TouchBegin,
    }
)


@dataclass(frozen=True, slots=True)
class Unlocked:
    """A PIN (or the recovery key) opened the profile: who, and the database key."""

    profile: Profile
    key: bytes


def _pin_edit(parent: QWidget) -> QLineEdit:
    edit = QLineEdit(parent)
    edit.setEchoMode(QLineEdit.EchoMode.Password)
    edit.setMaxLength(PIN_LENGTH)
    edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"[0-9]{0,6}"), edit))
    edit.setInputMethodHints(Qt.InputMethodHint.ImhDigitsOnly)
    font = edit.font()
    font.setPointSizeF(font.pointSizeF() * 1.4)
    edit.setFont(font)
    return edit


def _role_word(role: Role) -> str:
    if role == "nakes":
        return QCoreApplication.translate("duty", "Nakes")
    return QCoreApplication.translate("duty", "Kader")


class SignInDialog(QDialog):
    """Pick your name, type your PIN. ``unlocked`` holds the result once accepted.

    ``lock_screen``: the idle lock's version — it covers the screen and cannot be closed, only
    unlocked (by the same kader or another on duty now).
    """

    def __init__(
        self,
        *,
        book: ProfileBook,
        current: Profile | None = None,
        lock_screen: bool = False,
        now: Callable[[], datetime] = lambda: datetime.now(UTC),
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self._now = now
        self._lock_screen = lock_screen
        self.unlocked: Unlocked | None = None
        self.setObjectName("signInDialog")
        self.setWindowTitle(self.tr("Siapa yang bertugas?"))
        layout = QVBoxLayout(self)
        layout.setAlignment(Qt.AlignmentFlag.AlignCenter)
        heading = QLabel(self.tr("Siapa yang bertugas?"), self)
        heading.setObjectName("signInHeading")
        font = heading.font()
        font.setPointSizeF(font.pointSizeF() * 1.6)
        font.setBold(True)
        heading.setFont(font)
        layout.addWidget(heading)
        if lock_screen:
            note = QLabel(
                self.tr(
                    "Aplikasi dikunci karena 10 menit tidak dipakai. Isian yang sedang "
                    "terbuka tetap aman. Ketik PIN untuk melanjutkan."
                ),
                self,
            )
            note.setWordWrap(True)
            layout.addWidget(note)
        self.people = QListWidget(self)
        self.people.setObjectName("signInPeople")
        for profile in book.profiles():
            item = QListWidgetItem(f"{profile.name} — {_role_word(profile.role)}")
            item.setData(Qt.ItemDataRole.UserRole, profile)
            self.people.addItem(item)
            if current is not None and profile.id == current.id:
                self.people.setCurrentItem(item)
        if self.people.currentRow() < 0 and self.people.count():
            self.people.setCurrentRow(0)
        self.people.setMaximumHeight(max(80, 28 * min(self.people.count(), 6) + 8))
        layout.addWidget(self.people)
        pin_label = QLabel(self.tr("&PIN (6 angka)"), self)
        self.pin_edit = _pin_edit(self)
        self.pin_edit.setObjectName("signInPin")
        pin_label.setBuddy(self.pin_edit)
        layout.addWidget(pin_label)
        layout.addWidget(self.pin_edit)
        self.message = QLabel("", self)
        self.message.setObjectName("signInMessage")
        self.message.setWordWrap(True)
        self.message.setProperty("role", "alert")
        layout.addWidget(self.message)
        self.buttons = QDialogButtonBox(self)
        self.open_button = self.buttons.addButton(
            self.tr("&Buka"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.open_button.setDefault(True)
        self.forgot_button = self.buttons.addButton(
            self.tr("&Lupa PIN…"), QDialogButtonBox.ButtonRole.ActionRole
        )
        if not lock_screen:
            self.buttons.addButton(self.tr("Keluar"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.open_button.clicked.connect(self.try_unlock)
        self.forgot_button.clicked.connect(self.on_forgot)
        self.buttons.rejected.connect(self.reject)
        # Enter in the PIN field presses Buka, the default button (QLineEdit passes it on).
        self.people.itemActivated.connect(lambda _item: self.pin_edit.setFocus())
        self.people.currentItemChanged.connect(lambda *_: self._clear_message())
        self._wait_timer = QTimer(self)
        self._wait_timer.setInterval(1000)
        self._wait_timer.timeout.connect(self._tick)
        self._waiting_until: datetime | None = None
        self.setTabOrder(self.people, self.pin_edit)
        self.setTabOrder(self.pin_edit, self.open_button)
        if lock_screen:
            self.setWindowFlag(Qt.WindowType.FramelessWindowHint, True)
            self.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)
            self.setWindowModality(Qt.WindowModality.ApplicationModal)
            self.setAutoFillBackground(True)
        if self.people.count() <= 1 or current is not None:
            self.pin_edit.setFocus()
        else:
            self.people.setFocus()

    def chosen(self) -> Profile | None:
        item = self.people.currentItem()
        if item is None:
            return None
        profile = item.data(Qt.ItemDataRole.UserRole)
        return profile if isinstance(profile, Profile) else None

    def _clear_message(self) -> None:
        if self._waiting_until is None:
            self.message.setText("")

    def try_unlock(self) -> None:
        profile = self.chosen()
        if profile is None:
            self.message.setText(self.tr("Pilih nama Anda dulu."))
            self.people.setFocus()
            return
        pin = self.pin_edit.text()
        if len(pin) != PIN_LENGTH:
            self.message.setText(
                self.tr("Ketik PIN Anda.") if not pin else self.tr("PIN harus 6 angka.")
            )
            self.pin_edit.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = self._book.unlock(profile.id, pin, now=self._now())
        except WrongPinError as wrong:
            self.pin_edit.clear()
            if wrong.wait.total_seconds() > 0:
                self._wait(self._now() + wrong.wait)
            else:
                self.message.setText(
                    self.tr("PIN salah. Sisa {n} kali coba sebelum harus menunggu.").format(
                        n=wrong.tries_left
                    )
                )
            self.pin_edit.setFocus()
            return
        except ProfileLockedError as locked:
            self.pin_edit.clear()
            self._wait(locked.until)
            return
        except ProfileError:
            self.message.setText(self.tr("Profil ini tidak ditemukan lagi. Buka ulang aplikasi."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self._done(Unlocked(profile=profile, key=key))

    def _done(self, unlocked: Unlocked) -> None:
        self.unlocked = unlocked
        self.pin_edit.clear()
        self.message.setText("")
        self.accept()

    def _wait(self, until: datetime) -> None:
        self._waiting_until = until
        self.open_button.setEnabled(False)
        self._tick()
        self._wait_timer.start()

    def _tick(self) -> None:
        if self._waiting_until is None:
            return
        left = int((self._waiting_until - self._now()).total_seconds() + 0.999)
        if left <= 0:
            self._waiting_until = None
            self._wait_timer.stop()
            self.open_button.setEnabled(True)
            self.message.setText(self.tr("Silakan coba lagi."))
            return
        minutes, seconds = divmod(left, 60)
        self.message.setText(
            self.tr(
                "Terlalu banyak PIN salah. Tunggu {m}:{s:02d} lalu coba lagi, atau pakai "
                "Lupa PIN dengan kunci pemulihan dari Puskesmas."
            ).format(m=minutes, s=seconds)
        )

    def on_forgot(self) -> None:
        profile = self.chosen()
        if profile is None:
            self.message.setText(self.tr("Pilih nama Anda dulu."))
            return
        dialog = ForgotPinDialog(book=self._book, profile=profile, parent=self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.unlocked is not None:
            self._waiting_until = None
            self._wait_timer.stop()
            self.open_button.setEnabled(True)
            self._done(dialog.unlocked)

    def reject(self) -> None:
        if not self._lock_screen:  # the lock screen only goes away with a PIN
            super().reject()

    def show_covering(self) -> None:
        """Show as the lock screen: over the whole screen, above every window."""
        screen = QGuiApplication.primaryScreen()
        if screen is not None:
            self.setGeometry(screen.geometry())
        self.showFullScreen()
        self.raise_()
        self.activateWindow()
        self.pin_edit.setFocus()


class ForgotPinDialog(QDialog):
    """A forgotten PIN: the recovery key the Puskesmas keeps, then a new PIN twice."""

    def __init__(self, *, book: ProfileBook, profile: Profile, parent: QWidget | None = None):
        super().__init__(parent)
        self._book = book
        self._profile = profile
        self.unlocked: Unlocked | None = None
        self.setWindowTitle(self.tr("Lupa PIN"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Minta kunci pemulihan laptop ini ke Puskesmas (8 kelompok huruf dan angka), "
                "lalu buat PIN baru untuk {name}."
            ).format(name=profile.name),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.recovery_edit = QLineEdit(self)
        self.recovery_edit.setObjectName("recoveryKey")
        self.recovery_edit.setPlaceholderText("XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX")
        self.pin_edit = _pin_edit(self)
        self.repeat_edit = _pin_edit(self)
        form.addRow(self.tr("&Kunci pemulihan"), self.recovery_edit)
        form.addRow(self.tr("PIN &baru"), self.pin_edit)
        form.addRow(self.tr("&Ulangi PIN baru"), self.repeat_edit)
        layout.addLayout(form)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "alert")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Simpan PIN baru"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        buttons.addButton(self.tr("Kembali"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.ok_button.clicked.connect(self.on_ok)
        buttons.rejected.connect(self.reject)

    def on_ok(self) -> None:
        pin = self.pin_edit.text()
        if len(pin) != PIN_LENGTH:
            self.message.setText(self.tr("PIN baru harus 6 angka."))
            self.pin_edit.setFocus()
            return
        if pin != self.repeat_edit.text():
            self.message.setText(self.tr("Kedua PIN baru tidak sama. Ketik ulang."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            key = self._book.recover(
                self.recovery_edit.text(), profile_id=self._profile.id, new_pin=pin
            )
        except ProfileError:
            self.message.setText(
                self.tr("Kunci pemulihan tidak cocok. Periksa lagi huruf dan angkanya.")
            )
            self.recovery_edit.setFocus()
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.unlocked = Unlocked(profile=self._profile, key=key)
        self.accept()


class FirstProfileDialog(QDialog):
    """The first kader of this laptop: name, role, PIN twice; ``create`` protects the key.

    ``create(name, role, pin)`` returns the recovery key and what was unlocked, or raises
    `ProfileError`. The recovery key is then shown once (`RecoveryKeyDialog`).
    """

    def __init__(
        self,
        *,
        create: Callable[[str, Role, str], tuple[str, Unlocked]],
        kader_name: str = "",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._create = create
        self.unlocked: Unlocked | None = None
        self.recovery_key = ""
        self.setWindowTitle(self.tr("Petugas pertama di laptop ini"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Setiap petugas punya nama dan PIN 6 angka. PIN membuka data di laptop ini "
                "dan mencatat siapa yang memeriksa. Jangan beri tahu PIN Anda ke orang lain."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        self.name_edit = QLineEdit(kader_name, self)
        self.name_edit.setObjectName("profileName")
        self.role_combo = QComboBox(self)
        self.role_combo.addItem(self.tr("Kader"), "kader")
        self.role_combo.addItem(self.tr("Nakes (bidan/perawat Pustu)"), "nakes")
        self.pin_edit = _pin_edit(self)
        self.repeat_edit = _pin_edit(self)
        form.addRow(self.tr("&Nama"), self.name_edit)
        form.addRow(self.tr("&Peran"), self.role_combo)
        form.addRow(self.tr("P&IN (6 angka)"), self.pin_edit)
        form.addRow(self.tr("&Ulangi PIN"), self.repeat_edit)
        layout.addLayout(form)
        self.message = QLabel("", self)
        self.message.setWordWrap(True)
        self.message.setProperty("role", "alert")
        layout.addWidget(self.message)
        buttons = QDialogButtonBox(self)
        self.ok_button = buttons.addButton(
            self.tr("Buat profil"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.ok_button.setDefault(True)
        buttons.addButton(self.tr("Keluar"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(buttons)
        self.ok_button.clicked.connect(self.on_ok)
        buttons.rejected.connect(self.reject)
        self.name_edit.setFocus()

    def on_ok(self) -> None:
        name = " ".join(self.name_edit.text().split())
        pin = self.pin_edit.text()
        if not name:
            self.message.setText(self.tr("Tulis nama petugas."))
            self.name_edit.setFocus()
            return
        if len(pin) != PIN_LENGTH:
            self.message.setText(self.tr("PIN harus 6 angka."))
            self.pin_edit.setFocus()
            return
        if pin != self.repeat_edit.text():
            self.message.setText(self.tr("Kedua PIN tidak sama. Ketik ulang."))
            self.repeat_edit.clear()
            self.repeat_edit.setFocus()
            return
        role: Role = "nakes" if self.role_combo.currentData() == "nakes" else "kader"
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            self.recovery_key, self.unlocked = self._create(name, role, pin)
        except ProfileError:
            self.message.setText(self.tr("Profil tidak bisa dibuat. Periksa nama dan PIN."))
            return
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.accept()


class RecoveryKeyDialog(QDialog):
    """The recovery key, shown once: to print (or copy by hand) and give to the Puskesmas."""

    def __init__(self, *, recovery_key: str, posyandu: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self._key = recovery_key
        self._posyandu = posyandu
        self.setWindowTitle(self.tr("Kunci pemulihan"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Ini kunci pemulihan laptop ini. Bila semua PIN lupa, hanya kunci ini yang bisa "
                "membuka datanya. Kunci ini hanya ditampilkan sekali: cetak atau salin ke kertas "
                "dan serahkan ke Puskesmas. Saat laptop didaftarkan ke Puskesmas, kunci ini juga "
                "dititipkan ke server."
            ),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.key_label = QLabel(recovery_key, self)
        self.key_label.setObjectName("recoveryKeyShown")
        self.key_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(self.font().pointSizeF() * 1.5)
        mono.setBold(True)
        self.key_label.setFont(mono)
        self.key_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout.addWidget(self.key_label)
        self.print_button = QPushButton(self.tr("&Cetak…"), self)
        layout.addWidget(self.print_button)
        self.noted = QCheckBox(
            self.tr("Sudah saya cetak atau catat, dan akan saya serahkan ke Puskesmas"), self
        )
        layout.addWidget(self.noted)
        buttons = QDialogButtonBox(self)
        self.continue_button = buttons.addButton(
            self.tr("&Lanjut"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.continue_button.setEnabled(False)
        layout.addWidget(buttons)
        self.noted.toggled.connect(self.continue_button.setEnabled)
        self.continue_button.clicked.connect(self.accept)
        self.print_button.clicked.connect(self.on_print)
        self.noted.setFocus()

    def reject(self) -> None:
        """Esc does not hide the key before the kader says it is kept."""
        if self.noted.isChecked():
            super().reject()

    def on_print(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """One page: what this is, the key in large letters, where to keep it."""
        painter = QPainter(printer)
        try:
            page = printer.pageRect(QPrinter.Unit.DevicePixel).toRect()
            width = page.width()
            line = printer.resolution() // 3
            body = QFont("DejaVu Sans", 12)
            painter.setFont(body)
            y = line
            lines = [
                self.tr("KUNCI PEMULIHAN DATA POSYANDU"),
                self._posyandu,
                self.tr("Simpan di Puskesmas. Jangan disimpan bersama laptop."),
            ]
            for text in lines:
                if text:
                    painter.drawText(0, y, width, line, Qt.AlignmentFlag.AlignLeft, text)
                    y += line
            big = QFont("DejaVu Sans Mono", 20)
            big.setBold(True)
            painter.setFont(big)
            y += line
            painter.drawText(0, y, width, line * 2, Qt.AlignmentFlag.AlignLeft, self._key)
        finally:
            painter.end()


class IdleLock(QObject):
    """Locks the app after ``minutes`` without a key, click or touch; a PIN unlocks it.

    Nothing underneath is closed: open forms keep what was typed, and the lock screen sits
    above them until a kader types their PIN: the one on duty, or another who takes over.
    ``unlocked`` reports who is on duty now (``on_duty``).
    """

    unlocked = Signal(object)  # Profile

    def __init__(
        self,
        *,
        app: QApplication,
        book: ProfileBook,
        on_duty: Profile | None,
        minutes: float = IDLE_MINUTES,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._book = book
        self.on_duty = on_duty
        self.screen: SignInDialog | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(int(minutes * 60_000))
        self._timer.timeout.connect(self.lock)
        app.installEventFilter(self)
        self._timer.start()

    def is_locked(self) -> bool:
        return self.screen is not None

    def eventFilter(self, _watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if self.screen is None and event.type() in _ACTIVITY:
            self._timer.start()
        return False

    def lock(self) -> None:
        if self.screen is not None:
            return
        self._timer.stop()
        screen = SignInDialog(book=self._book, current=self.on_duty, lock_screen=True)
        screen.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
        screen.accepted.connect(lambda: self._after_unlock(screen))
        self.screen = screen
        screen.show_covering()

    def _after_unlock(self, screen: SignInDialog) -> None:
        self.screen = None
        screen.close()
        self._timer.start()
        if screen.unlocked is not None:
            self.on_duty = screen.unlocked.profile
            self.unlocked.emit(screen.unlocked.profile)


@dataclass(frozen=True, slots=True)
class Opening:
    """How the app was opened: who is on duty, and a new recovery key still to deposit."""

    unlocked: Unlocked
    new_recovery_key: str | None = None


def ask_who_is_on_duty(
    data_dir: Path, *, kader_name: str = "", posyandu: str = ""
) -> Opening | None:
    """The opening screens: "Siapa yang bertugas?", or the first profile on a new laptop.

    ``None`` when the kader chose Keluar. A laptop with a key from before profiles gets it moved
    under the first profile here (`protect_with_first_profile`).
    """
    if has_profiles(data_dir):
        sign_in = SignInDialog(book=ProfileBook(data_dir))
        if sign_in.exec() != QDialog.DialogCode.Accepted or sign_in.unlocked is None:
            return None
        return Opening(unlocked=sign_in.unlocked)

    def create(name: str, role: Role, pin: str) -> tuple[str, Unlocked]:
        profile, recovery, key = protect_with_first_profile(data_dir, name=name, role=role, pin=pin)
        return recovery, Unlocked(profile=profile, key=key)

    first = FirstProfileDialog(create=create, kader_name=kader_name)
    if first.exec() != QDialog.DialogCode.Accepted or first.unlocked is None:
        return None
    RecoveryKeyDialog(recovery_key=first.recovery_key, posyandu=posyandu).exec()
    return Opening(unlocked=first.unlocked, new_recovery_key=first.recovery_key)
