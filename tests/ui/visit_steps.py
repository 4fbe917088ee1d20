"""What a kader does on the screening form, as real key presses and clicks."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QAbstractButton
from pytestqt.qtbot import QtBot

from kader_app.ui.visit.answers import YesNoField
from kader_app.ui.visit.fields import NumberField


def type_into(qtbot: QtBot, field: NumberField, text: str) -> None:
    """Replace what a number field holds by typing ``text``, key by key."""
    field.edit.selectAll()
    qtbot.keyClick(field.edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(field.edit, text)


def answer(qtbot: QtBot, field: YesNoField, yes: bool) -> None:
    """Answer a ya/tidak question with its key (Y or T)."""
    qtbot.keyClick(field, Qt.Key.Key_Y if yes else Qt.Key.Key_T)


def tick(qtbot: QtBot, button: QAbstractButton) -> None:
    """Click a check box or radio button on its box, as a kader does."""
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
