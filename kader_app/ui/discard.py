"""Nothing typed is lost by a key press: what a form holds, and the "Buang perubahan?" question.

``typed_state(root)`` is every answer a form shows (texts, ticks, choices), so a dialog can tell
whether anything was typed since it opened; ``confirm_discard`` asks before throwing it away,
with "no" as the default answer (Enter and Esc keep the form).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QMessageBox, QWidget


def typed_state(root: QWidget) -> tuple[object, ...]:
    """Every text, tick and choice under ``root``, in a stable order (for "was anything typed")."""
    state: list[object] = []
    for edit in root.findChildren(QLineEdit):
        state.append(edit.text())
    for button in root.findChildren(QAbstractButton):
        if button.isCheckable():
            state.append(button.isChecked())
    for combo in root.findChildren(QComboBox):
        if not combo.isEditable():
            state.append(combo.currentIndex())
    return tuple(state)


def confirm_discard(parent: QWidget) -> bool:
    """Ask "Buang perubahan?"; True only when the kader chooses to throw the typing away."""
    box = QMessageBox(parent)
    box.setObjectName("discardQuestion")
    box.setIcon(QMessageBox.Icon.Question)
    title = QCoreApplication.translate("discard", "Buang perubahan?")
    box.setWindowTitle(title)
    box.setText(title)
    box.setInformativeText(
        QCoreApplication.translate(
            "discard", "Isian yang sudah diketik di formulir ini akan hilang."
        )
    )
    discard = box.addButton(
        QCoreApplication.translate("discard", "Ya, buang"), QMessageBox.ButtonRole.DestructiveRole
    )
    keep = box.addButton(
        QCoreApplication.translate("discard", "Tidak, lanjut mengisi"),
        QMessageBox.ButtonRole.RejectRole,
    )
    box.setDefaultButton(keep)
    box.setEscapeButton(keep)
    box.exec()
    return box.clickedButton() is discard
