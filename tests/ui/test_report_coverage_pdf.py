"""The printed monthly report carries the S-K-D-N and SPM tables with the register's numbers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from coverage_register import MARCH, seed_posyandu

from kader_app.core.register import Register
from kader_app.core.report import BySex, build_report
from kader_app.ui.report_pdf import write_pdf


@pytest.fixture
def posyandu(
    register: Register,
    make_person_input: Callable[..., Any],
    make_visit_input: Callable[..., Any],
) -> Register:
    return seed_posyandu(register, make_person_input, make_visit_input)


def test_the_pdf_prints_skdn_and_spm_coverage(
    qapp: object, posyandu: Register, tmp_path: Path
) -> None:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the PDF back")
    report = build_report(posyandu.database.engine, month=MARCH, posyandu="Melati")
    path = tmp_path / "laporan.pdf"
    write_pdf(report, path)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    assert "S-K-D-N: penimbangan balita, Posyandu Melati" in lines
    assert "D: ditimbang bulan ini 3 D/S 75,0%" in lines
    assert "N: berat badan naik 1 N/D 33,3%" in lines
    assert "BGM: di bawah garis merah 1" in lines
    assert any(
        line.startswith("Lansia mendapat skrining kesehatan") and "1 2 50,0% dari register" in line
        for line in lines
    ), [line for line in lines if "Lansia" in line]


def pages_of(path: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    return text.split("\f")


def test_the_skdn_table_is_never_split_over_two_pages(
    qapp: object, posyandu: Register, tmp_path: Path
) -> None:
    report = build_report(posyandu.database.engine, month=MARCH, posyandu="Melati")
    moved = 0
    # More and more lines before it, so it falls on every place of a page, its end included.
    for extra in range(0, 40, 2):
        longer = replace(report, by_section=report.by_section + (("bmi", BySex(1, 1)),) * extra)
        path = tmp_path / f"laporan-{extra}.pdf"
        write_pdf(longer, path)
        pages = pages_of(path)
        first = next(i for i, page in enumerate(pages) if "S: semua balita" in page)
        last = next(i for i, page in enumerate(pages) if "B: baru pertama ditimbang" in page)
        assert first == last, f"split with {extra} more lines"
        moved += first > 0 and "S-K-D-N" in pages[first] and "Ringkasan" not in pages[first]
    assert moved > 0  # some of these reports did carry it over to a later page
