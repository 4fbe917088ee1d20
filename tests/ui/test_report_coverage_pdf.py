"""The printed monthly report carries the S-K-D-N and SPM tables with the register's numbers."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from coverage_register import MARCH, seed_posyandu

from kader_app.core.register import Register
from kader_app.core.report import build_report
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
