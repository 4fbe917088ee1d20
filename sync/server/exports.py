"""Visit exports for the Puskesmas: one row per current visit, as CSV (UTF-8) or XLSX (openpyxl).

Pure: built from loaded facts, returned as bytes; nothing is written to disk or logged here.
Cells that a spreadsheet would run as a formula are quoted (CSV injection).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import date
from typing import Any

# openpyxl ships no type hints and types-openpyxl is not in the lock.
from openpyxl import Workbook  # type: ignore[import-untyped]
from openpyxl.styles import Font  # type: ignore[import-untyped]
from openpyxl.utils import get_column_letter  # type: ignore[import-untyped]

from sync.server.aggregates import PersonFact, VisitFact
from sync.server.dashboard.labels import LEVEL_TEXT, SEX_TEXT, class_text

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
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def in_period(
    visits: Sequence[VisitFact], *, start: date, end: date, area: str | None = None
) -> list[VisitFact]:
    """Visits measured (local date) from `start` to `end` inclusive, of one area or all."""
    return [
        v for v in visits if start <= v.measured_at.date() <= end and (not area or v.area == area)
    ]


def _value(section: Any, key: str) -> Any:
    return None if section is None else section.values.get(key)


def _class(visit: VisitFact, section: str) -> str:
    found = visit.sections.get(section)
    return "" if found is None else class_text(section, found.code)


def visit_rows(
    *, visits: Sequence[VisitFact], people: Sequence[PersonFact]
) -> list[dict[str, Any]]:
    """One dict per visit, keyed by the `COLUMNS` keys; empty where a section was skipped."""
    by_id = {p.id: p for p in people}
    rows = []
    for visit in visits:
        person = by_id.get(visit.person_id)
        body = visit.inputs.get("anthropometry") or {}
        bp = visit.sections.get("blood_pressure")
        glucose = visit.sections.get("glucose")
        glucose_value = _value(glucose, "meter") or _value(glucose, "value")
        rows.append(
            {
                "tanggal": visit.measured_at.date().isoformat(),
                "waktu_lokal": visit.measured_at.replace(microsecond=0).isoformat(),
                "waktu_utc": visit.measured_utc.replace(microsecond=0).isoformat(),
                "desa": visit.area,
                "posyandu": visit.posyandu,
                "nama": person.name if person else "",
                "nik": (person.nik or "") if person else "",
                "jenis_kelamin": SEX_TEXT.get(person.sex or "", "") if person else "",
                "tanggal_lahir": person.birth_date.isoformat()
                if person and person.birth_date
                else "",
                "sistolik": _value(bp, "systolic"),
                "diastolik": _value(bp, "diastolic"),
                "tensi": _class(visit, "blood_pressure"),
                "gula_darah": glucose_value,
                "hasil_gula": _class(visit, "glucose"),
                "berat": body.get("weight_kg") if isinstance(body, dict) else None,
                "tinggi": body.get("height_cm") if isinstance(body, dict) else None,
                "imt": _value(visit.sections.get("bmi"), "bmi"),
                "hasil_imt": _class(visit, "bmi"),
                "lingkar_perut": body.get("waist_cm") if isinstance(body, dict) else None,
                "hasil_lingkar_perut": _class(visit, "waist"),
                "hasil_tbc": _class(visit, "tb"),
                "skor_srq20": _value(visit.sections.get("srq20"), "score"),
                "hasil_srq20": _class(visit, "srq20"),
                "tindak_lanjut": LEVEL_TEXT.get(visit.level, visit.level),
                "versi_aturan": visit.rules_version,
                "id_kunjungan": visit.key,
                "id_warga": visit.person_id,
            }
        )
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
