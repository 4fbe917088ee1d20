"""``ResidentDialog``: registers a new resident or edits one, saving through the runner.

Ctrl+S saves from any field (Enter too, as the dialog's default button); Esc, the window's X
and Batal ask before throwing away what was typed. An error never clears what was typed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.errors import DuplicateNikError, PersonInputError, StaleVersionError
from kader_app.core.models import PersonInput, PersonRecord
from kader_app.core.register import Register
from kader_app.ui import operations
from kader_app.ui.discard import confirm_discard, typed_state
from kader_app.ui.labels import person_error_text
from kader_app.ui.operations import PersonSaved
from kader_app.ui.people_model import address_text
from kader_app.ui.resident_form import ResidentForm
from kader_app.ui.runner import Runner


class ResidentDialog(QDialog):
    """Registers a new resident or edits one; saves on the runner's database lane.

    Emits ``person_saved(person_id, change)`` after a save and ``existing_person_requested(id)``
    when the kader chooses to open an already registered resident instead. ``ask_discard`` is
    the "Buang perubahan?" question (True: throw the typing away).
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
        self._saving = False
        self._duplicate_id: str | None = None
        self.ask_discard: Callable[[], bool] = lambda: confirm_discard(self)
        self.setWindowTitle(self.tr("Ubah data warga") if person else self.tr("Warga baru"))

        layout = QVBoxLayout(self)
        self.form = ResidentForm(default_desa=default_desa, parent=self)
        if person is not None:
            self.form.set_person(person)
        layout.addWidget(self.form)

        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        self.message.setMinimumHeight(self.message.fontMetrics().lineSpacing() + 4)
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
            self.tr("&Simpan (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        self.save_button.setDefault(True)
        layout.addWidget(self.buttons)

        self.save_button.clicked.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.open_existing_button.clicked.connect(self.on_open_existing_clicked)
        self.save_anyway_button.clicked.connect(self.on_save_anyway_clicked)
        save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        save_shortcut.activated.connect(self.on_save_clicked)
        self._opened_with = typed_state(self.form)
        self.form.name_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def has_typed_changes(self) -> bool:
        return typed_state(self.form) != self._opened_with

    def on_save_clicked(self) -> None:
        if self._saving:
            return
        problems = self.form.show_problems()
        if problems:
            self._show_message(self.tr("Periksa isian yang ditandai merah."), kind="error")
            first = next(iter(problems))
            target = {
                "name": self.form.name_edit,
                "sex": self.form.sex_field,
                "birth_date": self.form.birth_edit,
                "nik": self.form.nik_edit,
                "kk": self.form.kk_edit,
            }.get(first)
            if target is not None:
                target.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self._save(force_new=self._force_new)

    def on_save_anyway_clicked(self) -> None:
        self._force_new = True
        self.duplicate_frame.hide()
        self._save(force_new=True)

    def on_open_existing_clicked(self) -> None:
        if self._duplicate_id:
            self.existing_person_requested.emit(self._duplicate_id)
            self._opened_with = typed_state(self.form)
            self.reject()

    def _save(self, *, force_new: bool) -> None:
        op = operations.save_person(
            register=self._register,
            data=self.form.person_input(),
            person=self._person,
            force_new=force_new,
        )
        self._saving = True
        self.save_button.setEnabled(False)
        self._show_message(self.tr("Menyimpan…"), kind="info")
        self._runner.submit(op, on_done=self.on_save_done, on_error=self.on_save_failed)

    def on_save_done(self, outcome: PersonSaved) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        change = outcome.change
        if change is None:
            self._show_duplicates(outcome.duplicates, data=self.form.person_input())
            return
        self._show_message(self.tr("Data warga tersimpan."), kind="info")
        self.person_saved.emit(change.person_id, change)
        self.accept()

    def on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if isinstance(error, DuplicateNikError):
            self._duplicate_id = error.existing_id
            self._show_message("", kind="")
            self.duplicate_label.setText(
                self.tr("NIK ini sudah terdaftar untuk warga lain. Buka data warga tersebut?")
            )
            self.save_anyway_button.hide()
            self.duplicate_frame.show()
        elif isinstance(error, PersonInputError):
            text = person_error_text(field=error.field, code=error.code)
            self.form.show_field_problem(error.field, text)
            self._show_message("✖ " + text, kind="error")
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
        self._show_message("", kind="")
        self.duplicate_frame.show()

    def _show_message(self, text: str, *, kind: str) -> None:
        self.message.setText(text)
        self.message.setProperty("kind", kind)
        self.message.style().unpolish(self.message)
        self.message.style().polish(self.message)

    def reject(self) -> None:
        """Esc, X and Batal: a save still running finishes first; typing is kept unless told."""
        if self._saving:
            return
        if self.has_typed_changes() and not self.ask_discard():
            return
        super().reject()
