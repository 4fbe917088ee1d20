"""``SettingsDialog``: Posyandu, kader, server address and enrolment, rule schemes, language.

Edits an ``AppSettings`` value and hands a new one back; it never writes files itself. Enrolment
goes through the sync controller (network lane); the token never passes through this dialog.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from kader_app.settings import AppSettings
from kader_app.sync_link import Enrollment

if TYPE_CHECKING:
    from kader_app.ui.sync_controller import SyncController


class SettingsDialog(QDialog):
    """After ``accepted``, ``settings()`` holds the edited values.

    ``enrollment_shown(result)`` fires once an enrolment answer is on screen (for tests).
    """

    enrollment_shown = Signal(object)

    def __init__(
        self,
        *,
        settings: AppSettings,
        enroller: SyncController | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._original = settings
        self._enroller = enroller
        self._previous: Enrollment | None = None
        # (current enrolment) → True to enrol again; replaced in tests.
        self.ask_reenroll: Callable[[Enrollment], bool] = self._ask_reenroll
        self.setWindowTitle(self.tr("Pengaturan"))
        self.setMinimumWidth(520)
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.posyandu_edit = QLineEdit(settings.posyandu_name, self)
        form.addRow(self.tr("Nama Posyandu"), self.posyandu_edit)
        self.puskesmas_edit = QLineEdit(settings.puskesmas_name, self)
        self.puskesmas_edit.setPlaceholderText(self.tr("untuk kepala laporan bulanan"))
        form.addRow(self.tr("Nama Puskesmas"), self.puskesmas_edit)
        self.desa_edit = QLineEdit(settings.desa, self)
        form.addRow(self.tr("Desa"), self.desa_edit)
        self.kader_edit = QLineEdit(settings.kader_name, self)
        form.addRow(self.tr("Nama kader"), self.kader_edit)
        self.server_edit = QLineEdit(settings.server_url, self)
        self.server_edit.setPlaceholderText("https://puskesmas.example/")
        form.addRow(self.tr("Alamat server Puskesmas"), self.server_edit)
        self.ca_edit = QLineEdit(settings.ca_bundle, self)
        self.ca_edit.setPlaceholderText(self.tr("kosongkan kecuali diminta Puskesmas"))
        form.addRow(self.tr("Berkas sertifikat Puskesmas (CA)"), self.ca_edit)
        self.code_edit = QLineEdit(self)
        self.code_edit.setPlaceholderText(self.tr("kode sekali pakai dari admin Puskesmas"))
        self.enroll_button = QPushButton(self.tr("&Daftarkan laptop ini"), self)
        enroll_row = QHBoxLayout()
        enroll_row.addWidget(self.code_edit, 1)
        enroll_row.addWidget(self.enroll_button)
        form.addRow(self.tr("Kode pendaftaran"), enroll_row)
        self.enroll_status = QLabel(self)
        self.enroll_status.setObjectName("hint")
        self.enroll_status.setWordWrap(True)
        form.addRow("", self.enroll_status)
        self.enroll_button.setEnabled(enroller is not None)
        self.code_edit.setEnabled(enroller is not None)
        self.enroll_button.clicked.connect(self.on_enroll_clicked)

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
            puskesmas_name=self.puskesmas_edit.text().strip(),
            desa=self.desa_edit.text().strip(),
            kader_name=self.kader_edit.text().strip(),
            server_url=self.server_edit.text().strip(),
            ca_bundle=self.ca_edit.text().strip(),
            bmi_scheme=str(self.bmi_combo.currentData()),
            bp_scheme=str(self.bp_combo.currentData()),
            tb_cough_min_days=self.cough_spin.value(),
            language=str(self.language_combo.currentData()),
        )

    def current_enrollment(self) -> Enrollment | None:
        """Where this laptop is enrolled now, as the sync controller last saw it."""
        snapshot = self._enroller.last_snapshot if self._enroller is not None else None
        return snapshot.enrollment if snapshot is not None else None

    def _ask_reenroll(self, current: Enrollment) -> bool:
        box = QMessageBox(self)
        box.setObjectName("reenrollQuestion")
        box.setIcon(QMessageBox.Icon.Warning)
        box.setWindowTitle(self.tr("Daftarkan ulang laptop?"))
        question = self.tr("Laptop ini sudah terdaftar di {posyandu} ({area}).")
        box.setText(
            question.format(posyandu=current.posyandu, area=current.area)
            + " "
            + self.tr("Daftarkan dengan kode baru?")
        )
        box.setInformativeText(
            self.tr(
                "Bila kode itu untuk Posyandu lain, data dikirim ke sana mulai sekarang, "
                "termasuk yang belum terkirim. Data di laptop tidak dihapus."
            )
        )
        yes = box.addButton(self.tr("Ya, daftarkan ulang"), QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Tidak"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)
        box.setEscapeButton(no)
        box.exec()
        return box.clickedButton() is yes

    def on_enroll_clicked(self) -> None:
        url = self.server_edit.text().strip()
        code = self.code_edit.text().strip()
        if self._enroller is None:
            return
        if not url or not code:
            self.enroll_status.setText(
                self.tr("Isi alamat server dan kode pendaftaran dari admin Puskesmas.")
            )
            return
        current = self.current_enrollment()
        if current is not None and not self.ask_reenroll(current):
            self.enroll_status.setText(
                self.tr("Tidak didaftarkan ulang; laptop tetap terdaftar di {posyandu}.").format(
                    posyandu=current.posyandu
                )
            )
            return
        self._previous = current
        self.enroll_button.setEnabled(False)
        self.enroll_status.setText(self.tr("Mendaftarkan laptop…"))
        self._enroller.enrollment_finished.connect(self.on_enrollment_finished)
        self._enroller.enroll(server_url=url, code=code, ca_bundle=self.ca_edit.text().strip())

    def on_enrollment_finished(self, result: object) -> None:
        if self._enroller is not None:
            self._enroller.enrollment_finished.disconnect(self.on_enrollment_finished)
        self.enroll_button.setEnabled(True)
        if isinstance(result, Enrollment):
            self.code_edit.clear()
            self.server_edit.setText(result.server_url)
            text = self.tr("Laptop terdaftar: {posyandu}, {area}. Data akan dikirim otomatis.")
            text = text.format(posyandu=result.posyandu, area=result.area)
            previous = self._previous
            if previous is not None and previous.posyandu != result.posyandu:
                text += " " + self.tr("Sebelumnya terdaftar di {posyandu}.").format(
                    posyandu=previous.posyandu
                )
            self.enroll_status.setText(text)
        else:
            message = getattr(result, "message", "")
            self.enroll_status.setText(
                self.tr("Pendaftaran gagal: {reason}").format(reason=message)
            )
        self.enrollment_shown.emit(result)
