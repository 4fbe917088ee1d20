"""The IMT/U panel (5 to < 18 years): weight and standing height; the rule finds BMI-for-age.

A z far from the median is kept and classified; the rules' request to check the weight and
height typed is framed under the fields.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Final

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.lifecycle_fields import CheckAgainNote
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.imt_u import IMT_U_CONFIRM, IMT_U_IMPLAUSIBLE, ImtUInput
from screening.rules.section import InputModel, RuleContext, SectionResult

CHECK_AGAIN: Final = frozenset({IMT_U_IMPLAUSIBLE, IMT_U_CONFIRM})


class ImtUPanel(SectionPanel):
    code = "imt_u"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.weight_field = NumberField(field="weight_kg", unit="kg", parent=self.body)
        self.height_field = NumberField(field="height_cm", unit="cm", parent=self.body)
        for name, field in (("weight_kg", self.weight_field), ("height_cm", self.height_field)):
            field.edit.setAccessibleName(field_text(self.code, name))
            layout.addRow(field_text(self.code, name), field)
        self.note = CheckAgainNote(self.body)
        layout.addRow(self.note)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.weight_field, self.height_field)

    def read(self, errors: list[RuleInputError]) -> ImtUInput:
        return ImtUInput(
            weight_kg=value_of(self.weight_field.decimal, errors),
            height_cm=value_of(self.height_field.decimal, errors),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, ImtUInput)
        for field, value in (
            (self.weight_field, inputs.weight_kg),
            (self.height_field, inputs.height_cm),
        ):
            field.set_text("" if value is None else number_text(value))

    def show_result(self, result: SectionResult | None) -> None:
        self.note.show_result(result, CHECK_AGAIN)


PANEL = ImtUPanel
