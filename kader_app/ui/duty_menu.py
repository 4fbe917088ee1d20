"""The "Petugas" menu of the main window: who is on duty, another kader, the lock by hand.

Built by the composition root once a PIN opened the app (the demo has no profiles). The idle
lock (`IdleLock`) and "Ganti petugas" share one lock screen; whoever unlocks it is signed in
(``Register.sign_in``), so what is saved next names them as its author.
"""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from kader_app.core.profiles import Profile, ProfileBook, Role
from kader_app.core.register import Register
from kader_app.ui.duty import FirstProfileDialog, IdleLock, Unlocked, role_word
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner


class DutyMenu(QObject):
    """The Petugas menu: Tambah petugas…, Ganti petugas (Ctrl+L)."""

    def __init__(
        self,
        *,
        window: MainWindow,
        register: Register,
        runner: Runner,
        book: ProfileBook,
        key: bytes,
        lock: IdleLock,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._register = register
        self._runner = runner
        self._book = book
        self._key = key
        self.lock = lock
        self.add_dialog: FirstProfileDialog | None = None
        menu: QMenu = window.menuBar().addMenu(self.tr("P&etugas"))
        self.add_action = QAction(self.tr("&Tambah petugas…"), window)
        self.add_action.triggered.connect(self.open_add_profile)
        self.switch_action = QAction(self.tr("&Ganti petugas"), window)
        self.switch_action.setShortcut(QKeySequence("Ctrl+L"))
        self.switch_action.triggered.connect(lambda: self.lock.lock(by_hand=True))
        for action in (self.add_action, self.switch_action):
            menu.addAction(action)
            window.addAction(action)
        lock.unlocked.connect(self.on_unlocked)
        if lock.on_duty is not None:
            self._show(lock.on_duty)

    def _show(self, profile: Profile) -> None:
        self._window.show_on_duty(
            self.tr("Petugas: {name} ({role})").format(
                name=profile.name, role=role_word(profile.role)
            )
        )

    def on_unlocked(self, profile: Profile) -> None:
        """Whoever typed their PIN on the lock screen is on duty from now on."""
        self._show(profile)
        register = self._register
        self._runner.submit(lambda: register.sign_in(profile_id=profile.id, name=profile.name))

    def open_add_profile(self) -> None:
        book, key = self._book, self._key

        def create(name: str, role: Role, pin: str) -> tuple[str, Unlocked]:
            profile = book.add(key=key, name=name, role=role, pin=pin)
            return "", Unlocked(profile=profile, key=key)

        dialog = FirstProfileDialog(create=create, adding=True, parent=self._window)
        dialog.accepted.connect(lambda: self._after_add(dialog))
        self.add_dialog = dialog
        dialog.open()

    def _after_add(self, dialog: FirstProfileDialog) -> None:
        if dialog.unlocked is None:
            return
        self._window.statusBar().showMessage(
            self.tr(
                "{name} ditambahkan. Ia bisa masuk lewat Petugas → Ganti petugas (Ctrl+L)."
            ).format(name=dialog.unlocked.profile.name),
            10_000,
        )
