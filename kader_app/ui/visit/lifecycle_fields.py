"""Fields the life-cycle panels add to the form's own: a choice by keys, a date, a tick box.

Like the form's fields, none has an answer until the kader gives one (a tick box is for an input
whose model defaults to false), and each names the section input it fills.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QCheckBox, QHBoxLayout, QLabel, QLineEdit, QWidget

from kader_app.ui.labels import reason_text
from kader_app.ui.visit.answers import ChoiceField
from kader_app.ui.visit.fields import FieldWidget
from screening.rules.common import Problem, RuleInputError
from screening.rules.section import SectionResult

_STEP_KEYS = {
    Qt.Key.Key_Left: -1,
    Qt.Key.Key_Up: -1,
    Qt.Key.Key_Right: 1,
    Qt.Key.Key_Down: 1,
}
_TODAY_KEYS = ("h", "t")


class KeyChoiceField(ChoiceField):
    """A choice of codes answered by keys: arrows step through the options, a digit picks one.

    A digit picks the option whose code is that digit (ADL scores ``"0"``…``"3"``), else the
    option at that place (1 = first) and moves on, as Y/T do on a ya/tidak question.
    """

    def __init__(
        self,
        *,
        field: str,
        options: Sequence[tuple[str, str]],
        vertical: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field=field, options=options, vertical=vertical, parent=parent)
        self._codes = [code for code, _ in options]

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        key = Qt.Key(event.key())
        step = _STEP_KEYS.get(key)
        if step is not None and self._codes:
            current = self.value()
            if current is None:
                at = 0 if step > 0 else len(self._codes) - 1
            else:
                at = max(0, min(len(self._codes) - 1, self._codes.index(current) + step))
            self.set_value(self._codes[at])
            return
        text = event.text()
        if text.isdigit():
            if text in self._codes:
                self.set_value(text)
            elif 1 <= int(text) <= len(self._codes):
                self.set_value(self._codes[int(text) - 1])
            else:
                return
            self.focusNextChild()
            return
        super().keyPressEvent(event)


def date_text(day: date) -> str:
    """A date as the kader writes it: ``07-03-2025``."""
    return day.strftime("%d-%m-%Y")


def parse_date(text: str) -> date | None:
    """``dd-mm-yyyy`` (``-``, ``/`` or ``.`` between; a two-digit year is 20yy) or ISO."""
    parts = text.replace("/", "-").replace(".", "-").split("-")
    if len(parts) != 3 or not all(part.isdigit() for part in parts):
        return None
    first, month, last = (int(part) for part in parts)
    day, year = (last, first) if len(parts[0]) == 4 else (first, last)
    if year < 100:
        year += 2000
    try:
        return date(year, month, day)
    except ValueError:
        return None


class DateField(FieldWidget):
    """A date typed as ``dd-mm-yyyy``; H (hari ini) or T (today) writes ``today``'s date."""

    def __init__(
        self,
        *,
        field: str,
        today: date,
        width: int = 112,
        message_beside: bool = True,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(field=field, parent=parent)
        self.today = today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.edit = _DateEdit(self)
        self.edit.setFixedWidth(width)
        self.edit.setMaxLength(10)
        layout.addWidget(self.edit)
        if message_beside:
            layout.addWidget(self.message, 1)
        else:
            layout.addStretch(1)
        self.edit.textChanged.connect(self.edited)

    def focus_target(self) -> QWidget:
        return self.edit

    def text(self) -> str:
        return self.edit.text().strip()

    def set_date(self, day: date | None) -> None:
        self.edit.setText("" if day is None else date_text(day))

    def value(self) -> date | None:
        """The date typed; ``None`` when empty.

        Raises:
            RuleInputError: not a date (named by this field, never quoting the text).
        """
        if not self.text():
            return None
        found = parse_date(self.text())
        if found is None:
            raise RuleInputError(self.field, Problem.INVALID)
        return found


class _DateEdit(QLineEdit):
    def __init__(self, field: DateField) -> None:
        super().__init__(field)
        self._field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:  # noqa: N802
        if event.text().lower() in _TODAY_KEYS:
            self._field.set_date(self._field.today)
            return
        super().keyPressEvent(event)


class TickField(FieldWidget):
    """One tick box for a yes/no input whose model defaults to no (e.g. oedema)."""

    def __init__(self, *, field: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(field=field, parent=parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.box = QCheckBox(text, self)
        layout.addWidget(self.box)
        layout.addWidget(self.message, 1)
        self.box.toggled.connect(self.edited)

    def focus_target(self) -> QWidget:
        return self.box

    def value(self) -> bool:
        return self.box.isChecked()

    def set_value(self, value: bool) -> None:
        self.box.setChecked(value)


class CheckAgainNote(QLabel):
    """The rules' request to check a value before saving, framed beside the fields it concerns.

    Shows the rules' own sentences (reasons), never a judgement of its own; hidden when none.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("checkAgainNote")
        self.setWordWrap(True)
        self.setStyleSheet(
            "QLabel#checkAgainNote { border: 2px solid #d9600b; border-radius: 4px;"
            " background: #fff6ee; color: #7a3300; font-weight: bold; padding: 6px; }"
        )
        self.hide()

    def show_result(self, result: SectionResult | None, codes: frozenset[str]) -> None:
        """The sentences of ``result``'s reasons in ``codes``, when it asks for confirmation."""
        sentences = []
        if result is not None and result.values.get("confirm"):
            sentences = [reason_text(r) for r in result.reasons if r.code in codes]
        self.setText("\n".join("⚠ " + sentence for sentence in sentences))
        self.setVisible(bool(sentences))
