r"""Open the app at one screen, filled in, for the README and user-guide screenshots.

Run it on a 1366×768 screen, on the demo database, e.g. under Xvfb::

    xvfb-run -s "-screen 0 1366x768x24" uv run --frozen python scripts/screenshots.py \
        visit-form --demo --data-dir /tmp/shots --out docs/screenshots/visit-form.png

``SCREEN`` is one of sign-in (on a folder that is not the demo's: three sample kader are made
there when it has none, PIN 111111), main-window, visit-form, resident-form,
resident-form-errors, settings, sync-panel, trend-chart, glucose-question, discard-question
(``--section CODE`` picks the visit form's tab, ``--empty`` leaves it untouched). With
``--out`` the whole screen is saved as a PNG once the screen has settled, and the app closes;
without it the app stays open. The first ``--demo`` run seeds the demo village (a few seconds).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from datetime import date
from decimal import Decimal
from pathlib import Path

from kader_app.app import run_app
from kader_app.core.models import PersonRecord
from kader_app.core.register import Register
from kader_app.settings import resolve_data_dir
from kader_app.ui.main_window import MainWindow
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.bmi import BmiInput
from screening.rules.glucose import GlucoseInput
from screening.rules.tb import TbInput
from screening.rules.visit import VisitInput

SCREENS = (
    "sign-in",
    "main-window",
    "visit-form",
    "resident-form",
    "resident-form-errors",
    "settings",
    "sync-panel",
    "trend-chart",
    "glucose-question",
    "discard-question",
)
SETTLE_MS = 1500


def _visit_with_states(window: MainWindow, *, section: str, empty: bool) -> None:
    """A screening in progress: two sections complete, two incomplete, the rest not asked."""
    person = window.panel.person
    if person is None or window.visit_dialog is not None:
        return
    window.open_new_visit()
    dialog = window.visit_dialog
    if dialog is None:
        return
    form = dialog.form
    if empty:
        return
    form.set_inputs(
        VisitInput(
            subject=person.subject,
            measured_on=date.today(),
            sections={
                "bmi": BmiInput(weight_kg=Decimal("68.5"), height_cm=Decimal("156")),
                "blood_pressure": BloodPressureInput.of((152, 94), (148, 92)),
                "glucose": GlucoseInput(value="168"),
                "tb": TbInput(symptoms=frozenset({"fever"})),
            },
        )
    )
    form.go_to_section(section)


def _glucose_question(window: MainWindow) -> None:
    """A value typed from a mmol/L meter with the unit left at mg/dL: the form asks first."""
    window.open_new_visit()
    dialog = window.visit_dialog
    if dialog is None:
        return
    form = dialog.form
    form.go_to_section("glucose")
    glucose = form.panels.get("glucose")
    if glucose is not None:
        glucose.value.edit.setText("7,8")  # type: ignore[attr-defined]


def _discard_question(window: MainWindow) -> None:
    from PySide6.QtCore import QTimer

    _resident_form(window)
    dialog = window.resident_dialog
    if dialog is not None:
        QTimer.singleShot(300, dialog.reject)


def _resident_form_errors(window: MainWindow) -> None:
    """Every problem at once, each beside its field: a wrong NIK date and sex, no birth date."""
    window.open_new_person()
    dialog = window.resident_dialog
    if dialog is None:
        return
    form = dialog.form
    form.name_edit.setText("Siti Rahmawati")
    form.male_radio.setChecked(True)
    form.birth_edit.setText("23/08/1990")
    form.nik_edit.setText("3404045313850001")
    form.kk_edit.setText("12345")
    dialog.on_save_clicked()
    form.nik_edit.setText("3404045303850001")


def _resident_form(window: MainWindow) -> None:
    window.open_new_person()
    dialog = window.resident_dialog
    if dialog is None:
        return
    form = dialog.form
    form.name_edit.setText("Siti Rahmawati")
    form.female_radio.setChecked(True)
    form.birth_edit.setText("13/03/1985")
    form.nik_edit.setText("3404045303850001")
    form.dusun_edit.setText("Krajan")
    form.rt_edit.setText("002")
    form.rw_edit.setText("001")


def _most_visits(register: Register, people: list[PersonRecord]) -> str:
    """The resident with the longest history (a chart worth showing)."""
    return max(people[:40], key=lambda p: len(register.visits.history(p.id))).id


def opener(
    screen: str, *, out: Path | None, section: str = "blood_pressure", empty: bool = False
) -> Callable[[MainWindow, Register], None]:
    """The ``on_ready`` hook that opens ``screen`` (and saves the picture to ``out``)."""

    def ready(window: MainWindow, register: Register) -> None:
        from PySide6.QtCore import QTimer
        from PySide6.QtGui import QGuiApplication

        people = register.search.people("", limit=50)
        # A resident with a referral shows every kind of badge.
        referred = [p for p in people if p.last_level in ("refer", "urgent")] or people
        if referred:
            if screen == "visit-form":
                window.person_shown.connect(
                    lambda _id: _visit_with_states(window, section=section, empty=empty)
                )
            window.show_person(referred[0].id)
        if screen in ("trend-chart", "glucose-question") and referred:
            chosen = _most_visits(register, people)
            window.show_person(chosen)
            if screen == "trend-chart":
                window.person_shown.connect(lambda _id: window.panel.show_chart())
            else:
                window.person_shown.connect(lambda _id: _glucose_question(window))
        if screen == "resident-form":
            _resident_form(window)
        elif screen == "resident-form-errors":
            _resident_form_errors(window)
        elif screen == "discard-question":
            _discard_question(window)
        elif screen == "settings":
            window.open_settings()
        elif screen == "sync-panel":
            window.open_sync_panel()
        if out is not None:

            def shoot() -> None:
                screen_ = QGuiApplication.primaryScreen()
                screen_.grabWindow(0).save(str(out))
                QGuiApplication.quit()

            QTimer.singleShot(SETTLE_MS, shoot)

    return ready


def sign_in_screen(data_dir: Path, *, out: Path | None) -> int:
    """The app's first screen, "Siapa yang bertugas?", with three kader on the laptop."""
    from PySide6.QtCore import QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtWidgets import QApplication

    from kader_app.core.profiles import ProfileBook, has_profiles, protect_with_first_profile

    if not has_profiles(data_dir):
        _first, _recovery, key = protect_with_first_profile(
            data_dir, name="Sri Wahyuni", role="kader", pin="111111"
        )
        book = ProfileBook(data_dir)
        book.add(key=key, name="Ani Rahayu", role="kader", pin="111111")
        book.add(key=key, name="Ratna Dewi, Amd.Keb", role="nakes", pin="111111")
    app = QApplication.instance() or QApplication(sys.argv[:1])
    if out is not None:

        def shoot() -> None:
            QGuiApplication.primaryScreen().grabWindow(0).save(str(out))
            app.quit()  # ends the sign-in screen too: the app closes as after Keluar

        QTimer.singleShot(SETTLE_MS, shoot)
    return run_app(data_dir=data_dir)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("screen", choices=SCREENS)
    parser.add_argument("--data-dir")
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--section", default="blood_pressure", help="visit-form: tab to show")
    parser.add_argument("--empty", action="store_true", help="visit-form: leave it untouched")
    args = parser.parse_args(argv)
    data_dir = resolve_data_dir(args.data_dir, demo=args.demo)
    if args.screen == "sign-in":
        return sign_in_screen(data_dir, out=args.out)
    ready = opener(args.screen, out=args.out, section=args.section, empty=args.empty)
    return run_app(data_dir=data_dir, demo=args.demo, on_ready=ready)


if __name__ == "__main__":
    sys.exit(main())
