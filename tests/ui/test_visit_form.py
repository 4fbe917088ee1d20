"""The screening form as a kader meets it: states, refusals in words, offered sections."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import date

import pytest
from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot
from visit_steps import answer, tick, type_into

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui import labels
from kader_app.ui.main_window import MainWindow
from kader_app.ui.runner import Runner
from kader_app.ui.visit.dialog import VisitDialog
from kader_app.ui.visit.form import VisitForm
from kader_app.ui.visit.panels import panel_class
from screening.rules.registry import groups, sections
from screening.rules.section import RuleSettings, Subject
from screening.rules.visit import offered_sections

OpenDialog = Callable[..., tuple[MainWindow, VisitDialog]]


def _years_ago(years: int) -> date:
    today = date.today()
    return today.replace(year=today.year - years, day=min(today.day, 28))


def test_an_untouched_form_cannot_be_saved_and_says_why(
    qtbot: QtBot,
    register: Register,
    runner: Runner,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    form = dialog.form

    assert form.banner.text() == "Belum ada hasil"
    assert form.banner.level is None
    assert all(badge.text().endswith("belum diisi") for badge in form.summary_badges.values())
    assert form.result_views["tb"].all_text() == "Belum diisi"
    assert not dialog.save_button.isEnabled()
    assert dialog.save_reason.isVisibleTo(dialog)
    assert "belum ada bagian yang lengkap" in dialog.save_reason.text()

    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    qtbot.keyClick(dialog.save_button, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not runner.is_busy())
    assert dialog.isVisible()
    person = window.panel.person
    assert person is not None
    assert register.visits.history(person.id) == []


def test_a_visit_with_only_tensi_saves_and_the_history_shows_only_tensi(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(name="Sri Wahyuni"))
    form = dialog.form
    systolic, diastolic = form.panels["blood_pressure"].readings[0]
    type_into(qtbot, systolic, "150")
    assert not dialog.save_button.isEnabled()
    assert "Belum lengkap" in form.result_views["blood_pressure"].all_text()
    assert "Diastolik (bawah) pengukuran 1" in form.result_views["blood_pressure"].all_text()
    type_into(qtbot, diastolic, "95")

    assert form.banner.text() == "Hasil skrining: Rujuk ke Puskesmas"
    assert form.summary_badges["blood_pressure"].text() == "Tensi: Hipertensi derajat 1"
    assert form.summary_badges["glucose"].text() == "Gula darah: belum diisi"
    assert dialog.save_button.isEnabled() and not dialog.save_reason.isVisibleTo(dialog)
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)

    card = window.panel.cards[0]
    shown = card.text_shown()
    assert "Tensi 150/95 mmHg — Hipertensi derajat 1" in shown
    for other in ("IMT", "Lingkar perut", "Gula darah", "TBC", "Jiwa"):
        assert other not in shown
    person = window.panel.person
    assert person is not None
    (visit,) = register.visits.history(person.id)
    assert [r.section for r in visit.evaluation.sections] == ["blood_pressure"]
    assert set(visit.inputs.sections) == {"blood_pressure"}


def test_tbc_with_a_symptom_but_cough_unanswered_is_incomplete_and_names_what_is_missing(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    form = dialog.form
    tb = form.panels["tb"]
    form.go_to_section("tb")
    assert tb.cough.value() is None
    assert not any(button.isChecked() for button in tb.cough.buttons.values())

    tick(qtbot, tb.symptoms.boxes["fever"])
    shown = form.result_views["tb"].all_text()
    assert "Belum lengkap" in shown
    assert "Belum diisi: Batuk (ya/tidak)" in shown
    assert "terduga" not in shown.lower()
    assert form.summary_badges["tb"].text() == "TBC: belum lengkap"
    assert form.banner.text() == "Belum ada hasil"
    assert not dialog.save_button.isEnabled()

    answer(qtbot, tb.cough, yes=False)
    assert tb.cough.value() is False
    assert "Bukan terduga TBC" in form.result_views["tb"].all_text()
    assert dialog.save_button.isEnabled()

    answer(qtbot, tb.cough, yes=True)
    assert "Terduga TBC — Rujuk ke Puskesmas" in form.result_views["tb"].all_text()


def test_glucose_needs_fasting_or_random_to_be_chosen(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    form = dialog.form
    glucose = form.panels["glucose"]
    assert glucose.kind.value() is None
    type_into(qtbot, glucose.value, "168")
    assert "Belum diisi: Jenis pemeriksaan (sewaktu/puasa)" in (
        form.result_views["glucose"].all_text()
    )
    tick(qtbot, glucose.kind.buttons["sewaktu"])
    assert "Prediabetes (curiga)" in form.result_views["glucose"].all_text()
    tick(qtbot, glucose.kind.buttons["puasa"])
    assert "Curiga diabetes" in form.result_views["glucose"].all_text()


def test_every_refusal_is_shown_at_once_beside_its_field_in_words(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    form = dialog.form
    bp = form.panels["blood_pressure"]
    (sys1, dia1), (sys2, dia2) = bp.readings
    weight = form.panels["bmi"].weight_field
    type_into(qtbot, sys1, "400")
    type_into(qtbot, dia1, "90")
    type_into(qtbot, sys2, "abc")
    type_into(qtbot, dia2, "80")
    type_into(qtbot, weight, "1000")

    messages = {
        "sys1": sys1.message.text(),
        "sys2": sys2.message.text(),
        "weight": weight.message.text(),
    }
    assert messages["sys1"] == "✖ Sistolik (atas) pengukuran 1 di luar batas wajar (60–300 mmHg)"
    assert messages["sys2"] == "✖ Sistolik (atas) pengukuran 2: isi dengan angka"
    assert messages["weight"] == "✖ Berat badan di luar batas wajar (2–300 kg)"
    for code, field in (("blood_pressure", sys1), ("blood_pressure", sys2), ("bmi", weight)):
        form.go_to_section(code)
        assert field.message.isVisible()
        # Beside its field: on the same line, to the right of what was typed.
        where = field.message.mapTo(form, QPoint(0, field.message.height() // 2))
        edit = field.edit.mapTo(form, QPoint(field.edit.width(), 0))
        assert where.x() > edit.x()
        assert edit.y() <= where.y() <= edit.y() + field.edit.height() * 2
    assert dia1.message.isHidden() and dia2.message.isHidden()
    assert len(form.errors()) == 3
    assert not any("systolic" in text or "weight_kg" in text for text in messages.values())
    assert (sys1.text(), dia1.text(), sys2.text(), dia2.text(), weight.text()) == (
        "400",
        "90",
        "abc",
        "80",
        "1000",
    )
    assert form.summary_badges["blood_pressure"].text() == "Tensi: periksa isian"
    assert form.banner.text() == "Belum ada hasil"
    assert "periksa isian" in dialog.save_reason.text()
    assert not dialog.save_button.isEnabled()

    type_into(qtbot, sys1, "150")
    type_into(qtbot, sys2, "146")
    type_into(qtbot, weight, "60")
    assert form.errors() == []
    assert sys1.message.isHidden() and sys2.message.isHidden()
    assert (
        "Rata-rata dua pengukuran: 148/85 mmHg." in form.result_views["blood_pressure"].all_text()
    )


def test_srq20_for_a_16_year_old_is_added_on_request(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    born = _years_ago(16)
    window, dialog = open_visit_dialog(
        make_person_input(name="Rani Putri", birth_date=born, nik=None)
    )
    form = dialog.form
    assert "srq20" not in form.panels
    assert "blood_pressure" not in form.panels and "bmi" not in form.panels
    offered = offered_sections(Subject(sex="P", birth_date=born), date.today())
    assert set(form.panels) == set(offered) and {"waist", "glucose", "tb"} <= set(offered)
    button = form.add_buttons["srq20"]
    assert button.isVisibleTo(dialog) and "Jiwa (SRQ-20)" in button.text()

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert "srq20" in form.panels and "srq20" not in form.add_buttons
    assert form.tabs.tabText(form.tabs.currentIndex()).endswith("Jiwa (SRQ-20)")
    panel = form.panels["srq20"]
    first = panel.fields()[0]
    for field in panel.fields():
        assert field.value() is None
    assert "Belum diisi" in form.result_views["srq20"].all_text()
    # T answers "tidak" and moves on to the next question, twenty times.
    first.setFocus()
    for _ in panel.fields():
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_T)
    assert all(field.value() is False for field in panel.fields())
    assert "Normal — Tidak perlu rujukan" in form.result_views["srq20"].all_text()

    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        dialog.save_button.click()
    person = window.panel.person
    assert person is not None
    (visit,) = register.visits.history(person.id)
    assert [r.section for r in visit.evaluation.sections] == ["srq20"]
    assert "Jiwa (SRQ-20) skor 0 — Normal" in window.panel.cards[0].text_shown()


def test_an_adult_gets_srq20_in_the_default_set(
    open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input(birth_date=date(1980, 1, 1)))
    assert "srq20" in dialog.form.panels and not dialog.form.add_buttons


def test_tabs_badges_and_alt_shortcuts_come_from_the_registry(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    for spec in sections():
        assert panel_class(spec.code) is not None, spec.code
    person = make_person_input(birth_date=date(1970, 5, 5))
    _window, dialog = open_visit_dialog(person)
    form = dialog.form
    subject = Subject(sex=person.sex, birth_date=person.birth_date)
    offered = offered_sections(subject, date.today())
    assert list(form.summary_badges) == list(offered)
    titles = [
        " · ".join(labels.section_title(s.code) for s in specs if s.code in offered)
        for _group, specs in groups()
        if any(s.code in offered for s in specs)
    ]
    assert [form.tabs.tabText(i) for i in range(form.tabs.count())] == [
        f"{n} {title}" for n, title in enumerate(titles, start=1)
    ]
    assert form.tabs.tabText(0) == "1 IMT · Lingkar perut"

    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    assert dialog.focusWidget() is form.panels["bmi"].weight_field.edit
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert form.tabs.currentIndex() == 1
    assert dialog.focusWidget() is form.panels["blood_pressure"].readings[0][0].edit


def test_the_form_decides_nothing_about_age_or_sex(qtbot: QtBot) -> None:
    settings = RuleSettings()
    elder = VisitForm(
        subject=Subject(sex="L", birth_date=date(1950, 1, 1)),
        measured_on=date(2026, 3, 1),
        settings=settings,
    )
    qtbot.addWidget(elder)
    tb = elder.panels["tb"]
    assert "age_over_65" not in tb.risks.boxes and "pregnancy" not in tb.risks.boxes
    assert tb.from_record is not None
    assert tb.from_record.text() == "Dari data warga: usia di atas 65 tahun"

    unknown_sex = VisitForm(
        subject=Subject(sex="", birth_date=date(1980, 1, 1)),
        measured_on=date(2026, 3, 1),
        settings=settings,
    )
    qtbot.addWidget(unknown_sex)
    waist = unknown_sex.panels["waist"]
    waist.waist.set_text("95")
    assert "Jenis kelamin: pilihan tidak dikenal" in waist.message.text()
    assert "Obesitas" not in unknown_sex.result_views["waist"].all_text()

    # An 8-year-old gets the sections the rules offer at her age (LIFECYCLE_RULES §i), no more.
    girl = Subject(sex="P", birth_date=date(2018, 1, 1))
    child = VisitForm(subject=girl, measured_on=date(2026, 3, 1), settings=settings)
    qtbot.addWidget(child)
    assert set(child.panels) == set(offered_sections(girl, date(2026, 3, 1)))
    assert set(child.panels) == {"imt_u", "tensi_anak"} and child.nothing_offered.isHidden()
    # A measurement date before the birth date offers nothing, and says so.
    unborn = VisitForm(
        subject=Subject(sex="P", birth_date=date(2026, 3, 2)),
        measured_on=date(2026, 3, 1),
        settings=settings,
    )
    qtbot.addWidget(unborn)
    assert unborn.panels == {} and not unborn.nothing_offered.isHidden()
    assert tb_for_younger_adult_has_no_derived_line()
    assert unborn.save_blocker()


def tb_for_younger_adult_has_no_derived_line() -> bool:
    form = VisitForm(
        subject=Subject(sex="P", birth_date=date(1990, 1, 1)),
        measured_on=date(2026, 3, 1),
        settings=RuleSettings(),
    )
    found = form.panels["tb"].from_record is None
    form.deleteLater()
    return found


@pytest.fixture
def english(qapp) -> Iterator[None]:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTranslator

    from kader_app.app import RESOURCES

    translator = QTranslator()
    assert translator.load(str(RESOURCES / "translations" / "kader_app_en.qm"))
    qapp.installTranslator(translator)
    labels.set_language("en")
    yield
    labels.set_language("id")
    qapp.removeTranslator(translator)


def test_english_mode_shows_english_words_for_classes(
    qtbot: QtBot,
    english: None,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    window, dialog = open_visit_dialog(make_person_input(), language="en")
    form = dialog.form
    assert form.banner.text() == "No result yet"
    assert form.tabs.tabText(1) == "2 Blood pressure"
    systolic, diastolic = form.panels["blood_pressure"].readings[0]
    type_into(qtbot, systolic, "150")
    type_into(qtbot, diastolic, "95")
    assert "Grade 1 hypertension — Refer to the Puskesmas" in (
        form.result_views["blood_pressure"].all_text()
    )
    assert form.summary_badges["blood_pressure"].text() == "Blood pressure: Grade 1 hypertension"
    assert form.banner.text() == "Screening result: Refer to the Puskesmas"
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        dialog.save_button.click()
    assert "Blood pressure 150/95 mmHg — Grade 1 hypertension" in (
        window.panel.cards[0].text_shown()
    )


def test_typing_150_tab_95_fills_systolic_then_diastolic(
    qtbot: QtBot, open_visit_dialog: OpenDialog, make_person_input: Callable[..., PersonInput]
) -> None:
    _window, dialog = open_visit_dialog(make_person_input())
    form = dialog.form
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    for key in ("1", "5", "0"):
        qtbot.keyClick(dialog.focusWidget(), key)
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
    for key in ("9", "5"):
        qtbot.keyClick(dialog.focusWidget(), key)
    systolic, diastolic = form.panels["blood_pressure"].readings[0]
    assert (systolic.text(), diastolic.text()) == ("150", "95")
    assert form.summary_badges["blood_pressure"].text() == "Tensi: Hipertensi derajat 1"
