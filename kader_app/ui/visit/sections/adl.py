"""The ADL panel: the ten Barthel items of the ILP form, each scored by its own options.

No item has a score until the kader gives one: a digit key gives that score and moves on, the
arrow keys step through the options. The rule adds up the score and names the band.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import field_text
from kader_app.ui.lifecycle_words import word
from kader_app.ui.visit.fields import FieldWidget
from kader_app.ui.visit.lifecycle_fields import KeyChoiceField
from kader_app.ui.visit.section_panel import SectionPanel
from screening.rules.adl import ADL_ITEMS, AdlInput, item_field
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext


class AdlPanel(SectionPanel):
    code = "adl"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QVBoxLayout(self.body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.scores: dict[str, KeyChoiceField] = {}
        for number, key, highest in ADL_ITEMS:
            name = field_text(self.code, item_field(number))
            options = [
                (str(score), f"{score} {word(self.code, 'items', f'{key}_{score}')}")
                for score in range(highest + 1)
            ]
            field = KeyChoiceField(field=item_field(number), options=options, parent=self.body)
            field.setAccessibleName(name)
            layout.addWidget(QLabel(name, self.body))
            layout.addWidget(field)
            self.scores[key] = field
        self.connect_fields()

    def fields(self) -> Sequence[FieldWidget]:
        return tuple(self.scores.values())

    def read(self, errors: list[RuleInputError]) -> AdlInput:  # noqa: ARG002
        chosen = {key: field.value() for key, field in self.scores.items()}
        return AdlInput(
            items={key: int(value) for key, value in chosen.items() if value is not None}
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, AdlInput)
        for key, field in self.scores.items():
            score = inputs.items.get(key)
            field.set_value(None if score is None else str(score))


PANEL = AdlPanel
