"""The kolesterol tab, found through the registry: typed value, live class, saved visit."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from visit_steps import type_into

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow
from kader_app.ui.visit.dialog import VisitDialog

OpenDialog = Callable[..., tuple[MainWindow, VisitDialog]]


def test_kolesterol_is_typed_classified_and_saved(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    form = dialog.form
    assert "Kolesterol" in [form.tabs.tabText(i) for i in range(form.tabs.count())][3]

    type_into(qtbot, form.panels["cholesterol"].value, "700")
    assert "Kolesterol total di luar batas wajar (50–600 mg/dL)" in (
        form.panels["cholesterol"].value.message.text()
    )
    assert not dialog.save_button.isEnabled()
    type_into(qtbot, form.panels["cholesterol"].value, "215")
    assert form.summary_badges["cholesterol"].text() == "Kolesterol: Batas tinggi"
    assert form.banner.text() == "Hasil skrining: Pantau / cek lagi"

    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    person = window.panel.person
    assert person is not None
    [visit] = register.visits.history(person.id)
    [result] = visit.evaluation.sections
    assert (result.section, result.code) == ("cholesterol", "batas_tinggi")
