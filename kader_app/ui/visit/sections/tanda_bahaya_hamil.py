"""The pregnancy danger-signs panel: asked ya/tidak, then which signs (Buku KIA's list).

"Tidak" records that she was asked and has none; "Ya" waits for the signs to be ticked, and a
sign ticked answers "Ya". A sign ticked before "Tidak" stays, greyed, and is not recorded.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.ui.labels import field_text, item_text
from kader_app.ui.visit.answers import CheckListField, YesNoField
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.tanda_bahaya_hamil import SIGNS, TandaBahayaHamilInput


class TandaBahayaHamilPanel(SectionPanel):
    code = "tanda_bahaya_hamil"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.any_sign = YesNoField(field="signs", parent=self.body)
        self.any_sign.setAccessibleName(field_text(self.code, "signs"))
        self.signs = CheckListField(
            field="signs", items=[(s, item_text(self.code, s)) for s in SIGNS], parent=self.body
        )
        layout.addRow(field_text(self.code, "signs"), self.any_sign)
        layout.addRow("", self.signs)
        self.any_sign.edited.connect(self.on_answered)
        self.signs.edited.connect(self.on_sign_ticked)
        self.connect_fields()

    def on_answered(self) -> None:
        self.signs.setEnabled(self.any_sign.value() is not False)

    def on_sign_ticked(self) -> None:
        if self.signs.isEnabled() and self.signs.value() and self.any_sign.value() is not True:
            self.any_sign.set_value(True)

    def fields(self) -> Sequence[FieldWidget]:
        return (self.any_sign, self.signs)

    def read(self, errors: list[RuleInputError]) -> TandaBahayaHamilInput:  # noqa: ARG002
        if self.any_sign.value() is False:
            return TandaBahayaHamilInput(signs=frozenset())
        ticked = self.signs.value()
        return TandaBahayaHamilInput(signs=ticked or None)

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, TandaBahayaHamilInput)
        if inputs.signs is None:
            return
        self.any_sign.set_value(bool(inputs.signs))
        self.signs.set_value(set(inputs.signs))


PANEL = TandaBahayaHamilPanel
