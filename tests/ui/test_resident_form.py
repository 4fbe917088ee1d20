from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow

# Born 13 March 1985, female: day 13 + 40 = 53.
GOOD_NIK = "3404045303850001"
BAD_MONTH_NIK = "3404045313850001"
MALE_NIK = "3404041303850001"


def _fill_identity(qtbot: QtBot, window: MainWindow) -> None:
    window.new_person_button.click()
    dialog = window.resident_dialog
    assert dialog is not None and dialog.isVisible()
    form = dialog.form
    qtbot.keyClicks(form.name_edit, "Siti Aminah")
    form.female_radio.click()
    qtbot.keyClicks(form.birth_edit, "13031985")
    assert form.birth_edit.text() == "13/03/1985"


def test_bad_nik_is_refused_in_words_then_a_good_one_is_saved_and_found(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    _fill_identity(qtbot, window)
    dialog = window.resident_dialog
    assert dialog is not None
    form = dialog.form
    assert form.desa_edit.text() == "Sukamaju"

    qtbot.keyClicks(form.nik_edit, BAD_MONTH_NIK)
    assert "Bulan lahir pada NIK tidak valid" in form.nik_message.text()
    dialog.save_button.click()
    assert dialog.isVisible()
    assert form.nik_message.text() == "✖ Bulan lahir pada NIK tidak valid"
    assert dialog.message.text() == "Periksa isian yang ditandai merah."
    assert form.name_edit.text() == "Siti Aminah"

    form.nik_edit.clear()
    qtbot.keyClicks(form.nik_edit, GOOD_NIK)
    # Fixed: the message goes at once, and so does nothing else on the form.
    assert form.nik_message.text() == ""
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        dialog.save_button.click()
    assert not dialog.isVisible()
    assert window.panel.name_label.text() == "Siti Aminah"
    assert GOOD_NIK in window.panel.identity_label.text()

    with qtbot.waitSignal(window.search_finished, timeout=10000):
        qtbot.keyClicks(window.search_edit, "amin")
    assert window.people_model.rowCount() == 1
    assert window.people_model.person_at(0).name == "Siti Aminah"  # type: ignore[union-attr]
    window.search_edit.clear()
    with qtbot.waitSignal(window.search_finished, timeout=10000):
        qtbot.keyClicks(window.search_edit, "530385")
    assert window.people_model.rowCount() == 1
    # Never enrolled: nothing is "sent"; the entry is kept on the laptop.
    qtbot.waitUntil(
        lambda: (
            window.sync_label.text() == "Belum terhubung ke Puskesmas · 1 data tersimpan di laptop"
        )
    )


def test_nik_that_disagrees_with_sex_warns_but_saves(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    _fill_identity(qtbot, window)
    dialog = window.resident_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.form.nik_edit, MALE_NIK)
    assert "Jenis kelamin pada NIK berbeda" in dialog.form.nik_message.text()
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        dialog.save_button.click()
    assert window.panel.name_label.text() == "Siti Aminah"


def test_missing_fields_are_named_and_nothing_typed_is_lost(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    window.new_person_button.click()
    dialog = window.resident_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.form.phone_edit, "08123")
    dialog.save_button.click()
    messages = {field: label.text() for field, label in dialog.form.messages.items()}
    assert messages == {
        "name": "✖ Nama wajib diisi",
        "sex": "✖ Jenis kelamin wajib diisi",
        "birth_date": "✖ Tanggal lahir wajib diisi",
        "kk": "",
    }
    assert dialog.form.phone_edit.text() == "08123"


def test_same_nik_offers_to_open_the_existing_resident(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    existing = register.people.register(make_person_input(name="Sri Wahyuni", nik=GOOD_NIK))
    window = make_window()
    _fill_identity(qtbot, window)
    dialog = window.resident_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.form.nik_edit, GOOD_NIK)
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.duplicate_frame.isVisible(), timeout=10000)
    assert "sudah terdaftar" in dialog.duplicate_label.text()
    assert dialog.save_anyway_button.isHidden()
    assert dialog.form.name_edit.text() == "Siti Aminah"
    with qtbot.waitSignal(window.person_shown, timeout=10000) as shown:
        qtbot.mouseClick(dialog.open_existing_button, Qt.MouseButton.LeftButton)
    assert shown.args == [existing.person_id]
    assert window.panel.name_label.text() == "Sri Wahyuni"
    assert len(register.search.people("", limit=10)) == 1


def test_same_name_and_birth_date_asks_before_saving_a_second_record(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    from datetime import date

    register.people.register(
        make_person_input(name="Siti Aminah", birth_date=date(1985, 3, 13), nik=None)
    )
    window = make_window()
    _fill_identity(qtbot, window)
    dialog = window.resident_dialog
    assert dialog is not None
    dialog.save_button.click()
    qtbot.waitUntil(lambda: dialog.duplicate_frame.isVisible(), timeout=10000)
    assert "Mungkin warga ini sudah terdaftar" in dialog.duplicate_label.text()
    with qtbot.waitSignal(window.person_shown, timeout=10000):
        dialog.save_anyway_button.click()
    assert len(register.search.people("siti aminah", limit=10)) == 2
