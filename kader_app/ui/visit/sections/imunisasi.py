"""The imunisasi panel: each antigen's doses as in the KIA book; earlier records read-only.

A dose recorded at an earlier visit shows its date (carried); one not yet recorded takes the
date it was given (H: today). With nothing new, the kader ticks that the KIA book was checked,
so the rule still gives each antigen's status. JE is shown only where it is endemic.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import field_text, item_text
from kader_app.ui.lifecycle_words import word
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.lifecycle_fields import DateField, TickField, date_text
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.imunisasi import ANTIGENS, ENDEMIC_ONLY, SCHEDULE, ImunisasiInput
from screening.rules.section import InputModel, RuleContext

DOSES_OF = {a: [dose for dose, antigen, *_ in SCHEDULE if antigen == a] for a in ANTIGENS}


def _dose_heading(number: int) -> str:
    """The words for dose ``number`` alone (``dosis 2``), from the vocabulary's OPV doses."""
    full, name = field_text("imunisasi", f"opv_{number}"), item_text("imunisasi", "opv")
    return full[len(name) :].strip() if full.startswith(name) else str(number)


class ImunisasiPanel(SectionPanel):
    code = "imunisasi"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        self._earlier: dict[str, date] = {}
        self._je_endemic = False
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        hint = QLabel(word(self.code, "items", "date_hint"), self.body)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint)
        grid = QGridLayout()
        widest = max(len(doses) for doses in DOSES_OF.values())
        for number in range(1, widest + 1):
            grid.addWidget(QLabel(_dose_heading(number), self.body), 0, number)
        self.dates: dict[str, DateField] = {}
        self.recorded: dict[str, QLabel] = {}
        self._names: dict[str, QLabel] = {}
        messages = QVBoxLayout()
        for row, antigen in enumerate(ANTIGENS, start=1):
            name = QLabel(item_text(self.code, antigen), self.body)
            grid.addWidget(name, row, 0)
            self._names[antigen] = name
            for column, dose in enumerate(DOSES_OF[antigen], start=1):
                field = DateField(
                    field=dose, today=context.on, message_beside=False, parent=self.body
                )
                field.edit.setAccessibleName(field_text(self.code, dose))
                recorded = QLabel(self.body)
                recorded.setAccessibleName(field_text(self.code, dose))
                recorded.hide()
                grid.addWidget(field, row, column)
                grid.addWidget(recorded, row, column)
                messages.addWidget(field.message)
                self.dates[dose] = field
                self.recorded[dose] = recorded
        grid.setColumnStretch(widest + 1, 1)
        layout.addLayout(grid)
        layout.addLayout(messages)
        self.reviewed = TickField(
            field="reviewed", text=word(self.code, "fields", "reviewed"), parent=self.body
        )
        layout.addWidget(self.reviewed)
        self._show_rows()
        self.connect_fields()

    def _show_rows(self) -> None:
        for antigen, name in self._names.items():
            doses = DOSES_OF[antigen]
            shown = (
                antigen not in ENDEMIC_ONLY
                or self._je_endemic
                or any(dose in self._earlier for dose in doses)
            )
            name.setVisible(shown)
            for dose in doses:
                carried = self._earlier.get(dose)
                self.dates[dose].setHidden(carried is not None or not shown)
                self.recorded[dose].setVisible(shown and carried is not None)
                self.recorded[dose].setText("" if carried is None else "✓ " + date_text(carried))

    def fields(self) -> Sequence[FieldWidget]:
        """The doses still to record, in the KIA book's order, then the checked tick."""
        return (*(f for f in self.dates.values() if not f.isHidden()), self.reviewed)

    def read(self, errors: list[RuleInputError]) -> ImunisasiInput:
        given: dict[str, date] = {}
        for dose, field in self.dates.items():
            if field.isHidden():
                continue
            day = value_of(field.value, errors)
            if day is not None:
                given[dose] = day
        return ImunisasiInput(
            earlier=self._earlier,
            given=given,
            reviewed=self.reviewed.value(),
            je_endemic=self._je_endemic,
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, ImunisasiInput)
        self._earlier = dict(inputs.earlier)
        self._je_endemic = inputs.je_endemic
        for dose, field in self.dates.items():
            field.set_date(inputs.given.get(dose))
        self.reviewed.set_value(inputs.reviewed)
        self._show_rows()


PANEL = ImunisasiPanel
