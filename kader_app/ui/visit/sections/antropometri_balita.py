"""The balita growth panel: weight, length or height with its position, head, oedema.

The measuring position has no default: once a length is typed the kader says how the child lay
or stood (the rule waits for it). What the rules ask to check before saving — a z beyond WHO's
limits, a position that does not fit the age — is framed under the fields, in their words, and
asked as a question ("Sudah diukur ulang dan benar?"): until the kader answers Ya for the values
as typed, the section has no result and the visit cannot be saved; Tidak keeps the question open
and puts the cursor back in the weight, to measure again.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from PySide6.QtCore import QCoreApplication, QTimer
from PySide6.QtWidgets import QFormLayout, QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import field_text, number_text, reason_text
from kader_app.ui.lifecycle_words import word
from kader_app.ui.visit.answers import YesNoField
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.lifecycle_fields import CheckAgainNote, KeyChoiceField, TickField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.antropometri_balita import SPEC, AntropometriBalitaInput
from screening.rules.common import RuleInputError
from screening.rules.growth_balita import (
    GROWTH_RECUMBENT_FROM_2,
    GROWTH_STANDING_UNDER_2,
    INDICES,
)
from screening.rules.growth_inputs import POSITIONS
from screening.rules.section import InputModel, RuleContext, SectionResult

CHECK_AGAIN: Final = frozenset(
    {f"growth_{index}_{kind}" for index in INDICES for kind in ("implausible", "confirm")}
    | {GROWTH_STANDING_UNDER_2, GROWTH_RECUMBENT_FROM_2}
)
"""The reasons with which the rules ask the kader to check a value before saving."""


def confirm_question_text() -> str:
    return QCoreApplication.translate(
        "AntropometriBalitaPanel", "Sudah diukur ulang dan angkanya benar?"
    )


class _ConfirmQuestion(FieldWidget):
    """The rules' request to check, with "Sudah diukur ulang dan angkanya benar?" Ya / Tidak."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(field="confirmed", parent=parent)
        self.setObjectName("confirmQuestion")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.reasons = CheckAgainNote(self)
        self.answer = YesNoField(field="confirmed", parent=self)
        self.answer.setAccessibleName(confirm_question_text())
        self.answer.buttons[True].setText(
            QCoreApplication.translate("AntropometriBalitaPanel", "Ya, sudah benar")
        )
        self.answer.buttons[False].setText(
            QCoreApplication.translate("AntropometriBalitaPanel", "Tidak, ukur ulang")
        )
        label = QLabel(confirm_question_text(), self)
        label.setObjectName("resultMissing")
        layout.addWidget(self.reasons)
        layout.addWidget(label)
        layout.addWidget(self.answer)

    def focus_target(self) -> QWidget:
        return self.answer


class AntropometriBalitaPanel(SectionPanel):
    code = "antropometri_balita"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.weight = NumberField(field="weight_kg", unit="kg", parent=self.body)
        self.length = NumberField(field="length_cm", unit="cm", parent=self.body)
        self.position = KeyChoiceField(
            field="position",
            options=[(code, word(self.code, "items", code)) for code in POSITIONS],
            parent=self.body,
        )
        self.head = NumberField(field="head_cm", unit="cm", parent=self.body)
        for name, field in (
            ("weight_kg", self.weight),
            ("length_cm", self.length),
            ("position", self.position),
            ("head_cm", self.head),
        ):
            field.focus_target().setAccessibleName(field_text(self.code, name))
            layout.addRow(field_text(self.code, name), field)
        self.oedema = TickField(
            field="oedema", text=field_text(self.code, "oedema"), parent=self.body
        )
        layout.addRow("", self.oedema)
        self.note = CheckAgainNote(self.body)
        layout.addRow(self.note)
        self.confirm = _ConfirmQuestion(self.body)
        self.confirm.hide()
        layout.addRow(self.confirm)
        # The values (as typed) the kader said were measured again and are right.
        self._confirmed: tuple[str, ...] | None = None
        self.position.setEnabled(False)
        self.length.edited.connect(self.on_length_edited)
        self.connect_fields()
        self.confirm.answer.edited.connect(self.on_confirm_answered)

    def on_length_edited(self) -> None:
        # The position is asked with a length; a choice made stays, greyed, if it is cleared.
        self.position.setEnabled(bool(self.length.text()))

    def fields(self) -> Sequence[FieldWidget]:
        return (self.weight, self.length, self.position, self.head, self.oedema, self.confirm)

    def _typed(self) -> tuple[str, ...]:
        return (
            self.weight.text(),
            self.length.text(),
            str(self.position.value()),
            self.head.text(),
            str(self.oedema.value()),
        )

    def _asks_to_check(self) -> SectionResult | None:
        """The result of the values as typed when the rules ask to check them, else None."""
        errors: list[RuleInputError] = []
        inputs = self.read(errors)
        if errors:
            return None
        result = SPEC.evaluate(inputs, self.context)
        if isinstance(result, SectionResult) and result.values.get("confirm"):
            return result
        return None

    def question(self) -> str | None:
        result = self._asks_to_check()
        asking = result is not None and self._typed() != self._confirmed
        if asking and self.confirm.isHidden():
            self.confirm.answer.clear()
        if result is not None:
            sentences = [reason_text(r) for r in result.reasons if r.code in CHECK_AGAIN]
            self.confirm.reasons.setText("\n".join("⚠ " + sentence for sentence in sentences))
            self.confirm.reasons.setVisible(bool(sentences))
        self.confirm.setVisible(asking)
        return confirm_question_text() if asking else None

    def on_confirm_answered(self) -> None:
        answer = self.confirm.answer.value()
        if answer is None:
            return
        if answer:
            self._confirmed = self._typed()
        else:
            self.confirm.answer.clear()
            # After the answer's own move to the next field: back to the weight, to measure again.
            QTimer.singleShot(0, self.weight.focus_target().setFocus)
        self.edited.emit()

    def read(self, errors: list[RuleInputError]) -> AntropometriBalitaInput:
        length = value_of(self.length.decimal, errors)
        return AntropometriBalitaInput(
            weight_kg=value_of(self.weight.decimal, errors),
            length_cm=length,
            position=self.position.value() if self.length.text() else None,
            head_cm=value_of(self.head.decimal, errors),
            oedema=self.oedema.value(),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, AntropometriBalitaInput)
        for field, value in (
            (self.weight, inputs.weight_kg),
            (self.length, inputs.length_cm),
            (self.head, inputs.head_cm),
        ):
            field.set_text(_shown(value))
        self.position.set_value(inputs.position)
        self.oedema.set_value(inputs.oedema)
        # Values saved before were confirmed then (a correction does not ask again for them).
        self._confirmed = self._typed()

    def show_result(self, result: SectionResult | None) -> None:
        self.note.show_result(result, CHECK_AGAIN)


def _shown(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


PANEL = AntropometriBalitaPanel
