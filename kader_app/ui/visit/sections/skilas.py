"""The SKILAS panel: the six domains of the ILP form, each question ya/tidak ("ya" = ticked).

Finger counting is asked only without an eye problem (what was answered stays, greyed); the
whisper test has three answers; LiLA is optional. The rule finds the domains that declined.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QGridLayout, QLabel, QWidget

from kader_app.ui.labels import field_text, item_text, number_text
from kader_app.ui.visit.answers import YesNoField
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.lifecycle_fields import KeyChoiceField
from kader_app.ui.visit.section_panel import SectionPanel, value_of
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext
from screening.rules.skilas import ANSWERS, WHISPER, SkilasInput


class SkilasPanel(SectionPanel):
    code = "skilas"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QGridLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        self.answers: dict[str, YesNoField] = {}
        self._fields: dict[str, FieldWidget] = {}
        row, domain = 0, ""
        for key, in_domain in ANSWERS:
            if in_domain != domain:
                domain = in_domain
                heading = QLabel(item_text(self.code, domain), self.body)
                heading.setObjectName("sectionHeading")
                layout.addWidget(heading, row, 0, 1, 2)
                row += 1
            # Made in table order: the keyboard walks the fields in the order they are made.
            field: FieldWidget
            if key == "lila_cm":
                field = self.lila = NumberField(field=key, unit="cm", width=80, parent=self.body)
            elif key == "whisper":
                options = [(code, item_text(self.code, code)) for code in WHISPER]
                field = self.whisper = KeyChoiceField(field=key, options=options, parent=self.body)
            else:
                field = self.answers[key] = YesNoField(field=key, parent=self.body)
            self._fields[key] = field
            field.focus_target().setAccessibleName(field_text(self.code, key))
            question = QLabel(field_text(self.code, key), self.body)
            question.setWordWrap(True)
            layout.addWidget(question, row, 0)
            layout.addWidget(field, row, 1)
            row += 1
        layout.setColumnStretch(0, 3)
        layout.setColumnStretch(1, 2)
        self.answers["eye_problem"].edited.connect(self.on_eye_answered)
        self.connect_fields()

    def on_eye_answered(self) -> None:
        finger = self.answers["finger_count_fail"]
        finger.setEnabled(self.answers["eye_problem"].value() is not True)

    def fields(self) -> Sequence[FieldWidget]:
        return tuple(self._fields.values())

    def read(self, errors: list[RuleInputError]) -> SkilasInput:
        answered: dict[str, object] = {
            key: field.value() for key, field in self.answers.items() if field.isEnabled()
        }
        answered["lila_cm"] = value_of(self.lila.decimal, errors)
        answered["whisper"] = self.whisper.value()
        return SkilasInput.model_validate(answered)

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, SkilasInput)
        for key, field in self.answers.items():
            field.set_value(getattr(inputs, key))
        self.lila.set_text("" if inputs.lila_cm is None else number_text(inputs.lila_cm))
        self.whisper.set_value(inputs.whisper)


PANEL = SkilasPanel
