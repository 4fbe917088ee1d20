"""The LiLA panel of a pregnant woman: one measurement (the rule finds the risk of KEK)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.lila_hamil import LilaHamilInput
from screening.rules.section import InputModel, RuleContext


class LilaHamilPanel(SectionPanel):
    code = "lila_hamil"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.lila = NumberField(field="lila_cm", unit="cm", parent=self.body)
        self.lila.edit.setAccessibleName(field_text(self.code, "lila_cm"))
        layout.addRow(field_text(self.code, "lila_cm"), self.lila)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.lila,)

    def read(self, errors: list[RuleInputError]) -> LilaHamilInput:
        return LilaHamilInput(lila_cm=value_of(self.lila.decimal, errors))

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, LilaHamilInput)
        self.lila.set_text("" if inputs.lila_cm is None else number_text(inputs.lila_cm))


PANEL = LilaHamilPanel
