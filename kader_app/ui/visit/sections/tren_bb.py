"""The weight-trend panel: the weighings carried from earlier visits, and the KMS chart.

Nothing is typed here: today's weight is the growth section's, and the rule answers N / T / O /
B against last month. The chart shows every weighing over the WHO lines, marked as the rule
marks it; the earlier weighings are read-only (they belong to their own visits).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Final

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kader_app.ui.kms_chart import KmsChart
from kader_app.ui.labels import field_text, month_title, number_text
from kader_app.ui.lifecycle_words import none_listed
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.common import RuleInputError
from screening.rules.kms_curves import kms_curves, weight_marks
from screening.rules.section import InputModel, RuleContext, SectionResult
from screening.rules.tren_bb import TrenBbInput

SHOWN_EARLIER: Final = 3
"""The latest weighings listed in words (the chart shows them all)."""
KBM_TABLE_NAMES: Final = {"kia2023": "Buku KIA 2023", "kms2010": "KMS 2010"}


def _day_text(day: date) -> str:
    return f"{day.day} {month_title(day)}"


class TrenBbPanel(SectionPanel):
    code = "tren_bb"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        self._carried = TrenBbInput()
        self._today: Decimal | None = None
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.earlier = QLabel(self.body)
        self.earlier.setWordWrap(True)
        self.table = QLabel(self.body)
        self.table.setObjectName("hint")
        self.chart = KmsChart(self.body)
        layout.addWidget(self.earlier)
        layout.addWidget(self.table)
        layout.addWidget(self.chart)
        self._show()
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return ()

    def read(self, errors: list[RuleInputError]) -> TrenBbInput:  # noqa: ARG002
        return self._carried

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, TrenBbInput)
        self._carried = inputs
        self._show()

    def show_result(self, result: SectionResult | None) -> None:
        weight = None if result is None else result.values.get("weight_kg")
        today = Decimal(str(weight)) if isinstance(weight, int | float) else None
        if today != self._today:
            self._today = today
            self._show()

    def weighings(self) -> list[tuple[date, Decimal]]:
        """The weighings on the chart: the carried ones and, once the rule read it, today's."""
        found = [(w.on, w.weight_kg) for w in self._carried.earlier]
        if self._today is not None:
            found.append((self.context.on, self._today))
        return found

    def _show(self) -> None:
        latest = self._carried.earlier[-SHOWN_EARLIER:]
        listed = " · ".join(f"{_day_text(w.on)}: {number_text(w.weight_kg)} kg" for w in latest)
        self.earlier.setText(f"{field_text(self.code, 'weighings')}: {listed or none_listed()}")
        table = self._carried.kbm_table
        self.table.setText(
            f"{field_text(self.code, 'kbm_table')}: {KBM_TABLE_NAMES.get(table, table)}"
        )
        subject = self.context.subject
        if subject.birth_date is None:
            self.chart.set_curves(None)
            return
        weighings = self.weighings()
        marks = weight_marks(subject.birth_date, weighings, kbm_table=table)
        self.chart.set_curves(
            kms_curves(
                "wfa",
                sex=subject.sex,
                birth_date=subject.birth_date,
                measurements=weighings,
                marks=marks,
            )
        )


PANEL = TrenBbPanel
