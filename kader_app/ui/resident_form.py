"""The resident form (``ResidentForm``) and the dialog that saves it (``ResidentDialog``).

Checks the NIK as the kader types; saving goes through the runner and the Register facade, and
an error never clears what was typed. No database access and no classification happen here.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.errors import DuplicateNikError, PersonInputError, StaleVersionError
from kader_app.core.models import PersonInput, PersonRecord
from kader_app.core.register import Register
from kader_app.core.rules.nik import parse_nik
from kader_app.ui import operations
from kader_app.ui.labels import nik_error_text, nik_warning_text, person_error_text, sex_text
from kader_app.ui.operations import PersonSaved
from kader_app.ui.people_model import address_text
from kader_app.ui.runner import Runner

_NO_DATE = QDate(1900, 1, 1)


def digits_only(text: str) -> str:
    return "".join(ch for ch in text if ch.isdigit())


@dataclass(frozen=True, slots=True)
class NikCheck:
    """What the NIK field currently says: an error blocks saving, warnings do not."""

    error: str | None
    warnings: tuple[str, ...]


class ResidentForm(QWidget):
    """The fields of one resident. Emits ``nik_checked`` whenever the NIK message changes."""

    nik_checked = Signal()

    def __init__(self, *, default_desa: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QFormLayout(self)
        layout.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)

        self.name_edit = QLineEdit(self)
        self.name_edit.setPlaceholderText(self.tr("Nama lengkap sesuai KTP"))
        layout.addRow(self.tr("&Nama"), self.name_edit)

        sex_row = QWidget(self)
        sex_layout = QHBoxLayout(sex_row)
        sex_layout.setContentsMargins(0, 0, 0, 0)
        self.male_radio = QRadioButton(sex_text("L"), sex_row)
        self.female_radio = QRadioButton(sex_text("P"), sex_row)
        self._sex_group = QButtonGroup(self)
        self._sex_group.addButton(self.male_radio)
        self._sex_group.addButton(self.female_radio)
        sex_layout.addWidget(self.male_radio)
        sex_layout.addWidget(self.female_radio)
        sex_layout.addStretch(1)
        layout.addRow(self.tr("Jenis kelamin"), sex_row)

        self.birth_edit = QDateEdit(self)
        self.birth_edit.setDisplayFormat("dd/MM/yyyy")
        self.birth_edit.setCalendarPopup(True)
        self.birth_edit.setMinimumDate(_NO_DATE)
        self.birth_edit.setMaximumDate(QDate.currentDate())
        self.birth_edit.setSpecialValueText(self.tr("-- pilih tanggal --"))
        self.birth_edit.setDate(_NO_DATE)
        layout.addRow(self.tr("Tanggal &lahir"), self.birth_edit)

        self.nik_edit = QLineEdit(self)
        self.nik_edit.setPlaceholderText(self.tr("16 angka (boleh dikosongkan jika tidak tahu)"))
        self.nik_edit.setMaxLength(24)
        layout.addRow(self.tr("NI&K"), self.nik_edit)
        self.nik_message = QLabel(self)
        self.nik_message.setObjectName("nikMessage")
        self.nik_message.setWordWrap(True)
        self.nik_message.hide()
        layout.addRow("", self.nik_message)

        self.kk_edit = QLineEdit(self)
        self.kk_edit.setPlaceholderText(self.tr("16 angka (boleh dikosongkan)"))
        self.kk_edit.setMaxLength(24)
        layout.addRow(self.tr("No. KK"), self.kk_edit)

        self.dusun_edit = QLineEdit(self)
        layout.addRow(self.tr("Dusun"), self.dusun_edit)
        rt_rw = QWidget(self)
        rt_rw_layout = QHBoxLayout(rt_rw)
        rt_rw_layout.setContentsMargins(0, 0, 0, 0)
        self.rt_edit = QLineEdit(rt_rw)
        self.rt_edit.setMaxLength(3)
        self.rw_edit = QLineEdit(rt_rw)
        self.rw_edit.setMaxLength(3)
        rt_rw_layout.addWidget(QLabel(self.tr("RT"), rt_rw))
        rt_rw_layout.addWidget(self.rt_edit)
        rt_rw_layout.addWidget(QLabel(self.tr("RW"), rt_rw))
        rt_rw_layout.addWidget(self.rw_edit)
        layout.addRow(self.tr("RT / RW"), rt_rw)
        self.desa_edit = QLineEdit(default_desa, self)
        layout.addRow(self.tr("Desa"), self.desa_edit)
        self.phone_edit = QLineEdit(self)
        self.phone_edit.setPlaceholderText(self.tr("Nomor HP (boleh dikosongkan)"))
        layout.addRow(self.tr("No. HP"), self.phone_edit)

        self.nik_edit.textChanged.connect(self.on_identity_edited)
        self.birth_edit.dateChanged.connect(self.on_identity_edited)
        self._sex_group.buttonToggled.connect(self.on_identity_edited)

    def set_person(self, person: PersonRecord) -> None:
        self.name_edit.setText(person.name)
        (self.male_radio if person.sex == "L" else self.female_radio).setChecked(True)
        b = person.birth_date
        self.birth_edit.setDate(QDate(b.year, b.month, b.day))
        self.nik_edit.setText(person.nik or "")
        self.kk_edit.setText(person.kk or "")
        self.dusun_edit.setText(person.dusun)
        self.rt_edit.setText(person.rt)
        self.rw_edit.setText(person.rw)
        self.desa_edit.setText(person.desa)
        self.phone_edit.setText(person.phone)

    def sex(self) -> str | None:
        if self.male_radio.isChecked():
            return "L"
        if self.female_radio.isChecked():
            return "P"
        return None

    def birth_date(self) -> date | None:
        qd = self.birth_edit.date()
        if qd == _NO_DATE:
            return None
        return date(qd.year(), qd.month(), qd.day())

    def check_nik(self) -> NikCheck:
        nik = digits_only(self.nik_edit.text())
        if not self.nik_edit.text().strip():
            return NikCheck(error=None, warnings=())
        sex = self.sex()
        result = parse_nik(
            nik,
            birth_date=self.birth_date(),
            sex=sex if sex in ("L", "P") else None,  # type: ignore[arg-type]
        )
        if not result.valid:
            return NikCheck(error=nik_error_text(result.error), warnings=())
        return NikCheck(
            error=None, warnings=tuple(nik_warning_text(w) for w in sorted(result.warnings))
        )

    def on_identity_edited(self, *_args: object) -> None:
        check = self.check_nik()
        if check.error:
            self.nik_message.setText("✖ " + check.error)
            self.nik_message.setProperty("kind", "error")
        elif check.warnings:
            self.nik_message.setText("⚠ " + "\n⚠ ".join(check.warnings))
            self.nik_message.setProperty("kind", "warning")
        else:
            self.nik_message.setText("")
            self.nik_message.setProperty("kind", "")
        self.nik_message.setVisible(bool(self.nik_message.text()))
        self.nik_message.style().unpolish(self.nik_message)
        self.nik_message.style().polish(self.nik_message)
        self.nik_checked.emit()

    def problems(self) -> list[str]:
        """What blocks saving, in words (empty when the form can be saved)."""
        found = []
        if not self.name_edit.text().strip():
            found.append(person_error_text(field="name", code="required"))
        if self.sex() is None:
            found.append(person_error_text(field="sex", code="required"))
        if self.birth_date() is None:
            found.append(person_error_text(field="birth_date", code="required"))
        nik_error = self.check_nik().error
        if nik_error:
            found.append(nik_error)
        kk = digits_only(self.kk_edit.text())
        if self.kk_edit.text().strip() and len(kk) != 16:
            found.append(person_error_text(field="kk", code="length"))
        return found

    def person_input(self) -> PersonInput:
        """The typed values; call ``problems()`` first (this assumes they are complete)."""
        birth = self.birth_date()
        sex = self.sex()
        assert birth is not None and sex in ("L", "P")
        return PersonInput(
            name=" ".join(self.name_edit.text().split()),
            sex="L" if sex == "L" else "P",
            birth_date=birth,
            nik=digits_only(self.nik_edit.text()) or None,
            kk=digits_only(self.kk_edit.text()) or None,
            dusun=self.dusun_edit.text().strip(),
            rt=self.rt_edit.text().strip(),
            rw=self.rw_edit.text().strip(),
            desa=self.desa_edit.text().strip(),
            phone=self.phone_edit.text().strip(),
        )


class ResidentDialog(QDialog):
    """Registers a new resident or edits one; saves on the runner's database lane.

    Emits ``person_saved(person_id, change)`` after a save and ``existing_person_requested(id)``
    when the kader chooses to open an already registered resident instead.
    """

    person_saved = Signal(str, object)
    existing_person_requested = Signal(str)

    def __init__(
        self,
        *,
        register: Register,
        runner: Runner,
        default_desa: str = "",
        person: PersonRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._runner = runner
        self._person = person
        self._force_new = False
        self._duplicate_id: str | None = None
        self.setWindowTitle(self.tr("Ubah data warga") if person else self.tr("Warga baru"))
        self.setMinimumWidth(560)

        layout = QVBoxLayout(self)
        self.form = ResidentForm(default_desa=default_desa, parent=self)
        if person is not None:
            self.form.set_person(person)
        layout.addWidget(self.form)

        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

        self.duplicate_frame = QFrame(self)
        self.duplicate_frame.setObjectName("duplicateFrame")
        dup_layout = QVBoxLayout(self.duplicate_frame)
        self.duplicate_label = QLabel(self.duplicate_frame)
        self.duplicate_label.setWordWrap(True)
        dup_layout.addWidget(self.duplicate_label)
        dup_buttons = QHBoxLayout()
        self.open_existing_button = QPushButton(
            self.tr("Buka data warga yang sudah ada"), self.duplicate_frame
        )
        self.save_anyway_button = QPushButton(
            self.tr("Bukan orang yang sama, tetap simpan"), self.duplicate_frame
        )
        dup_buttons.addWidget(self.open_existing_button)
        dup_buttons.addWidget(self.save_anyway_button)
        dup_buttons.addStretch(1)
        dup_layout.addLayout(dup_buttons)
        self.duplicate_frame.hide()
        layout.addWidget(self.duplicate_frame)

        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Simpan"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)

        self.save_button.clicked.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.open_existing_button.clicked.connect(self.on_open_existing_clicked)
        self.save_anyway_button.clicked.connect(self.on_save_anyway_clicked)
        self.form.name_edit.setFocus()

    def on_save_clicked(self) -> None:
        problems = self.form.problems()
        if problems:
            self._show_message("\n".join("✖ " + p for p in problems), kind="error")
            return
        self._save(force_new=self._force_new)

    def on_save_anyway_clicked(self) -> None:
        self._force_new = True
        self.duplicate_frame.hide()
        self._save(force_new=True)

    def on_open_existing_clicked(self) -> None:
        if self._duplicate_id:
            self.existing_person_requested.emit(self._duplicate_id)
            self.reject()

    def _save(self, *, force_new: bool) -> None:
        op = operations.save_person(
            register=self._register,
            data=self.form.person_input(),
            person=self._person,
            force_new=force_new,
        )
        self.save_button.setEnabled(False)
        self._show_message(self.tr("Menyimpan…"), kind="info")
        self._runner.submit(op, on_done=self.on_save_done, on_error=self.on_save_failed)

    def on_save_done(self, outcome: PersonSaved) -> None:
        self.save_button.setEnabled(True)
        change = outcome.change
        if change is None:
            self._show_duplicates(outcome.duplicates, data=self.form.person_input())
            return
        self._show_message(self.tr("Data warga tersimpan."), kind="info")
        self.person_saved.emit(change.person_id, change)
        self.accept()

    def on_save_failed(self, error: BaseException) -> None:
        self.save_button.setEnabled(True)
        if isinstance(error, DuplicateNikError):
            self._duplicate_id = error.existing_id
            self.message.hide()
            self.duplicate_label.setText(
                self.tr("NIK ini sudah terdaftar untuk warga lain. Buka data warga tersebut?")
            )
            self.save_anyway_button.hide()
            self.duplicate_frame.show()
        elif isinstance(error, PersonInputError):
            self._show_message(
                "✖ " + person_error_text(field=error.field, code=error.code), kind="error"
            )
        elif isinstance(error, StaleVersionError):
            self._show_message(
                self.tr("Data warga ini baru saja diubah. Tutup formulir lalu buka lagi."),
                kind="error",
            )
        else:
            self._show_message(self.tr("Data belum tersimpan. Coba simpan lagi."), kind="error")
            sys.excepthook(type(error), error, error.__traceback__)

    def _show_duplicates(self, duplicates: Sequence[PersonRecord], *, data: PersonInput) -> None:
        first = duplicates[0]
        self._duplicate_id = first.id
        same_nik = bool(data.nik) and any(d.nik == data.nik for d in duplicates)
        lines = [
            self.tr("Mungkin warga ini sudah terdaftar:")
            if not same_nik
            else self.tr("NIK ini sudah terdaftar:")
        ]
        for d in duplicates[:3]:
            lines.append(f"• {d.name} — {d.birth_date:%d/%m/%Y} — {address_text(d) or '-'}")
        self.duplicate_label.setText("\n".join(lines))
        self.save_anyway_button.setVisible(not same_nik)
        self.message.hide()
        self.duplicate_frame.show()

    def _show_message(self, text: str, *, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)
        self.message.show()

    def done(self, result: int) -> None:
        # A save still running must finish before the dialog goes away, or its answer is lost.
        if not self.save_button.isEnabled() and result == QDialog.DialogCode.Rejected:
            return
        super().done(result)
