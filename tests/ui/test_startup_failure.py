"""The app that cannot open its database says so in a dialog, and touches nothing."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from kader_app.app import run_app
from kader_app.core.keystore import key_file_path


def test_a_lost_database_key_is_explained_not_a_silent_exit(qapp, register_dir):  # type: ignore[no-untyped-def]
    data_dir = register_dir
    key_file_path(data_dir).unlink()
    before = {p.name: p.stat().st_size for p in data_dir.rglob("*") if p.is_file()}
    seen: list[str] = []

    def read_and_close() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(50, read_and_close)
            return
        seen.append(box.text())
        box.accept()

    QTimer.singleShot(50, read_and_close)
    assert run_app(data_dir=data_dir) == 1
    assert len(seen) == 1
    assert "kunci pengaman database" in seen[0]
    assert "TIDAK dihapus" in seen[0]
    assert str(data_dir) in seen[0]
    after = {
        p.name: p.stat().st_size for p in data_dir.rglob("*") if p.is_file() and p.suffix != ".log"
    }
    assert {k: v for k, v in before.items() if not k.endswith(".log")} == after
