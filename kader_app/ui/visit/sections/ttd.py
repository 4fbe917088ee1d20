"""The TTD panel: tablets given at this visit, beside those given earlier in this pregnancy.

The earlier counts are carried from the pregnancy's earlier visits and shown read-only; the rule
adds them up. No target is shown (none was found in the sources).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from kader_app.ui.labels import field_text
from kader_app.ui.lifecycle_words import none_listed
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.ttd import TtdInput


class TtdPanel(SectionPanel):
    code = "ttd"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        self._earlier: tuple[int, ...] = ()
        layout = QFormLayout(self.body)
        self.earlier = QLabel(self.body)
        self.earlier.setWordWrap(True)
        self.given = NumberField(field="given", width=70, parent=self.body)
        self.given.edit.setAccessibleName(field_text(self.code, "given"))
        layout.addRow(field_text(self.code, "entries"), self.earlier)
        layout.addRow(field_text(self.code, "given"), self.given)
        self._show_earlier()
        self.connect_fields()

    def _show_earlier(self) -> None:
        counts = self._earlier
        if not counts:
            self.earlier.setText(none_listed())
        elif len(counts) == 1:
            self.earlier.setText(str(counts[0]))
        else:
            self.earlier.setText(f"{' + '.join(str(c) for c in counts)} = {sum(counts)}")

    def fields(self) -> Sequence[FieldWidget]:
        return (self.given,)

    def read(self, errors: list[RuleInputError]) -> TtdInput:
        return TtdInput(earlier=self._earlier, given=value_of(self.given.whole, errors))

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, TtdInput)
        self._earlier = inputs.earlier
        self._show_earlier()
        self.given.set_text("" if inputs.given is None else str(inputs.given))


PANEL = TtdPanel
