from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import date, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from kader_app.core.register import Register
from kader_app.core.report import BySex, MonthlyReport, ReportIdentity, build_report
from kader_app.core.report_document import report_document, report_html, write_xlsx
from screening.rules.blood_pressure import BloodPressureInput
from screening.rules.glucose import GlucoseInput
from screening.rules.section import RuleSettings

WIB = timezone(timedelta(hours=7))
MARCH = date(2025, 3, 1)


def at(day: date, hour: int = 9) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


@pytest.fixture
def march(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> Register:
    """Five residents; March 2025 holds, by hand:

    - Sri (P, 49): 10 Mar hipertensi 1 (refer), 20 Mar optimal → latest tensi optimal, refer.
    - Budi (L, 65): 12 Mar tensi 185/100 (hipertensi 3, urgent) and glucose 250 (curiga).
    - Ani (P, 16): 5 Mar, voided → not counted at all.
    - Joko (L, 39): 15 Mar 150/95 corrected to 120/80 → normal, not referred.
    - Tono (L, 35): 28 Feb → another month.
    """
    settings = RuleSettings()

    def person(name: str, sex: str, born: date) -> str:
        change = register.people.register(make_person_input(name=name, sex=sex, birth_date=born))
        return change.person_id

    def visit(person_id: str, sex: str, born: date, day: date, **overrides: Any) -> str:
        inputs = make_visit_input(sex=sex, birth_date=born, measured_on=day, **overrides)
        change = register.visits.record(
            person_id=person_id, inputs=inputs, settings=settings, measured_at=at(day)
        )
        assert change.visit_id is not None
        return change.visit_id

    sri_born, budi_born, ani_born = date(1975, 8, 17), date(1960, 1, 1), date(2008, 6, 1)
    joko_born, tono_born = date(1985, 5, 5), date(1990, 2, 2)
    sri = person("Sri Wahyuni", "P", sri_born)
    budi = person("Budi Santoso", "L", budi_born)
    ani = person("Ani Lestari", "P", ani_born)
    joko = person("Joko Susilo", "L", joko_born)
    tono = person("Tono Hartono", "L", tono_born)
    high_bp = BloodPressureInput.of((150, 95))
    visit(sri, "P", sri_born, date(2025, 3, 10), blood_pressure=high_bp)
    visit(sri, "P", sri_born, date(2025, 3, 20))
    visit(
        budi,
        "L",
        budi_born,
        date(2025, 3, 12),
        blood_pressure=BloodPressureInput.of((185, 100)),
        glucose=GlucoseInput(value="250", kind="sewaktu"),
    )
    # 16: adult tensi and IMT are not offered (rules 2026.12), the waist is.
    voided = visit(ani, "P", ani_born, date(2025, 3, 5), bmi=None, blood_pressure=None)
    register.visits.void(visit_id=voided, reason="salah orang")
    wrong = visit(joko, "L", joko_born, date(2025, 3, 15), blood_pressure=high_bp)
    register.visits.correct(
        visit_id=wrong,
        inputs=make_visit_input(
            sex="L",
            birth_date=joko_born,
            measured_on=date(2025, 3, 15),
            blood_pressure=BloodPressureInput.of((120, 80)),
        ),
        settings=settings,
    )
    visit(tono, "L", tono_born, date(2025, 2, 28), blood_pressure=high_bp)
    return register


def report_for(register: Register, month: date = MARCH) -> MonthlyReport:
    return build_report(register.database.engine, month=month, posyandu="Mawar", desa="Sukamaju")


def classes(report: MonthlyReport) -> dict[tuple[str, str], BySex]:
    return {(c.section, c.code): c.people for c in report.classes}


def test_people_screened_count_once_by_sex_and_age_group(march: Register) -> None:
    report = report_for(march)

    assert report.visits == 4
    assert report.screened == BySex(male=2, female=1)
    assert dict(report.by_age) == {
        "< 15 tahun": BySex(),
        "15–18 tahun (remaja)": BySex(),
        "19–59 tahun (dewasa)": BySex(male=1, female=1),
        "≥ 60 tahun (lansia)": BySex(male=1, female=0),
    }


def test_each_class_counts_the_latest_current_result_of_each_person(march: Register) -> None:
    got = classes(report_for(march))

    assert got[("blood_pressure", "optimal")] == BySex(female=1)
    assert got[("blood_pressure", "normal")] == BySex(male=1)
    assert got[("blood_pressure", "hipertensi_3")] == BySex(male=1)
    assert ("blood_pressure", "hipertensi_1") not in got
    assert got[("glucose", "normal")] == BySex(male=1, female=1)
    assert got[("glucose", "curiga_diabetes")] == BySex(male=1)
    assert got[("tb", "bukan_terduga")] == BySex(male=2, female=1)


def test_referrals_use_each_persons_highest_level_of_the_month(march: Register) -> None:
    report = report_for(march)

    assert dict(report.referrals) == {"refer": BySex(female=1), "urgent": BySex(male=1)}
    assert [(r.name, r.level, r.age) for r in report.referral_list] == [
        ("Budi Santoso", "urgent", 65),
        ("Sri Wahyuni", "refer", 49),
    ]
    assert "Tensi: Hipertensi derajat 3" in report.referral_list[0].reasons
    assert "Gula darah: Curiga diabetes" in report.referral_list[0].reasons


def test_a_month_without_visits_is_empty_and_the_register_counts_who_was_born_by_its_end(
    march: Register, make_person_input: Callable[..., Any]
) -> None:
    """Registered residents are the register as of the month, not by when records were made.

    All five were typed in today (or pulled from the server today), yet they lived here in
    December 2024; a baby born in 2025 was not on December's register.
    """
    march.people.register(make_person_input(name="Bayi Baru", sex="P", birth_date=date(2025, 1, 5)))
    empty = report_for(march, date(2024, 12, 1))
    this_month = report_for(march, date.today().replace(day=1))

    assert empty.visits == 0 and empty.screened == BySex() and empty.referral_list == ()
    assert empty.registered == BySex(male=3, female=2)
    assert this_month.registered == BySex(male=3, female=3)
    # March: 4 visits by 3 residents, and all 6 on the register: never "0 terdaftar".
    assert report_for(march).registered.total == 6


def test_progress_reaches_the_number_of_visits(march: Register) -> None:
    seen: list[tuple[int, int]] = []
    build_report(march.database.engine, month=MARCH, progress=lambda d, t: seen.append((d, t)))
    assert seen[-1] == (4, 4)


def test_xlsx_holds_the_same_numbers(march: Register, tmp_path: Path) -> None:
    report = report_for(march)
    path = tmp_path / "laporan.xlsx"

    write_xlsx(report, path)

    sheet = load_workbook(path).active
    rows = [tuple(c for c in row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][0] == "Laporan Bulanan Posyandu Mawar · Sukamaju — Maret 2025"
    assert ("Warga diperiksa", 2, 1, 3) in [r[:4] for r in rows]
    assert ("Tensi", "Hipertensi derajat 3", 1, 0, 1) in [r[:5] for r in rows]
    assert ("Hubungi nakes hari ini", 1, 0, 1) in [r[:4] for r in rows]
    names = [r[0] for r in rows]
    assert names.index("Budi Santoso") < names.index("Sri Wahyuni")
    assert "Ani Lestari" not in names


def test_html_escapes_what_was_typed(
    register: Register, make_person_input: Callable[..., Any], make_visit_input: Callable[..., Any]
) -> None:
    born = date(1970, 1, 1)
    pid = register.people.register(
        make_person_input(name="<b>Siti</b> & co", sex="P", birth_date=born)
    ).person_id
    register.visits.record(
        person_id=pid,
        inputs=make_visit_input(
            sex="P",
            birth_date=born,
            measured_on=date(2025, 3, 3),
            blood_pressure=BloodPressureInput.of((190, 120)),
        ),
        settings=RuleSettings(),
        measured_at=at(date(2025, 3, 3)),
    )

    html = report_html(report_for(register))

    assert "&lt;b&gt;Siti&lt;/b&gt; &amp; co" in html
    assert "<b>Siti</b>" not in html


def test_a_visit_with_only_tensi_counts_as_screened_for_tensi_alone(
    register: Register, make_person_input: Callable[..., Any], make_visit_input: Callable[..., Any]
) -> None:
    born = date(1970, 1, 1)
    pid = register.people.register(make_person_input(sex="P", birth_date=born)).person_id
    register.visits.record(
        person_id=pid,
        inputs=make_visit_input(
            birth_date=born,
            measured_on=date(2025, 3, 3),
            only={"blood_pressure": BloodPressureInput.of((128, 82))},
        ),
        settings=RuleSettings(),
        measured_at=at(date(2025, 3, 3)),
    )

    report = report_for(register)

    assert report.screened == BySex(female=1)
    assert dict(report.by_section) == {"blood_pressure": BySex(female=1)}
    assert [(c.section, c.code) for c in report.classes] == [("blood_pressure", "normal")]


def test_visits_saved_before_2026_12_count_only_their_complete_sections(tmp_path: Path) -> None:
    """The schema-2 fixture: an untouched form (only TBC defaults) and an unfinished SRQ-20."""
    fixture = Path(__file__).parents[1] / "fixtures" / "schema_v2"
    shutil.copytree(fixture, tmp_path / "schema_v2")
    register = Register.open(tmp_path / "schema_v2" / "data")
    try:
        march = build_report(register.database.engine, month=date(2025, 3, 1))
        april = build_report(register.database.engine, month=date(2025, 4, 1))
    finally:
        register.close()
    # 11 March 2025: Budi's untouched form was saved as "TBC negative"; it was not asked.
    assert (march.visits, march.screened, march.classes) == (0, BySex(), ())
    # 8 April: Budi's corrected tensi and TBC; Citra (12) was stored without adult classes.
    assert april.screened == BySex(male=1, female=1)
    assert dict(april.by_section) == {
        "blood_pressure": BySex(male=1),
        "tb": BySex(male=1, female=1),
    }
    assert ("srq20", "belum_lengkap") not in {(c.section, c.code) for c in april.classes}


def _referred(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
    *,
    name: str,
    day: date,
    **person: Any,
) -> tuple[str, str]:
    born = date(1970, 1, 1)
    pid = register.people.register(
        make_person_input(name=name, sex="L", birth_date=born, **person)
    ).person_id
    visit = register.visits.record(
        person_id=pid,
        inputs=make_visit_input(
            sex="L",
            birth_date=born,
            measured_on=day,
            only={"blood_pressure": BloodPressureInput.of((150, 95))},
        ),
        settings=RuleSettings(),
        measured_at=at(day),
    ).visit_id
    assert visit is not None
    return pid, visit


def test_two_residents_of_one_name_are_told_apart_by_nik_and_address(
    register: Register, make_person_input: Callable[..., Any], make_visit_input: Callable[..., Any]
) -> None:
    for nik, dusun in (("3201010101700011", "Krajan"), ("3201010101700022", "Sumber")):
        _referred(
            register,
            make_person_input,
            make_visit_input,
            name="Dwi Cahyono",
            day=date(2025, 3, 4),
            nik=nik,
            dusun=dusun,
            rt="003",
            rw="002",
        )
    report = report_for(register)
    (table,) = [t for t in report_document(report).tables if t.key == "referral_list"]

    assert table.header[:5] == ("Nama", "L/P", "Umur", "NIK", "Alamat")
    assert sorted(row[3:5] for row in table.rows) == [
        ("****0011", "Krajan, RT 003/RW 002, Sukamaju"),
        ("****0022", "Sumber, RT 003/RW 002, Sukamaju"),
    ]
    # Only the last four digits leave the laptop on paper.
    assert "3201010101700011" not in report_html(report)


def test_earlier_referrals_show_what_the_puskesmas_answered(
    register: Register, make_person_input: Callable[..., Any], make_visit_input: Callable[..., Any]
) -> None:
    came, came_visit = _referred(
        register, make_person_input, make_visit_input, name="Agus Datang", day=date(2025, 1, 8)
    )
    _referred(
        register, make_person_input, make_visit_input, name="Bowo Belum", day=date(2025, 2, 3)
    )
    _referred(
        register, make_person_input, make_visit_input, name="Cipto Lama", day=date(2024, 11, 3)
    )
    register.sync.store_pulled(
        [],
        [
            {
                "id": "fu-1",
                "person_id": came,
                "visit_id": came_visit,
                "outcome": "Sudah datang ke Puskesmas/Pustu",
                "recorded_at": "2025-01-20T03:00:00+00:00",
            }
        ],
    )
    report = report_for(register)
    (table,) = [t for t in report_document(report).tables if t.key == "earlier_referrals"]

    assert table.title == "Status rujukan 3 bulan sebelumnya (kabar dari Puskesmas)"
    assert [(row[0], row[3], row[5]) for row in table.rows] == [
        ("Bowo Belum", "03/02/2025", "Belum ada kabar"),
        ("Agus Datang", "08/01/2025", "Sudah datang ke Puskesmas/Pustu (20/01/2025)"),
    ]


def test_the_document_starts_with_who_it_is_from_and_ends_with_signatures(
    march: Register,
) -> None:
    identity = ReportIdentity(
        puskesmas="Puskesmas Cibeber", desa="Sukamaju", posyandu="Posyandu Mawar", kader="Sri"
    )
    report = build_report(march.database.engine, month=MARCH, identity=identity)
    doc = report_document(report)

    assert doc.title == "Laporan Bulanan Posyandu Mawar · Sukamaju — Maret 2025"
    assert doc.identity == (
        ("Puskesmas", "Puskesmas Cibeber"),
        ("Desa/Kelurahan", "Sukamaju"),
        ("Posyandu", "Posyandu Mawar"),
        ("Bulan", "Maret 2025"),
        ("Kader", "Sri"),
    )
    assert doc.signatures == (
        ("Kader Posyandu", "Sri"),
        ("Mengetahui, Bidan desa / Petugas Puskesmas", ""),
    )
    english = report_document(report, "en")
    assert english.title == "Monthly report, Posyandu Mawar · Sukamaju — March 2025"
    assert english.tables[0].rows[0][0] == "Registered residents"


def test_a_name_typed_as_a_formula_stays_text_in_the_xlsx(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
    tmp_path: Path,
) -> None:
    typed = [
        '=HYPERLINK("http://contoh.test","klik")',
        "+62 812 3456",
        "-1+1",
        "@SUM(A1:A2)",
    ]
    for number, name in enumerate(typed, start=1):
        _referred(
            register,
            make_person_input,
            make_visit_input,
            name=name,
            day=date(2025, 3, number),
            dusun=name,
        )
    path = tmp_path / "laporan.xlsx"
    write_xlsx(report_for(register), path)

    sheet = load_workbook(path).active
    cells = [cell for row in sheet.iter_rows() for cell in row if cell.value in typed]
    assert {c.value for c in cells} == set(typed)
    assert all(c.data_type == "s" for c in cells)
    import zipfile

    with zipfile.ZipFile(path) as book:
        xml = book.read("xl/worksheets/sheet1.xml").decode()
    assert "<f>" not in xml and "<f " not in xml
