"""The screening form's field base and its number field (answers: `kader_app.ui.visit.answers`).

Each field names the section input it fills (``field`` and, for repeated inputs, ``index``, as
`RuleInputError` names them) and shows a refusal beside itself. A field never clears what was
typed and never has a default answer unless the section's input model has one.
"""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QWidget

from screening.rules.common import Problem, RuleInputError, to_decimal


def _polish(widget: QWidget, state: str) -> None:
    # Re-polishing restyles the widget: only when its state really changes (every keystroke
    # clears every field's problem again).
    if (widget.property("state") or "") == state:
        return
    widget.setProperty("state", state)
    widget.style().unpolish(widget)
    widget.style().polish(widget)


def two_lines_height(label: QLabel) -> int:
    """The height ``label`` needs for two lines of text, as it draws them."""
    text = label.text()
    label.setText("X\nX")
    height = label.sizeHint().height()
    label.setText(text)
    return height


class FieldWidget(QWidget):
    """Base of every field: its input's name, a message beside it, and ``edited``.

    ``message`` sits to the right of the input, so showing a refusal does not push the fields
    below it down. ``focus_target()`` is the widget the keyboard lands on.
    """

    edited = Signal()

    def __init__(self, *, field: str, index: int | None = None, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.field = field
        self.index = index
        self.message = QLabel(self)
        self.message.setObjectName("fieldMessage")
        self.message.setWordWrap(True)
        # Its room is kept while hidden, two lines of it, so a message never moves the fields
        # (measured in its styled font, hence polished first).
        self.message.ensurePolished()
        self.message.setMinimumHeight(two_lines_height(self.message))
        policy = self.message.sizePolicy()
        policy.setRetainSizeWhenHidden(True)
        self.message.setSizePolicy(policy)
        self.message.hide()

    def focus_target(self) -> QWidget:
        return self

    def focus_targets(self) -> list[QWidget]:
        """Every widget of this field the Tab key stops at, in order."""
        return [self.focus_target()]

    def show_problem(self, text: str) -> None:
        self.message.setText("✖ " + text)
        self.message.show()
        _polish(self.focus_target(), "error")

    def clear_problem(self) -> None:
        self.message.hide()
        self.message.setText("")
        _polish(self.focus_target(), "")

    def matches(self, error: RuleInputError) -> bool:
        return error.field == self.field and error.index == self.index


class NumberField(FieldWidget):
    """A line edit with its unit; ``decimal()`` and ``whole()`` read it for the section."""

    def __init__(
        self,
        *,
        field: str,
        unit: str = "",
        index: int | None = None,
        width: int = 110,
        message_beside: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        """``message_beside=False`` leaves ``message`` for the panel to place (e.g. a grid)."""
        super().__init__(field=field, index=index, parent=parent)
        self.unit = unit
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = QLineEdit(self)
        self.edit.setFixedWidth(width)
        layout.addWidget(self.edit)
        unit_label = QLabel(unit, self)
        unit_label.setMinimumWidth(50)
        layout.addWidget(unit_label)
        if message_beside:
            layout.addWidget(self.message, 1)
        else:
            layout.addStretch(1)
        self.edit.textChanged.connect(self.edited)

    def focus_target(self) -> QWidget:
        return self.edit

    def text(self) -> str:
        return self.edit.text().strip()

    def set_text(self, text: str) -> None:
        self.edit.setText(text)

    def _refused(self, problem: Problem) -> RuleInputError:
        return RuleInputError(self.field, problem, index=self.index, unit=self.unit)

    def decimal(self) -> Decimal | None:
        """The number typed (``,`` or ``.`` as decimal point); ``None`` when empty.

        Raises:
            RuleInputError: not a number (named by this field, never quoting the text).
        """
        if not self.text():
            return None
        try:
            return to_decimal(self.text(), field_name=self.field)
        except RuleInputError:
            raise self._refused(Problem.NOT_A_NUMBER) from None

    def whole(self) -> int | None:
        """The whole number typed; ``None`` when empty.

        Raises:
            RuleInputError: not a number, or not a whole one.
        """
        number = self.decimal()
        if number is None:
            return None
        if number != number.to_integral_value():
            raise self._refused(Problem.NOT_WHOLE)
        return int(number)
