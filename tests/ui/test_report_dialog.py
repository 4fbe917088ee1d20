from __future__ import annotations

import shutil
import subprocess
import threading
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, Qt
from pytestqt.qtbot import QtBot

from kader_app.core.register import Register
from kader_app.core.report import MonthlyReport, build_report
from kader_app.ui.main_window import MainWindow
from kader_app.ui.report_dialog import ReportDialog
from kader_app.ui.runner import Runner
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import RuleSettings

WIB = timezone(timedelta(hours=7))


@pytest.fixture
def seeded(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> Register:
    """Two residents screened in March 2025; one of them referred (hipertensi derajat 2)."""
    for name, sex, born, reading in (
        ("Rina Marlina", "P", date(1980, 4, 4), (165, 102)),
        ("Agus Salim", "L", date(1950, 9, 9), (118, 76)),
    ):
        pid = register.people.register(
            make_person_input(name=name, sex=sex, birth_date=born)
        ).person_id
        register.visits.record(
            person_id=pid,
            inputs=make_visit_input(
                sex=sex,
                birth_date=born,
                measured_on=date(2025, 3, 8),
                blood_pressure=BloodPressureInput.of(reading),
            ),
            settings=RuleSettings(),
            measured_at=datetime(2025, 3, 8, 9, tzinfo=WIB),
        )
    return register


def make_dialog(
    qtbot: QtBot,
    runner: Runner,
    load: Callable[[date, Callable[[int, int], None]], MonthlyReport],
    month: date = date(2025, 3, 1),
) -> ReportDialog:
    dialog = ReportDialog(runner=runner, load_report=load, initial_month=month)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def loader(register: Register) -> Callable[[date, Callable[[int, int], None]], MonthlyReport]:
    def load(month: date, progress: Callable[[int, int], None]) -> MonthlyReport:
        return build_report(
            register.database.engine, month=month, posyandu="Melati", progress=progress
        )

    return load


def test_the_preview_shows_the_chosen_months_figures(
    qtbot: QtBot, runner: Runner, seeded: Register
) -> None:
    dialog = make_dialog(qtbot, runner, loader(seeded))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)

    assert dialog.status.text() == "2 warga diperiksa dalam 2 kunjungan, Maret 2025."
    text = dialog.preview.toPlainText()
    assert "Rina Marlina" in text and "Hipertensi derajat 2" in text

    with qtbot.waitSignal(dialog.report_loaded, timeout=10_000):
        dialog.month_edit.setDate(QDate(2025, 4, 1))
    assert dialog.status.text() == "0 warga diperiksa dalam 0 kunjungan, April 2025."
    shown = dialog.preview.toPlainText()
    this_month, earlier = shown.split("Status rujukan 3 bulan sebelumnya")
    # Not referred in April; her March referral is followed up on April's report.
    assert "Rina Marlina" not in this_month
    assert "Rina Marlina" in earlier and "Belum ada kabar" in earlier


def test_pdf_button_writes_a_pdf_that_names_the_referred_resident(
    qtbot: QtBot, runner: Runner, seeded: Register, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, runner, loader(seeded))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    dialog.ask_path = lambda _title, suggested: str(tmp_path / suggested)

    with qtbot.waitSignal(dialog.report_saved, timeout=20_000) as saved:
        qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)

    path = Path(saved.args[0])
    assert path == tmp_path / "laporan-posyandu-2025-03.pdf"
    assert path.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF back")
    text = subprocess.run(
        ["pdftotext", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "Laporan Bulanan Posyandu Melati" in text
    assert "Rina Marlina" in text
    assert "Maret 2025" in text


def test_excel_button_writes_the_report_and_adds_the_extension(
    qtbot: QtBot, runner: Runner, seeded: Register, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, runner, loader(seeded))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    dialog.ask_path = lambda _title, _suggested: str(tmp_path / "maret")

    with qtbot.waitSignal(dialog.report_saved, timeout=20_000):
        qtbot.mouseClick(dialog.xlsx_button, Qt.MouseButton.LeftButton)

    rows = list(load_workbook(tmp_path / "maret.xlsx").active.iter_rows(values_only=True))
    assert ("Warga diperiksa", 1, 1, 2) in [r[:4] for r in rows]
    assert ("Rujuk ke Puskesmas", 0, 1, 1) in [r[:4] for r in rows]


def test_cancelling_the_file_dialog_saves_nothing(
    qtbot: QtBot, runner: Runner, seeded: Register, tmp_path: Path
) -> None:
    dialog = make_dialog(qtbot, runner, loader(seeded))
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    dialog.ask_path = lambda _title, _suggested: ""

    qtbot.mouseClick(dialog.pdf_button, Qt.MouseButton.LeftButton)

    assert not runner.is_busy()
    assert not list(tmp_path.glob("*.pdf"))
    assert dialog.pdf_button.isEnabled()


def test_slow_work_shows_a_progress_bar_that_moves_and_then_goes(
    qtbot: QtBot, runner: Runner, seeded: Register
) -> None:
    release = threading.Event()
    real = loader(seeded)

    def slow(month: date, progress: Callable[[int, int], None]) -> MonthlyReport:
        progress(1, 4)
        release.wait(20)
        return real(month, progress)

    dialog = make_dialog(qtbot, runner, slow)
    qtbot.waitUntil(dialog.progress.isVisible, timeout=10_000)
    qtbot.waitUntil(lambda: dialog.progress.value() == 1, timeout=10_000)
    assert dialog.progress.maximum() == 4
    assert not dialog.pdf_button.isEnabled()

    release.set()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert not dialog.progress.isVisible()
    assert dialog.pdf_button.isEnabled()


def test_a_failure_is_told_in_words_and_the_buttons_come_back(
    qtbot: QtBot, runner: Runner, seeded: Register
) -> None:
    def broken(_month: date, _progress: Callable[[int, int], None]) -> MonthlyReport:
        raise OSError("disk penuh")

    dialog = make_dialog(qtbot, runner, broken)
    qtbot.waitUntil(lambda: dialog.status.text().startswith("Laporan tidak dapat"), timeout=10_000)
    assert dialog.pdf_button.isEnabled()


def test_the_main_window_menu_opens_the_report_for_this_month(
    qtbot: QtBot, make_window: Callable[..., MainWindow], runner: Runner
) -> None:
    window = make_window(posyandu_name="Melati")
    window.report_action.trigger()

    dialog = window.report_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.report.month == date.today().replace(day=1)
    assert dialog.report.posyandu == "Melati"


def test_saving_the_report_from_the_main_window_is_audited(
    qtbot: QtBot, make_window: Callable[..., MainWindow], runner: Runner, register, tmp_path: Path
) -> None:
    from sqlalchemy import select

    from kader_app.core.database import read_connection
    from kader_app.core.models import AUDIT_TABLE

    window = make_window(posyandu_name="Melati")
    window.report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    dialog.ask_path = lambda _title, _suggested: str(tmp_path / "laporan")
    with qtbot.waitSignal(dialog.report_saved, timeout=20_000):
        dialog.save(kind="xlsx")
    with read_connection(register.database.engine) as conn:
        rows = conn.execute(
            select(AUDIT_TABLE.c.kind, AUDIT_TABLE.c.entity_type, AUDIT_TABLE.c.entity_id)
        ).all()
    month = date.today().strftime("%Y-%m")
    assert ("export", "monthly_report_xlsx", month) in [tuple(r) for r in rows]


def _page_texts(path: Path) -> list[str]:
    if shutil.which("pdftotext") is None or shutil.which("pdfinfo") is None:
        pytest.fail("pdftotext and pdfinfo (poppler-utils) are needed to read the PDF back")
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True)
    pages = int(next(line for line in info.stdout.splitlines() if line.startswith("Pages:"))[6:])
    return [
        subprocess.run(
            ["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def test_a_long_pdf_has_its_title_and_page_number_on_every_page_and_never_splits_a_row(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
    tmp_path: Path,
) -> None:
    from kader_app.core.report import ReportIdentity
    from kader_app.ui.report_pdf import write_pdf

    for n in range(1, 46):
        born = date(1960 + n % 30, 1 + n % 12, 1 + n % 27)
        pid = register.people.register(
            make_person_input(
                name=f"Warga Rujuk {n:02d}",
                sex="L",
                birth_date=born,
                dusun="Sumberwaras Kulon" if n % 3 else "Krajan",
            )
        ).person_id
        register.visits.record(
            person_id=pid,
            inputs=make_visit_input(
                sex="L",
                birth_date=born,
                measured_on=date(2025, 3, 1 + n % 28),
                blood_pressure=BloodPressureInput.of((150 + n, 96)),
            ),
            settings=RuleSettings(),
            measured_at=datetime(2025, 3, 1 + n % 28, 9, tzinfo=WIB),
        )
    identity = ReportIdentity(
        puskesmas="Puskesmas Cibeber", desa="Sukamaju", posyandu="Posyandu Melati", kader="Sri"
    )
    report = build_report(register.database.engine, month=date(2025, 3, 1), identity=identity)
    path = tmp_path / "laporan.pdf"

    write_pdf(report, path)

    pages = _page_texts(path)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        assert "Laporan Bulanan Posyandu Melati · Sukamaju — Maret 2025" in text, number
        assert f"Halaman {number} dari {len(pages)}" in text, number
    # The referral list runs over pages: its header row starts each page it continues on.
    holding = [n for n, text in enumerate(pages) if "Warga Rujuk" in text]
    assert len(holding) >= 2
    for n in holding[1:]:
        body = pages[n].split("Kader: Sri", 1)[1]
        first_row = next(line for line in body.splitlines() if line.strip())
        assert first_row.split()[:4] == ["Nama", "L/P", "Umur", "NIK"], pages[n]
    # A row is never split: each resident's whole row (name, address, reasons) on one page.
    for n in range(1, 46):
        name = f"Warga Rujuk {n:02d}"
        (page,) = [text for text in pages if name in text]
        row = page[page.index(name) :].split("\n\n")[0]
        assert "Hipertensi" in row and "derajat" in row, name
    assert "Kader Posyandu" in pages[-1]
    assert "Mengetahui, Bidan desa / Petugas Puskesmas" in pages[-1]


def test_in_english_the_file_dialog_and_the_report_are_english(
    qtbot: QtBot, qapp: Any, runner: Runner, seeded: Register
) -> None:
    from PySide6.QtCore import QLocale, QTimer
    from PySide6.QtWidgets import QApplication, QFileDialog, QLabel

    from kader_app.app import install_translators
    from kader_app.ui import labels

    installed = install_translators(qapp, language="en")
    try:
        dialog = make_dialog(qtbot, runner, loader(seeded))
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
        assert "Monthly report, Posyandu Melati — March 2025" in dialog.preview.toPlainText()
        assert "Residents referred" in dialog.preview.toPlainText()
        assert QLocale().language() == QLocale.Language.English
        seen: dict[str, object] = {}

        def look_and_cancel() -> None:
            box = QApplication.activeModalWidget()
            assert isinstance(box, QFileDialog)
            seen["own"] = box.testOption(QFileDialog.Option.DontUseNativeDialog)
            seen["labels"] = [label.text() for label in box.findChildren(QLabel)]
            box.reject()

        QTimer.singleShot(200, look_and_cancel)
        dialog.save(kind="pdf")
        assert seen["own"] is True
        assert "File &name:" in seen["labels"], seen  # type: ignore[operator]
    finally:
        for translator in installed:
            qapp.removeTranslator(translator)
        labels.set_language("id")
        QLocale.setDefault(QLocale(QLocale.Language.Indonesian, QLocale.Country.Indonesia))


def test_the_preview_says_which_sasaran_is_the_puskesmas_estimate(
    qtbot: QtBot, make_window: Callable[..., MainWindow], runner: Runner, register: Register
) -> None:
    from kader_app.core.estimates import Estimate

    year = date.today().year
    # What a sync stores when the Puskesmas entered a sasaran for this Posyandu.
    register.sync.store_estimates([Estimate(year, "usia_produktif", 40)])
    window = make_window(posyandu_name="Melati")
    window.report_action.trigger()
    dialog = window.report_dialog
    assert dialog is not None
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    cells = dialog.preview.toPlainText().split("\n")
    productive = cells.index("Usia produktif mendapat skrining kesehatan (tahun ini)")
    elderly = cells.index("Lansia mendapat skrining kesehatan (tahun ini)")
    assert cells[productive + 1 : productive + 6] == [
        "Usia produktif (15–59 tahun)",
        "0",
        "40",
        "0,0%",
        "perkiraan Puskesmas",
    ]
    assert cells[elderly + 5] == "dari register"
