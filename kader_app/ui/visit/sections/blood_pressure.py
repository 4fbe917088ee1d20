"""The tensi panel: one or two readings, systolic over diastolic (the rule averages two)."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGridLayout, QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import field_text
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.blood_pressure import MAX_READINGS, UNIT, BloodPressureInput, Reading
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext


class BloodPressurePanel(SectionPanel):
    code = "blood_pressure"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QGridLayout(self.body)
        layout.addWidget(QLabel(field_text(self.code, "systolic"), self.body), 0, 1)
        layout.addWidget(QLabel(field_text(self.code, "diastolic"), self.body), 0, 2)
        self.readings: list[tuple[NumberField, NumberField]] = []
        titles = (self.tr("Pengukuran 1"), self.tr("Pengukuran 2\n(boleh kosong)"))
        for number, title in enumerate(titles[:MAX_READINGS], start=1):
            row = QVBoxLayout()
            pair = []
            for name in ("systolic", "diastolic"):
                field = NumberField(
                    field=name, index=number, unit=UNIT, message_beside=False, parent=self.body
                )
                field.edit.setAccessibleName(field_text(self.code, name, number))
                row.addWidget(field.message)
                pair.append(field)
            systolic, diastolic = pair
            layout.addWidget(QLabel(title, self.body), number, 0, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(systolic, number, 1, Qt.AlignmentFlag.AlignTop)
            layout.addWidget(diastolic, number, 2, Qt.AlignmentFlag.AlignTop)
            layout.addLayout(row, number, 3)
            self.readings.append((systolic, diastolic))
        hint = QLabel(
            self.tr("Jika diukur dua kali, hasil memakai rata-rata kedua pengukuran."), self.body
        )
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        layout.addWidget(hint, MAX_READINGS + 1, 0, 1, 4)
        layout.setColumnStretch(3, 1)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return tuple(field for pair in self.readings for field in pair)

    def read(self, errors: list[RuleInputError]) -> BloodPressureInput:
        return BloodPressureInput(
            readings=tuple(
                Reading(
                    systolic=value_of(systolic.whole, errors),
                    diastolic=value_of(diastolic.whole, errors),
                )
                for systolic, diastolic in self.readings
            )
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, BloodPressureInput)
        for (systolic, diastolic), reading in zip(self.readings, inputs.readings, strict=False):
            systolic.set_text("" if reading.systolic is None else str(reading.systolic))
            diastolic.set_text("" if reading.diastolic is None else str(reading.diastolic))


PANEL = BloodPressurePanel
