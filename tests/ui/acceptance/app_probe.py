"""Runs the real app for the keyboard tests and writes what it shows to a JSON file, often.

Started by `keyboard.py` as its own process on a test's X screen: ``app_probe.py DATA_DIR
STATE_FILE``. The probe only reads widgets (the active window, the focused field, the resident
the panel shows); every key the tests send goes through the X server like a kader's.
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


def probe(window: MainWindow, state: Path) -> None:
    from PySide6.QtWidgets import QApplication

    active = QApplication.activeWindow()
    modal = QApplication.activeModalWidget()
    person = window.panel.person
    rows = window.people_view.selectionModel().selectedRows()
    selected = window.people_model.person_at(rows[0].row()) if rows else None
    found = {
        "pid": os.getpid(),
        "active": active.windowTitle() if active is not None else None,
        "modal": modal.windowTitle() if modal is not None else None,
        "focus": describe(QApplication.focusWidget()),
        "panel": person.name if person is not None else None,
        "selected": selected.name if selected is not None else None,
        "results": window.people_model.rowCount(),
        "busy": window._runner.is_busy(),
    }
    tmp = state.with_suffix(".tmp")
    tmp.write_text(json.dumps(found), encoding="utf-8")
    os.replace(tmp, state)


def main() -> int:
    data_dir, state = Path(sys.argv[1]), Path(sys.argv[2])

    def ready(window: MainWindow, _register: Register) -> None:
        from PySide6.QtCore import QTimer

        timer = QTimer(window)
        timer.setInterval(PROBE_INTERVAL_MS)
        timer.timeout.connect(lambda: probe(window, state))
        timer.start()
        probe(window, state)

    return run_app(data_dir=data_dir, on_ready=ready)


if __name__ == "__main__":
    raise SystemExit(main())
