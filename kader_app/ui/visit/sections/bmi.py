"""The IMT panel: weight and height (the rule computes and classifies the BMI)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, number_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.bmi import BmiInput
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext


class BmiPanel(SectionPanel):
    code = "bmi"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.weight_field = NumberField(field="weight_kg", unit="kg", parent=self.body)
        self.height_field = NumberField(field="height_cm", unit="cm", parent=self.body)
        for field in self.fields():
            layout.addRow(field_text(self.code, field.field), field)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.weight_field, self.height_field)

    def read(self, errors: list[RuleInputError]) -> BmiInput:
        return BmiInput(
            weight_kg=value_of(self.weight_field.decimal, errors),
            height_cm=value_of(self.height_field.decimal, errors),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, BmiInput)
        for field, value in (
            (self.weight_field, inputs.weight_kg),
            (self.height_field, inputs.height_cm),
        ):
            field.set_text("" if value is None else number_text(value))


PANEL = BmiPanel
