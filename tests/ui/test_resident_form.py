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


def _open_form(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    window.new_person_action.trigger()
    dialog = window.resident_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    return dialog


def test_dates_are_typed_as_digits_or_written_with_separators(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    from datetime import date

    window = make_window()
    dialog = _open_form(qtbot, window)
    form = dialog.form
    for typed, shown, value in (
        ("23081990", "23/08/1990", date(1990, 8, 23)),
        ("23/08/1990", "23/08/1990", date(1990, 8, 23)),
        ("23-8-1990", "23/08/1990", date(1990, 8, 23)),
        ("5.3.85", "05/03/1985", date(1985, 3, 5)),
    ):
        form.birth_edit.setFocus()
        form.birth_edit.clear()
        qtbot.keyClicks(form.birth_edit, typed)
        qtbot.keyClick(form.birth_edit, Qt.Key.Key_Tab)
        assert (form.birth_edit.text(), form.birth_date()) == (shown, value), typed
    # Ctrl+A and typing replaces the date: nothing sticks in front of it.
    form.birth_edit.setFocus()
    qtbot.keyClick(form.birth_edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(form.birth_edit, "01011970")
    assert form.birth_edit.text() == "01/01/1970"
    # The calendar opens at the typed date; with none, near a grown-up's birth year.
    form.birth_field.open_calendar()
    assert form.birth_field.calendar is not None
    assert (form.birth_field.calendar.yearShown(), form.birth_field.calendar.monthShown()) == (
        1970,
        1,
    )
    form.birth_field._menu.hide()  # type: ignore[union-attr]
    form.birth_edit.clear()
    form.birth_field.open_calendar()
    assert abs(form.birth_field.calendar.yearShown() - (date.today().year - 35)) <= 1
    form.birth_field._menu.hide()  # type: ignore[union-attr]


def test_tab_walks_the_form_in_the_kaders_order_and_l_p_choose_the_sex(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = _open_form(qtbot, window)
    form = dialog.form
    assert dialog.focusWidget() is form.name_edit
    expected = [
        form.sex_field,
        form.birth_edit,
        form.nik_edit,
        form.kk_edit,
        form.dusun_edit,
        form.rt_edit,
        form.rw_edit,
        form.desa_edit,
        form.phone_edit,
    ]
    walked = []
    for _ in expected:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        walked.append(dialog.focusWidget())
    assert walked == expected
    qtbot.keyClick(form.sex_field, Qt.Key.Key_L)
    assert form.sex() == "L"
    qtbot.keyClick(form.sex_field, Qt.Key.Key_P)
    assert form.sex() == "P"


def test_every_problem_shows_at_once_beside_its_field_and_nothing_moves(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = _open_form(qtbot, window)
    form = dialog.form
    qtbot.waitUntil(lambda: form.phone_edit.isVisible())
    before = {w: w.geometry() for w in (form.nik_edit, form.kk_edit, form.phone_edit)}
    qtbot.keyClicks(form.kk_edit, "123")
    qtbot.keyClicks(form.birth_edit, "31022000")
    dialog.save_button.click()
    shown = {field: label.text() for field, label in form.messages.items()}
    assert shown == {
        "name": "✖ Nama wajib diisi",
        "sex": "✖ Jenis kelamin wajib diisi",
        "birth_date": "✖ Tanggal lahir tidak valid: ketik seperti 23081990",
        "kk": "✖ No. KK harus 16 angka",
    }
    assert {w: w.geometry() for w in before} == before
    # Each fixed problem goes at once; the others stay.
    qtbot.keyClicks(form.name_edit, "Siti")
    assert form.messages["name"].text() == ""
    assert form.messages["kk"].text() == "✖ No. KK harus 16 angka"
    form.kk_edit.clear()
    assert form.messages["kk"].text() == ""


def test_two_nik_warnings_are_shown_whole(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = _open_form(qtbot, window)
    form = dialog.form
    qtbot.keyClick(form.sex_field, Qt.Key.Key_L)
    qtbot.keyClicks(form.birth_edit, "01011990")
    qtbot.keyClicks(form.nik_edit, GOOD_NIK)
    label = form.nik_message
    qtbot.waitUntil(label.isVisible)
    assert label.text().count("⚠") == 2
    # Nothing cut off: the label is as tall as its wrapped text needs.
    assert label.heightForWidth(label.width()) <= label.height()
    assert label.width() >= label.sizeHint().width() or label.wordWrap()


def test_esc_x_and_batal_ask_before_throwing_typing_away(
    qtbot: QtBot, register: Register, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    dialog = _open_form(qtbot, window)
    asked: list[int] = []

    def keep() -> bool:
        asked.append(1)
        return False

    dialog.ask_discard = keep
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Escape)  # nothing typed: closes at once
    assert not dialog.isVisible() and asked == []

    dialog = _open_form(qtbot, window)
    dialog.ask_discard = keep
    qtbot.keyClicks(dialog.form.name_edit, "Rina")
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Escape)
    dialog.close()  # the window's X
    dialog.buttons.rejected.emit()  # Batal
    assert asked == [1, 1, 1]
    assert dialog.isVisible() and dialog.form.name_edit.text() == "Rina"
    dialog.ask_discard = lambda: True
    qtbot.keyClick(dialog.form.name_edit, Qt.Key.Key_Escape)
    assert not dialog.isVisible()
    assert register.search.people("Rina", limit=5) == []


def test_the_discard_question_defaults_to_keeping_the_form(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    window = make_window()
    dialog = _open_form(qtbot, window)
    qtbot.keyClicks(dialog.form.name_edit, "Rina")
    seen: list[str] = []

    def answer_with_enter() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        seen.append(box.defaultButton().text())
        qtbot.keyClick(box, Qt.Key.Key_Return)

    QTimer.singleShot(100, answer_with_enter)
    dialog.reject()
    assert seen == ["Buang perubahan?", "Tidak, lanjut mengisi"]
    assert dialog.isVisible() and dialog.form.name_edit.text() == "Rina"
