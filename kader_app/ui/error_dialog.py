"""Friendly failure: one dialog in Bahasa Indonesia, and a rotating log without health data.

The log holds exception types, error codes and tracebacks (file, line, function) but never an
exception's message text or any field value, so no name, NIK or measurement can reach it.
"""

from __future__ import annotations

import logging
import sys
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QMessageLogContext, QtMsgType, qInstallMessageHandler
from PySide6.QtWidgets import QApplication, QMessageBox

log = logging.getLogger("kader_app")

LOG_FILE = "kader-app.log"
_SAFE_ATTRIBUTES = ("field", "code", "kind", "expected", "current")


def describe_exception(error: BaseException) -> str:
    """Type, safe error codes and the stack, leaving out the message (it may carry values)."""
    lines = [f"{type(error).__module__}.{type(error).__qualname__}"]
    for name in _SAFE_ATTRIBUTES:
        value = getattr(error, name, None)
        if isinstance(value, str | int) and not isinstance(value, bool):
            lines.append(f"  {name}={value}")
    stack = traceback.extract_tb(error.__traceback__)
    lines.extend(f"  {frame.filename}:{frame.lineno} in {frame.name}" for frame in stack)
    cause = error.__cause__ or error.__context__
    if cause is not None and cause is not error:
        lines.append("caused by:")
        lines.append(describe_exception(cause))
    return "\n".join(lines)


def configure_logging(log_dir: Path) -> Path:
    """Send the app's log to a rotating file in the data directory; returns its path."""
    log_dir.mkdir(parents=True, exist_ok=True)
    path = log_dir / LOG_FILE
    handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=3, encoding="utf-8")
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    return path


class ErrorReporter:
    """Installed as ``sys.excepthook``: logs safely and shows one dialog at a time."""

    def __init__(self, *, log_path: Path) -> None:
        self._log_path = log_path
        self.log_path = log_path
        self.box: QMessageBox | None = None
        self.reported = 0

    def __call__(
        self,
        exc_type: type[BaseException],
        error: BaseException,
        tb: TracebackType | None,
    ) -> None:
        if error.__traceback__ is None and tb is not None:
            error = error.with_traceback(tb)
        self.reported += 1
        log.error("unhandled error\n%s", describe_exception(error))
        if issubclass(exc_type, KeyboardInterrupt):
            QCoreApplication.quit()
            return
        self.show_dialog()

    def show_dialog(self) -> None:
        """Open the dialog without blocking; a second error while it is open adds nothing."""
        if self.box is not None and self.box.isVisible():
            return
        if QApplication.instance() is None:
            return
        self.box = QMessageBox(QMessageBox.Icon.Warning, self.tr_title(), self.tr_text())
        self.box.open()

    def tr_title(self) -> str:
        return QCoreApplication.translate("ErrorReporter", "Terjadi kesalahan")

    def tr_text(self) -> str:
        return QCoreApplication.translate(
            "ErrorReporter",
            "Maaf, aplikasi mengalami kesalahan. Data yang sudah tersimpan tetap aman.\n\n"
            "Yang bisa dilakukan:\n"
            "1. Periksa apakah data terakhir sudah muncul di riwayat; jika belum, isi lagi.\n"
            "2. Jika kesalahan terulang, tutup lalu buka kembali aplikasi.\n"
            "3. Laporkan ke petugas Puskesmas dan kirimkan berkas catatan:\n{path}",
        ).format(path=self._log_path)


def startup_failure_text(error: BaseException, *, data_dir: Path, log_path: Path) -> str:
    """What the kader reads when the database cannot be opened at start (no values, no names)."""
    from kader_app.core.errors import DatabaseKeyError

    if isinstance(error, DatabaseKeyError):
        first = QCoreApplication.translate(
            "ErrorReporter",
            "Database tidak bisa dibuka: kunci pengaman database tidak ditemukan atau tidak cocok.",
        )
    else:
        first = QCoreApplication.translate(
            "ErrorReporter", "Database tidak bisa dibuka saat aplikasi dimulai."
        )
    steps = QCoreApplication.translate(
        "ErrorReporter",
        "Data TIDAK dihapus. Jangan menghapus atau memindahkan folder data.\n\n"
        "Yang bisa dilakukan:\n"
        "1. Tutup aplikasi lalu buka kembali.\n"
        "2. Jika tetap gagal, hubungi petugas IT Puskesmas (panduan pemulihan data) dan sebutkan "
        "folder data:\n{data_dir}\n"
        "3. Kirimkan juga berkas catatan:\n{path}",
    ).format(data_dir=data_dir, path=log_path)
    return f"{first}\n\n{steps}"


def report_startup_failure(error: BaseException, *, data_dir: Path, log_path: Path) -> None:
    """Log the failure safely and show a modal dialog: the app cannot run without its database."""
    log.error("cannot open the database\n%s", describe_exception(error))
    box = QMessageBox(
        QMessageBox.Icon.Critical,
        QCoreApplication.translate("ErrorReporter", "Aplikasi tidak bisa dibuka"),
        startup_failure_text(error, data_dir=data_dir, log_path=log_path),
    )
    box.exec()


def _qt_message(mode: QtMsgType, context: QMessageLogContext, message: str) -> None:
    # Qt's own messages name widgets and plugins, never our field values.
    level = {
        QtMsgType.QtDebugMsg: logging.DEBUG,
        QtMsgType.QtInfoMsg: logging.INFO,
        QtMsgType.QtWarningMsg: logging.WARNING,
        QtMsgType.QtCriticalMsg: logging.ERROR,
        QtMsgType.QtFatalMsg: logging.CRITICAL,
    }.get(mode, logging.WARNING)
    logging.getLogger("qt").log(level, "%s (%s)", message, context.category)


def install_error_handling(*, log_dir: Path) -> ErrorReporter:
    """Route uncaught exceptions and Qt messages to the log and the friendly dialog."""
    path = configure_logging(log_dir)
    reporter = ErrorReporter(log_path=path)
    sys.excepthook = reporter
    qInstallMessageHandler(_qt_message)
    return reporter
