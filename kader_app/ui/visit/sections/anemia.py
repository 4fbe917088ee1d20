"""The anaemia panel: the Hb a health worker measured (the rule knows the person's group)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.anemia import AnemiaInput
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext


class AnemiaPanel(SectionPanel):
    code = "anemia"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.hb = NumberField(field="hb_g_dl", unit="g/dL", parent=self.body)
        self.hb.edit.setAccessibleName(field_text(self.code, "hb_g_dl"))
        layout.addRow(field_text(self.code, "hb_g_dl"), self.hb)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.hb,)

    def read(self, errors: list[RuleInputError]) -> AnemiaInput:
        return AnemiaInput(hb_g_dl=value_of(self.hb.decimal, errors))

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, AnemiaInput)
        self.hb.set_text("" if inputs.hb_g_dl is None else number_text(inputs.hb_g_dl))


PANEL = AnemiaPanel
