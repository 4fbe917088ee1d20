"""A screening from the form to the history: save, correct and void, through the runner."""

from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from visit_steps import answer, tick, type_into

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.visit.dialog import VisitDialog
from kader_app.ui.visit.form import VisitForm

OpenDialog = Callable[..., tuple[MainWindow, VisitDialog]]


def _srq(qtbot: QtBot, form: VisitForm, *, yes: set[int]) -> None:
    for number, field in enumerate(form.panels["srq20"].fields(), start=1):
        answer(qtbot, field, yes=number in yes)


def test_screen_save_correct_and_void_a_visit(
    qtbot: QtBot,
    register: Register,
    runner: Runner,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    form = dialog.form
    (sys1, dia1), _second = form.panels["blood_pressure"].readings
    bp_view = form.result_views["blood_pressure"]

    type_into(qtbot, sys1, "139")
    type_into(qtbot, dia1, "89")
    assert "Normal tinggi" in bp_view.all_text()
    assert "Pantau / cek lagi" in form.banner.text()

    type_into(qtbot, sys1, "140")
    type_into(qtbot, dia1, "90")
    assert "Hipertensi derajat 1" in bp_view.all_text()
    assert "Rujuk ke Pustu/Puskesmas" in bp_view.all_text()
    assert "Rujuk ke Puskesmas" in form.banner.text()
    assert form.banner_reasons.text() == "Tensi: Hipertensi derajat 1"

    glucose = form.panels["glucose"]
    tick(qtbot, glucose.kind.buttons["sewaktu"])
    type_into(qtbot, glucose.value, "199")
    assert "Prediabetes (curiga)" in form.result_views["glucose"].all_text()
    type_into(qtbot, glucose.value, "200")
    assert "Curiga diabetes" in form.result_views["glucose"].all_text()

    srq_view = form.result_views["srq20"]
    _srq(qtbot, form, yes={1, 2, 3, 4, 5})
    assert "Normal" in srq_view.all_text() and "Berpotensi" not in srq_view.all_text()
    _srq(qtbot, form, yes={1, 2, 3, 4, 5, 6})
    assert "Berpotensi masalah kesehatan jiwa" in srq_view.all_text()
    _srq(qtbot, form, yes={17})
    assert "Hubungi nakes hari ini" in form.banner.text()
    _srq(qtbot, form, yes={1, 2, 3, 4, 5, 6})

    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Hasil skrining tersimpan" in window.panel.notice.text()
    assert "Rujuk ke Puskesmas" in window.panel.notice.text()
    assert threading.main_thread().name not in runner.thread_names.values()

    assert len(window.panel.cards) == 1
    card = window.panel.cards[0]
    shown = card.text_shown()
    assert "Tensi 140/90 mmHg — Hipertensi derajat 1" in shown
    assert "Gula darah 200 mg/dL (sewaktu) — Curiga diabetes" in shown
    assert "Jiwa (SRQ-20) skor 6 — Berpotensi masalah kesehatan jiwa" in shown
    assert "TBC" not in shown and "IMT" not in shown
    assert card.level_badge.text() == "Hasil skrining: Rujuk ke Puskesmas"
    qtbot.waitUntil(
        lambda: window.people_model.data(window.people_model.index(0, 5)) == "Rujuk ke Puskesmas"
    )
    qtbot.waitUntil(lambda: "2 data tersimpan di laptop" in window.sync_label.text())

    card.correct_button.click()
    correction = window.visit_dialog
    assert correction is not None and correction is not dialog
    cform = correction.form
    (csys1, cdia1), _ = cform.panels["blood_pressure"].readings
    assert (csys1.text(), cdia1.text()) == ("140", "90")
    assert cform.panels["glucose"].value.text() == "200"
    assert cform.panels["glucose"].kind.value() == "sewaktu"
    assert cform.panels["tb"].cough.value() is None
    type_into(qtbot, csys1, "165")
    type_into(qtbot, cdia1, "100")
    assert "Hipertensi derajat 2" in cform.result_views["blood_pressure"].all_text()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        correction.save_button.click()
    assert "Koreksi tersimpan" in window.panel.notice.text()
    assert len(window.panel.cards) == 1
    shown = window.panel.cards[0].text_shown()
    assert "versi 2" in shown
    assert "Tensi 165/100 mmHg — Hipertensi derajat 2" in shown

    window.panel.cards[0].void_button.click()
    void_dialog = window.void_dialog
    assert void_dialog is not None and void_dialog.isVisible()
    assert not void_dialog.ok_button.isEnabled()
    qtbot.keyClicks(void_dialog.reason_combo.lineEdit(), "Salah pilih warga")
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        void_dialog.ok_button.click()
    card = window.panel.cards[0]
    shown = card.text_shown()
    assert "DIBATALKAN" in shown
    assert "Alasan: Salah pilih warga" in shown
    assert not hasattr(card, "void_button")
    history = register.visits.history(card.visit.person_id)
    assert history[0].voided and history[0].void_reason == "Salah pilih warga"
    qtbot.waitUntil(lambda: "4 data tersimpan di laptop" in window.sync_label.text())
