"""Forms and checks for the life-cycle panels: people of every age, shown as a kader sees them."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QColor, QImage
from pytestqt.qtbot import QtBot

from kader_app.ui.visit.form import VisitForm
from screening.rules.section import RuleSettings, Subject

ON = date(2026, 3, 10)
"""The measurement date of the forms built here (a day in no special month)."""


def years_before(on: date, years: int, *, days: int = 0) -> date:
    return on.replace(year=on.year - years, day=min(on.day, 28)) - timedelta(days=days)


PEOPLE = {
    "baby": Subject(sex="L", birth_date=date(2025, 6, 1)),
    "toddler": Subject(sex="P", birth_date=years_before(ON, 4, days=20)),
    "child": Subject(sex="L", birth_date=years_before(ON, 8)),
    "teen": Subject(sex="P", birth_date=years_before(ON, 14)),
    "pregnant": Subject(sex="P", birth_date=years_before(ON, 27), pregnant=True),
    "adult": Subject(sex="L", birth_date=years_before(ON, 45)),
    "elder": Subject(sex="L", birth_date=years_before(ON, 68)),
}


def make_form(
    qtbot: QtBot, subject: Subject, on: date = ON, settings: RuleSettings | None = None
) -> VisitForm:
    """A shown screening form of the dialog's size, with the keyboard in it."""
    form = VisitForm(subject=subject, measured_on=on, settings=settings or RuleSettings())
    qtbot.addWidget(form)
    form.resize(1280, 560)
    form.show()
    qtbot.waitExposed(form)
    form.activateWindow()
    qtbot.waitUntil(form.isActiveWindow)
    return form


def next_month(on: date) -> date:
    """The same day (at most the 28th) of the next calendar month."""
    year, month = (on.year + 1, 1) if on.month == 12 else (on.year, on.month + 1)
    return date(year, month, min(on.day, 28))


def near(image: QImage, x: float, y: float, colour: str, *, radius: int = 2) -> bool:
    """Whether a pixel within ``radius`` of (x, y) is close to ``colour`` (antialiasing)."""
    want = QColor(colour)
    for dx in range(-radius, radius + 1):
        for dy in range(-radius, radius + 1):
            px, py = round(x) + dx, round(y) + dy
            if not (0 <= px < image.width() and 0 <= py < image.height()):
                continue
            got = image.pixelColor(px, py)
            distance = (
                abs(got.red() - want.red())
                + abs(got.green() - want.green())
                + abs(got.blue() - want.blue())
            )
            if distance < 60:
                return True
    return False
