"""The gula darah panel: the meter's reading, its unit, fasting or random, low-sugar symptoms.

Fasting or random has no default: the kader must ask (the rule leaves the section incomplete).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QCheckBox, QComboBox, QFormLayout, QHBoxLayout, QLabel, QWidget

from kader_app.ui.labels import field_text, item_text
from kader_app.ui.visit.answers import ChoiceField, YesNoField
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.common import RuleInputError
from screening.rules.glucose import GlucoseInput, GlucoseKind, GlucoseUnit, unit_in_doubt
from screening.rules.section import InputModel, RuleContext

UNITS: tuple[GlucoseUnit, ...] = ("mg/dL", "mmol/L")
KINDS: tuple[GlucoseKind, ...] = ("sewaktu", "puasa")


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


class _SymptomsField(FieldWidget):
    """One tick box: whether low-sugar symptoms are present."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(field="hypo_symptoms", parent=parent)
        self.box = QCheckBox(field_text("glucose", "hypo_symptoms"), self)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.box, self.message)
        self.box.toggled.connect(self.edited)

    def focus_target(self) -> QWidget:
        return self.box


class _UnitField(FieldWidget):
    """The unit the meter shows (mg/dL unless the kader picks mmol/L)."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(field="unit", parent=parent)
        self.combo = QComboBox(self)
        for unit in UNITS:
            self.combo.addItem(unit, unit)
        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow(self.combo, self.message)
        self.combo.currentIndexChanged.connect(self.edited)

    def focus_target(self) -> QWidget:
        return self.combo

    def value(self) -> GlucoseUnit:
        return "mmol/L" if self.combo.currentData() == "mmol/L" else "mg/dL"


class _UnitQuestion(FieldWidget):
    """Asks "Apakah satuan alat mmol/L?" while a mg/dL number reads like a mmol/L one."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(field="unit_question", parent=parent)
        self.setObjectName("unitQuestion")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel(unit_question_text(), self)
        self.label.setObjectName("resultMissing")
        self.answer = YesNoField(field="unit_question", parent=self)
        self.answer.setAccessibleName(unit_question_text())
        self.answer.buttons[True].setText(self.tr("Ya, mmol/L"))
        self.answer.buttons[False].setText(self.tr("Tidak, mg/dL"))
        layout.addWidget(self.label)
        layout.addWidget(self.answer, 1)

    def focus_target(self) -> QWidget:
        return self.answer


def unit_question_text() -> str:
    return QCoreApplication.translate("GlucosePanel", "Apakah satuan alat mmol/L?")


class GlucosePanel(SectionPanel):
    code = "glucose"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.value = NumberField(field="value", parent=self.body)
        self.value.edit.setPlaceholderText(self.tr("angka, LO atau HI"))
        self.unit = _UnitField(self.body)
        self.kind = ChoiceField(
            field="kind",
            options=[(k, _capitalised(item_text(self.code, k))) for k in KINDS],
            vertical=False,
            parent=self.body,
        )
        self.symptoms = _SymptomsField(self.body)
        self.unit_question = _UnitQuestion(self.body)
        self.unit_question.hide()
        # The number typed that the kader said is really mg/dL (asked once per number).
        self._mg_dl_confirmed: str | None = None
        layout.addRow(field_text(self.code, "value"), self.value)
        layout.addRow("", self.unit_question)
        layout.addRow(field_text(self.code, "unit"), self.unit)
        layout.addRow(field_text(self.code, "kind"), self.kind)
        hint = QLabel(self.tr("Puasa: tidak makan dan minum selain air putih minimal 8 jam."))
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addRow("", hint)
        layout.addRow("", self.symptoms)
        self.connect_fields()
        self.unit_question.answer.edited.connect(self.on_unit_answered)
        self.value.edited.connect(self._update_question)
        self.unit.edited.connect(self._update_question)

    def fields(self) -> Sequence[FieldWidget]:
        return (self.value, self.unit_question, self.unit, self.kind, self.symptoms)

    def _in_doubt(self) -> bool:
        text = self.value.text()
        return text != self._mg_dl_confirmed and unit_in_doubt(text, unit=self.unit.value())

    def _update_question(self) -> None:
        asking = self._in_doubt()
        if asking and self.unit_question.isHidden():
            self.unit_question.answer.clear()
        self.unit_question.setVisible(asking)

    def on_unit_answered(self) -> None:
        answer = self.unit_question.answer.value()
        if answer is None:
            return
        if answer:
            self.unit.combo.setCurrentIndex(self.unit.combo.findData("mmol/L"))
        else:
            self._mg_dl_confirmed = self.value.text()
        self._update_question()
        self.edited.emit()

    def question(self) -> str | None:
        return unit_question_text() if self._in_doubt() else None

    def read(self, errors: list[RuleInputError]) -> GlucoseInput:  # noqa: ARG002
        kind = self.kind.value()
        return GlucoseInput(
            value=self.value.text() or None,
            kind="puasa" if kind == "puasa" else "sewaktu" if kind == "sewaktu" else None,
            hypo_symptoms=self.symptoms.box.isChecked(),
            unit=self.unit.value(),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, GlucoseInput)
        self.value.set_text(inputs.value or "")
        self.unit.combo.setCurrentIndex(max(0, self.unit.combo.findData(inputs.unit)))
        self.kind.set_value(inputs.kind)
        self.symptoms.box.setChecked(inputs.hypo_symptoms)


PANEL = GlucosePanel
