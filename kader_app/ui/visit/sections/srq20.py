"""The SRQ-20 panel: the twenty questions as on the Kemenkes form, each ya/tidak, none answered.

Answers are kept under the items' stable keys; the number is only how the form shows them.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kader_app.ui.labels import field_text, item_text
from kader_app.ui.visit.answers import YesNoField
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.srq20 import SRQ20_ITEMS, Srq20Input


class Srq20Panel(SectionPanel):
    code = "srq20"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QGridLayout(self.body)
        intro = QLabel(
            self.tr("Tanyakan tentang 30 hari terakhir. Bacakan setiap pertanyaan apa adanya."),
            self.body,
        )
        intro.setWordWrap(True)
        intro.setObjectName("hint")
        layout.addWidget(intro, 0, 0, 1, 2)
        self.answers: dict[str, YesNoField] = {}
        for row, (number, key) in enumerate(SRQ20_ITEMS, start=1):
            question = QLabel(f"{number}. {item_text(self.code, key)}", self.body)
            question.setWordWrap(True)
            answer = YesNoField(field="answer", index=number, parent=self.body)
            answer.setAccessibleName(field_text(self.code, "answer", number))
            layout.addWidget(question, row, 0)
            layout.addWidget(answer, row, 1)
            self.answers[key] = answer
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return tuple(self.answers.values())

    def read(self, errors: list[RuleInputError]) -> Srq20Input:  # noqa: ARG002
        answered = {key: field.value() for key, field in self.answers.items()}
        return Srq20Input(answers={k: v for k, v in answered.items() if v is not None})

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, Srq20Input)
        for key, field in self.answers.items():
            field.set_value(inputs.answers.get(key))


PANEL = Srq20Panel
