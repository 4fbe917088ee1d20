"""``SettingsDialog``: Posyandu, kader, server address, rule schemes and language.

Edits an ``AppSettings`` value and hands a new one back; it never writes files itself.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kader_app.settings import AppSettings


class SettingsDialog(QDialog):
    """After ``accepted``, ``settings()`` holds the edited values."""

    def __init__(self, *, settings: AppSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._original = settings
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.posyandu_edit = QLineEdit(settings.posyandu_name, self)
        form.addRow(self.tr("Nama Posyandu"), self.posyandu_edit)
        self.desa_edit = QLineEdit(settings.desa, self)
        form.addRow(self.tr("Desa"), self.desa_edit)
        self.kader_edit = QLineEdit(settings.kader_name, self)
        form.addRow(self.tr("Nama kader"), self.kader_edit)
        self.server_edit = QLineEdit(settings.server_url, self)
        self.server_edit.setPlaceholderText("https://puskesmas.example/")
        form.addRow(self.tr("Alamat server Puskesmas"), self.server_edit)

        self.bmi_combo = QComboBox(self)
        self.bmi_combo.addItem(self.tr("Asia-Pasifik (tabel ILP)"), "asia_pacific")
        self.bmi_combo.addItem(self.tr("Kemenkes nasional"), "kemenkes_nasional")
        self.bmi_combo.setCurrentIndex(max(0, self.bmi_combo.findData(settings.bmi_scheme)))
        form.addRow(self.tr("Tabel IMT"), self.bmi_combo)
        self.bp_combo = QComboBox(self)
        self.bp_combo.addItem(self.tr("ILP (Optimal … Hipertensi derajat 3)"), "ilp")
        self.bp_combo.addItem(self.tr("JNC 7 (Normal, Prehipertensi, …)"), "jnc7")
        self.bp_combo.setCurrentIndex(max(0, self.bp_combo.findData(settings.bp_scheme)))
        form.addRow(self.tr("Label tensi"), self.bp_combo)
        self.cough_spin = QSpinBox(self)
        self.cough_spin.setRange(0, 60)
        self.cough_spin.setSuffix(self.tr(" hari"))
        self.cough_spin.setSpecialValueText(self.tr("batuk berapa pun lamanya"))
        self.cough_spin.setValue(settings.tb_cough_min_days)
        form.addRow(self.tr("Batuk TBC dihitung mulai"), self.cough_spin)
        self.language_combo = QComboBox(self)
        self.language_combo.addItem("Bahasa Indonesia", "id")
        self.language_combo.addItem("English", "en")
        self.language_combo.setCurrentIndex(max(0, self.language_combo.findData(settings.language)))
        form.addRow(self.tr("Bahasa"), self.language_combo)
        layout.addLayout(form)
        note = QLabel(self.tr("Perubahan bahasa berlaku setelah aplikasi dibuka ulang."), self)
        note.setObjectName("hint")
        note.setWordWrap(True)
        layout.addWidget(note)
        buttons = QDialogButtonBox(self)
        buttons.addButton(self.tr("&Simpan"), QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def settings(self) -> AppSettings:
        return replace(
            self._original,
            posyandu_name=self.posyandu_edit.text().strip(),
            desa=self.desa_edit.text().strip(),
            kader_name=self.kader_edit.text().strip(),
            server_url=self.server_edit.text().strip(),
            bmi_scheme=str(self.bmi_combo.currentData()),
            bp_scheme=str(self.bp_combo.currentData()),
            tb_cough_min_days=self.cough_spin.value(),
            language=str(self.language_combo.currentData()),
        )
