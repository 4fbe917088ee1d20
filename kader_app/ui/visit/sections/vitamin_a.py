"""The vitamin A panel: the capsules given before (carried, read-only) and ya/tidak for today.

The rule says whether this round's capsule is given, due or missed; nothing is assumed here.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from kader_app.ui.labels import field_text
from kader_app.ui.lifecycle_words import none_listed
from kader_app.ui.visit.answers import YesNoField
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.lifecycle_fields import date_text
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.vitamin_a import VitaminAInput


class VitaminAPanel(SectionPanel):
    code = "vitamin_a"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        self._earlier: tuple[date, ...] = ()
        layout = QFormLayout(self.body)
        self.earlier = QLabel(none_listed(), self.body)
        self.earlier.setWordWrap(True)
        self.today = YesNoField(field="today", parent=self.body)
        self.today.setAccessibleName(field_text(self.code, "today"))
        layout.addRow(field_text(self.code, "given"), self.earlier)
        layout.addRow(field_text(self.code, "today"), self.today)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return (self.today,)

    def read(self, errors: list[RuleInputError]) -> VitaminAInput:  # noqa: ARG002
        return VitaminAInput(earlier=self._earlier, today=self.today.value())

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, VitaminAInput)
        self._earlier = inputs.earlier
        shown = ", ".join(date_text(day) for day in inputs.earlier)
        self.earlier.setText(shown or none_listed())
        self.today.set_value(inputs.today)


PANEL = VitaminAPanel
