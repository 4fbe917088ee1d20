"""``VisitDialog``: records a new visit or corrects one, saving through an op on the runner.

Saving is possible only when the rules found a complete section and nothing is refused; the
dialog says why otherwise. A failed save keeps everything typed.
"""

from __future__ import annotations

import sys
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.errors import PersonInputError
from kader_app.core.models import Change, PersonRecord, VisitRecord
from kader_app.core.register import Register
from kader_app.core.rules.section import RuleSettings
from kader_app.core.rules.visit import VisitRefusedError
from kader_app.ui import operations
from kader_app.ui.labels import (
    person_error_text,
    place_codes,
    place_text,
    refusal_text,
    sex_text,
)
from kader_app.ui.people_model import age_years
from kader_app.ui.runner import Runner
from kader_app.ui.visit.form import VisitForm


class VisitDialog(QDialog):
    """Emits ``visit_saved(change, evaluation)`` once the Register has stored the visit."""

    visit_saved = Signal(object, object)

    def __init__(
        self,
        *,
        register: Register,
        runner: Runner,
        person: PersonRecord,
        settings: RuleSettings,
        recorded_by: str = "",
        visit: VisitRecord | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._register = register
        self._runner = runner
        self._person = person
        self._settings = settings
        self._recorded_by = recorded_by
        self._visit = visit
        self._saving = False
        title = self.tr("Koreksi pemeriksaan") if visit else self.tr("Pemeriksaan baru")
        self.setWindowTitle(f"{title} — {person.name}")
        measured_on = visit.inputs.measured_on if visit else date.today()

        layout = QVBoxLayout(self)
        header = QHBoxLayout()
        who = QLabel(
            self.tr("<b>{name}</b> · {sex} · {age} tahun").format(
                name=person.name,
                sex=sex_text(person.sex),
                age=age_years(person.birth_date, measured_on),
            ),
            self,
        )
        who.setTextFormat(Qt.TextFormat.RichText)
        header.addWidget(who, 1)
        header.addWidget(QLabel(self.tr("Tempat:"), self))
        self.place_combo = QComboBox(self)
        for code in place_codes():
            self.place_combo.addItem(place_text(code), code)
        header.addWidget(self.place_combo)
        layout.addLayout(header)

        self.form = VisitForm(
            subject=person.subject, measured_on=measured_on, settings=settings, parent=self
        )
        layout.addWidget(self.form, 1)
        if visit is not None:
            self.place_combo.setCurrentIndex(max(0, self.place_combo.findData(visit.place)))
            self.place_combo.setEnabled(False)
            self.form.set_inputs(visit.inputs)

        footer = QHBoxLayout()
        disclaimer = QLabel(
            self.tr("Ini hasil skrining, bukan diagnosis. Diagnosis hanya oleh tenaga kesehatan."),
            self,
        )
        disclaimer.setObjectName("hint")
        disclaimer.setWordWrap(True)
        footer.addWidget(disclaimer, 1)
        self.save_reason = QLabel(self)
        self.save_reason.setObjectName("saveReason")
        self.save_reason.setWordWrap(True)
        footer.addWidget(self.save_reason, 1)
        self.message = QLabel(self)
        self.message.setObjectName("formMessage")
        self.message.setWordWrap(True)
        footer.addWidget(self.message, 1)
        self.buttons = QDialogButtonBox(self)
        self.save_button = self.buttons.addButton(
            self.tr("&Simpan hasil skrining"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        footer.addWidget(self.buttons)
        layout.addLayout(footer)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.form.evaluated.connect(self.on_form_evaluated)
        self.on_form_evaluated()
        self.resize(1300, 690)
        first = self.form.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)

    def on_form_evaluated(self) -> None:
        blocker = self.form.save_blocker()
        self.save_reason.setText(blocker)
        self.save_reason.setVisible(bool(blocker))
        self.save_button.setEnabled(not self._saving and not blocker)

    def on_save_clicked(self) -> None:
        if self._saving or self.form.save_blocker():
            return
        inputs = self.form.visit_input()
        if self._visit is None:
            op = operations.record_visit(
                register=self._register,
                person_id=self._person.id,
                inputs=inputs,
                settings=self._settings,
                place=str(self.place_combo.currentData()),
                recorded_by=self._recorded_by,
            )
        else:
            op = operations.correct_visit(
                register=self._register,
                visit_id=self._visit.id,
                inputs=inputs,
                settings=self._settings,
                recorded_by=self._recorded_by,
            )
        self._saving = True
        self.save_button.setEnabled(False)
        self.message.setText(self.tr("Menyimpan…"))
        self._runner.submit(op, on_done=self.on_save_done, on_error=self.on_save_failed)

    def on_save_done(self, change: Change) -> None:
        self._saving = False
        self.visit_saved.emit(change, self.form.evaluation)
        self.accept()

    def on_save_failed(self, error: BaseException) -> None:
        self._saving = False
        self.on_form_evaluated()
        if isinstance(error, VisitRefusedError):
            texts = [refusal_text(e) for e in error.errors] or [
                self.tr("Belum bisa disimpan: belum ada bagian yang lengkap.")
            ]
            self.message.setText("\n".join("✖ " + text for text in texts))
            return
        if isinstance(error, PersonInputError):
            self.message.setText("✖ " + person_error_text(field=error.field, code=error.code))
            return
        self.message.setText(self.tr("✖ Belum tersimpan. Isian tetap ada; coba simpan lagi."))
        sys.excepthook(type(error), error, error.__traceback__)

    def done(self, result: int) -> None:
        # Closing while a save runs would lose its answer; the save finishes within moments.
        if self._saving:
            return
        super().done(result)
