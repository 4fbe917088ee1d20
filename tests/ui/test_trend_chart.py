"""The resident's trend chart: measured values over time on the rules' class bands."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone

from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import VisitInput

WIB = timezone(timedelta(hours=7))


def test_the_chart_draws_each_reading_on_the_tensi_bands(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    born = date(1960, 2, 2)
    pid = register.people.register(make_person_input(name="Bu Tensi", birth_date=born)).person_id
    readings = [
        (date(2025, 1, 8), (150, 95)),
        (date(2025, 2, 8), (142, 90)),
        (date(2025, 3, 8), (128, 82)),
    ]
    for day, reading in readings:
        register.visits.record(
            person_id=pid,
            inputs=VisitInput(
                subject=Subject(sex="P", birth_date=born),
                measured_on=day,
                sections={"blood_pressure": BloodPressureInput.of(reading)},
            ),
            settings=RuleSettings(),
            measured_at=datetime(day.year, day.month, day.day, 9, tzinfo=WIB),
        )
    window = make_window()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        window.show_person(pid)
    chart = window.panel.show_chart()

    assert chart.measure_combo.currentText() == "Tensi: Sistolik (atas)"
    series = {s.name(): s for s in chart.chart.series()}
    systolic = series["Tensi: Sistolik (atas) (mmHg)"]
    assert [round(p.y()) for p in systolic.points()] == [150, 142, 128]
    # The class bands behind the line are the rules' own, in their words, in the legend too.
    assert {"Hipertensi derajat 1", "Normal tinggi", "Normal"} <= set(series)
    assert "Hipertensi derajat 1" in chart.legend.text()
    assert chart.chart.title() == "Tensi: Sistolik (atas) (mmHg)"

    chart.measure_combo.setCurrentIndex(chart.measure_combo.findData("blood_pressure_diastolic"))
    series = {s.name(): s for s in chart.chart.series()}
    diastolic = series["Tensi: Diastolik (bawah) (mmHg)"]
    assert [round(p.y()) for p in diastolic.points()] == [95, 90, 82]
    bands = [b for b in chart.current().bands if b.code == "hipertensi_1"]  # type: ignore[union-attr]
    assert [(b.low, b.high) for b in bands] == [(90.0, 100.0)]


def test_a_resident_without_measurements_gets_words_not_an_empty_chart(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    pid = register.people.register(make_person_input(name="Bu Baru")).person_id
    window = make_window()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        window.show_person(pid)
    chart = window.panel.show_chart()
    assert chart.empty.isVisible() and not chart.view.isVisible()


def test_qtcharts_loads_only_when_a_chart_is_shown() -> None:
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        "import kader_app.app, kader_app.ui.main_window\n"
        "print('PySide6.QtCharts' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "False"
