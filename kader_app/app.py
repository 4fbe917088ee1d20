"""The composition root: builds the Qt application, register, runner and main window.

The only place that knows every part; each widget receives just what it needs. No other module
keeps a handle to the main window.
"""

from __future__ import annotations

import logging
import os
import sys
from datetime import date
from pathlib import Path

# The Qt-free store first. Once PySide6 is loaded, its import hook reads the source of every
# module imported after it: importing SQLAlchemy and SQLModel before Qt saves about 0.1 s of
# every start (bench/bench_startup.py; tests/ui/test_startup_imports.py keeps the order).
from kader_app.core.demo import seed_demo
from kader_app.core.models import PersonRecord
from kader_app.core.register import Register
from kader_app.core.rules.visit import BloodPressureInput, GlucoseInput, TbInput, VisitInput
from kader_app.settings import AppSettings, load_settings, save_settings

# isort: split
from PySide6.QtCore import QLibraryInfo, QLocale, QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QProgressDialog

from kader_app.ui.error_dialog import install_error_handling, report_startup_failure
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.sync_controller import SyncController

log = logging.getLogger(__name__)

RESOURCES = Path(__file__).resolve().parent.parent / "resources"
SCREENSHOT_ENV = "KADER_APP_SCREENSHOT"
# Written once the demo village is complete; without it an interrupted seeding resumes.
DEMO_MARKER = "demo-seeded"


def install_translators(app: QApplication, *, language: str) -> list[QTranslator]:
    """Load the English catalogue when English is chosen; Bahasa Indonesia is the source."""
    installed: list[QTranslator] = []
    if language != "en":
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))
        qt_id = QTranslator(app)
        if qt_id.load("qtbase_id", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
            app.installTranslator(qt_id)
            installed.append(qt_id)
        return installed
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


def run_app(*, data_dir: Path, demo: bool = False) -> int:
    """Open the app on ``data_dir`` and run until the window closes; returns the exit code."""
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
    if demo and not (data_dir / DEMO_MARKER).exists():
        _seed_in_background(window=window, register=register, runner=runner, data_dir=data_dir)
    elif os.environ.get(SCREENSHOT_ENV):
        QTimer.singleShot(300, lambda: _open_for_screenshot(window, register=register))
    try:
        return app.exec()
    finally:
        sync.stop()
        runner.wait_idle()
        register.close()
        del translators


def _seed_in_background(
    *, window: MainWindow, register: Register, runner: Runner, data_dir: Path
) -> None:
    progress = QProgressDialog(window.tr("Menyiapkan data contoh…"), "", 0, 300, window)
    progress.setCancelButton(None)
    progress.setWindowTitle(window.tr("Data contoh"))
    progress.setMinimumDuration(0)
    progress.setValue(0)
    runner.progress_reported.connect(
        lambda key, done, _total: progress.setValue(done) if key == "demo" else None
    )

    def seed() -> object:
        """Worker thread: fills the demo database; reports progress by signal only."""
        return seed_demo(
            register,
            today=date.today(),
            progress=lambda done, total: runner.report_progress("demo", done, total),
        )

    def done(_summary: object) -> None:
        (data_dir / DEMO_MARKER).write_text("ok\n", encoding="utf-8")
        progress.close()
        window.run_search()
        window.refresh_sync_counts()
        if os.environ.get(SCREENSHOT_ENV):
            QTimer.singleShot(300, lambda: _open_for_screenshot(window, register=register))

    runner.submit(seed, on_done=done)


def _open_for_screenshot(window: MainWindow, *, register: Register) -> None:
    """Developer aid (``KADER_APP_SCREENSHOT``): open a given dialog for documentation shots."""
    what = os.environ.get(SCREENSHOT_ENV, "")
    people = register.search_people("", limit=50)
    # A resident with a referral makes the screenshots show every kind of badge.
    referred = [p for p in people if p.last_level in ("refer", "urgent")]
    chosen = referred or people
    person: PersonRecord | None = chosen[0] if chosen else None
    if person is not None:
        window.show_person(person.id)
    if what == "main-window":
        return
    if what == "resident-form":
        window.open_new_person()
        dialog = window.resident_dialog
        if dialog is not None:
            form = dialog.form
            form.name_edit.setText("Siti Rahmawati")
            form.female_radio.setChecked(True)
            form.nik_edit.setText("3404045313850001")
            form.dusun_edit.setText("Krajan")
            form.rt_edit.setText("002")
            form.rw_edit.setText("001")
    elif what == "visit-form" and person is not None:
        window.person_shown.connect(lambda _pid: _fill_visit_form(window))
    elif what == "settings":
        window.open_settings()
    elif what == "sync-panel":
        window.open_sync_panel()


def _fill_visit_form(window: MainWindow) -> None:
    if window.visit_dialog is not None:
        return
    window.open_new_visit()
    dialog = window.visit_dialog
    if dialog is None:
        return
    form = dialog.form
    form.set_inputs(
        VisitInput(
            sex="L",
            birth_date=None,
            measured_on=date.today(),
            blood_pressure=BloodPressureInput(readings=((152, 94), (148, 92))),
            glucose=GlucoseInput(value="168", kind="sewaktu"),
            tb=TbInput(),
        )
    )
    form.tabs.setCurrentWidget(form.blood_pressure)
