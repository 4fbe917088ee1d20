"""``DateField``: a date typed as digits (``23081990`` → 23/08/1990), with a calendar beside it.

The kader types the date the way it is written on paper; the calendar (the button, or Alt+Down
or F4 in the field) opens at the typed date or near a sensible one. Reads no clock itself: the
form says which dates are allowed. Words only; no rule is decided here.
"""

from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import QDate, QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QCalendarWidget,
    QHBoxLayout,
    QLineEdit,
    QMenu,
    QToolButton,
    QWidget,
    QWidgetAction,
)

_SEPARATED = re.compile(r"^\s*(\d{1,2})\s*[/\-. ]\s*(\d{1,2})\s*[/\-. ]\s*(\d{2}|\d{4})\s*$")
_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{4})\s*$")
_SHORT_DIGITS = re.compile(r"^\s*(\d{2})(\d{2})(\d{2})\s*$")


def parse_date(text: str, *, today: date) -> date | None:
    """The date in ``text`` (``23081990``, ``230890``, ``23/08/1990``, ``23-8-1990``) or None.

    A two-digit year is the latest year not after ``today``'s (``90`` → 1990, ``05`` → 2005).
    """
    found = _DIGITS.match(text) or _SEPARATED.match(text) or _SHORT_DIGITS.match(text)
    if found is None:
        return None
    day, month, year_text = found.groups()
    year = int(year_text)
    if len(year_text) == 2:
        century = today.year - today.year % 100
        year = century + year if century + year <= today.year else century - 100 + year
    try:
        return date(year, int(month), int(day))
    except ValueError:
        return None


def date_text(value: date) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year:04d}"


class DateField(QWidget):
    """A line edit for ``dd/mm/yyyy`` and a calendar button that takes no keyboard focus.

    ``value()`` is the typed date, or ``None`` (empty, or not a date). ``edited`` fires on every
    change. ``calendar_near`` is where the calendar opens while nothing is typed.
    """

    edited = Signal()

    def __init__(
        self,
        *,
        today: date,
        calendar_near: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self.calendar_near = calendar_near or today
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.edit = QLineEdit(self)
        self.edit.setPlaceholderText(self.tr("hh/bb/tttt, mis. 23081990"))
        self.edit.setMaxLength(14)
        self.edit.setFixedWidth(self.edit.fontMetrics().horizontalAdvance("00/00/00000") + 60)
        layout.addWidget(self.edit)
        self.calendar_button = QToolButton(self)
        self.calendar_button.setText("▾")
        self.calendar_button.setToolTip(self.tr("Pilih di kalender (Alt+Bawah)"))
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.clicked.connect(self.open_calendar)
        layout.addWidget(self.calendar_button)
        layout.addStretch(1)
        self.setFocusProxy(self.edit)
        self.calendar: QCalendarWidget | None = None
        self._menu: QMenu | None = None
        self.edit.textEdited.connect(self._on_text_edited)
        self.edit.textChanged.connect(self.edited)
        self.edit.editingFinished.connect(self._tidy)
        self.edit.installEventFilter(self)

    def value(self) -> date | None:
        return parse_date(self.edit.text(), today=self._today)

    def is_empty(self) -> bool:
        return not self.edit.text().strip()

    def set_date(self, value: date | None) -> None:
        self.edit.setText("" if value is None else date_text(value))

    def _on_text_edited(self, text: str) -> None:
        # Eight digits are a whole date: shown at once as it will be saved.
        if _DIGITS.match(text):
            found = self.value()
            if found is not None:
                self.edit.setText(date_text(found))

    def _tidy(self) -> None:
        found = self.value()
        if found is not None and self.edit.text() != date_text(found):
            self.edit.setText(date_text(found))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        if watched is self.edit and event.type() == QEvent.Type.KeyPress:
            assert isinstance(event, QKeyEvent)
            alt_down = event.key() == Qt.Key.Key_Down and (
                event.modifiers() & Qt.KeyboardModifier.AltModifier
            )
            if alt_down or event.key() == Qt.Key.Key_F4:
                self.open_calendar()
                return True
        return super().eventFilter(watched, event)

    def _opening_date(self) -> date:
        return self.value() or self.calendar_near

    def open_calendar(self) -> None:
        """Show the calendar under the field, at the typed date or near ``calendar_near``."""
        if self._menu is None:
            self._menu = QMenu(self)
            self.calendar = QCalendarWidget(self._menu)
            self.calendar.setMaximumDate(_qdate(self._today))
            self.calendar.setMinimumDate(QDate(1900, 1, 1))
            self.calendar.setGridVisible(True)
            action = QWidgetAction(self._menu)
            action.setDefaultWidget(self.calendar)
            self._menu.addAction(action)
            self.calendar.clicked.connect(self._on_calendar_chosen)
            self.calendar.activated.connect(self._on_calendar_chosen)
        assert self.calendar is not None
        start = _qdate(self._opening_date())
        self.calendar.setSelectedDate(start)
        self.calendar.setCurrentPage(start.year(), start.month())
        self._menu.popup(self.edit.mapToGlobal(self.edit.rect().bottomLeft()))
        self.calendar.setFocus()

    def _on_calendar_chosen(self, chosen: QDate) -> None:
        self.set_date(date(chosen.year(), chosen.month(), chosen.day()))
        if self._menu is not None:
            self._menu.hide()
        self.edit.setFocus()


def _qdate(value: date) -> QDate:
    return QDate(value.year, value.month, value.day)
