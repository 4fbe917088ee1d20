"""The monthly report's S-K-D-N and SPM coverage, from a register built through its own API."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from coverage_register import MARCH, seed_posyandu
from openpyxl import load_workbook

from kader_app.core.register import Register
from kader_app.core.report import MonthlyReport, build_report
from kader_app.core.report_document import report_document, write_xlsx


@pytest.fixture
def posyandu(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> Register:
    return seed_posyandu(register, make_person_input, make_visit_input)


def report_of(register: Register, **more: Any) -> MonthlyReport:
    return build_report(register.database.engine, month=MARCH, posyandu="Melati", **more)


def table(report: MonthlyReport, key: str) -> list[tuple[Any, ...]]:
    found = next(t for t in report_document(report).tables if t.key == key)
    return list(found.rows)


def test_skdn_counts_the_months_weighing(posyandu: Register) -> None:
    report = report_of(posyandu)
    assert report.coverage is not None
    f = report.coverage.skdn
    assert (f.s, f.k, f.d, f.n, f.t, f.two_t, f.bgm, f.b) == (4, 2, 3, 1, 1, 0, 1, 1)
    rows = table(report, "skdn")
    assert rows[0] == ("S: semua balita", 4, "")
    assert rows[2] == ("D: ditimbang bulan ini", 3, "D/S 75,0%")
    assert rows[3] == ("N: berat badan naik", 1, "N/D 33,3%")
    assert ("BGM: di bawah garis merah", 1, "") in rows


def test_spm_lines_say_served_of_sasaran_and_where_the_sasaran_comes_from(
    posyandu: Register,
) -> None:
    rows = {row[0]: row[1:] for row in table(report_of(posyandu), "spm")}
    assert rows["Usia produktif mendapat skrining kesehatan (tahun ini)"] == (
        "Usia produktif (15–59 tahun)",
        1,
        3,
        "33,3%",
        "dari register",
    )
    assert rows["Lansia mendapat skrining kesehatan (tahun ini)"][1:4] == (1, 2, "50,0%")
    assert rows["Ibu hamil dilayani di Posyandu (bulan ini)"][1:3] == (0, 1)
    assert rows["Balita ditimbang (D/S, bulan ini)"][1:3] == (3, 4)
    assert rows["Penderita hipertensi dipantau tensinya (bulan ini)"][1:4] == (1, 1, "100,0%")

    estimated = {
        row[0]: row[1:] for row in table(report_of(posyandu, estimates={"lansia": 10}), "spm")
    }
    assert estimated["Lansia mendapat skrining kesehatan (tahun ini)"][1:] == (
        1,
        10,
        "10,0%",
        "perkiraan Puskesmas",
    )


def test_the_xlsx_holds_the_skdn_and_spm_numbers(posyandu: Register, tmp_path: Path) -> None:
    path = tmp_path / "maret.xlsx"
    write_xlsx(report_of(posyandu), path)
    rows = [r for r in load_workbook(path).active.iter_rows(values_only=True)]
    assert "S-K-D-N: penimbangan balita, Posyandu Melati" in [r[0] for r in rows]
    assert ("D: ditimbang bulan ini", 3, "D/S 75,0%") in [r[:3] for r in rows]
    assert ("Balita ditimbang (D/S, bulan ini)", "Balita (0–59 bulan)", 3, 4, "75,0%") in [
        r[:5] for r in rows
    ]


def test_in_english_the_tables_are_english(posyandu: Register) -> None:
    doc = report_document(report_of(posyandu), "en")
    spm = next(t for t in doc.tables if t.key == "spm")
    assert spm.header == ("SPM indicator", "Target group", "Served", "Target", "%", "Target from")
    assert ("Older people screened (this year)", "Older people (60 years and over)", 1, 2) in [
        r[:4] for r in spm.rows
    ]
