"""``VisitDialog``: records a new visit or corrects one, saving through an op on the runner.

Saving is possible only when the rules found a complete section and nothing is refused; the
dialog says why otherwise. A failed save keeps everything typed.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.errors import PersonInputError
from kader_app.core.models import Change, PersonRecord, VisitRecord
from kader_app.core.register import Register
from kader_app.ui import operations
from kader_app.ui.date_field import DateField
from kader_app.ui.discard import confirm_discard, typed_state
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
from screening.rules.section import RuleSettings
from screening.rules.visit import VisitInput, VisitRefusedError


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
        self._today = date.today()
        self._date_problem = ""
        self.ask_discard: Callable[[], bool] = lambda: confirm_discard(self)
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
        date_label = QLabel(self.tr("&Tanggal pemeriksaan:"), self)
        header.addWidget(date_label)
        self.date_field = DateField(today=self._today, parent=self)
        self.date_field.set_date(measured_on)
        self.date_field.setEnabled(visit is None)
        date_label.setBuddy(self.date_field.edit)
        self.date_field.edit.setAccessibleName(self.tr("Tanggal pemeriksaan"))
        header.addWidget(self.date_field)
        self.date_message = QLabel(self)
        self.date_message.setObjectName("dateMessage")
        self.date_message.setWordWrap(True)
        self.date_message.setFixedWidth(300)
        header.addWidget(self.date_message)
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
            self.tr("&Simpan hasil skrining (Ctrl+S)"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.buttons.addButton(self.tr("&Batal"), QDialogButtonBox.ButtonRole.RejectRole)
        footer.addWidget(self.buttons)
        layout.addLayout(footer)
        for button in self.buttons.buttons():
            if isinstance(button, QPushButton):
                # Enter moves on from field to field; Ctrl+S saves.
                button.setAutoDefault(False)
                button.setDefault(False)
        self.save_button.clicked.connect(self.on_save_clicked)
        self.buttons.rejected.connect(self.reject)
        self.form.evaluated.connect(self.on_form_evaluated)
        self.date_field.edited.connect(self.on_date_edited)
        save_shortcut = QShortcut(QKeySequence("Ctrl+S"), self)
        save_shortcut.activated.connect(self.on_save_clicked)
        self.on_date_edited()
        self.on_form_evaluated()
        self._opened_with = self._typed()
        self._fit_screen()
        first = self.form.first_field()
        if first is not None:
            first.setFocus(Qt.FocusReason.OtherFocusReason)
        if visit is None:
            self._load_carried(measured_on)

    def _fit_screen(self) -> None:
        """As large as a 1366×768 screen allows, and never larger than the screen it is on."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = 1340, 700
        if screen is not None:
            width, height = min(width, screen.width() - 20), min(height, screen.height() - 40)
        self.resize(width, height)

    def _typed(self) -> tuple[object, ...]:
        return (*typed_state(self.form), self.date_field.edit.text())

    def has_typed_changes(self) -> bool:
        return self._typed() != self._opened_with

    def measured_on(self) -> date | None:
        """The measurement date typed, when it can be used (not in the future)."""
        found = self.date_field.value()
        if found is None or found > self._today or found < self._person.birth_date:
            return None
        return found

    def on_date_edited(self) -> None:
        found = self.date_field.value()
        warning = ""
        if self.date_field.is_empty() or found is None:
            problem = self.tr("Ketik tanggal seperti 23081990")
        elif found > self._today:
            problem = self.tr("Tanggal pemeriksaan tidak boleh di masa depan")
        elif found < self._person.birth_date:
            problem = self.tr("Tanggal pemeriksaan sebelum tanggal lahir warga")
        else:
            problem = ""
            if (self._today - found).days > OLD_VISIT_DAYS:
                warning = self.tr("Lebih dari {n} hari yang lalu: pastikan tanggalnya benar.")
                warning = warning.format(n=OLD_VISIT_DAYS)
        self._date_problem = problem
        self.date_message.setText("✖ " + problem if problem else "⚠ " + warning if warning else "")
        self.date_message.setProperty("kind", "error" if problem else "warning")
        self.date_message.style().unpolish(self.date_message)
        self.date_message.style().polish(self.date_message)
        on = self.measured_on()
        if on is not None and on != self.form.context.on:
            self.form.set_measured_on(on)
            if self._visit is None:
                self._load_carried(on)
        self.on_form_evaluated()

    def _load_carried(self, on: date) -> None:
        op = operations.start_visit(
            register=self._register, person_id=self._person.id, on=on, settings=self._settings
        )
        self._runner.submit(op, on_done=lambda carried: self._on_carried(on, carried))

    def _on_carried(self, on: date, carried: VisitInput) -> None:
        if on == self.form.context.on and carried.sections:
            self.form.fill_carried(carried)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """Enter moves to the next field (on a button it presses it); Esc asks first."""
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            focused = self.focusWidget()
            if isinstance(focused, QPushButton):
                focused.click()
            else:
                self.focusNextPrevChild(True)
            return
        super().keyPressEvent(event)

    def tab_chain(self) -> list[QWidget]:
        """Where Tab goes, in order: every section's fields, then the rest of the dialog."""
        rest: list[QWidget] = [*self.form.add_buttons.values()]
        rest += [self.date_field.edit, self.place_combo, *self.buttons.buttons()]
        return [*self.form.focus_chain(), *(w for w in rest if w.isEnabled() and w.isVisible())]

    def focusNextPrevChild(self, next: bool) -> bool:  # noqa: N802, A002
        """Tab walks each section's fields in order and on into the next section's tab."""
        chain = self.tab_chain()
        focused = self.focusWidget()
        if not chain:
            return super().focusNextPrevChild(next)
        if focused in chain:
            at = chain.index(focused)
        else:
            # The field that had the cursor went away (a question answered): from its place.
            every = self.form.focus_chain(every=True)
            if focused not in every:
                return super().focusNextPrevChild(next)
            before = every[: every.index(focused)]
            at = sum(1 for w in before if w in chain) - (1 if next else 0)
        target = chain[(at + (1 if next else -1)) % len(chain)]
        self.form.show_field(target)
        target.setFocus(
            Qt.FocusReason.TabFocusReason if next else Qt.FocusReason.BacktabFocusReason
        )
        return True

    def reject(self) -> None:
        """Esc, X and Batal: asks "Buang perubahan?" when something was typed (default: no)."""
        if self._saving:
            return
        if self.has_typed_changes() and not self.ask_discard():
            return
        super().reject()

    def on_form_evaluated(self) -> None:
        blocker = self._date_problem and self.tr("Belum bisa disimpan: periksa tanggal.")
        blocker = blocker or self.form.save_blocker()
        self.save_reason.setText(blocker)
        self.save_reason.setVisible(bool(blocker))
        self.save_button.setEnabled(not self._saving and not blocker)

    def on_save_clicked(self) -> None:
        if self._saving or self._date_problem or self.form.save_blocker():
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


OLD_VISIT_DAYS = 60
