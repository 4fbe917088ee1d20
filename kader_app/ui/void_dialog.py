"""``VoidDialog``: asks why a visit is being cancelled; the reason is required.

Only collects the reason; the window performs the void through the runner.
"""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget


class VoidDialog(QDialog):
    """Emits ``void_confirmed(reason)`` when the kader confirms with a non-blank reason."""

    void_confirmed = Signal(str)

    def __init__(self, *, when: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Batalkan pemeriksaan"))
        layout = QVBoxLayout(self)
        intro = QLabel(
            self.tr(
                "Pemeriksaan tanggal {when} akan ditandai DIBATALKAN. Datanya tetap disimpan "
                "di riwayat. Tulis alasannya:"
            ).format(when=when),
            self,
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.reason_combo = QComboBox(self)
        self.reason_combo.setEditable(True)
        self.reason_combo.addItems(
            [
                "",
                self.tr("Salah pilih warga"),
                self.tr("Tercatat dua kali"),
                self.tr("Pemeriksaan tidak jadi dilakukan"),
            ]
        )
        self.reason_combo.setCurrentIndex(0)
        layout.addWidget(self.reason_combo)
        self.buttons = QDialogButtonBox(self)
        self.ok_button = self.buttons.addButton(
            self.tr("Batalkan pemeriksaan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("Kembali"), QDialogButtonBox.ButtonRole.RejectRole)
        layout.addWidget(self.buttons)
        self.ok_button.setEnabled(False)
        self.reason_combo.currentTextChanged.connect(self.on_reason_edited)
        self.ok_button.clicked.connect(self.on_ok_clicked)
        self.buttons.rejected.connect(self.reject)

    def reason(self) -> str:
        return self.reason_combo.currentText().strip()

    def on_reason_edited(self, _text: str) -> None:
        self.ok_button.setEnabled(bool(self.reason()))

    def on_ok_clicked(self) -> None:
        if self.reason():
            self.void_confirmed.emit(self.reason())
            self.accept()
