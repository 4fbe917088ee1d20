"""The TBC panel: the Kemenkes symptom form, with an explicit ya/tidak for cough.

Cough has no default answer; the risks the rule reads from the person (age, pregnancy) are
shown as the rule derives them, never ticked here.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from kader_app.ui.labels import field_text, item_text
from kader_app.ui.visit.answers import CheckListField, ChoiceField, YesNoField
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.tb import (
    DERIVED_RISKS,
    TB_CONTACTS,
    TB_RISKS,
    TB_SYMPTOMS,
    TbContact,
    TbInput,
    derived_risks,
)


class TbPanel(SectionPanel):
    code = "tb"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        questions = QFormLayout()
        self.cough = YesNoField(field="cough", parent=self.body)
        self.cough.setAccessibleName(field_text(self.code, "cough"))
        self.cough_days = NumberField(
            field="cough_days", unit=self.tr("hari"), width=70, parent=self.body
        )
        self.cough_days.setEnabled(False)
        questions.addRow(field_text(self.code, "cough"), self.cough)
        questions.addRow(field_text(self.code, "cough_days"), self.cough_days)
        layout.addLayout(questions)

        columns = QHBoxLayout()
        self.symptoms = CheckListField(
            field="symptoms", items=self._items(TB_SYMPTOMS), parent=self.body
        )
        columns.addWidget(self._boxed("symptoms", self.symptoms), 0, Qt.AlignmentFlag.AlignTop)
        right = QVBoxLayout()
        self.contact = ChoiceField(
            field="contact", options=self._items(TB_CONTACTS), parent=self.body
        )
        right.addWidget(self._boxed("contact", self.contact))
        risks = [r for r in TB_RISKS if r not in DERIVED_RISKS]
        # Two columns: the whole form fits a 1366×768 screen without scrolling.
        self.risks = CheckListField(
            field="risks", items=self._items(risks), columns=2, parent=self.body
        )
        risk_box = QGroupBox(field_text(self.code, "risks"), self.body)
        risk_layout = QVBoxLayout(risk_box)
        risk_layout.addWidget(self.risks)
        known = sorted(derived_risks(context))
        self.from_record: QLabel | None = None
        if known:
            self.from_record = QLabel(
                self.tr("Dari data warga: {risks}").format(
                    risks=", ".join(item_text(self.code, r).lower() for r in known)
                ),
                risk_box,
            )
            self.from_record.setObjectName("hint")
            self.from_record.setWordWrap(True)
            risk_layout.addWidget(self.from_record)
        right.addWidget(risk_box)
        right.addStretch(1)
        columns.addLayout(right, 1)
        layout.addLayout(columns)
        self.cough.edited.connect(self.on_cough_answered)
        self.connect_fields()

    def _items(self, keys: Sequence[str]) -> list[tuple[str, str]]:
        return [(key, item_text(self.code, key)) for key in keys]

    def _boxed(self, field: str, widget: QWidget) -> QGroupBox:
        box = QGroupBox(field_text(self.code, field), self.body)
        QVBoxLayout(box).addWidget(widget)
        return box

    def on_cough_answered(self) -> None:
        # Days only matter for a cough; what was typed stays, greyed, if the answer changes.
        self.cough_days.setEnabled(self.cough.value() is True)

    def fields(self) -> Sequence[FieldWidget]:
        return (self.cough, self.cough_days, self.symptoms, self.contact, self.risks)

    def read(self, errors: list[RuleInputError]) -> TbInput:
        cough = self.cough.value()
        days = value_of(self.cough_days.whole, errors) if cough is True else None
        chosen = self.contact.value()
        contact: TbContact = (
            "household" if chosen == "household" else "close" if chosen == "close" else "none"
        )
        return TbInput(
            cough=cough,
            cough_days=days,
            symptoms=self.symptoms.value(),
            contact=contact,
            risks=self.risks.value(),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, TbInput)
        self.cough.set_value(inputs.cough)
        self.cough_days.set_text("" if inputs.cough_days is None else str(inputs.cough_days))
        self.symptoms.set_value(set(inputs.symptoms))
        self.contact.set_value(inputs.contact)
        self.risks.set_value(set(inputs.risks - set(DERIVED_RISKS)))


PANEL = TbPanel
