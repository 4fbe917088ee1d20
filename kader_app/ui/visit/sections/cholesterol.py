"""The kolesterol panel: the POCT meter's reading (mg/dL, or the meter's LO / HI)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.cholesterol import CholesterolInput
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext


class CholesterolPanel(SectionPanel):
    code = "cholesterol"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.value = NumberField(field="value", unit="mg/dL", parent=self.body)
        layout.addRow(field_text(self.code, "value"), self.value)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.value,)

    def read(self, errors: list[RuleInputError]) -> CholesterolInput:  # noqa: ARG002
        # The rule reads the text itself: a number, or the meter's LO / HI.
        return CholesterolInput(value=self.value.text() or None)

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, CholesterolInput)
        self.value.set_text(inputs.value or "")


PANEL = CholesterolPanel
