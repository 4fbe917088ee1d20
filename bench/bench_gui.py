"""Benchmark: what a kader feels in the window, on the real `MainWindow` (offscreen Qt).

- *keystroke → result*: one digit typed (`QTest.keyClick`) into the adult form's systolic field
  and into a balita's weight field, until the form has re-evaluated and shown its answer and
  the window has painted; floor: the same key into a bare `QLineEdit` whose `textChanged` sets
  a `QLabel`, in the same window, painted the same way.
- *Simpan → history shown*: the save button clicked on a filled adult form until the history
  card of that visit is shown; baseline: `Register.visits.record` of the same inputs.
- *opening a resident with 50 visits*: the resident's row selected until the panel shows all 50
  cards; baseline: `Register.visits.history` of that resident.

Every measurement is interleaved with its floor; medians.
Run: `QT_QPA_PLATFORM=offscreen uv run python bench/bench_gui.py [--runs N]`.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("KADER_APP_KEYRING", "off")

from PySide6.QtCore import QCoreApplication, Qt  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QLabel, QLineEdit, QVBoxLayout, QWidget  # noqa: E402

from kader_app.core.demo import demo_visit  # noqa: E402
from kader_app.core.models import PersonInput  # noqa: E402
from kader_app.core.register import Register  # noqa: E402
from kader_app.settings import AppSettings  # noqa: E402
from kader_app.ui.main_window import MainWindow  # noqa: E402
from kader_app.ui.runner import Runner  # noqa: E402
from kader_app.ui.visit.dialog import VisitDialog  # noqa: E402
from screening.rules.section import RuleSettings, Subject  # noqa: E402

TODAY = date.today()
HISTORY_VISITS = 50
KEYS = "0123456789"


@dataclass
class Figures:
    adult_key: list[float] = field(default_factory=list)
    balita_key: list[float] = field(default_factory=list)
    floor_key: list[float] = field(default_factory=list)
    save: list[float] = field(default_factory=list)
    record: list[float] = field(default_factory=list)
    open_person: list[float] = field(default_factory=list)
    history: list[float] = field(default_factory=list)
    cards: int = 0


def wait_until(check: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not check():
        if time.perf_counter() > deadline:
            raise RuntimeError("the window did not get there in time")
        QCoreApplication.processEvents()
        time.sleep(0.0005)


def painted(widget: QWidget) -> None:
    """Let Qt lay out, then paint the whole window now (offscreen: into its backing store).

    A full repaint is more than Qt paints for a keystroke (only what changed), but it is the
    same work on every side, and it happens inside the measurement rather than later.
    """
    QCoreApplication.processEvents()
    widget.window().repaint()


class App:
    """A real main window on a fresh register, with people to screen."""

    def __init__(self, work: Path) -> None:
        self.register = Register.open(work, device_id="bench-gui")
        self.runner = Runner()
        self.window = MainWindow(
            register=self.register,
            runner=self.runner,
            settings=AppSettings(desa="Sukamaju", kader_name="Kader Bench"),
            store_settings=lambda _s: None,
        )
        self.window.resize(1280, 800)
        self.window.show()
        self.settings = RuleSettings()
        wait_until(lambda: not self.runner.is_busy())

    def person(self, name: str, *, birth: date, sex: str = "P") -> str:
        person = PersonInput(name=name, sex=sex, birth_date=birth, desa="Sukamaju")  # type: ignore[arg-type]
        return self.register.people.register(person).person_id

    def show(self, person_id: str) -> None:
        shown: list[str] = []
        self.window.person_shown.connect(shown.append)
        self.window.show_person(person_id)
        wait_until(lambda: person_id in shown)
        self.window.person_shown.disconnect(shown.append)

    def open_form(self, person_id: str) -> VisitDialog:
        self.show(person_id)
        self.window.new_visit_action.trigger()
        dialog = self.window.visit_dialog
        assert dialog is not None
        wait_until(dialog.isVisible)
        return dialog

    def close(self) -> None:
        self.window.close()
        self.runner.wait_idle()
        self.register.close()


def keystroke(edit: QLineEdit, key: str, done: Callable[[], bool]) -> float:
    started = time.perf_counter()
    QTest.keyClick(edit, key)
    wait_until(done)
    painted(edit)
    return time.perf_counter() - started


def form_keystrokes(dialog: VisitDialog, edit: QLineEdit, count: int) -> list[float]:
    """``count`` digits typed into ``edit``, each timed until the form shows its evaluation."""
    form = dialog.form
    seen: list[int] = []

    def note() -> None:
        seen.append(1)

    form.evaluated.connect(note)
    times = []
    try:
        for n in range(count):
            edit.selectAll()
            QTest.keyClick(edit, Qt.Key.Key_Delete)
            QTest.keyClicks(edit, "1")
            painted(edit)
            seen.clear()
            times.append(keystroke(edit, KEYS[n % 10], lambda: bool(seen)))
    finally:
        form.evaluated.disconnect(note)
    return times


def floor_keystrokes(edit: QLineEdit, label: QLabel, count: int) -> list[float]:
    times = []
    for n in range(count):
        edit.setText("1")
        painted(edit)
        want = "1" + KEYS[n % 10]
        times.append(keystroke(edit, KEYS[n % 10], lambda w=want: label.text() == w))
    return times


def measure(*, runs: int, keys: int) -> Figures:
    QApplication.instance() or QApplication([])
    figures = Figures()
    with tempfile.TemporaryDirectory(prefix="bench-gui-") as tmp:
        app = App(Path(tmp) / "data")
        try:
            adult = app.person("Sri Wahyuni", birth=TODAY - timedelta(days=45 * 365))
            balita = app.person("Putri Ayu", birth=TODAY - timedelta(days=700))
            many = app.person("Siti Aminah", birth=TODAY - timedelta(days=52 * 365))
            rng = random.Random(5)
            subject = Subject(sex="P", birth_date=TODAY - timedelta(days=52 * 365))
            for n in range(HISTORY_VISITS):
                on = TODAY - timedelta(days=30 * (HISTORY_VISITS - n))
                app.register.visits.record(
                    person_id=many,
                    inputs=demo_visit(rng, subject=subject, on=on, risk=0.3, settings=app.settings),
                    settings=app.settings,
                    place="posyandu",
                    recorded_by="Kader Bench",
                    measured_at=datetime.combine(on, datetime.min.time()).astimezone(),
                )
            bare = QWidget(app.window)
            layout = QVBoxLayout(bare)
            floor_edit, floor_label = QLineEdit(bare), QLabel(bare)
            layout.addWidget(floor_edit)
            layout.addWidget(floor_label)
            floor_edit.textChanged.connect(floor_label.setText)
            bare.show()

            adult_form = app.open_form(adult)
            (systolic, _diastolic), _ = adult_form.form.panels["blood_pressure"].readings
            adult_form.hide()
            balita_form = app.open_form(balita)
            weight = balita_form.form.panels["antropometri_balita"].weight
            balita_form.hide()
            for run in range(runs):
                order = (
                    ("adult", "balita", "floor") if run % 2 == 0 else ("floor", "balita", "adult")
                )
                for side in order:
                    if side == "adult":
                        adult_form.show()
                        figures.adult_key += form_keystrokes(adult_form, systolic.edit, keys)
                        adult_form.hide()
                    elif side == "balita":
                        balita_form.show()
                        figures.balita_key += form_keystrokes(balita_form, weight.edit, keys)
                        balita_form.hide()
                    else:
                        figures.floor_key += floor_keystrokes(floor_edit, floor_label, keys)
            for dialog in (adult_form, balita_form):
                dialog.ask_discard = lambda: True  # the kader answers "Buang"
                dialog.reject()
            bare.hide()

            for run in range(runs):
                for side in ("gui", "core") if run % 2 == 0 else ("core", "gui"):
                    if side == "gui":
                        figures.save.append(save_through_window(app, adult))
                    else:
                        figures.record.append(record_directly(app, adult, rng))
                for side in ("gui", "core") if run % 2 == 0 else ("core", "gui"):
                    if side == "gui":
                        app.show(adult)  # away from the resident, so the next show loads anew
                        started = time.perf_counter()
                        app.show(many)
                        wait_until(lambda: len(app.window.panel.cards) == HISTORY_VISITS)
                        painted(app.window)
                        figures.open_person.append(time.perf_counter() - started)
                        figures.cards = len(app.window.panel.cards)
                    else:
                        started = time.perf_counter()
                        app.register.visits.history(many)
                        figures.history.append(time.perf_counter() - started)
        finally:
            app.close()
    return figures


def save_through_window(app: App, person_id: str) -> float:
    dialog = app.open_form(person_id)
    form = dialog.form
    (systolic, diastolic), _ = form.panels["blood_pressure"].readings
    QTest.keyClicks(systolic.edit, "150")
    QTest.keyClicks(diastolic.edit, "95")
    painted(dialog)
    before = len(app.register.visits.history(person_id))
    shown: list[str] = []
    app.window.person_shown.connect(shown.append)
    started = time.perf_counter()
    QTest.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    wait_until(lambda: bool(shown) and len(app.window.panel.cards) == before + 1)
    painted(app.window)
    seconds = time.perf_counter() - started
    app.window.person_shown.disconnect(shown.append)
    return seconds


def record_directly(app: App, person_id: str, rng: random.Random) -> float:
    person = app.register.people.get(person_id)
    assert person is not None
    inputs = demo_visit(rng, subject=person.subject, on=TODAY, risk=0.3, settings=app.settings)
    started = time.perf_counter()
    app.register.visits.record(
        person_id=person_id,
        inputs=inputs,
        settings=app.settings,
        place="posyandu",
        recorded_by="Kader Bench",
        measured_at=datetime.now().astimezone(),
    )
    return time.perf_counter() - started


def report(figures: Figures) -> None:
    med = statistics.median
    print(f"adult keystroke (median):  {med(figures.adult_key) * 1e3:.3f} ms")
    print(f"balita keystroke (median): {med(figures.balita_key) * 1e3:.3f} ms")
    print(f"floor keystroke (median):  {med(figures.floor_key) * 1e3:.3f} ms")
    print(f"keystrokes per side:       {len(figures.adult_key)}")
    print(f"save to history (median):  {med(figures.save) * 1e3:.3f} ms")
    print(f"record alone (median):     {med(figures.record) * 1e3:.3f} ms")
    print(f"open 50 visits (median):   {med(figures.open_person) * 1e3:.3f} ms")
    print(f"history read (median):     {med(figures.history) * 1e3:.3f} ms")
    print(f"cards shown:               {figures.cards}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--keys", type=int, default=10, help="keystrokes per side per run")
    args = parser.parse_args()
    report(measure(runs=args.runs, keys=args.keys))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
