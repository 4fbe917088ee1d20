"""Runs the real app for the keyboard tests and writes what it shows to a JSON file, often.

Started by `live_app.py` as its own process on a test's X screen: ``app_probe.py DATA_DIR
STATE_FILE [IDLE_MINUTES]``. The probe only reads widgets (the active window, the focused field,
the sign-in screen, the resident the panel shows); every key the tests send goes through the X
server like a kader's.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from kader_app.app import run_app
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow

PROBE_INTERVAL_MS = 50


def describe(widget: object) -> dict[str, str]:
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QWidget

    if not isinstance(widget, QWidget):
        return {}
    found = {
        "class": type(widget).__name__,
        "name": widget.objectName(),
        "accessible": widget.accessibleName(),
    }
    if isinstance(widget, QLineEdit):
        found["text"] = widget.text()
    if isinstance(widget, QAbstractButton):
        found["text"] = widget.text()
    return found


def sign_in_state() -> dict[str, object] | None:
    """The sign-in or lock screen when one shows: its message, the name chosen, its button."""
    from PySide6.QtWidgets import QApplication, QLabel

    from kader_app.ui.duty import SignInDialog

    for widget in QApplication.topLevelWidgets():
        if isinstance(widget, SignInDialog) and widget.isVisible():
            note = widget.findChild(QLabel, "signInNote")
            chosen = widget.chosen()
            return {
                "message": widget.message.text(),
                "note": note.text() if note is not None else None,
                "chosen": chosen.name if chosen is not None else None,
                "open_enabled": widget.open_button.isEnabled(),
            }
    return None


def probe(window: MainWindow | None, state: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from kader_app.ui.resident_panel import VisitCard

    active = QApplication.activeWindow()
    modal = QApplication.activeModalWidget()
    found: dict[str, object] = {
        "pid": os.getpid(),
        "active": active.windowTitle() if active is not None else None,
        "modal": modal.windowTitle() if modal is not None else None,
        "focus": describe(QApplication.focusWidget()),
        "sign_in": sign_in_state(),
        "results": None,
    }
    if window is not None:
        person = window.panel.person
        rows = window.people_view.selectionModel().selectedRows()
        selected = window.people_model.person_at(rows[0].row()) if rows else None
        cards = window.panel.history.findChildren(VisitCard)
        found.update(
            {
                "panel": person.name if person is not None else None,
                "selected": selected.name if selected is not None else None,
                "results": window.people_model.rowCount(),
                "busy": window._runner.is_busy(),
                "on_duty": window.on_duty_label.text(),
                "visit_open": window.visit_dialog is not None and window.visit_dialog.isVisible(),
                "cards": [card.text_shown() for card in cards[:3]],
            }
        )
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(found), encoding="utf-8")
    os.replace(tmp, state)


def main() -> int:
    """``app_probe.py DATA_DIR STATE_FILE [IDLE_MINUTES]``: the last shortens the idle lock."""
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    data_dir, state = Path(sys.argv[1]), Path(sys.argv[2])
    idle = {"idle_minutes": float(sys.argv[3])} if len(sys.argv) > 3 else {}
    app = QApplication(sys.argv[:1])
    shown: list[MainWindow] = []
    # From the first screen on (the sign-in screen comes before the main window).
    timer = QTimer(app)
    timer.setInterval(PROBE_INTERVAL_MS)
    timer.timeout.connect(lambda: probe(shown[0] if shown else None, state))
    timer.start()

    def ready(window: MainWindow, _register: Register) -> None:
        shown.append(window)
        probe(window, state)

    return run_app(data_dir=data_dir, on_ready=ready, **idle)


if __name__ == "__main__":
    raise SystemExit(main())
