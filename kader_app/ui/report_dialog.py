"""``ReportDialog``: choose a month, preview the monthly Posyandu report, save it as XLSX or PDF.

The report is read and written on the runner's database lane (worker code never touches a
widget); a progress bar appears when the work takes longer than a moment.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, QLocale, QTimer, Signal
from PySide6.QtWidgets import (
    QDateEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from kader_app.core.report import MonthlyReport
from kader_app.core.report_document import report_html, write_xlsx
from kader_app.ui import operations
from kader_app.ui.labels import language, month_title
from kader_app.ui.operations import LoadReport, SavedReport
from kader_app.ui.report_pdf import write_pdf
from kader_app.ui.runner import Runner
from screening.words import Language

# Below this the work feels instant and a progress bar would only flicker.
PROGRESS_DELAY_MS = 400
PROGRESS_KEY = "monthly-report"

AskPath = Callable[[str, str], str]


class ReportDialog(QDialog):
    """The monthly report: a month picker, a preview and two save buttons.

    Signals: ``report_loaded`` after a preview, ``report_saved(path)`` after a save, and
    ``report_failed(message)`` when reading or writing failed (the message is for the kader).
    """

    report_loaded = Signal(object)
    report_saved = Signal(str)
    report_failed = Signal(str)

    def __init__(
        self,
        *,
        runner: Runner,
        load_report: LoadReport,
        record_export: Callable[[date, str], None] | None = None,
        initial_month: date | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Laporan bulanan Posyandu"))
        self.resize(760, 620)
        self._runner = runner
        self._load_report = load_report
        self._record_export = record_export
        self._generation = 0
        self.report: MonthlyReport | None = None
        # Replaced in tests; (title, suggested file name) → chosen path or "".
        self.ask_path: AskPath = self._ask_path

        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        top.addWidget(QLabel(self.tr("Bulan:"), self))
        self.month_edit = QDateEdit(self)
        self.month_edit.setObjectName("monthEdit")
        self.month_edit.setLocale(
            QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
            if language() == "en"
            else QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia)
        )
        self.month_edit.setDisplayFormat("MMMM yyyy")
        self.month_edit.setCalendarPopup(False)
        start = initial_month or date.today()
        self.month_edit.setDate(QDate(start.year, start.month, 1))
        self.month_edit.setMaximumDate(QDate.currentDate())
        top.addWidget(self.month_edit)
        top.addStretch(1)
        self.xlsx_button = QPushButton(self.tr("Simpan Excel…"), self)
        self.pdf_button = QPushButton(self.tr("Simpan PDF…"), self)
        self.pdf_button.setObjectName("primaryButton")
        top.addWidget(self.xlsx_button)
        top.addWidget(self.pdf_button)
        layout.addLayout(top)

        self.progress = QProgressBar(self)
        self.progress.setObjectName("reportProgress")
        self.progress.setTextVisible(True)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        self.preview = QTextBrowser(self)
        layout.addWidget(self.preview, 1)

        self._progress_timer = QTimer(self)
        self._progress_timer.setSingleShot(True)
        self._progress_timer.setInterval(PROGRESS_DELAY_MS)
        self._progress_timer.timeout.connect(self.progress.show)

        self.month_edit.dateChanged.connect(self.load_preview)
        self.xlsx_button.clicked.connect(lambda: self.save(kind="xlsx"))
        self.pdf_button.clicked.connect(lambda: self.save(kind="pdf"))
        runner.progress_reported.connect(self.on_progress_reported)
        self.load_preview()

    def month(self) -> date:
        chosen = self.month_edit.date()
        return date(chosen.year(), chosen.month(), 1)

    def _ask_path(self, title: str, suggested: str) -> str:
        kind = "PDF (*.pdf)" if suggested.endswith(".pdf") else "Excel (*.xlsx)"
        # In English, Qt's own dialog (Qt's English words); otherwise the system's, which follows
        # the system's language.
        options = (
            QFileDialog.Option.DontUseNativeDialog if language() == "en" else QFileDialog.Option(0)
        )
        path, _ = QFileDialog.getSaveFileName(self, title, suggested, kind, options=options)
        return path

    def _begin(self) -> int:
        self._generation += 1
        self.progress.setRange(0, 0)
        self._progress_timer.start()
        self.xlsx_button.setEnabled(False)
        self.pdf_button.setEnabled(False)
        return self._generation

    def _end(self) -> None:
        self._progress_timer.stop()
        self.progress.hide()
        self.xlsx_button.setEnabled(True)
        self.pdf_button.setEnabled(True)

    def _reporter(self) -> Callable[[int, int], None]:
        runner = self._runner

        def report(done: int, total: int) -> None:
            """Worker thread: forwards progress through the runner's thread-safe signal."""
            runner.report_progress(PROGRESS_KEY, done, total)

        return report

    def load_preview(self) -> None:
        month = self.month()
        generation = self._begin()
        self.status.setText(self.tr("Menghitung laporan…"))
        op = operations.report(load=self._load_report, month=month, progress=self._reporter())
        self._runner.submit(
            op,
            on_done=lambda report: self.on_report_loaded(generation, report),
            on_error=self.on_failed,
        )

    def on_report_loaded(self, generation: int, report: MonthlyReport) -> None:
        if generation != self._generation:
            return
        self._end()
        self.report = report
        self.preview.setHtml(report_html(report, language()))
        self.status.setText(
            self.tr("{people} warga diperiksa dalam {visits} kunjungan, {month}.").format(
                people=report.screened.total,
                visits=report.visits,
                month=month_title(report.month),
            )
        )
        self.report_loaded.emit(report)

    def save(self, *, kind: str) -> None:
        month = self.month()
        suggested = f"laporan-posyandu-{month:%Y-%m}.{kind}"
        title = self.tr("Simpan laporan sebagai PDF" if kind == "pdf" else "Simpan laporan Excel")
        chosen = self.ask_path(title, suggested)
        if not chosen:
            return
        path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_name(path.name + f".{kind}")
        self.save_to(path, kind=kind)

    def save_to(self, path: Path, *, kind: str) -> None:
        """Compute the chosen month again and write it to ``path`` on the runner."""
        month = self.month()
        generation = self._begin()
        self.status.setText(self.tr("Menyimpan laporan…"))
        op = operations.save_report(
            load=self._load_report,
            month=month,
            progress=self._reporter(),
            path=path,
            kind=kind,
            write=_writer(kind, language()),
            record_export=self._record_export,
        )
        self._runner.submit(
            op,
            on_done=lambda saved: self.on_saved(generation, saved),
            on_error=self.on_failed,
        )

    def on_saved(self, generation: int, saved: SavedReport) -> None:
        if generation == self._generation:
            self._end()
        self.status.setText(self.tr("Laporan tersimpan: {path}").format(path=str(saved.path)))
        self.report_saved.emit(str(saved.path))

    def on_failed(self, error: BaseException) -> None:
        self._end()
        # The exception text may name a file path; it never holds a resident's data.
        message = self.tr("Laporan tidak dapat dibuat atau disimpan ({kind}).").format(
            kind=type(error).__name__
        )
        self.status.setText(message)
        self.report_failed.emit(message)

    def on_progress_reported(self, key: str, done: int, total: int) -> None:
        if key != PROGRESS_KEY or total <= 0:
            return
        self.progress.setRange(0, total)
        self.progress.setValue(min(done, total))


def _writer(kind: str, lang: Language) -> Callable[[MonthlyReport, Path], None]:
    """The file writer for ``kind`` in ``lang`` (runs on a worker)."""
    write = write_pdf if kind == "pdf" else write_xlsx
    return lambda report, path: write(report, path, lang)
