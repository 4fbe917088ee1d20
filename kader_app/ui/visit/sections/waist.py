"""The lingkar perut panel: one measurement (the rule knows each sex's limit)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.waist import WaistInput


class WaistPanel(SectionPanel):
    code = "waist"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.waist = NumberField(field="waist_cm", unit="cm", parent=self.body)
        layout.addRow(field_text(self.code, "waist_cm"), self.waist)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.waist,)

    def read(self, errors: list[RuleInputError]) -> WaistInput:
        return WaistInput(waist_cm=value_of(self.waist.decimal, errors))

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, WaistInput)
        value = inputs.waist_cm
        self.waist.set_text("" if value is None else number_text(value))


PANEL = WaistPanel
