from __future__ import annotations

import logging
from pathlib import Path

from pytestqt.qtbot import QtBot

from kader_app.core.errors import PersonInputError
from kader_app.ui.error_dialog import ErrorReporter, configure_logging


def test_crash_is_logged_without_health_data_and_explained_in_indonesian(
    qtbot: QtBot, tmp_path: Path
) -> None:
    path = configure_logging(tmp_path / "logs")
    reporter = ErrorReporter(log_path=path)
    try:
        try:
            raise ValueError("Siti Aminah 3404045303850001 tensi 150/95")
        except ValueError as inner:
            raise PersonInputError("nik", "length") from inner
    except PersonInputError as error:
        reporter(type(error), error, error.__traceback__)
    for handler in logging.getLogger().handlers:
        handler.flush()
    logged = path.read_text(encoding="utf-8")
    assert "PersonInputError" in logged and "ValueError" in logged
    assert "field=nik" in logged and "code=length" in logged
    assert "test_crash_is_logged" in logged
    assert "Siti" not in logged and "3404045303850001" not in logged and "150/95" not in logged
    assert reporter.box is not None and reporter.box.isVisible()
    qtbot.addWidget(reporter.box)
    assert "Data yang sudah tersimpan tetap aman" in reporter.box.text()
    assert str(path) in reporter.box.text()
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "") == str(path):
            logging.getLogger().removeHandler(handler)
            handler.close()
