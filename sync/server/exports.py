"""Visit exports for the Puskesmas: one row per current visit, as CSV (UTF-8) or XLSX (openpyxl).

Pure: built from loaded facts, returned as bytes; nothing is written to disk or logged here.
Values and classes come from the visit's complete sections only (a section not asked or not
finished is blank), words from `kader_app.core.words`. Cells a spreadsheet would run as a
formula are quoted (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

# openpyxl ships no type hints and types-openpyxl is not in the lock.
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from kader_app.core.words import class_text, level_text, sex_text
from sync.server.aggregates.facts import PersonFact, VisitFact
from sync.server.sections import CompleteSection, plain_number, readable_sections

COLUMNS: tuple[tuple[str, str], ...] = (
    ("tanggal", "Tanggal periksa"),
    ("waktu_lokal", "Waktu periksa (lokal)"),
    ("waktu_utc", "Waktu periksa (UTC)"),
    ("desa", "Desa/wilayah"),
    ("posyandu", "Posyandu"),
    ("nama", "Nama"),
    ("nik", "NIK"),
    ("jenis_kelamin", "Jenis kelamin"),
    ("tanggal_lahir", "Tanggal lahir"),
    ("sistolik", "Sistolik (mmHg)"),
    ("diastolik", "Diastolik (mmHg)"),
    ("tensi", "Hasil tensi"),
    ("gula_darah", "Gula darah (mg/dL)"),
    ("hasil_gula", "Hasil gula darah"),
    ("berat", "Berat (kg)"),
    ("tinggi", "Tinggi (cm)"),
    ("imt", "IMT"),
    ("hasil_imt", "Hasil IMT"),
    ("lingkar_perut", "Lingkar perut (cm)"),
    ("hasil_lingkar_perut", "Hasil lingkar perut"),
    ("hasil_tbc", "Hasil skrining TBC"),
    ("skor_srq20", "Skor SRQ-20"),
    ("hasil_srq20", "Hasil SRQ-20"),
    ("tindak_lanjut", "Tindak lanjut"),
    ("versi_aturan", "Versi aturan"),
    ("id_kunjungan", "ID kunjungan"),
    ("id_warga", "ID warga"),
)
# Column → (section, measure key) for the measured values.
MEASURE_COLUMNS: dict[str, tuple[str, str]] = {
    "sistolik": ("blood_pressure", "systolic"),
    "diastolik": ("blood_pressure", "diastolic"),
    "gula_darah": ("glucose", "value"),
    "berat": ("bmi", "weight_kg"),
    "tinggi": ("bmi", "height_cm"),
    "imt": ("bmi", "bmi"),
    "lingkar_perut": ("waist", "waist_cm"),
}
# Column → section for the classes.
CLASS_COLUMNS: dict[str, str] = {
    "tensi": "blood_pressure",
    "hasil_gula": "glucose",
    "hasil_imt": "bmi",
    "hasil_lingkar_perut": "waist",
    "hasil_tbc": "tb",
    "hasil_srq20": "srq20",
}
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def in_period(
    visits: Sequence[VisitFact], *, start: date, end: date, area: str | None = None
) -> list[VisitFact]:
    """Visits measured (local date) from `start` to `end` inclusive, of one area or all."""
    return [
        v for v in visits if start <= v.measured_at.date() <= end and (not area or v.area == area)
    ]


def _measure(sections: Mapping[str, CompleteSection], section: str, key: str) -> Any:
    found = sections.get(section)
    measure = None if found is None else found.measures.get(key)
    return None if measure is None else plain_number(measure.value)


def _class(sections: Mapping[str, CompleteSection], section: str) -> str:
    found = sections.get(section)
    return "" if found is None else class_text(section, found.result.code)


def _srq20_score(sections: Mapping[str, CompleteSection]) -> Any:
    found = sections.get("srq20")
    return None if found is None else plain_number(found.result.values.get("score"))


def visit_rows(
    *, visits: Sequence[VisitFact], people: Sequence[PersonFact]
) -> list[dict[str, Any]]:
    """One dict per screened visit, keyed by the `COLUMNS` keys; blank where nothing was done.

    A visit with no complete section (an untouched form saved by an old app) is left out.
    """
    by_id = {p.id: p for p in people}
    rows = []
    for visit in visits:
        if visit.payload is None or not visit.screened:
            continue
        sections = readable_sections(visit.payload)
        person = by_id.get(visit.person_id)
        row: dict[str, Any] = {
            "tanggal": visit.measured_at.date().isoformat(),
            "waktu_lokal": visit.measured_at.replace(microsecond=0).isoformat(),
            "waktu_utc": visit.measured_utc.replace(microsecond=0).isoformat(),
            "desa": visit.area,
            "posyandu": visit.posyandu,
            "nama": person.name if person else "",
            "nik": (person.nik or "") if person else "",
            "jenis_kelamin": sex_text(person.sex) if person else "",
            "tanggal_lahir": person.birth_date.isoformat() if person else "",
            "skor_srq20": _srq20_score(sections),
            "tindak_lanjut": level_text(visit.level),
            "versi_aturan": visit.rules_version,
            "id_kunjungan": visit.key,
            "id_warga": visit.person_id,
        }
        for column, (section, key) in MEASURE_COLUMNS.items():
            row[column] = _measure(sections, section, key)
        for column, section in CLASS_COLUMNS.items():
            row[column] = _class(sections, section)
        rows.append(row)
    return rows


def _safe_text(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def to_csv(rows: Sequence[dict[str, Any]]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel on Windows shows the Indonesian text right."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([title for _, title in COLUMNS])
    for row in rows:
        writer.writerow(["" if row[k] is None else _safe_text(row[k]) for k, _ in COLUMNS])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(rows: Sequence[dict[str, Any]], *, title: str = "Kunjungan") -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = title[:31]
    sheet.append([t for _, t in COLUMNS])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append([_safe_text(row[k]) for k, _ in COLUMNS])
    sheet.freeze_panes = "A2"
    for index, (_, header) in enumerate(COLUMNS, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, min(40, len(header) + 2))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
