"""``SectionPanel``: the base of every section's inputs on the screening form.

A section's panel is one module under `kader_app.ui.visit.sections`, named after the section's
code and exposing its class as ``PANEL``. It lays out fields and turns what was typed into the
section's input model; it decides nothing (states, classes and refusals come from the rules).
"""

from __future__ import annotations

from abc import abstractmethod
from collections.abc import Callable, Sequence
from typing import ClassVar, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from kader_app.ui.labels import field_text, refusal_text, section_title
from kader_app.ui.visit.fields import FieldWidget
from screening.rules.common import RuleInputError
from screening.rules.section import InputModel, RuleContext, SectionResult

T = TypeVar("T")


def value_of(read: Callable[[], T], errors: list[RuleInputError]) -> T | None:
    """``read()``, or ``None`` with its refusal added to ``errors`` (so all are shown at once)."""
    try:
        return read()
    except RuleInputError as error:
        errors.append(error)
        return None


class SectionPanel(QWidget):
    """The inputs of one screening section.

    A subclass sets ``code``, builds its fields in ``__init__`` inside ``self.body`` (their
    words from `kader_app.ui.labels`, i.e. the core vocabulary), returns them in keyboard order
    from ``fields()``, and implements ``read()`` and ``fill()``. ``context`` holds the person,
    the measurement date and the rule settings, for what a panel shows but never decides.
    ``edited`` is emitted on every change of any field.
    """

    code: ClassVar[str]
    edited = Signal()

    def __init__(self, *, context: RuleContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self.setObjectName("sectionPanel")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 8)
        self.heading = QLabel(section_title(self.code), self)
        self.heading.setObjectName("sectionHeading")
        layout.addWidget(self.heading)
        self.body = QWidget(self)
        layout.addWidget(self.body)
        self.message = QLabel(self)
        self.message.setObjectName("sectionMessage")
        self.message.setWordWrap(True)
        self.message.hide()
        layout.addWidget(self.message)

    def connect_fields(self) -> None:
        """Forward every field's ``edited``; call at the end of a subclass's ``__init__``."""
        for field in self.fields():
            field.edited.connect(self.edited)
            for target in field.focus_targets():
                # What a screen reader (and the keyboard tests) call the field.
                if not target.accessibleName():
                    target.setAccessibleName(field_text(self.code, field.field, field.index))

    @abstractmethod
    def fields(self) -> Sequence[FieldWidget]:
        """Every field, in the order the keyboard walks them."""

    @abstractmethod
    def read(self, errors: list[RuleInputError]) -> InputModel:
        """The section's input model from the fields; unreadable values go to ``errors``."""

    @abstractmethod
    def fill(self, inputs: InputModel) -> None:
        """Show stored inputs (a correction) in the fields."""

    def show_result(self, result: SectionResult | None) -> None:  # noqa: B027
        """The rules' latest answer for this section (``None``: not asked, or refused).

        For what a panel shows beside its own fields (a value to check again, a growth chart);
        the section's result view shows the answer itself. Nothing by default.
        """

    def inputs(self) -> tuple[InputModel, list[RuleInputError]]:
        """The section's inputs as typed, and the refusal of every value that cannot be read.

        A value that cannot be read is left out of the model (``None``), so the rules can still
        check the others and every refusal is shown at once.
        """
        errors: list[RuleInputError] = []
        model = self.read(errors)
        return model, [error.in_section(self.code) for error in errors]

    def show_errors(self, errors: Sequence[RuleInputError]) -> None:
        """Each refusal beside its field, in words; one no field owns goes under the section."""
        for field in self.fields():
            field.clear_problem()
        loose: list[str] = []
        fields = self.fields()
        for error in errors:
            owner = next((f for f in fields if f.matches(error)), None)
            if owner is None:
                owner = next((f for f in fields if f.field == error.field), None)
            if owner is None:
                loose.append("✖ " + refusal_text(error))
            else:
                owner.show_problem(refusal_text(error))
        self.message.setText("\n".join(loose))
        self.message.setVisible(bool(loose))

    def focus_chain(self, *, every: bool = False) -> list[QWidget]:
        """The widgets the keyboard stops at, in order (disabled and hidden fields skipped).

        ``every`` keeps those too: where the cursor was when its field went away.
        """
        return [
            target
            for f in self.fields()
            if every or (f.isEnabled() and not f.isHidden())
            for target in f.focus_targets()
        ]

    def question(self) -> str | None:
        """A question the kader must answer before this section can be classified, or None."""
        return None

    def first_field(self) -> QWidget | None:
        chain = self.focus_chain()
        return chain[0] if chain else None
