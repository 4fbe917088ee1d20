"""The balita growth panel: weight, length or height with its position, head, oedema.

The measuring position has no default: once a length is typed the kader says how the child lay
or stood (the rule waits for it). What the rules ask to check before saving — a z beyond WHO's
limits, a position that does not fit the age — is framed under the fields, in their words.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal
from typing import Final

from PySide6.QtWidgets import QFormLayout, QWidget

from kader_app.core.rules.antropometri_balita import AntropometriBalitaInput
from kader_app.core.rules.common import RuleInputError
from kader_app.core.rules.growth_balita import (
    GROWTH_RECUMBENT_FROM_2,
    GROWTH_STANDING_UNDER_2,
    INDICES,
)
from kader_app.core.rules.growth_inputs import POSITIONS
from kader_app.core.rules.section import InputModel, RuleContext, SectionResult
from kader_app.ui.labels import field_text, number_text
from kader_app.ui.lifecycle_words import word
from kader_app.ui.visit.fields import FieldWidget, NumberField
from kader_app.ui.visit.lifecycle_fields import CheckAgainNote, KeyChoiceField, TickField
from kader_app.ui.visit.section_panel import SectionPanel, value_of

CHECK_AGAIN: Final = frozenset(
    {f"growth_{index}_{kind}" for index in INDICES for kind in ("implausible", "confirm")}
    | {GROWTH_STANDING_UNDER_2, GROWTH_RECUMBENT_FROM_2}
)
"""The reasons with which the rules ask the kader to check a value before saving."""


class AntropometriBalitaPanel(SectionPanel):
    code = "antropometri_balita"

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(context=context, parent=parent)
        layout = QFormLayout(self.body)
        self.weight = NumberField(field="weight_kg", unit="kg", parent=self.body)
        self.length = NumberField(field="length_cm", unit="cm", parent=self.body)
        self.position = KeyChoiceField(
            field="position",
            options=[(code, word(self.code, "items", code)) for code in POSITIONS],
            parent=self.body,
        )
        self.head = NumberField(field="head_cm", unit="cm", parent=self.body)
        for name, field in (
            ("weight_kg", self.weight),
            ("length_cm", self.length),
            ("position", self.position),
            ("head_cm", self.head),
        ):
            field.focus_target().setAccessibleName(field_text(self.code, name))
            layout.addRow(field_text(self.code, name), field)
        self.oedema = TickField(
            field="oedema", text=field_text(self.code, "oedema"), parent=self.body
        )
        layout.addRow("", self.oedema)
        self.note = CheckAgainNote(self.body)
        layout.addRow(self.note)
        self.position.setEnabled(False)
        self.length.edited.connect(self.on_length_edited)
        self.connect_fields()

    def on_length_edited(self) -> None:
        # The position is asked with a length; a choice made stays, greyed, if it is cleared.
        self.position.setEnabled(bool(self.length.text()))

    def fields(self) -> Sequence[FieldWidget]:
        return (self.weight, self.length, self.position, self.head, self.oedema)

    def read(self, errors: list[RuleInputError]) -> AntropometriBalitaInput:
        length = value_of(self.length.decimal, errors)
        return AntropometriBalitaInput(
            weight_kg=value_of(self.weight.decimal, errors),
            length_cm=length,
            position=self.position.value() if self.length.text() else None,
            head_cm=value_of(self.head.decimal, errors),
            oedema=self.oedema.value(),
        )

    def fill(self, inputs: InputModel) -> None:
        assert isinstance(inputs, AntropometriBalitaInput)
        for field, value in (
            (self.weight, inputs.weight_kg),
            (self.length, inputs.length_cm),
            (self.head, inputs.head_cm),
        ):
            field.set_text(_shown(value))
        self.position.set_value(inputs.position)
        self.oedema.set_value(inputs.oedema)

    def show_result(self, result: SectionResult | None) -> None:
        self.note.show_result(result, CHECK_AGAIN)


def _shown(value: Decimal | None) -> str:
    return "" if value is None else number_text(value)


PANEL = AntropometriBalitaPanel
