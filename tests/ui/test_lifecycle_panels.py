"""The life-cycle panels as a kader uses them: a baby weighed month after month, a pregnant
woman, an elderly man, refusals and what the rules ask to check, all on real widgets."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from lifecycle_steps import ON, PEOPLE, make_form, near, next_month
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from visit_steps import answer, tick, type_into

from kader_app.core.models import PersonInput
from kader_app.core.register import Register
from kader_app.ui.kms_chart import POINT_COLOUR
from kader_app.ui.labels import month_title
from kader_app.ui.main_window import MainWindow
from kader_app.ui.visit.dialog import VisitDialog
from kader_app.ui.visit.form import VisitForm
from screening.rules.imunisasi import ImunisasiInput
from screening.rules.section import RuleSettings
from screening.rules.ttd import TtdInput
from screening.rules.visit import VisitInput

OpenDialog = Callable[..., tuple[MainWindow, VisitDialog]]


def _text(form: VisitForm, code: str) -> str:
    return form.result_views[code].all_text()


def _weigh(qtbot: QtBot, form: VisitForm, kg: str) -> None:
    type_into(qtbot, form.panels["antropometri_balita"].weight, kg)


def test_a_baby_weighed_month_after_month_gets_b_then_n_then_t_then_2t(
    qtbot: QtBot,
    register: Register,
    open_visit_dialog: OpenDialog,
    make_person_input: Callable[..., PersonInput],
) -> None:
    today = date.today()
    born = today - timedelta(days=95)
    window, dialog = open_visit_dialog(
        make_person_input(name="Bima Saputra", sex="L", birth_date=born, nik=None)
    )
    _weigh(qtbot, dialog.form, "6,2")
    assert "B (baru pertama ditimbang)" in _text(dialog.form, "tren_bb")
    with qtbot.waitSignal(window.person_shown, timeout=10_000):
        qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    person = window.panel.person
    assert person is not None

    # A month later the new visit starts with last month's weighing, carried by the Register.
    on = next_month(today)
    started = register.visits.start(person_id=person.id, on=on, settings=RuleSettings())
    form = make_form(qtbot, started.subject, on)
    form.set_inputs(started)
    trend = form.panels["tren_bb"]
    assert (
        trend.earlier.text() == f"Penimbangan sebelumnya: {today.day} {month_title(today)}: 6,2 kg"
    )
    assert trend.fields() == ()
    _weigh(qtbot, form, "7,1")
    text = _text(form, "tren_bb")
    assert "N (Naik) — Tidak perlu rujukan" in text
    assert "Naik 900 g sejak bulan lalu" in text
    # The chart plots both weighings and marks them as the rule does.
    chart = trend.chart.curves()
    assert chart is not None
    assert [(p.value, p.mark) for p in chart.points] == [(6.2, "B"), (7.1, "N")]
    frame = trend.chart.frame()
    assert frame is not None
    picture = trend.chart.grab().toImage()
    for point in chart.points:
        at = frame.at(point.month, point.value)
        assert near(picture, at.x() * picture.devicePixelRatio(), at.y(), POINT_COLOUR)

    _weigh(qtbot, form, "6,3")
    text = _text(form, "tren_bb")
    assert "T (Tidak naik) — Rujuk ke Puskesmas" in text
    assert "Berubah 100 g sejak bulan lalu" in text
    assert "BB tidak naik: rujuk ke nakes." in text
    register.visits.record(person_id=person.id, inputs=form.visit_input(), settings=RuleSettings())

    # Not gaining again the month after: 2T, the stronger referral.
    later = next_month(on)
    started = register.visits.start(person_id=person.id, on=later, settings=RuleSettings())
    form = make_form(qtbot, started.subject, later)
    form.set_inputs(started)
    _weigh(qtbot, form, "6,35")
    text = _text(form, "tren_bb")
    assert "2T (dua kali tidak naik)" in text and "2T: rujuk ke Puskesmas." in text
    assert [p.mark for p in form.panels["tren_bb"].chart.curves().points] == ["B", "T", "2T"]


def test_a_pregnant_woman_gets_her_four_items_and_anaemia_instead_of_adult_bmi(
    qtbot: QtBot,
) -> None:
    form = make_form(qtbot, PEOPLE["pregnant"])
    assert {"lila_hamil", "tanda_bahaya_hamil", "ttd", "tensi_hamil", "anemia"} <= set(form.panels)
    assert not {"bmi", "waist", "blood_pressure"} & set(form.panels)
    # Tablets of her earlier visits this pregnancy are carried and shown, not typed again.
    form.set_inputs(VisitInput(subject=PEOPLE["pregnant"], measured_on=ON, sections={
        "ttd": TtdInput(earlier=(30, 30)),
    }))  # fmt: skip
    ttd = form.panels["ttd"]
    assert ttd.earlier.text() == "30 + 30 = 60"
    type_into(qtbot, ttd.given, "30")
    assert "Diberikan 30 tablet; jumlah selama kehamilan ini 90 tablet." in _text(form, "ttd")

    type_into(qtbot, form.panels["lila_hamil"].lila, "22,8")
    assert "Risiko KEK (Kurang Energi Kronis) — Rujuk ke Puskesmas" in _text(form, "lila_hamil")

    signs = form.panels["tanda_bahaya_hamil"]
    assert "Belum diisi" in _text(form, "tanda_bahaya_hamil")
    answer(qtbot, signs.any_sign, yes=False)
    assert "Tidak ada tanda bahaya" in _text(form, "tanda_bahaya_hamil")
    assert not signs.signs.isEnabled()
    answer(qtbot, signs.any_sign, yes=True)
    assert "Belum diisi" in _text(form, "tanda_bahaya_hamil")  # which sign, still to say
    tick(qtbot, signs.signs.boxes["perdarahan"])
    text = _text(form, "tanda_bahaya_hamil")
    assert "Ada tanda bahaya — Hubungi nakes hari ini" in text
    assert "Tanda bahaya: perdarahan dari jalan lahir." in text

    systolic, diastolic = form.panels["tensi_hamil"].readings[0]
    type_into(qtbot, systolic, "145")
    type_into(qtbot, diastolic, "92")
    assert "Hipertensi dalam kehamilan — Rujuk ke Puskesmas" in _text(form, "tensi_hamil")
    assert form.banner.text() == "Hasil skrining: Hubungi nakes hari ini"
    saved = form.visit_input().sections
    assert saved["ttd"] == TtdInput(earlier=(30, 30), given=30)
    assert saved["tanda_bahaya_hamil"].signs == frozenset({"perdarahan"})


def test_an_elderly_man_is_scored_on_adl_and_skilas_by_keys_alone(qtbot: QtBot) -> None:
    form = make_form(qtbot, PEOPLE["elder"])
    adl = form.panels["adl"]
    form.go_to_section("adl")
    assert form.focusWidget() is adl.first_field()
    for digit in "2212233221":
        qtbot.keyClick(form.focusWidget(), getattr(Qt.Key, f"Key_{digit}"))
    assert "Mandiri (A) — Tidak perlu rujukan" in _text(form, "adl")
    assert "Skor ADL 20 dari 20" in _text(form, "adl")
    stairs = adl.scores["stairs"]
    qtbot.keyClick(stairs, Qt.Key.Key_Left)
    assert stairs.value() == "1"
    assert "Ketergantungan ringan (B) — Rujuk ke Puskesmas" in _text(form, "adl")

    skilas = form.panels["skilas"]
    form.go_to_section("skilas")
    for _ in range(6):  # cognition, mobility, weight loss, appetite: tidak
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_T)
    assert form.focusWidget() is skilas.lila.edit
    qtbot.keyClicks(skilas.lila.edit, "24,5")
    qtbot.keyClick(skilas.lila.edit, Qt.Key.Key_Tab)
    qtbot.keyClick(form.focusWidget(), Qt.Key.Key_Y)  # an eye problem
    assert not skilas.answers["finger_count_fail"].isEnabled()
    assert form.focusWidget() is skilas.whisper
    qtbot.keyClick(skilas.whisper, Qt.Key.Key_1)  # heard
    assert skilas.whisper.value() == "heard"
    for _ in range(2):
        qtbot.keyClick(form.focusWidget(), Qt.Key.Key_T)
    text = _text(form, "skilas")
    assert "Penurunan kapasitas intrinsik — Rujuk ke Puskesmas" in text
    assert "Penurunan pada: penglihatan." in text
    qtbot.mouseClick(skilas.answers["eye_problem"].buttons[False], Qt.MouseButton.LeftButton)
    assert "Belum diisi: Tes hitung jari gagal" in _text(form, "skilas")
    answer(qtbot, skilas.answers["finger_count_fail"], yes=False)
    assert "Normal — Tidak perlu rujukan" in _text(form, "skilas")


def test_refusals_are_shown_in_words_beside_their_fields(qtbot: QtBot) -> None:
    form = make_form(qtbot, PEOPLE["baby"])
    growth = form.panels["antropometri_balita"]
    type_into(qtbot, growth.length, "300")
    assert growth.length.message.text() == (
        "✖ Panjang/tinggi badan (PB/TB) di luar batas wajar (35–130 cm)"
    )
    assert "Periksa isian" in _text(form, "antropometri_balita")
    assert form.save_blocker()

    shots = form.panels["imunisasi"]
    type_into(qtbot, shots.dates["bcg"], "31-02-2026")
    assert shots.dates["bcg"].message.text() == "✖ BCG tidak valid"
    type_into(qtbot, shots.dates["bcg"], "01-01-2025")
    assert shots.dates["bcg"].message.text() == "✖ BCG di luar batas wajar"

    pregnant = make_form(qtbot, PEOPLE["pregnant"])
    tablets = pregnant.panels["ttd"]
    type_into(qtbot, tablets.given, "200")
    assert tablets.given.message.text() == (
        "✖ TTD diberikan hari ini (tablet) di luar batas wajar (0–120)"
    )


def test_an_implausible_growth_value_asks_the_kader_to_check_it_before_saving(
    qtbot: QtBot,
) -> None:
    form = make_form(qtbot, PEOPLE["toddler"])
    growth = form.panels["antropometri_balita"]
    assert growth.note.isHidden() and growth.confirm.isHidden()
    _weigh(qtbot, form, "7")
    # Asked first, with the rules' words: no result and no saving until answered.
    assert growth.confirm.isVisibleTo(form)
    reasons = growth.confirm.reasons.text()
    assert "BB/U: z -5,7" in reasons and "sangat jauh dari median" in reasons
    assert "pastikan hasil ukur dan angka yang diketik benar" in reasons
    assert "Sudah diukur ulang dan angkanya benar?" in _text(form, "antropometri_balita")
    assert "Berat badan sangat kurang" not in _text(form, "antropometri_balita")
    assert "Sudah diukur ulang dan angkanya benar?" in form.save_blocker()
    # Tidak: the question stays and the cursor goes back to the weight, to measure again.
    growth.confirm.answer.setFocus()
    qtbot.keyClick(growth.confirm.answer, Qt.Key.Key_T)
    assert growth.confirm.isVisibleTo(form) and growth.confirm.answer.value() is None
    qtbot.waitUntil(growth.weight.edit.hasFocus)  # type: ignore[attr-defined]
    assert form.save_blocker()
    # Ya: the value as typed is kept and classified, the check still framed beside it.
    growth.confirm.answer.setFocus()
    qtbot.keyClick(growth.confirm.answer, Qt.Key.Key_Y)
    assert growth.confirm.isHidden()
    assert "Berat badan sangat kurang" in _text(form, "antropometri_balita")
    assert growth.note.isVisibleTo(form) and "BB/U: z -5,7" in growth.note.text()
    assert form.save_blocker() == ""
    assert form.visit_input().sections["antropometri_balita"].weight_kg == 7  # type: ignore[attr-defined]
    # Another value the rules doubt is asked about again; a plausible one is not.
    _weigh(qtbot, form, "6,5")
    assert growth.confirm.isVisibleTo(form) and form.save_blocker()
    _weigh(qtbot, form, "15")
    assert growth.note.isHidden() and growth.confirm.isHidden()
    assert form.save_blocker() == ""

    # The position has no default: asked once a length is typed, checked against the age.
    baby = make_form(qtbot, PEOPLE["baby"])
    growth = baby.panels["antropometri_balita"]
    assert not growth.position.isEnabled() and growth.position.value() is None
    type_into(qtbot, growth.length, "71,5")
    assert growth.position.isEnabled() and growth.position.value() is None
    assert "Belum diisi: Posisi ukur (terlentang/berdiri)" in _text(baby, "antropometri_balita")
    baby.go_to_section("antropometri_balita")
    growth.position.setFocus()
    qtbot.keyClick(growth.position, Qt.Key.Key_2)  # the second choice: standing
    assert growth.position.value() == "standing"
    assert "Diukur berdiri sebelum usia 24 bulan" in growth.confirm.reasons.text()
    assert growth.confirm.isVisibleTo(baby)
    qtbot.keyClick(growth.position, Qt.Key.Key_Left)
    assert growth.position.value() == "recumbent" and growth.note.isHidden()
    assert growth.confirm.isHidden()

    teen = make_form(qtbot, PEOPLE["teen"])
    bmi = teen.panels["imt_u"]
    type_into(qtbot, bmi.weight_field, "31")
    type_into(qtbot, bmi.height_field, "165")
    assert "sangat jauh dari median: pastikan berat dan tinggi" in bmi.note.text()


def test_doses_and_capsules_given_before_are_shown_and_todays_are_typed(qtbot: QtBot) -> None:
    form = make_form(qtbot, PEOPLE["baby"])
    born = PEOPLE["baby"].birth_date
    assert born is not None
    form.set_inputs(VisitInput(subject=PEOPLE["baby"], measured_on=ON, sections={
        "imunisasi": ImunisasiInput(earlier={"hb0": born, "bcg": born + timedelta(days=2)}),
    }))  # fmt: skip
    shots = form.panels["imunisasi"]
    assert shots.recorded["bcg"].text() == "✓ 03-06-2025"
    assert shots.dates["bcg"].isHidden() and shots.dates["bcg"] not in shots.fields()
    assert "Belum diisi" in _text(form, "imunisasi")
    opv = shots.dates["opv_1"]
    form.go_to_section("imunisasi")
    opv.edit.setFocus()
    qtbot.keyClick(opv.edit, Qt.Key.Key_H)  # today
    assert opv.edit.text() == "10-03-2026"
    saved = form.visit_input().sections["imunisasi"]
    assert saved.given == {"opv_1": ON}
    assert saved.earlier == {"hb0": born, "bcg": born + timedelta(days=2)}
    overdue = next(line for line in _text(form, "imunisasi").split("\n") if "Terlambat" in line)
    assert "dpt-hb-hib" in overdue and "(opv)" not in overdue  # OPV 1 is given today

    vitamin = form.panels["vitamin_a"]
    assert vitamin.earlier.text() == "tidak ada"
    answer(qtbot, vitamin.today, yes=True)
    assert "Sudah diberikan" in _text(form, "vitamin_a")
    assert form.visit_input().sections["vitamin_a"].today is True
