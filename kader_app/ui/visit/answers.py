"""Answer fields of the screening form: ya/tidak, one of several codes, and tick lists.

None of them has an answer until the kader gives one (unless the input model has a default);
the radio buttons take no keyboard focus, so an arrow key never changes an answer by accident.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QGridLayout,
    QHBoxLayout,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from kader_app.ui.visit.fields import FieldWidget


class _AnswerButtons(FieldWidget):
    """Radio buttons of which at most one is chosen, none at first; the group takes the focus.

    The buttons themselves take no focus, so arrow keys never change an answer by accident.
    """

    def __init__(
        self,
        *,
        field: str,
        options: Sequence[tuple[object, str]],
        index: int | None,
        vertical: bool,
        parent: QWidget | None,
    ) -> None:
        super().__init__(field=field, index=index, parent=parent)
        self.setObjectName("answerButtons")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._group = QButtonGroup(self)
        self.buttons: dict[object, QRadioButton] = {}
        outer = QHBoxLayout(self)
        outer.setContentsMargins(2, 2, 2, 2)
        box: QVBoxLayout | QHBoxLayout = QVBoxLayout() if vertical else QHBoxLayout()
        for value, text in options:
            button = QRadioButton(text, self)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
            self._group.addButton(button)
            self.buttons[value] = button
            box.addWidget(button)
            button.toggled.connect(self._on_toggled)
        outer.addLayout(box)
        outer.addWidget(self.message, 1)
        outer.addStretch(0 if vertical else 1)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        """1…N, or an option's first letter when no other starts with it, choose that option."""
        values = list(self.buttons)
        text = event.text().casefold()
        chosen: object | None = None
        if text.isdigit() and 1 <= int(text) <= len(values):
            chosen = values[int(text) - 1]
        elif text:
            starting = [v for v, b in self.buttons.items() if b.text().casefold().startswith(text)]
            chosen = starting[0] if len(starting) == 1 else None
        if chosen is None:
            super().keyPressEvent(event)
            return
        self.choose(chosen)

    def _on_toggled(self, checked: bool) -> None:
        if checked:
            self.edited.emit()

    def chosen(self) -> object | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def clear(self) -> None:
        """No answer again."""
        self._group.setExclusive(False)
        for button in self.buttons.values():
            button.setChecked(False)
        self._group.setExclusive(True)

    def choose(self, value: object | None) -> None:
        button = self.buttons.get(value)
        if button is not None:
            button.setChecked(True)


class YesNoField(_AnswerButtons):
    """Ya / Tidak, with no answer until one is given; keys Y, T (or N) answer and move on."""

    def __init__(
        self, *, field: str, index: int | None = None, parent: QWidget | None = None
    ) -> None:
        options = ((True, self.tr("Ya")), (False, self.tr("Tidak")))
        super().__init__(field=field, options=options, index=index, vertical=False, parent=parent)
        self.setAccessibleDescription(self.tr("Tekan Y untuk ya, T untuk tidak"))

    def value(self) -> bool | None:
        chosen = self.chosen()
        return chosen if isinstance(chosen, bool) else None

    def set_value(self, value: bool | None) -> None:
        self.choose(value)

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        answer = {Qt.Key.Key_Y: True, Qt.Key.Key_T: False, Qt.Key.Key_N: False}.get(
            Qt.Key(event.key())
        )
        if answer is None:
            super().keyPressEvent(event)
            return
        self.set_value(answer)
        self.focusNextChild()


class ChoiceField(_AnswerButtons):
    """One of several codes, each with its words; none chosen until the kader chooses."""

    def __init__(
        self,
        *,
        field: str,
        options: Sequence[tuple[str, str]],
        vertical: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field=field, options=options, index=None, vertical=vertical, parent=parent)

    def value(self) -> str | None:
        chosen = self.chosen()
        return chosen if isinstance(chosen, str) else None

    def set_value(self, value: str | None) -> None:
        self.choose(value)


class CheckListField(FieldWidget):
    """Tick boxes for a set of item codes (e.g. TB symptoms); the value is the ticked set."""

    def __init__(
        self,
        *,
        field: str,
        items: Sequence[tuple[str, str]],
        columns: int = 1,
        parent: QWidget | None = None,
    ) -> None:
        """``columns`` > 1 lays the boxes out in that many columns (Tab still goes in order)."""
        super().__init__(field=field, parent=parent)
        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.boxes: dict[str, QCheckBox] = {}
        rows = max(1, -(-len(items) // columns))
        for index, (key, text) in enumerate(items):
            box = QCheckBox(text, self)
            self.boxes[key] = box
            layout.addWidget(box, index % rows, index // rows)
            box.toggled.connect(self.edited)
        layout.addWidget(self.message, 0, columns, rows, 1, Qt.AlignmentFlag.AlignTop)
        layout.setColumnStretch(columns, 1)

    def focus_target(self) -> QWidget:
        return next(iter(self.boxes.values()), self)

    def focus_targets(self) -> list[QWidget]:
        return list(self.boxes.values()) or [self]

    def value(self) -> frozenset[str]:
        return frozenset(key for key, box in self.boxes.items() if box.isChecked())

    def set_value(self, keys: frozenset[str] | set[str]) -> None:
        for key, box in self.boxes.items():
            box.setChecked(key in keys)
