"""The screening form by keyboard: the first field, Tab across sections, the visit date,
the glucose unit question, and nothing typed lost on Esc, X or Batal."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from visit_steps import type_into

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui import labels
from kader_app.ui.main_window import MainWindow
from kader_app.ui.visit.dialog import VisitDialog

OpenDialog = Callable[..., tuple[MainWindow, VisitDialog]]


def _active(qtbot: QtBot, dialog: VisitDialog) -> None:
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)


def test_tab_walks_every_field_of_a_section_then_into_the_next_tab(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input(birth_date=date(1970, 5, 5)))
    _active(qtbot, dialog)
    form = dialog.form
    chain = form.focus_chain()
    assert dialog.focusWidget() is chain[0] is form.panels["bmi"].weight_field.edit
    for expected in chain[1:]:
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        assert dialog.focusWidget() is expected
        page = form.tabs.currentWidget()
        assert page.isAncestorOf(expected), "the tab holding the cursor is the one shown"
    # Every field of every section once, in registry order, and no hidden stop between them.
    codes = [code for page in form.pages() for code in (p.code for p in page.panels)]
    assert codes == [c for c in form.panels if c in codes]
    systolic = form.panels["blood_pressure"].readings[0][0].edit
    diastolic = form.panels["blood_pressure"].readings[0][1].edit
    assert chain.index(diastolic) == chain.index(systolic) + 1
    # Shift+Tab goes back the same way.
    systolic.setFocus()
    qtbot.keyClick(systolic, Qt.Key.Key_Backtab)
    assert dialog.focusWidget() is form.panels["waist"].waist.edit
    assert form.tabs.currentIndex() == 0


def test_enter_moves_on_and_ctrl_s_saves(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    _active(qtbot, dialog)
    form = dialog.form
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(dialog.focusWidget(), "150")
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert dialog.isVisible(), "Enter in a field never saves half a form"
    qtbot.keyClicks(dialog.focusWidget(), "95")
    assert form.panels["blood_pressure"].readings[0][1].text() == "95"
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    person = window.panel.person
    assert person is not None
    (visit,) = register.visits.history(person.id)
    reading = visit.inputs.sections["blood_pressure"].readings[0]  # type: ignore[attr-defined]
    assert (reading.systolic, reading.diastolic) == (150, 95)


def test_a_paper_visit_is_saved_with_its_own_date(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    assert dialog.date_field.value() == date.today()
    tomorrow = date.today() + timedelta(days=1)
    type_date(qtbot, dialog, tomorrow)
    assert dialog.date_message.text() == "✖ Tanggal pemeriksaan tidak boleh di masa depan"
    assert not dialog.save_button.isEnabled()
    long_ago = date.today() - timedelta(days=75)
    type_date(qtbot, dialog, long_ago)
    assert dialog.date_message.text() == (
        "⚠ Lebih dari 60 hari yang lalu: pastikan tanggalnya benar."
    )
    recent = date.today() - timedelta(days=12)
    type_date(qtbot, dialog, recent)
    assert dialog.date_message.text() == ""
    systolic, diastolic = dialog.form.panels["blood_pressure"].readings[0]
    type_into(qtbot, systolic, "128")
    type_into(qtbot, diastolic, "82")
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        dialog.save_button.click()
    person = window.panel.person
    assert person is not None
    (visit,) = register.visits.history(person.id)
    assert visit.inputs.measured_on == recent
    assert visit.measured_at.date() == recent
    assert recent.strftime("%d/%m/%Y") in window.panel.cards[0].text_shown()


def type_date(qtbot: QtBot, dialog: VisitDialog, day: date) -> None:
    edit = dialog.date_field.edit
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, day.strftime("%d%m%Y"))


def test_a_mg_dl_number_that_reads_like_mmol_l_asks_first(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    _active(qtbot, dialog)
    form = dialog.form
    glucose = form.panels["glucose"]
    form.go_to_section("glucose")
    qtbot.keyClicks(glucose.value.edit, "25")  # type: ignore[attr-defined]
    qtbot.keyClick(glucose.kind, Qt.Key.Key_S)  # type: ignore[attr-defined]
    view = form.result_views["glucose"].all_text()
    # Not read as severe hypoglycaemia before the kader answers.
    assert "Apakah satuan alat mmol/L?" in view and "Hipoglikemia" not in view
    assert form.summary_badges["glucose"].text() == "Gula darah: tanya dulu"
    assert "Apakah satuan alat mmol/L?" in dialog.save_reason.text()
    assert glucose.unit_question.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClick(glucose.unit_question.answer, Qt.Key.Key_Y)  # type: ignore[attr-defined]
    assert glucose.unit.value() == "mmol/L"  # type: ignore[attr-defined]
    assert not glucose.unit_question.isVisible()  # type: ignore[attr-defined]
    assert "Curiga diabetes" in form.result_views["glucose"].all_text()

    # "Tidak": it really was mg/dL; classified as typed, and not asked again.
    glucose.unit.combo.setCurrentIndex(0)  # type: ignore[attr-defined]
    assert glucose.unit_question.isVisible()  # type: ignore[attr-defined]
    qtbot.keyClick(glucose.unit_question.answer, Qt.Key.Key_T)  # type: ignore[attr-defined]
    assert "Hipoglikemia" in form.result_views["glucose"].all_text()
    assert not glucose.unit_question.isVisible()  # type: ignore[attr-defined]


def test_esc_x_and_batal_on_a_typed_screening_ask_first(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input())
    _active(qtbot, dialog)
    asked: list[int] = []

    def keep() -> bool:
        asked.append(1)
        return False

    dialog.ask_discard = keep
    systolic = dialog.form.panels["blood_pressure"].readings[0][0]
    type_into(qtbot, systolic, "150")
    qtbot.keyClick(systolic.edit, Qt.Key.Key_Escape)
    dialog.close()
    dialog.buttons.rejected.emit()
    assert asked == [1, 1, 1]
    assert dialog.isVisible() and systolic.text() == "150"
    dialog.ask_discard = lambda: True
    dialog.buttons.rejected.emit()
    assert not dialog.isVisible()
    person = window.panel.person
    assert person is not None and register.visits.history(person.id) == []


def test_srq20_lists_unanswered_questions_in_number_order(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input(birth_date=date(1980, 1, 1)))
    form = dialog.form
    panel = form.panels["srq20"]
    for field in list(panel.fields())[:9]:
        field.set_value(False)  # type: ignore[attr-defined]
    text = form.result_views["srq20"].all_text()
    assert "nomor 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20" in text


@pytest.fixture(params=["id", "en"])
def language(request: pytest.FixtureRequest, qapp) -> Iterator[str]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    from kader_app.app import RESOURCES

    translator = QTranslator()
    if request.param == "en":
        assert translator.load(str(RESOURCES / "translations" / "kader_app_en.qm"))
        qapp.installTranslator(translator)
    labels.set_language(request.param)
    yield request.param
    labels.set_language("id")
    qapp.removeTranslator(translator)


def test_every_tab_fits_a_1366x768_screen_in_either_language(
    qtbot: QtBot,
    language: str,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    _window, dialog = open_visit_dialog(
        make_person_input(birth_date=date(1950, 5, 5)), language=language
    )
    # The largest a 1366×768 screen leaves (title bar and task bar taken off).
    dialog.resize(1340, 700)
    assert dialog.minimumSizeHint().width() <= 1340
    form = dialog.form
    for index, page in enumerate(form.pages()):
        form.tabs.setCurrentIndex(index)
        qtbot.waitUntil(page.isVisible)
        inner = page.scroll_area.widget()
        viewport = page.scroll_area.viewport()
        needed = inner.minimumSizeHint()
        assert needed.width() <= viewport.width(), (language, form.tabs.tabText(index))
        if "TBC" in form.tabs.tabText(index):
            assert inner.sizeHint().height() <= viewport.height(), (language, "TBC")


def test_a_decimal_typed_as_mg_dl_is_asked_about_not_refused(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    form = dialog.form
    glucose = form.panels["glucose"]
    form.go_to_section("glucose")
    qtbot.keyClicks(glucose.value.edit, "7,8")  # type: ignore[attr-defined]
    assert glucose.value.message.isHidden()  # type: ignore[attr-defined]
    assert form.errors() == []
    assert "Apakah satuan alat mmol/L?" in form.result_views["glucose"].all_text()
    qtbot.keyClick(glucose.unit_question.answer, Qt.Key.Key_Y)  # type: ignore[attr-defined]
    tick = glucose.kind.buttons["sewaktu"]  # type: ignore[attr-defined]
    tick.click()
    assert "Prediabetes (curiga)" in form.result_views["glucose"].all_text()  # 7,8 mmol/L = 140


def test_refusals_beside_the_fields_move_no_field(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    dialog.resize(1340, 700)  # a 1366×768 screen
    form = dialog.form
    form.go_to_section("blood_pressure")
    bp = form.panels["blood_pressure"]
    (sys1, dia1), (sys2, dia2) = bp.readings
    qtbot.waitUntil(sys2.isVisible)
    edits = (sys1.edit, dia1.edit, sys2.edit, dia2.edit)
    before = [e.mapTo(form, e.rect().topLeft()) for e in edits]
    type_into(qtbot, sys1, "400")
    type_into(qtbot, dia1, "20")
    type_into(qtbot, sys2, "abc")
    assert sys1.message.isVisible() and dia1.message.isVisible() and sys2.message.isVisible()
    assert [e.mapTo(form, e.rect().topLeft()) for e in edits] == before
    for field in (sys1, dia1, sys2):
        label = field.message
        assert label.heightForWidth(label.width()) <= label.height(), label.text()
