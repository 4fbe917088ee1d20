"""The LiLA balita panel (6–59 months): one measurement, classified by the rule."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.lila_balita import LilaBalitaInput
from screening.rules.section import InputModel, RuleContext


class LilaBalitaPanel(SectionPanel):
    code = "lila_balita"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.lila = NumberField(field="lila_cm", unit="cm", parent=self.body)
        self.lila.edit.setAccessibleName(field_text(self.code, "lila_cm"))
        layout.addRow(field_text(self.code, "lila_cm"), self.lila)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.lila,)

    def read(self, errors: list[RuleInputError]) -> LilaBalitaInput:
        return LilaBalitaInput(lila_cm=value_of(self.lila.decimal, errors))

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, LilaBalitaInput)
        self.lila.set_text("" if inputs.lila_cm is None else number_text(inputs.lila_cm))


PANEL = LilaBalitaPanel
