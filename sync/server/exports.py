"""Visit exports for the Puskesmas: one row per current visit, columns read through the registry.

For every section asked in the exported visits: its state, its measures (as its own ``measures``
report them, whatever the person's age) and its class; so a new section needs nothing here.
Words come from `screening.words`. Pure: built from loaded rows; the writers are in
`spreadsheets`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from screening.rules.common import Level, RuleInputError
from screening.rules.registry import section, section_codes
from screening.rules.section import SectionState
from screening.rules.visit import parse_inputs
from screening.words import (
    class_text,
    field_text,
    item_text,
    level_text,
    place_text,
    section_title,
    section_words,
    sex_text,
    state_text,
)
from sync.server.aggregates.facts import VisitFact
from sync.server.sections import CompleteSection, plain_number, readable_sections
from sync.server.spreadsheet_data import FollowUpRow, Resident

Kind = Literal["text", "id", "number"]

# Measure keys several sections report that their words do not name as an input field.
MEASURE_LABELS = {
    "bmi": "IMT",
    "height_cm": "Tinggi badan",
    "wfa_z": "Z-skor BB/U",
    "lhfa_z": "Z-skor PB/U atau TB/U",
    "wflh_z": "Z-skor BB/PB atau BB/TB",
    "bmi_z": "Z-skor IMT/U",
    "hc_z": "Z-skor LK/U",
    "score": "Skor",
}
NOT_FOLLOWED = "Belum ditindaklanjuti"
CLOCK_AHEAD = "Jam laptop di depan waktu ekspor"


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    title: str
    kind: Kind = "text"


@dataclass(frozen=True, slots=True)
class Table:
    columns: tuple[Column, ...]
    rows: tuple[Mapping[str, Any], ...]


HEAD = (
    Column("tanggal", "Tanggal periksa"),
    Column("waktu_lokal", "Waktu periksa (lokal)"),
    Column("waktu_utc", "Waktu periksa (UTC)"),
    Column("catatan_waktu", "Catatan waktu"),
    Column("desa", "Desa/wilayah"),
    Column("posyandu", "Posyandu"),
    Column("tempat", "Tempat"),
    Column("dicatat_oleh", "Dicatat oleh"),
    Column("nama", "Nama"),
    Column("nik", "NIK", "id"),
    Column("no_kk", "No. KK", "id"),
    Column("jenis_kelamin", "Jenis kelamin"),
    Column("tanggal_lahir", "Tanggal lahir"),
    Column("dusun", "Dusun"),
    Column("rt", "RT", "id"),
    Column("rw", "RW", "id"),
)
TAIL = (
    Column("tindak_lanjut", "Tindak lanjut (hasil skrining)"),
    Column("tindak_lanjut_puskesmas", "Tindak lanjut Puskesmas"),
    Column("tanggal_tindak_lanjut", "Tanggal tindak lanjut"),
    Column("versi_aturan", "Versi aturan"),
    Column("versi_kunjungan", "Versi kunjungan", "number"),
    Column("id_kunjungan", "ID kunjungan"),
    Column("id_warga", "ID warga"),
)


def in_period(
    visits: Sequence[VisitFact], *, start: date, end: date, area: str | None = None
) -> list[VisitFact]:
    """Visits measured (local date) from `start` to `end` inclusive, of one area or all."""
    return [
        v for v in visits if start <= v.measured_at.date() <= end and (not area or v.area == area)
    ]


def measure_label(code: str, key: str) -> str:
    words = section_words(code)
    if (words is None or key not in words.fields) and key in MEASURE_LABELS:
        return MEASURE_LABELS[key]
    return field_text(code, key)


def _cell(code: str, value: object) -> tuple[object, Kind]:
    number = plain_number(value)
    if isinstance(number, bool):
        return ("ya" if number else "tidak"), "text"
    if isinstance(number, int | float):
        return number, "number"
    if isinstance(number, str) and section_words(code) and number in section_words(code).items:  # type: ignore[union-attr]
        return item_text(code, number), "text"
    return number, "text"


def _follow_up(visit: VisitFact, follow_ups: Mapping[str, FollowUpRow]) -> FollowUpRow | None:
    found = [follow_ups[i] for i in visit.ids if i in follow_ups]
    return max(found, key=lambda f: f.recorded_at) if found else None


def _numbers(
    value: object, path: tuple[str | int, ...] = ()
) -> list[tuple[tuple[str | int, ...], object]]:
    """The numbers in typed inputs, by path (``readings``, 1, ``systolic``); flags left out."""
    if isinstance(value, Mapping):
        return [n for k, v in value.items() for n in _numbers(v, (*path, str(k)))]
    if isinstance(value, list | tuple):
        return [n for i, v in enumerate(value, start=1) for n in _numbers(v, (*path, i))]
    number = plain_number(value)
    if isinstance(number, int | float) and not isinstance(number, bool):
        return [(path, number)]
    return []


def _raw_cells(code: str, stored_inputs: Mapping[str, Any]) -> list[tuple[Column, object]]:
    """An asked section that is not complete: the numbers as typed, whatever the age."""
    try:
        typed = parse_inputs(code, stored_inputs).model_dump()
    except (RuleInputError, LookupError, TypeError, ValueError):
        return []
    out = []
    for path, number in _numbers(typed):
        names = [p for p in path if isinstance(p, str)]
        index = next((p for p in reversed(path) if isinstance(p, int)), None)
        label = field_text(code, names[-1], index) if names else code
        key = f"{code}.isian." + ".".join(str(p) for p in path)
        out.append((Column(key, f"{section_title(code)}: {label} (isian)", "number"), number))
    return out


def _section_cells(
    visit: VisitFact, done: Mapping[str, CompleteSection], columns: dict[str, Column]
) -> dict[str, Any]:
    row: dict[str, Any] = {}
    assert visit.payload is not None
    for code in visit.payload.sections:
        stored = visit.payload.sections[code]
        row[f"{code}.state"] = state_text(SectionState(stored.state))
        columns.setdefault(
            f"{code}.state", Column(f"{code}.state", f"Status {section_title(code)}")
        )
        complete = done.get(code)
        if complete is None:
            for column, number in _raw_cells(code, stored.inputs):
                columns.setdefault(column.key, column)
                row[column.key] = number
            continue
        cells: list[tuple[str, object, str]] = [
            (key, m.value, m.unit) for key, m in complete.measures.items()
        ]
        # Derived numbers the result shows beside the class (the SRQ-20 score) that no measure
        # reports already.
        cells += [
            (key, value, "")
            for key, value in complete.result.values.items()
            if key not in complete.measures
            and isinstance(plain_number(value), int | float)
            and not isinstance(value, bool)
        ]
        for key, raw, unit_code in cells:
            value, kind = _cell(code, raw)
            unit = f" ({unit_code})" if unit_code and not unit_code.startswith("{") else ""
            title = f"{section_title(code)}: {measure_label(code, key)}{unit}"
            columns.setdefault(f"{code}.{key}", Column(f"{code}.{key}", title, kind))
            row[f"{code}.{key}"] = value
        row[f"{code}.class"] = class_text(code, complete.result.code)
        columns.setdefault(f"{code}.class", Column(f"{code}.class", f"Hasil {section_title(code)}"))
    return row


def _order(key: str) -> tuple[int, int]:
    code, _, part = key.partition(".")
    rank = {"state": 0, "class": 2}.get(part, 1)
    return (section(code).order if code in section_codes() else 999, rank)


def visit_table(
    *,
    visits: Sequence[VisitFact],
    people: Mapping[str, Resident],
    follow_ups: Mapping[str, FollowUpRow],
    now: datetime,
) -> Table:
    """One row per screened, non-voided visit; columns for every section the visits asked."""
    columns: dict[str, Column] = {}
    rows: list[dict[str, Any]] = []
    for visit in visits:
        if visit.payload is None or not visit.screened or visit.voided:
            continue
        person = people.get(visit.person_id)
        follow_up = _follow_up(visit, follow_ups)
        refer = visit.level is not None and Level(visit.level) in (Level.REFER, Level.URGENT)
        row: dict[str, Any] = {
            "tanggal": visit.measured_at.date().isoformat(),
            "waktu_lokal": visit.measured_at.replace(microsecond=0).isoformat(),
            "waktu_utc": visit.measured_utc.replace(microsecond=0).isoformat(),
            "catatan_waktu": CLOCK_AHEAD if visit.measured_utc > now else "",
            "desa": visit.area,
            "posyandu": visit.posyandu,
            "tempat": place_text(visit.payload.place),
            "dicatat_oleh": visit.payload.recorded_by,
            "nama": person.name if person else "",
            "nik": (person.nik or "") if person else "",
            "no_kk": (person.kk or "") if person else "",
            "jenis_kelamin": sex_text(person.sex) if person else "",
            "tanggal_lahir": person.birth_date.isoformat() if person else "",
            "dusun": person.dusun if person else "",
            "rt": person.rt if person else "",
            "rw": person.rw if person else "",
            "tindak_lanjut": level_text(visit.level),
            "tindak_lanjut_puskesmas": follow_up.outcome
            if follow_up
            else (NOT_FOLLOWED if refer else ""),
            "tanggal_tindak_lanjut": follow_up.recorded_at.date().isoformat() if follow_up else "",
            "versi_aturan": visit.rules_version,
            "versi_kunjungan": visit.version,
            "id_kunjungan": visit.key,
            "id_warga": visit.person_id,
        }
        row.update(_section_cells(visit, readable_sections(visit.payload), columns))
        rows.append(row)
    middle = sorted(columns.values(), key=lambda c: _order(c.key))
    # A section some visits asked and this one did not: say so rather than leave it blank.
    not_asked = state_text(SectionState.NOT_ASKED)
    for row in rows:
        for column in middle:
            if column.key.endswith(".state"):
                row.setdefault(column.key, not_asked)
    return Table(columns=(*HEAD, *middle, *TAIL), rows=tuple(rows))
