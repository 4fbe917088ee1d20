"""The composition root: builds the Qt application, register, runner and main window.

The only place that knows every part; each widget receives just what it needs. No other module
keeps a handle to the main window.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

# The Qt-free store first. Once PySide6 is loaded, its import hook reads the source of every
# module imported after it: importing SQLAlchemy and SQLModel before Qt saves about 0.1 s of
# every start (bench/bench_startup.py; tests/ui/test_startup_imports.py keeps the order).
from kader_app.core.register import Register
from kader_app.settings import AppSettings, load_settings, save_settings

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QProgressDialog

from kader_app.ui import operations
from kader_app.ui.error_dialog import install_error_handling, report_startup_failure
from kader_app.ui.labels import set_language
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
# Written once the demo village is complete; without it an interrupted seeding resumes.
DEMO_MARKER = "demo-seeded"


def install_translators(app: QApplication, *, language: str) -> list[QTranslator]:
    """Load the English catalogue when English is chosen; Bahasa Indonesia is the source.

    The core vocabulary's words follow the same choice (`kader_app.ui.labels.set_language`).
    """
    set_language(language)
    installed: list[QTranslator] = []
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        qt_id = QTranslator(app)
        if qt_id.load("qtbase_id", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_id)
            installed.append(qt_id)
        return installed
    # Qt's own dialogs (the file dialog) in English too, whatever the system's language; the
    # report dialog uses Qt's dialog rather than the system's in English for the same reason.
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom))
    qt_en = QTranslator(app)
    if qt_en.load("qtbase_en", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt_en)
        installed.append(qt_en)
    translator = QTranslator(app)
    if translator.load(str(RESOURCES / "translations" / "kader_app_en.qm")):
        app.installTranslator(translator)
        installed.append(translator)
    return installed


def load_stylesheet() -> str:
    try:
        return (RESOURCES / "style.qss").read_text(encoding="utf-8")
    except OSError:
        return ""


ReadyHook = Callable[[MainWindow, Register], None]


def run_app(*, data_dir: Path, demo: bool = False, on_ready: ReadyHook | None = None) -> int:
    """Open the app on ``data_dir`` and run until the window closes; returns the exit code.

    ``on_ready(window, register)`` runs on the GUI thread once the window shows its data (after
    the demo village is seeded, with ``demo``); `scripts/screenshots.py` uses it.
    """
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("kader-app")
    app.setApplicationDisplayName("Posyandu Kader")
    reporter = install_error_handling(log_dir=data_dir / "logs")
    settings = load_settings(data_dir)
    if demo and not settings.posyandu_name:
        settings = AppSettings(
            posyandu_name="Posyandu Mawar (contoh)", desa="Sukamaju", kader_name="Kader Demo"
        )
        save_settings(data_dir, settings)
    translators = install_translators(app, language=settings.language)
    app.setStyleSheet(load_stylesheet())
    log.info("starting (demo=%s)", demo)

    try:
        register = Register.open(data_dir)
    except Exception as error:  # whatever it is, the kader is told rather than dropped
        report_startup_failure(error, data_dir=data_dir, log_path=reporter.log_path)
        return 1
    runner = Runner(app)
    sync = SyncController(register=register, runner=runner, settings=settings, parent=app)
    window = MainWindow(
        register=register,
        runner=runner,
        settings=settings,
        store_settings=lambda new: save_settings(data_dir, new),
        sync=sync,
    )
    window.show()
    sync.start()

    def ready() -> None:
        if on_ready is not None:
            on_ready(window, register)

    if demo and not (data_dir / DEMO_MARKER).exists():
        _seed_in_background(
            window=window, register=register, runner=runner, data_dir=data_dir, then=ready
        )
    else:
        QTimer.singleShot(0, ready)
    try:
        return app.exec()
    finally:
        sync.stop()
        runner.wait_idle()
        register.close()
        del translators


def _seed_in_background(
    *,
    window: MainWindow,
    register: Register,
    runner: Runner,
    data_dir: Path,
    then: Callable[[], None],
) -> None:
    progress = QProgressDialog(window.tr("Menyiapkan data contoh…"), "", 0, 300, window)
    progress.setCancelButton(None)
    progress.setWindowTitle(window.tr("Data contoh"))
    progress.setMinimumDuration(0)
    progress.setValue(0)
    runner.progress_reported.connect(
        lambda key, done, _total: progress.setValue(done) if key == "demo" else None
    )
    op = operations.seed_demo_village(
        register=register,
        today=date.today(),
        progress=lambda done, total: runner.report_progress("demo", done, total),
    )

    def done(_summary: object) -> None:
        (data_dir / DEMO_MARKER).write_text("ok\n", encoding="utf-8")
        progress.close()
        window.run_search()
        window.refresh_sync_counts()
        then()

    runner.submit(op, on_done=done)
