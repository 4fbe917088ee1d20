"""The selected row is always the resident the panel shows, by keyboard and mouse alike."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.main_window import MainWindow, result_count_text


def _search(qtbot: QtBot, window: MainWindow, text: str) -> None:
    window.search_edit.clear()
    with qtbot.waitSignal(window.search_finished, timeout=10_000):
        qtbot.keyClicks(window.search_edit, text)


def test_a_new_search_never_leaves_the_previous_resident_in_the_panel(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    register.people.register(make_person_input(name="Ani Suryani"))
    dwi = make_person_input(name="Dwi Lestari", birth_date=date(1980, 5, 25))
    register.people.register(dwi)
    window = make_window()
    _search(qtbot, window, "Ani")
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Down)
    assert window.panel.person is not None and window.panel.person.name == "Ani Suryani"
    assert window.people_view.hasFocus()

    assert dwi.nik is not None
    _search(qtbot, window, dwi.nik)
    # Ani is not among the results: the panel shows no one, and Ctrl+P opens nothing.
    assert window.panel.person is None
    window.new_visit_action.trigger()
    assert window.visit_dialog is None
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.panel.person is not None and window.panel.person.name == "Dwi Lestari"
    rows = window.people_view.selectionModel().selectedRows()
    assert [window.people_model.person_at(r.row()).name for r in rows] == ["Dwi Lestari"]  # type: ignore[union-attr]
    window.new_visit_action.trigger()
    assert window.visit_dialog is not None
    assert window.visit_dialog.windowTitle() == "Pemeriksaan baru — Dwi Lestari"


def test_enter_right_after_typing_waits_for_the_search_then_chooses_the_one_match(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    register.people.register(make_person_input(name="Ani Suryani"))
    register.people.register(make_person_input(name="Budi Santoso", sex="L"))
    window = make_window()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.keyClicks(window.search_edit, "Budi")
        qtbot.keyClick(window.search_edit, Qt.Key.Key_Return)
    assert window.panel.person is not None and window.panel.person.name == "Budi Santoso"


def test_ctrl_p_while_the_chosen_resident_loads_opens_her_form_not_the_previous_one(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    register.people.register(make_person_input(name="Ani Suryani"))
    register.people.register(make_person_input(name="Budi Santoso", sex="L"))
    window = make_window()
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        window.select_row(0)
    first = window.panel.person
    assert first is not None
    window.select_row(1)  # the panel still shows the first while the second loads
    window.new_visit_action.trigger()
    qtbot.waitUntil(lambda: window.visit_dialog is not None, timeout=10_000)
    second = window.people_model.person_at(1)
    assert second is not None and second.name != first.name
    assert window.visit_dialog is not None
    assert window.visit_dialog.windowTitle() == f"Pemeriksaan baru — {second.name}"


def test_the_count_says_when_more_residents_match_than_are_listed(
    qtbot: QtBot,
    register: Register,
    make_window: Callable[..., MainWindow],
    make_person_input: Callable[..., PersonInput],
) -> None:
    for n in range(203):
        register.people.register(make_person_input(name=f"Sri Warga {n:03d}", nik=None))
    window = make_window()
    _search(qtbot, window, "Sri")
    assert window.people_model.rowCount() == 200
    assert window.result_count.text() == (
        "Lebih dari 200 warga ditemukan; ketik lebih lengkap (nama atau NIK)"
    )
    _search(qtbot, window, "Sri Warga 201")
    assert window.result_count.text() == "1 warga ditemukan"
    assert result_count_text(query="x", shown=200, more=False) == "200 warga ditemukan"


def test_a_resident_saved_while_a_search_is_shown_is_listed_and_selected(
    qtbot: QtBot, make_window: Callable[..., MainWindow]
) -> None:
    window = make_window()
    _search(qtbot, window, "zzz")
    window.new_person_action.trigger()
    dialog = window.resident_dialog
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClicks(dialog.form.name_edit, "Warga Baru")
    qtbot.keyClick(dialog.form.sex_field, Qt.Key.Key_P)
    qtbot.keyClicks(dialog.form.birth_edit, "01021990")
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.keyClick(dialog.form.phone_edit, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window._runner.is_busy())
    rows = window.people_view.selectionModel().selectedRows()
    assert [window.people_model.person_at(r.row()).name for r in rows] == ["Warga Baru"]  # type: ignore[union-attr]
    assert window.panel.person is not None and window.panel.person.name == "Warga Baru"
