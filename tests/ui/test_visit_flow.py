from __future__ import annotations

import threading
from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow
from kader_app.ui.visit_form import NumberField, VisitForm


def _type(qtbot: QtBot, field: NumberField, text: str) -> None:
    field.edit.clear()
    qtbot.keyClicks(field.edit, text)


def _srq(form: VisitForm, *, yes: set[int]) -> None:
    for number in range(1, 21):
        (form.srq20.yes if number in yes else form.srq20.no)[number].click()


def _open_visit_form(
    qtbot: QtBot, window: MainWindow, register: Register, person: PersonInput
) -> VisitForm:
    change = register.register_person(person)
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        window.show_person(change.person_id)
    window.activateWindow()
    window.new_visit_action.trigger()
    dialog = window.visit_dialog
    assert dialog is not None and dialog.isVisible()
    return dialog.form


def test_screen_save_correct_and_void_a_visit(
    qtbot: QtBot,
    register: Register,
    runner,  # type: ignore[no-untyped-def]
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    window = make_window()
    form = _open_visit_form(qtbot, window, register, make_person_input(name="Sri Wahyuni"))
    dialog = window.visit_dialog
    assert dialog is not None
    bp = form.blood_pressure

    _type(qtbot, bp.sys1, "139")
    _type(qtbot, bp.dia1, "89")
    assert "Normal tinggi" in bp.result_view.all_text()
    assert "Pantau / cek lagi" in form.banner.text()

    _type(qtbot, bp.sys1, "140")
    _type(qtbot, bp.dia1, "90")
    assert "Hipertensi derajat 1" in bp.result_view.all_text()
    assert "Rujuk ke Pustu/Puskesmas" in bp.result_view.all_text()
    assert "Rujuk ke Puskesmas" in form.banner.text()
    assert "Tensi: Hipertensi derajat 1" in form.summary_badges["blood_pressure"].text()

    _type(qtbot, form.glucose.value, "199")
    assert "Prediabetes (curiga)" in form.glucose.result_view.all_text()
    _type(qtbot, form.glucose.value, "200")
    assert "Curiga diabetes" in form.glucose.result_view.all_text()

    _srq(form, yes={1, 2, 3, 4, 5})
    srq_text = form.srq20.result_view.all_text()
    assert "Normal" in srq_text and "Berpotensi" not in srq_text
    assert "Semua 20 pertanyaan sudah dijawab" in form.srq20.unanswered_label.text()
    _srq(form, yes={1, 2, 3, 4, 5, 6})
    assert "Berpotensi masalah kesehatan jiwa" in form.srq20.result_view.all_text()
    assert "Rujuk ke Puskesmas" in form.banner.text()
    _srq(form, yes={17})
    assert "Berpotensi masalah kesehatan jiwa" in form.srq20.result_view.all_text()
    assert "Hubungi nakes hari ini" in form.banner.text()
    _srq(form, yes={1, 2, 3, 4, 5, 6})

    assert dialog.save_button.isEnabled()
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert not dialog.isVisible()
    assert "Hasil skrining tersimpan" in window.panel.notice.text()
    assert "Rujuk ke Puskesmas" in window.panel.notice.text()
    assert threading.main_thread().name not in runner.thread_names.values()

    assert len(window.panel.cards) == 1
    card = window.panel.cards[0]
    shown = card.text_shown()
    assert "Tensi: Hipertensi derajat 1" in shown
    assert "Gula darah: Curiga diabetes" in shown
    assert "Jiwa (SRQ-20): Berpotensi masalah kesehatan jiwa" in shown
    assert card.level_badge.text() == "Hasil skrining: Rujuk ke Puskesmas"
    qtbot.waitUntil(
        lambda: (
            window.people_model.person_at(0) is not None
            and window.people_model.data(window.people_model.index(0, 5)) == "Rujuk ke Puskesmas"
        )
    )

    card.correct_button.click()
    correction = window.visit_dialog
    assert correction is not None and correction is not dialog
    cform = correction.form
    assert cform.blood_pressure.sys1.text() == "140"
    assert cform.glucose.value.text() == "200"
    _type(qtbot, cform.blood_pressure.sys1, "165")
    _type(qtbot, cform.blood_pressure.dia1, "100")
    assert "Hipertensi derajat 2" in cform.blood_pressure.result_view.all_text()
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        correction.save_button.click()
    assert "Koreksi tersimpan" in window.panel.notice.text()
    assert len(window.panel.cards) == 1
    shown = window.panel.cards[0].text_shown()
    assert "versi 2" in shown
    assert "Tensi: Hipertensi derajat 2" in shown

    window.panel.cards[0].void_button.click()
    void_dialog = window.void_dialog
    assert void_dialog is not None and void_dialog.isVisible()
    assert not void_dialog.ok_button.isEnabled()
    qtbot.keyClicks(void_dialog.reason_combo.lineEdit(), "Salah pilih warga")
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        void_dialog.ok_button.click()
    card = window.panel.cards[0]
    shown = card.text_shown()
    assert "DIBATALKAN" in shown
    assert "Alasan: Salah pilih warga" in shown
    assert not hasattr(card, "void_button")
    history = register.history(card.visit.person_id)
    assert history[0].voided and history[0].void_reason == "Salah pilih warga"
    qtbot.waitUntil(lambda: "data belum terkirim" in window.sync_label.text())


def test_implausible_value_shows_the_allowed_range_and_keeps_what_was_typed(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    window = make_window()
    form = _open_visit_form(qtbot, window, register, make_person_input())
    dialog = window.visit_dialog
    assert dialog is not None
    bp = form.blood_pressure
    form.tabs.setCurrentWidget(bp)
    _type(qtbot, form.glucose.value, "150")
    _type(qtbot, bp.dia1, "90")
    _type(qtbot, bp.sys1, "400")
    assert bp.sys1.message.isVisibleTo(form)
    assert "60–300" in bp.sys1.message.text()
    assert "Sistolik" in bp.sys1.message.text()
    assert bp.dia1.message.isHidden()
    assert bp.sys1.text() == "400" and bp.dia1.text() == "90"
    assert form.glucose.value.text() == "150"
    assert "Prediabetes (curiga)" in form.glucose.result_view.all_text()
    assert "Periksa isian" in form.banner.text()
    assert "periksa isian" in form.summary_badges["blood_pressure"].text()
    assert not dialog.save_button.isEnabled()

    _type(qtbot, bp.sys1, "120")
    _type(qtbot, bp.dia1, "130")
    assert "lebih besar dari diastolik" in bp.dia1.message.text()
    assert not dialog.save_button.isEnabled()

    _type(qtbot, bp.dia1, "80")
    _type(qtbot, bp.sys2, "abc")
    assert "isi dengan angka" in bp.sys2.message.text()
    _type(qtbot, bp.sys2, "124")
    assert "Isi sistolik dan diastolik" in bp.dia2.message.text()
    _type(qtbot, bp.dia2, "82")
    assert "Rata-rata dua pengukuran: 122/81 mmHg" in bp.result_view.all_text()
    assert dialog.save_button.isEnabled()


def test_skipped_sections_are_not_saved(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    window = make_window()
    form = _open_visit_form(qtbot, window, register, make_person_input())
    _type(qtbot, form.blood_pressure.sys1, "150")
    _type(qtbot, form.blood_pressure.dia1, "95")
    form.blood_pressure.skip_box.click()
    assert "Dilewati" in form.blood_pressure.result_view.all_text()
    assert form.blood_pressure.sys1.text() == "150"
    form.tb.cough_box.click()
    assert "Terduga TBC" in form.tb.result_view.all_text()
    visit = form.visit_input()
    assert visit.blood_pressure is None
    assert visit.tb is not None and visit.tb.cough
    assert visit.srq20 is None
    assert "Belum dijawab: 20 dari 20" in form.srq20.unanswered_label.text()
    form.srq20.yes[3].click()
    assert "Belum dijawab: 19 dari 20" in form.srq20.unanswered_label.text()
    assert "Belum lengkap" in form.srq20.result_view.all_text()
