"""Spreadsheet exports through the dashboard of the real server: the XLSX by default, and a CSV
that LibreOffice (run for real, headless) opens with every NIK digit and decimal intact.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import uuid
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import pytest
from dashboard_site import add_staff, logged_in_client
from openpyxl import load_workbook
from payloads import bmi, bp, glucose, item, person_payload, visit_payload
from server_api import push, statuses
from server_process import ServerProcess, enroll_on

from screening.rules.section import Subject
from sync.server import store

WIB = timezone(timedelta(hours=7))
# A NIK whose 16 digits a spreadsheet number would round (…0285 → …0290).
NIK = "3404044202580285"
KK = "3404040000010001"


@pytest.fixture
def village(server: ServerProcess) -> dict[str, Any]:
    """A desa with Sri (NIK and KK), a formula-like name, and visits of March 2025."""
    area = f"Desa {uuid.uuid4().hex[:6]}"
    device = enroll_on(server, posyandu="Posyandu Mawar", area=area)
    sri, tricky = str(uuid.uuid4()), str(uuid.uuid4())
    subject = Subject(sex="P", birth_date=datetime(1958, 2, 2).date())
    fasting = visit_payload(
        person_id=sri,
        measured_at=datetime(2025, 3, 10, 9, 15, tzinfo=WIB),
        sections={
            "blood_pressure": bp((165, 102)),
            "glucose": glucose("130", kind="puasa"),
            "bmi": bmi("73.8", "150.5"),
        },
        subject=subject,
    )
    child = visit_payload(
        person_id=tricky,
        measured_at=datetime(2025, 3, 11, 9, 0, tzinfo=WIB),
        sections={"blood_pressure": bp((118, 76))},
        subject=subject,
    )
    answer = push(
        device,
        [
            item(
                person_payload(
                    person_id=sri, name="Sri Wahyuni", nik=NIK, kk=KK, birth_date=subject.birth_date
                )
            ),
            item(person_payload(person_id=tricky, name='=HYPERLINK("http://x","klik")')),
            item(fasting),
            item(child),
        ],
    )
    assert set(statuses(answer)) == {"accepted"}
    with server.session() as session:
        store.add_follow_up(
            session=session,
            area=area,
            outcome="Sudah datang ke Puskesmas/Pustu",
            person_id=sri,
            visit_id=fasting["id"],
            recorded_at=datetime(2025, 3, 14, 2, 0, tzinfo=UTC),
            now=datetime.now(UTC),
        )
    return {"area": area, "fasting": fasting}


def download(server: ServerProcess, area: str, **params: str) -> Any:
    with logged_in_client(server, add_staff(server)) as client:
        return client.get(
            "/dashboard/ekspor/unduh",
            params={"dari": "2025-03-01", "sampai": "2025-03-31", "desa": area, **params},
        )


def test_the_xlsx_is_the_default_with_text_ids_and_section_columns(
    server: ServerProcess, village: dict[str, Any]
) -> None:
    answer = download(server, village["area"])

    assert answer.headers["content-disposition"].endswith('.xlsx"')
    sheet = load_workbook(io.BytesIO(answer.content)).active
    header, *rows = list(sheet.iter_rows())
    titles = [c.value for c in header]
    by_name = {
        r[titles.index("Nama")].value: {t: c for t, c in zip(titles, r, strict=True)} for r in rows
    }
    sri = by_name["Sri Wahyuni"]
    assert (sri["NIK"].value, sri["NIK"].data_type) == (NIK, "s")
    assert (sri["No. KK"].value, sri["No. KK"].data_type) == (KK, "s")
    assert sri["Gula darah: Jenis pemeriksaan (sewaktu/puasa)"].value == "puasa"
    assert sri["Gula darah: Gula darah (mg/dL)"].value == 130
    assert sri["IMT: Berat badan (kg)"].value == 73.8
    assert sri["Status Gula darah"].value == "Lengkap"
    assert sri["Hasil Tensi"].value == "Hipertensi derajat 2"
    assert sri["Tindak lanjut Puskesmas"].value == "Sudah datang ke Puskesmas/Pustu"
    assert sri["Tanggal tindak lanjut"].value == "2025-03-14"
    assert sri["Dicatat oleh"].value == "Kader Uji"
    # The other visit did not ask for glucose: its state says so.
    tricky = by_name['=HYPERLINK("http://x","klik")']
    assert tricky["Status Gula darah"].value == "Tidak ditanyakan"
    # The formula-like name is a text cell, shown as typed, never run.
    assert tricky["Nama"].data_type == "s" and tricky["Nama"].quotePrefix


def _libreoffice() -> str:
    found = shutil.which("libreoffice") or shutil.which("soffice")
    assert found, "LibreOffice is a test package (scripts/dev TEST_PACKAGES)"
    return found


def test_the_csv_opens_in_libreoffice_with_every_nik_digit(
    server: ServerProcess, village: dict[str, Any], tmp_path: Path
) -> None:
    answer = download(server, village["area"], format="csv")
    data = answer.content
    assert data.startswith(b"\xef\xbb\xbf") and answer.headers["content-disposition"].endswith(
        '.csv"'
    )
    raw = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    header = raw[0]
    sri_raw = next(r for r in raw if "Sri Wahyuni" in r)
    assert sri_raw[header.index("IMT: Berat badan (kg)")] == "73,8"

    source = tmp_path / "kunjungan.csv"
    source.write_bytes(data)
    # As an Indonesian user opens it: ";" separated, UTF-8, language Indonesian (1057).
    done = subprocess.run(
        [
            _libreoffice(),
            "--headless",
            f"-env:UserInstallation=file://{tmp_path / 'profil'}",
            "--infilter=CSV:59,34,76,1,,1057",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(tmp_path / "keluar"),
            str(source),
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "HOME": str(tmp_path)},
        check=False,
    )
    assert done.returncode == 0, done.stderr
    opened = load_workbook(tmp_path / "keluar" / "kunjungan.xlsx", data_only=True).active
    header_row, *rows = list(opened.iter_rows(values_only=True))
    titles = list(header_row)
    by_name = {r[titles.index("Nama")]: dict(zip(titles, r, strict=True)) for r in rows}
    sri = by_name["Sri Wahyuni"]
    assert sri["NIK"] == NIK and sri["No. KK"] == KK
    # The decimal comma is read as a number in an Indonesian spreadsheet.
    assert sri["IMT: Berat badan (kg)"] == pytest.approx(73.8)
    assert sri["Tensi: Sistolik (atas) (mm[Hg])"] == 165
    # The formula-like name stays text (with its guard), never a hyperlink or a result.
    assert '=HYPERLINK("http://x","klik")' in next(n for n in by_name if "HYPERLINK" in str(n))
